/** The facility data the screens read: the directory and a room's busy times. */
import { useQuery } from '@tanstack/react-query';
import type { Facility, FacilityCalendar } from '../../../api/facilities';
import { api } from '../../lib/api';

export const useFacilities = (mall: string, refetchInterval?: number) =>
  useQuery({
    queryKey: ['facilities', mall],
    queryFn: () => api.get<Facility[]>(`/api/malls/${mall}/facilities`),
    ...(refetchInterval ? { refetchInterval } : {}),
  });

export const useRoomCalendar = (mall: string, roomId: string, from: string, to: string) =>
  useQuery({
    queryKey: ['facility-calendar', mall, roomId, from, to],
    queryFn: () =>
      api.get<FacilityCalendar>(
        `/api/malls/${mall}/facilities/${encodeURIComponent(roomId)}/calendar?from=${from}&to=${to}`,
      ),
  });

/** The facility's texts in the screen's language. */
export function localized(f: Facility, lang: string) {
  const en = lang === 'en';
  return {
    name: en ? f.nameEn : f.name,
    description: en ? f.descriptionEn : f.description,
    location: en ? f.locationEn : f.location,
    accessibilityNote: en ? f.accessibilityNoteEn : f.accessibilityNote,
  };
}

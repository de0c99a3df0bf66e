import { useQuery } from '@tanstack/react-query';
import type { SkmPublishedPeriod } from '../../../api/skm';
import { api } from '../../lib/api';

/** The mall's published SKM periods, newest first (public). */
export const usePublished = (mall: string) =>
  useQuery({
    queryKey: ['skm-published', mall],
    queryFn: () => api.get<SkmPublishedPeriod[]>(`/api/malls/${mall}/skm/published`),
  });

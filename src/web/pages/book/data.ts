/** The citizen's reads of online booking: which days a service offers, and a day's slots. */
import { useQuery } from '@tanstack/react-query';
import type { BookingDays, SlotView } from '../../../api/booking';
import { api } from '../../lib/api';

export type { BookingDays };
export type BookingDay = BookingDays['days'][number];

const servicePath = (slug: string, serviceId: string, rest: string) =>
  `/api/malls/${encodeURIComponent(slug)}/services/${encodeURIComponent(serviceId)}/${rest}`;

const daysQuery = (slug: string, serviceId: string) => ({
  queryKey: ['booking-days', slug, serviceId],
  queryFn: () => api.get<BookingDays>(servicePath(slug, serviceId, 'booking-days')),
  staleTime: 60_000,
});

export const useBookingDays = (slug: string, serviceId: string) =>
  useQuery({ ...daysQuery(slug, serviceId), enabled: serviceId !== '' });

/** A day's slots; asked afresh each time the step opens, since places go fast. */
export const useSlots = (slug: string, serviceId: string, date: string) =>
  useQuery({
    queryKey: ['booking-slots', slug, serviceId, date],
    queryFn: () => api.get<SlotView[]>(servicePath(slug, serviceId, `slots?date=${encodeURIComponent(date)}`)),
    enabled: serviceId !== '' && /^\d{4}-\d{2}-\d{2}$/.test(date),
    staleTime: 0,
    refetchInterval: 60_000,
  });

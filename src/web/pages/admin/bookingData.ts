/** The staff's reads of online booking and messages: a service's rules, a day's bookings, slots, channels, outbox. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { ChannelView, OutboxMessage, SlotView, StaffBooking, StoredBookingRules } from '../../../api/booking';
import { api } from '../../lib/api';
import { adminPath, mallPath } from './data';

export type StoredRules = Static<typeof StoredBookingRules>;
export type StaffBookingRow = Static<typeof StaffBooking>;
export type Slot = SlotView;
export type OutboxRow = Static<typeof OutboxMessage>;
export type ChannelRow = Static<typeof ChannelView>;
export type ChannelName = ChannelRow['channel'];
export type OutboxStatus = OutboxRow['status'];

export const CHANNELS: ChannelName[] = ['email', 'whatsapp', 'sms'];

export const rulesPath = (slug: string, serviceId: string) =>
  adminPath(slug, `services/${encodeURIComponent(serviceId)}/booking`);

export const useBookingRules = (slug: string, serviceId: string) =>
  useQuery({
    queryKey: ['booking-rules', slug, serviceId],
    queryFn: () => api.get<StoredRules>(rulesPath(slug, serviceId)),
    enabled: serviceId !== '',
    staleTime: 0,
    retry: false,
  });

export const useBookings = (slug: string, date: string, serviceId: string) =>
  useQuery({
    queryKey: ['bookings', slug, date, serviceId],
    queryFn: () =>
      api.get<StaffBookingRow[]>(
        mallPath(slug, `bookings?${new URLSearchParams({ date, ...(serviceId ? { serviceId } : {}) }).toString()}`),
      ),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(date),
    staleTime: 0,
    refetchInterval: 30_000,
    retry: false,
  });

export const useSlots = (slug: string, serviceId: string, date: string) =>
  useQuery({
    queryKey: ['booking-slots', slug, serviceId, date],
    queryFn: () =>
      api.get<Slot[]>(
        mallPath(slug, `services/${encodeURIComponent(serviceId)}/slots?date=${encodeURIComponent(date)}`),
      ),
    enabled: serviceId !== '' && /^\d{4}-\d{2}-\d{2}$/.test(date),
    staleTime: 0,
    retry: false,
  });

export const useChannels = (slug: string) =>
  useQuery({
    queryKey: ['channels', slug],
    queryFn: () => api.get<ChannelRow[]>(adminPath(slug, 'channels')),
    staleTime: 0,
  });

export const useOutbox = (slug: string, status: OutboxStatus | '') =>
  useQuery({
    queryKey: ['outbox', slug, status],
    queryFn: () => api.get<OutboxRow[]>(mallPath(slug, `outbox${status ? `?status=${status}` : ''}`)),
    staleTime: 0,
    refetchInterval: 15_000,
  });

/** After a booking is made or rules change: the day's lists, the slots and the rules shown. */
export function useBookingRefresh(slug: string) {
  const client = useQueryClient();
  return async () => {
    await Promise.all(
      ['bookings', 'booking-slots', 'booking-rules'].map((key) => client.invalidateQueries({ queryKey: [key, slug] })),
    );
  };
}

/** An eight-digit code as it is read out: "4821 0937". */
export const spacedCode = (code: string) => (/^\d{8}$/.test(code) ? `${code.slice(0, 4)} ${code.slice(4)}` : code);

/** A "HH:MM" clock as the UI language writes it: 09.00 in Indonesian, 09:00 in English. */
export const clockText = (hhmm: string, lang: string) => (lang === 'en' ? hhmm : hhmm.replace(':', '.'));

/** A local date in words: "Jumat, 4 Desember 2026" / "Friday, 4 December 2026". */
export const dayText = (date: string, lang: string) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

/**
 * The mall admin's facilities: the room requests waiting (approve, or reject saying why), a week
 * calendar per room with who holds each time (cancel frees it), and the counts of the counted rooms.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facility, FacilityBookingAdmin } from '../../../api/facilities';
import { addDays } from '../../../domain/schedule';
import { localized, useFacilities } from '../../components/facility/data';
import { clockText } from '../../components/facility/hours';
import { dayLabel, WeekCalendar } from '../../components/facility/WeekCalendar';
import { addTranslations } from '../../i18n';
import { api } from '../../lib/api';
import en from './facilities.i18n.en.json';
import id from './facilities.i18n.id.json';
import { ConfirmButton, FormMessage, Panel, primaryButton, SelectField, secondaryButton, smallButton } from './ui';

addTranslations('admin-facilities', { id, en });

const bookingsPath = (slug: string, query: string) => `/api/malls/${slug}/facility-bookings?${query}`;

function useBookings(slug: string, query: string) {
  return useQuery({
    queryKey: ['facility-bookings', slug, query],
    queryFn: () => api.get<FacilityBookingAdmin[]>(bookingsPath(slug, query)),
    staleTime: 0,
  });
}

export function FacilitiesTab({ slug, today }: { slug: string; today: string }) {
  const facilities = useFacilities(slug);
  const rooms = (facilities.data ?? []).filter((f) => f.bookable);
  const counted = (facilities.data ?? []).filter((f) => f.occupancy !== null);
  return (
    <div className="flex flex-col gap-4">
      <PendingPanel slug={slug} />
      {rooms.length > 0 && <CalendarPanel slug={slug} rooms={rooms} today={today} />}
      {counted.length > 0 && <CountPanel slug={slug} facilities={counted} />}
    </div>
  );
}

function useRefreshBookings(slug: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['facility-bookings', slug] }),
      client.invalidateQueries({ queryKey: ['facility-calendar', slug] }),
    ]);
}

function PendingPanel({ slug }: { slug: string }) {
  const { t } = useTranslation('admin-facilities');
  const pending = useBookings(slug, 'status=pending');
  return (
    <Panel title={t('pendingTitle')} testId="pending-requests">
      {pending.data?.length === 0 && <p>{t('pendingEmpty')}</p>}
      <ul className="divide-y divide-slate-200">
        {(pending.data ?? []).map((b) => (
          <PendingRow key={b.id} slug={slug} booking={b} />
        ))}
      </ul>
    </Panel>
  );
}

function PendingRow({ slug, booking: b }: { slug: string; booking: FacilityBookingAdmin }) {
  const { t, i18n } = useTranslation('admin-facilities');
  const refresh = useRefreshBookings(slug);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const lang = i18n.language;
  const decide = async (status: 'approved' | 'rejected') => {
    setPending(true);
    setError(null);
    try {
      await api.post(`/api/malls/${slug}/facility-bookings/${b.id}/status`, {
        status,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPending(false);
    }
  };
  const noteId = `note-${b.id}`;
  return (
    <li className="flex flex-col gap-2 py-3" data-testid="pending-request">
      <p className="font-bold">
        {b.facilityName} · <span className="capitalize">{dayLabel(b.date, lang)}</span> {clockText(b.start, lang)}–
        {clockText(b.end, lang)}
      </p>
      <p>
        {b.organiser} — {b.purpose}
        {b.attendees ? ` · ${t('attendees', { count: b.attendees })}` : ''}
      </p>
      {(b.phone || b.email) && (
        <p className="text-sm text-slate-800">
          {t('contact')}: {[b.phone, b.email].filter(Boolean).join(' · ')}
        </p>
      )}
      <div className="text-sm font-semibold">
        <label htmlFor={noteId}>{t('note')}</label>
        <input
          id={noteId}
          className="mt-1 block w-full max-w-xl rounded-lg border-2 border-slate-500 px-3 py-2 text-base font-normal"
          value={note}
          maxLength={500}
          aria-describedby={`${noteId}-hint`}
          onChange={(e) => setNote(e.target.value)}
        />
        <p id={`${noteId}-hint`} className="mt-1 font-normal text-slate-700">
          {t('noteHint')}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={primaryButton} disabled={pending} onClick={() => void decide('approved')}>
          {t('approve')}
        </button>
        <button type="button" className={secondaryButton} disabled={pending} onClick={() => void decide('rejected')}>
          {t('reject')}
        </button>
      </div>
      {error && <FormMessage error={error} />}
    </li>
  );
}

function CalendarPanel({ slug, rooms, today }: { slug: string; rooms: readonly Facility[]; today: string }) {
  const { t, i18n } = useTranslation(['admin-facilities', 'facility']);
  const [roomId, setRoomId] = useState(rooms[0]?.id ?? '');
  const [week, setWeek] = useState(0);
  const room = rooms.find((r) => r.id === roomId) ?? rooms[0];
  const from = addDays(today, week * 7);
  const to = addDays(from, 6);
  const bookings = useBookings(slug, `facilityId=${room?.id ?? ''}&from=${from}&to=${to}`);
  const refresh = useRefreshBookings(slug);
  if (!room) return null;
  const active = (bookings.data ?? []).filter((b) => b.status === 'pending' || b.status === 'approved');
  return (
    <Panel title={t('calendarTitle')} testId="room-calendar">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label={t('room')}
          name="room"
          value={room.id}
          onChange={(e) => setRoomId(e.target.value)}
          options={rooms.map((r) => ({ value: r.id, label: localized(r, i18n.language).name }))}
        />
        <button type="button" className={smallButton} disabled={week === 0} onClick={() => setWeek((w) => w - 1)}>
          ← {t('facility:calendar.prevWeek')}
        </button>
        <button type="button" className={smallButton} onClick={() => setWeek((w) => w + 1)}>
          {t('facility:calendar.nextWeek')} →
        </button>
      </div>
      <p className="my-2 font-semibold">{t('weekOf', { date: dayLabel(from, i18n.language) })}</p>
      <WeekCalendar
        from={from}
        hours={room.hours}
        headingLevel={3}
        items={active.map((b) => ({
          key: b.id,
          date: b.date,
          start: b.start,
          end: b.end,
          status: b.status as 'pending' | 'approved',
          label: `${b.organiser} — ${b.purpose}`,
          actions: (
            <ConfirmButton
              label={t('cancel')}
              question={t('cancelQuestion')}
              confirmLabel={t('cancelConfirm')}
              onConfirm={async () => {
                await api.post(`/api/malls/${slug}/facility-bookings/${b.id}/status`, { status: 'cancelled' });
                await refresh();
              }}
            />
          ),
        }))}
      />
    </Panel>
  );
}

function CountPanel({ slug, facilities }: { slug: string; facilities: readonly Facility[] }) {
  const { t, i18n } = useTranslation('admin-facilities');
  const client = useQueryClient();
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  return (
    <Panel title={t('countTitle')}>
      <p className="mb-2 text-slate-800">{t('countHint')}</p>
      <ul className="flex flex-col gap-2">
        {facilities.map((f) => (
          <li key={f.id}>
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={async (e) => {
                e.preventDefault();
                const count = Number(new FormData(e.currentTarget).get('count'));
                try {
                  await api.put(`/api/malls/${slug}/facilities/${f.id}/occupancy`, { count });
                  await client.invalidateQueries({ queryKey: ['facilities', slug] });
                  setMessage({ success: t('saved') });
                } catch (err) {
                  setMessage({ error: err instanceof Error ? err.message : String(err) });
                }
              }}
            >
              <label className="w-48 text-sm font-semibold" htmlFor={`count-${f.id}`}>
                {localized(f, i18n.language).name}
                <input
                  id={`count-${f.id}`}
                  name="count"
                  type="number"
                  min={0}
                  defaultValue={f.occupancy?.count ?? 0}
                  className="mt-1 block w-28 rounded-lg border-2 border-slate-500 px-3 py-2 text-base"
                />
              </label>
              <button type="submit" className={smallButton}>
                {t('countSave')}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <FormMessage error={message.error ?? null} success={message.success ?? null} />
    </Panel>
  );
}

/**
 * A bookable room on a phone: its week of busy times (the week before and after one tap away),
 * then the request — a day, a start and an end on the room's grid, what for, who holds it, how
 * many, and a number or address to be told the answer. The server's refusal (an overlap, a time
 * just taken) is shown above the button and the calendar refreshed.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Facility, FacilityBooking } from '../../../api/facilities';
import { addDays, weekdayOf } from '../../../domain/schedule';
import { localized, useRoomCalendar } from '../../components/facility/data';
import { clockText } from '../../components/facility/hours';
import { WeekCalendar } from '../../components/facility/WeekCalendar';
import { ApiError, api } from '../../lib/api';
import { endTimes, startTimes } from './times';

const input =
  'mt-1 block min-h-12 w-full rounded-lg border-2 border-slate-500 bg-white px-3 text-base aria-[invalid=true]:border-red-700';

export function RoomRequest({ slug, room, today }: { slug: string; room: Facility; today: string }) {
  const { t, i18n } = useTranslation(['fasilitas', 'facility']);
  const name = localized(room, i18n.language).name;
  const [, setParams] = useSearchParams();
  const [week, setWeek] = useState(0);
  const from = addDays(today, week * 7);
  const calendar = useRoomCalendar(slug, room.id, from, addDays(from, 6));
  const queryClient = useQueryClient();

  const [date, setDate] = useState(today);
  const spans = room.hours[weekdayOf(date)] ?? [];
  const starts = startTimes(spans);
  const [start, setStart] = useState('');
  const chosenStart = starts.includes(start) ? start : (starts[0] ?? '');
  const ends = endTimes(spans, chosenStart);
  const [end, setEnd] = useState('');
  const chosenEnd = ends.includes(end) ? end : (ends[Math.min(ends.length - 1, 2)] ?? '');
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const ids = useId();

  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<FacilityBooking>(`/api/malls/${slug}/facilities/${room.id}/bookings`, body),
    onSuccess: (booking) => {
      void queryClient.invalidateQueries({ queryKey: ['facility-calendar', slug, room.id] });
      setParams({ booking: booking.token, sent: '1' });
    },
    onError: (e) => {
      setError({
        field: e instanceof ApiError && typeof e.body.field === 'string' ? e.body.field : null,
        message: e.message,
      });
      void queryClient.invalidateQueries({ queryKey: ['facility-calendar', slug, room.id] });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const data = new FormData(event.currentTarget);
    const text = (key: string) => String(data.get(key) ?? '').trim();
    const attendees = Number(text('attendees'));
    send.mutate({
      date,
      start: chosenStart,
      end: chosenEnd,
      purpose: text('purpose'),
      organiser: text('organiser'),
      ...(attendees > 0 ? { attendees } : {}),
      ...(text('phone') ? { phone: text('phone') } : {}),
      ...(text('email') ? { email: text('email') } : {}),
      lang: i18n.language === 'en' ? 'en' : 'id',
    });
  };
  const invalid = (field: string) => (error?.field === field ? true : undefined);
  const field = (key: string) => `${ids}-${key}`;

  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby={field('cal')} className="flex flex-col gap-2">
        <h2 id={field('cal')} className="text-xl font-bold">
          {name} · {t('facility:calendar.title')}
        </h2>
        <p className="text-sm text-slate-800">{t('facility:calendar.legend')}</p>
        <div className="flex justify-between gap-2">
          <button
            type="button"
            className="min-h-12 rounded-lg border-2 border-brand-700 px-3 font-semibold text-brand-800 disabled:opacity-50"
            disabled={week === 0}
            onClick={() => setWeek((w) => w - 1)}
          >
            ← {t('facility:calendar.prevWeek')}
          </button>
          <button
            type="button"
            className="min-h-12 rounded-lg border-2 border-brand-700 px-3 font-semibold text-brand-800"
            onClick={() => setWeek((w) => w + 1)}
          >
            {t('facility:calendar.nextWeek')} →
          </button>
        </div>
        {calendar.data ? (
          <WeekCalendar
            from={from}
            hours={calendar.data.hours}
            items={calendar.data.busy.map((b, i) => ({ ...b, key: `${b.date}-${b.start}-${i}` }))}
          />
        ) : (
          <p>…</p>
        )}
      </section>

      <section aria-labelledby={field('form')} className="flex flex-col gap-2">
        <h2 id={field('form')} className="text-xl font-bold">
          {t('fasilitas:request.title', { name })}
        </h2>
        <p className="text-slate-800">{t('fasilitas:request.hint')}</p>
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3 font-semibold">
          <label htmlFor={field('date')}>
            {t('fasilitas:request.date')}
            <input
              id={field('date')}
              type="date"
              className={input}
              value={date}
              min={today}
              required
              aria-invalid={invalid('date')}
              onChange={(e) => setDate(e.target.value || today)}
            />
          </label>
          <div className="grid grid-cols-2 gap-3">
            <label htmlFor={field('start')}>
              {t('fasilitas:request.start')}
              <select
                id={field('start')}
                className={input}
                value={chosenStart}
                aria-invalid={invalid('start')}
                aria-describedby={field('timeHint')}
                onChange={(e) => setStart(e.target.value)}
              >
                {starts.map((s) => (
                  <option key={s} value={s}>
                    {clockText(s, i18n.language)}
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor={field('end')}>
              {t('fasilitas:request.end')}
              <select
                id={field('end')}
                className={input}
                value={chosenEnd}
                aria-invalid={invalid('end')}
                aria-describedby={field('timeHint')}
                onChange={(e) => setEnd(e.target.value)}
              >
                {ends.map((s) => (
                  <option key={s} value={s}>
                    {clockText(s, i18n.language)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p id={field('timeHint')} className="-mt-2 text-sm font-normal text-slate-700">
            {starts.length ? t('fasilitas:request.timeHint') : t('facility:calendar.closed')}
          </p>
          <Text
            id={field('purpose')}
            name="purpose"
            label={t('fasilitas:request.purpose')}
            hint={t('fasilitas:request.purposeHint')}
            invalid={invalid('purpose')}
            required
            maxLength={300}
          />
          <Text
            id={field('organiser')}
            name="organiser"
            label={t('fasilitas:request.organiser')}
            hint={t('fasilitas:request.organiserHint')}
            invalid={invalid('organiser')}
            required
            maxLength={160}
            autoComplete="organization"
          />
          <Text
            id={field('attendees')}
            name="attendees"
            label={t('fasilitas:request.attendees')}
            invalid={invalid('attendees')}
            type="number"
            inputMode="numeric"
            min={1}
            max={room.capacity ?? 10000}
          />
          <Text
            id={field('phone')}
            name="phone"
            label={t('fasilitas:request.phone')}
            invalid={invalid('phone')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            maxLength={30}
          />
          <Text
            id={field('email')}
            name="email"
            label={t('fasilitas:request.email')}
            invalid={invalid('email')}
            type="email"
            autoComplete="email"
            maxLength={254}
          />
          {error && (
            <p role="alert" className="rounded-lg bg-red-50 p-3 font-semibold text-red-800">
              {error.message}
            </p>
          )}
          <button
            type="submit"
            disabled={send.isPending || !chosenStart || !chosenEnd}
            className="min-h-14 rounded-xl bg-brand-700 px-4 text-lg font-bold text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {send.isPending ? t('fasilitas:request.sending') : t('fasilitas:request.submit')}
          </button>
        </form>
      </section>
    </div>
  );
}

function Text({
  id,
  label,
  hint,
  invalid,
  ...rest
}: {
  id: string;
  label: string;
  hint?: string;
  invalid: true | undefined;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={input}
        aria-invalid={invalid}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...rest}
      />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm font-normal text-slate-700">
          {hint}
        </p>
      )}
    </div>
  );
}

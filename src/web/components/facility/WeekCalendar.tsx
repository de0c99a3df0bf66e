/**
 * A room's week, a day per row (it reads on a 360 px phone): the day's hours as a bar with the
 * booked times marked on it, and the same times in words beneath for everyone who does not see
 * the bar. The portal shows busy times only; the admin passes the organiser as each item's label.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, parseClock, type WeeklyHours, weekdayOf } from '../../../domain/schedule';
import { clockText, spansText } from './hours';
import './strings';

export interface CalendarItem {
  key: string;
  date: string;
  start: string;
  end: string;
  status: 'pending' | 'approved';
  /** the admin's view: who holds it */
  label?: string;
  /** the admin's view: actions on it */
  actions?: ReactNode;
}

const TONE = {
  pending: 'bg-amber-400',
  approved: 'bg-brand-700',
} as const;

export function dayLabel(date: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'short',
  }).format(new Date(`${date}T00:00:00Z`));
}

export function WeekCalendar({
  from,
  days = 7,
  hours,
  items,
  headingLevel = 3,
}: {
  from: string;
  days?: number;
  hours: WeeklyHours;
  items: readonly CalendarItem[];
  headingLevel?: 3 | 4;
}) {
  const { t, i18n } = useTranslation('facility');
  const lang = i18n.language;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const dates = Array.from({ length: days }, (_, i) => addDays(from, i));
  return (
    <ol className="flex flex-col divide-y divide-slate-200 rounded-xl border-2 border-slate-300 bg-white">
      {dates.map((date) => {
        const spans = hours[weekdayOf(date)] ?? [];
        const open = Math.min(...spans.map((s) => parseClock(s.open) ?? 0));
        const close = Math.max(...spans.map((s) => parseClock(s.close, true) ?? 0));
        const mine = items.filter((i) => i.date === date);
        const at = (clock: string) => (((parseClock(clock, true) ?? open) - open) / (close - open)) * 100;
        return (
          <li key={date} className="flex flex-col gap-1 px-3 py-2" data-testid="calendar-day" data-date={date}>
            <div className="flex flex-wrap items-baseline justify-between gap-x-2">
              <Heading className="font-bold capitalize">{dayLabel(date, lang)}</Heading>
              <span className="text-sm text-slate-700">
                {spans.length ? spansText(spans, lang) : t('calendar.closed')}
              </span>
            </div>
            {spans.length > 0 && (
              <div aria-hidden="true" className="relative h-3 overflow-hidden rounded-full bg-green-100">
                {mine.map((i) => (
                  <span
                    key={i.key}
                    className={`absolute inset-y-0 ${TONE[i.status]}`}
                    style={{ left: `${at(i.start)}%`, width: `${at(i.end) - at(i.start)}%` }}
                  />
                ))}
              </div>
            )}
            {spans.length > 0 && mine.length === 0 && <p className="text-sm text-green-900">{t('calendar.free')}</p>}
            {mine.length > 0 && (
              <ul className="flex flex-col gap-1">
                {mine.map((i) => (
                  <li key={i.key} className="flex flex-wrap items-center gap-x-2 gap-y-1" data-testid="busy-time">
                    <span className="font-semibold tabular-nums">
                      {clockText(i.start, lang)}–{clockText(i.end, lang)}
                    </span>
                    <span
                      className={`rounded-full px-2 text-sm font-semibold ${i.status === 'approved' ? 'bg-brand-100 text-brand-900' : 'bg-amber-100 text-amber-950'}`}
                    >
                      {t(`calendar.${i.status}`)}
                    </span>
                    {i.label && <span className="text-slate-800">{i.label}</span>}
                    {i.actions}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

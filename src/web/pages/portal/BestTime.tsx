/**
 * "Waktu terbaik untuk datang": how long citizens waited at this service by weekday and hour of
 * arrival over the last eight weeks (median, and the 80th percentile lighter behind it), as bars
 * drawn with plain boxes (no chart library on a citizen's phone), a table for screen readers,
 * and how often the estimates came true in the last seven days. Nothing when there is no history.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TypicalWait } from '../../../api/estimate';
import { WEEKDAYS, type Weekday } from '../../../domain/schedule';
import { api } from '../../lib/api';
import { weekdayIndex } from './format';

type Cell = TypicalWait['cells'][number];

/** Tabs Monday–Saturday, and Sunday where the history has Sunday visits. */
function daysOf(cells: Cell[]): Weekday[] {
  return WEEKDAYS.filter((d) => d !== 'sun' || cells.some((c) => c.weekday === 'sun'));
}

const hh = (hour: number) => String(hour).padStart(2, '0');

export function BestTime({ slug, serviceId, today }: { slug: string; serviceId: string; today: string }) {
  const { t, i18n } = useTranslation(['portal']);
  const typical = useQuery({
    queryKey: ['typical-wait', slug, serviceId],
    queryFn: () =>
      api.get<TypicalWait>(
        `/api/malls/${encodeURIComponent(slug)}/services/${encodeURIComponent(serviceId)}/typical-wait`,
      ),
    staleTime: 10 * 60_000,
  });
  const [chosen, setChosen] = useState<Weekday | null>(null);
  const data = typical.data;
  if (!data || data.cells.length === 0) return null;

  const days = daysOf(data.cells);
  const todayDay = WEEKDAYS[weekdayIndex(today)] ?? 'mon';
  const withVisits = (d: Weekday) => data.cells.some((c) => c.weekday === d);
  const day: Weekday =
    chosen ?? (days.includes(todayDay) && withVisits(todayDay) ? todayDay : (days.find(withVisits) ?? 'mon'));
  const hours = data.cells.map((c) => c.hour);
  const first = Math.min(...hours);
  const last = Math.max(...hours);
  const scale = Math.max(1, ...data.cells.map((c) => c.p80Minutes));
  const byHour = new Map(data.cells.filter((c) => c.weekday === day).map((c) => [c.hour, c] as const));
  const columns = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const minutes = (m: number) =>
    m < 1 ? t('portal:bestTime.underMinute') : t('portal:bestTime.minutes', { count: Math.round(m) });
  const clock = (hour: number) => (i18n.language === 'en' ? `${hh(hour)}:00` : `${hh(hour)}.00`);
  const quietest = [...byHour.values()].sort((a, b) => a.medianMinutes - b.medianMinutes || a.hour - b.hour)[0];
  const within = data.accuracy.count > 0 ? data.accuracy.withinShare : null;
  const dayName = t(`portal:days.${day}`);

  return (
    <section
      aria-labelledby="best-time-title"
      data-testid="best-time"
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm"
    >
      <h3 id="best-time-title" className="text-lg font-bold text-brand-900">
        {t('portal:bestTime.title')}
      </h3>
      <p className="text-sm text-slate-700">{t('portal:bestTime.intro')}</p>
      <fieldset>
        <legend className="sr-only">{t('portal:bestTime.dayLabel')}</legend>
        <div className="grid gap-1" style={{ gridTemplateColumns: `repeat(${days.length}, minmax(0, 1fr))` }}>
          {days.map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={d === day}
              onClick={() => setChosen(d)}
              className={`min-h-11 rounded-lg border-2 text-sm font-bold ${
                d === day
                  ? 'border-brand-800 bg-brand-800 text-white'
                  : 'border-slate-300 bg-white text-slate-900 hover:border-brand-600'
              }`}
            >
              <span aria-hidden="true">{t(`portal:bestTime.short.${d}`)}</span>
              <span className="sr-only">{t(`portal:days.${d}`)}</span>
            </button>
          ))}
        </div>
      </fieldset>
      {quietest ? (
        <p data-testid="best-time-quietest" className="text-base font-semibold text-slate-900">
          {t('portal:bestTime.quietest', {
            day: dayName,
            from: clock(quietest.hour),
            to: clock(quietest.hour + 1),
            wait: minutes(quietest.medianMinutes),
          })}
        </p>
      ) : (
        <p className="text-base text-slate-800">{t('portal:bestTime.noVisits', { day: dayName })}</p>
      )}
      {/* The bars are for the eye; the table below says the same to a screen reader. */}
      <div aria-hidden="true" className="flex flex-col gap-1">
        <p className="text-xs text-slate-700">{t('portal:bestTime.minutesAxis')}</p>
        <div className="flex h-40 items-end gap-1 border-b-2 border-slate-400">
          {columns.map((hour) => {
            const cell = byHour.get(hour);
            return (
              <div key={hour} className="relative flex h-full min-w-0 flex-1 flex-col justify-end">
                {cell && (
                  <>
                    <span className="mb-0.5 text-center text-xs font-semibold text-slate-800 tabular-nums">
                      {cell.medianMinutes < 1 ? '<1' : Math.round(cell.medianMinutes)}
                    </span>
                    <div className="relative w-full" style={{ height: `${(cell.p80Minutes / scale) * 80}%` }}>
                      <div className="absolute inset-0 rounded-t bg-brand-100" />
                      <div
                        className="absolute inset-x-0 bottom-0 rounded-t bg-brand-700"
                        style={{
                          height: `${cell.p80Minutes > 0 ? (cell.medianMinutes / cell.p80Minutes) * 100 : 0}%`,
                          minHeight: 2,
                        }}
                      />
                    </div>
                  </>
                )}
              </div>
            );
          })}
        </div>
        <div className="flex gap-1">
          {columns.map((hour) => (
            <span key={hour} className="min-w-0 flex-1 text-center text-xs text-slate-700 tabular-nums">
              {hh(hour)}
            </span>
          ))}
        </div>
        <p className="text-center text-xs text-slate-700">{t('portal:bestTime.hourAxis')}</p>
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
          <span className="flex items-center gap-1.5">
            <span className="inline-block size-3 rounded-sm bg-brand-700" />
            {t('portal:bestTime.median')}
          </span>
          <span className="flex items-center gap-1.5">
            <span className="inline-block size-3 rounded-sm bg-brand-100 ring-1 ring-brand-700/30" />
            {t('portal:bestTime.p80')}
          </span>
        </p>
      </div>
      {/* a div, not the table, is made invisible: a table is never narrower than its content */}
      <div className="sr-only">
        <table>
          <caption>{t('portal:bestTime.caption', { day: dayName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portal:bestTime.hour')}</th>
              <th scope="col">{t('portal:bestTime.median')}</th>
              <th scope="col">{t('portal:bestTime.p80')}</th>
            </tr>
          </thead>
          <tbody>
            {[...byHour.values()]
              .sort((a, b) => a.hour - b.hour)
              .map((c) => (
                <tr key={c.hour}>
                  <th scope="row">
                    {clock(c.hour)}–{clock(c.hour + 1)}
                  </th>
                  <td>{minutes(c.medianMinutes)}</td>
                  <td>{minutes(c.p80Minutes)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {within !== null && (
        <p data-testid="best-time-accuracy" className="rounded-xl bg-green-50 px-3 py-2 text-sm text-green-950">
          {t('portal:bestTime.accuracy', { share: Math.round(within * 100) })}
        </p>
      )}
    </section>
  );
}

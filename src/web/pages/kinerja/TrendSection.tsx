import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PerformanceReport, Trend } from '../../../api/performance';
import { formatIkm, formatMinutes, formatNumber } from '../../components/report/format';
import { currentLang } from '../../i18n';
import { api } from '../../lib/api';
import { LineChart } from './LineChart';
import { Scroll, Section } from './Section';

type Granularity = 'month' | 'week';

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The stretch a trend covers: the period itself when it holds enough points (a year by month, a
 * quarter by week), else the twelve months or thirteen weeks up to the period's end, and never
 * past today, so a month's trend shows how it came about and the future does not read as a drop.
 */
export function trendWindow(
  period: { from: string; to: string },
  granularity: Granularity,
  today: string,
): { from: string; to: string } {
  const to = period.to > today && period.from <= today ? today : period.to;
  const end = day(to);
  let start: Date;
  if (granularity === 'month') {
    start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1));
  } else {
    const monday = new Date(end);
    monday.setUTCDate(end.getUTCDate() - ((end.getUTCDay() + 6) % 7));
    start = new Date(monday);
    start.setUTCDate(monday.getUTCDate() - 12 * 7);
  }
  const [from] = [iso(start), period.from].sort() as [string, string];
  return { from, to };
}

/** Waiting time, volume and IKM per month or week, as lines, with the figures in a table. */
export function TrendSection({
  base,
  report,
  unitQuery,
  today,
}: {
  base: string;
  report: PerformanceReport;
  unitQuery: string;
  today: string;
}) {
  const { t } = useTranslation('kinerja');
  const id = useId();
  const [granularity, setGranularity] = useState<Granularity>('month');
  const stretch = trendWindow(report.period, granularity, today);
  const query = new URLSearchParams({ ...stretch, granularity }).toString() + (unitQuery ? `&${unitQuery}` : '');
  const trend = useQuery({
    queryKey: ['performance-trend', base, query],
    queryFn: () => api.get<Trend>(`${base}/trend?${query}`),
    retry: false,
    placeholderData: (previous) => previous,
  });

  const lang = currentLang();
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  const monthFmt = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const longMonthFmt = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const dayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const longDayFmt = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const points = trend.data?.points ?? [];
  const short = (p: Trend['points'][number]) =>
    trend.data?.granularity === 'week'
      ? t('trend.weekOf', { date: dayFmt.format(day(p.from)) })
      : monthFmt.format(day(p.from));
  const long = (p: Trend['points'][number]) =>
    trend.data?.granularity === 'week'
      ? `${longDayFmt.format(day(p.from))} – ${longDayFmt.format(day(p.to))}`
      : longMonthFmt.format(day(p.from));
  const labels = points.map(short);
  const span = {
    from: longDayFmt.format(day(stretch.from)),
    to: longDayFmt.format(day(stretch.to)),
  };
  const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 10) / 10);

  const switcher = (
    <fieldset className="flex items-center gap-2">
      <legend className="sr-only">{t('trend.granularity')}</legend>
      {(['month', 'week'] as const).map((g) => (
        <label
          key={g}
          className={`cursor-pointer rounded-lg border-2 px-3 py-1.5 font-semibold has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-accent-500 ${
            granularity === g ? 'border-brand-800 bg-brand-800 text-white' : 'border-slate-500 bg-white text-slate-900'
          }`}
        >
          <input
            type="radio"
            name={`${id}-granularity`}
            value={g}
            checked={granularity === g}
            onChange={() => setGranularity(g)}
            className="sr-only"
          />
          {t(`trend.${g}`)}
        </label>
      ))}
    </fieldset>
  );

  return (
    <Section id="kinerja-trend" title={t('trend.heading')} actions={switcher} testId="kinerja-trend">
      <p className="mb-2 text-sm text-slate-700">
        {report.unit.name} · {t('trend.window', span)}
      </p>
      {trend.error && (
        <p role="alert" className="font-semibold text-red-800">
          {trend.error.message}
        </p>
      )}
      {trend.isPending && <p aria-live="polite">…</p>}
      {trend.data && (
        <>
          <div className="grid gap-4 lg:grid-cols-3">
            <figure className="min-w-0">
              <figcaption className="font-semibold">{t('trend.wait')}</figcaption>
              <LineChart
                testId="trend-chart-wait"
                label={t('trend.chartLabel', { what: t('trend.wait'), ...span })}
                labels={labels}
                digits={1}
                series={[
                  { label: t('trend.waitMean'), data: points.map((p) => minutes(p.waitMeanSeconds)), color: '#164c85' },
                  {
                    label: t('trend.waitP90'),
                    data: points.map((p) => minutes(p.waitP90Seconds)),
                    color: '#b45309',
                    dashed: true,
                  },
                ]}
              />
            </figure>
            <figure className="min-w-0">
              <figcaption className="font-semibold">{t('trend.volume')}</figcaption>
              <LineChart
                testId="trend-chart-volume"
                label={t('trend.chartLabel', { what: t('trend.volume'), ...span })}
                labels={labels}
                series={[
                  { label: t('trend.issued'), data: points.map((p) => p.issued), color: '#164c85' },
                  { label: t('trend.served'), data: points.map((p) => p.served), color: '#15803d' },
                  { label: t('trend.noShow'), data: points.map((p) => p.noShow), color: '#b91c1c', dashed: true },
                ]}
              />
            </figure>
            <figure className="min-w-0">
              <figcaption className="font-semibold">{t('trend.ikm')}</figcaption>
              <LineChart
                testId="trend-chart-ikm"
                label={t('trend.chartLabel', { what: t('trend.ikm'), ...span })}
                labels={labels}
                digits={2}
                series={[{ label: t('trend.ikm'), data: points.map((p) => p.ikm), color: '#7c3aed' }]}
              />
            </figure>
          </div>
          <details className="mt-3">
            <summary className="cursor-pointer font-semibold text-brand-800">{t('trend.table')}</summary>
            <Scroll label={t('trend.table')}>
              <table className="mt-2 w-full min-w-[40rem] border-collapse text-sm" data-testid="trend-table">
                <thead>
                  <tr className="border-b-2 border-slate-400">
                    <th scope="col" className="px-2 py-1 text-left">
                      {t('trend.period')}
                    </th>
                    <th scope="col" className="px-2 py-1 text-right">
                      {t('trend.issued')}
                    </th>
                    <th scope="col" className="px-2 py-1 text-right">
                      {t('trend.served')}
                    </th>
                    <th scope="col" className="px-2 py-1 text-right">
                      {t('trend.noShow')}
                    </th>
                    <th scope="col" className="px-2 py-1 text-right">
                      {t('trend.wait')} — {t('trend.waitMean')}
                    </th>
                    <th scope="col" className="px-2 py-1 text-right">
                      {t('trend.wait')} — {t('trend.waitP90')}
                    </th>
                    <th scope="col" className="px-2 py-1 text-right">
                      {t('trend.ikm')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.key} className="border-b border-slate-200">
                      <th scope="row" className="px-2 py-1 text-left font-normal">
                        {long(p)}
                      </th>
                      <td className="px-2 py-1 text-right tabular-nums">{formatNumber(p.issued)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{formatNumber(p.served)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{formatNumber(p.noShow)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{formatMinutes(p.waitMeanSeconds)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{formatMinutes(p.waitP90Seconds)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{formatIkm(p.ikm)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          </details>
        </>
      )}
    </Section>
  );
}

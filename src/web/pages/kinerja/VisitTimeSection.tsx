/**
 * Time in the mall per visit (issue #13): from the number taken to the last service done, over the
 * visits finished in the period — all of them, per number of services done with one number, and
 * per week with the visits of two services or more beside all visits. For an agency or a service,
 * the whole visits that passed through it.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VisitTimes } from '../../../api/performance';
import { formatNumber, NONE } from '../../components/report/format';
import { type UnitChoice, unitLevel } from '../../components/report/period';
import { api } from '../../lib/api';
import { Figure } from './Figure';
import { multiStopMean } from './figures';
import { LineChart } from './LineChart';
import { Scroll, Section } from './Section';
import { useWeekLabel } from './weekLabel';

const th = 'px-2 py-1.5 text-right align-bottom font-semibold';
const td = 'px-2 py-1.5 text-right tabular-nums whitespace-nowrap';
const minutes = (value: number | null) => formatNumber(value, 1);

export function VisitTimeSection({ base, periodQuery, unit }: { base: string; periodQuery: string; unit: UnitChoice }) {
  const { t } = useTranslation('kinerja');
  // Visits are followed through agencies and services: a counter or an officer shows its agency's.
  const scope = unit.serviceId ? `&serviceId=${unit.serviceId}` : unit.agencyId ? `&agencyId=${unit.agencyId}` : '';
  const query = `${periodQuery}${scope}`;
  const report = useQuery({
    queryKey: ['performance-visits', base, query],
    queryFn: () => api.get<VisitTimes>(`${base}/visits?${query}`),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const data = report.data;
  const level = unitLevel(unit);

  return (
    <Section id="kinerja-visits" title={t('visits.heading')} testId="kinerja-visits">
      {report.isPending && <p aria-live="polite">{t('visits.loading')}</p>}
      {report.error && (
        <p role="alert" className="font-semibold text-red-800">
          {report.error.message}
        </p>
      )}
      {data && (
        <div className={`flex flex-col gap-4 ${report.isPlaceholderData ? 'opacity-60' : ''}`}>
          <p className="text-sm text-slate-700">
            {t('visits.explain')}
            {level !== 'mall' && ` ${t('visits.passedThrough')}`}
            {(level === 'counter' || level === 'officer') && ` ${t('estimates.agencyOnly')}`}
          </p>
          {data.visits === 0 ? (
            <p data-testid="visits-empty" className="text-lg font-semibold">
              {t('visits.empty')}
            </p>
          ) : (
            <>
              <VisitFigures data={data} />
              <StopsTable rows={data.byStops} />
              <VisitWeeks weeks={data.weeks} />
            </>
          )}
        </div>
      )}
    </Section>
  );
}

/** The four figures over every finished visit, and one plain sentence on the visits of several services. */
function VisitFigures({ data }: { data: VisitTimes }) {
  const { t } = useTranslation('kinerja');
  const min = t('minutes');
  const multi = multiStopMean(data.byStops);
  return (
    <>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <Figure
          label={t('visits.count')}
          value={formatNumber(data.visits)}
          note={t('visits.countNote')}
          testId="visits-count"
        />
        <Figure label={t('visits.mean')} value={minutes(data.meanMinutes)} unit={min} testId="visits-mean" />
        <Figure
          label={t('visits.median')}
          value={minutes(data.medianMinutes)}
          unit={min}
          note={t('visits.medianNote')}
          testId="visits-median"
        />
        <Figure
          label={t('visits.p90')}
          value={minutes(data.p90Minutes)}
          unit={min}
          note={t('visits.p90Note')}
          testId="visits-p90"
        />
      </dl>
      <p data-testid="visits-multi" className="rounded-xl bg-brand-50 px-3 py-2 text-base text-brand-900">
        {multi.visits > 0
          ? t('visits.multi', {
              count: multi.visits,
              mean: t('minutesValue', { value: minutes(multi.meanMinutes) }),
            })
          : t('visits.multiNone')}
      </p>
    </>
  );
}

/** Visits, mean, median and P90 per number of services done in the visit. */
function StopsTable({ rows }: { rows: VisitTimes['byStops'] }) {
  const { t } = useTranslation('kinerja');
  return (
    <div>
      <h3 className="mb-2 text-base font-bold text-slate-800">{t('visits.byStops')}</h3>
      <Scroll label={t('visits.byStopsLabel')}>
        <table className="w-full min-w-[32rem] border-collapse text-sm" data-testid="visits-by-stops">
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="px-2 py-1.5 text-left align-bottom font-semibold">
                {t('visits.stopsColumn')}
              </th>
              <th scope="col" className={th}>
                {t('visits.visitsColumn')}
              </th>
              <th scope="col" className={th}>
                {t('visits.meanColumn')}
              </th>
              <th scope="col" className={th}>
                {t('visits.medianColumn')}
              </th>
              <th scope="col" className={th}>
                {t('visits.p90Column')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.stops}
                className="border-b border-slate-200"
                data-testid="visits-stops-row"
                data-stops={r.stops}
              >
                <th scope="row" className="px-2 py-1.5 text-left font-semibold">
                  {t('visits.stops', { count: r.stops })}
                </th>
                <td className={td}>{formatNumber(r.visits)}</td>
                <td className={td}>{minutes(r.meanMinutes)}</td>
                <td className={td}>{minutes(r.medianMinutes)}</td>
                <td className={td}>{minutes(r.p90Minutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </div>
  );
}

/** The mean time per week, all visits against those of two services or more: a chart, and its figures. */
function VisitWeeks({ weeks }: { weeks: VisitTimes['weeks'] }) {
  const { t } = useTranslation('kinerja');
  const weekLabel = useWeekLabel();
  return (
    <div>
      {weeks.length < 2 ? (
        <p className="text-sm text-slate-700">{t('visits.trendLater')}</p>
      ) : (
        <figure className="min-w-0">
          <figcaption className="font-semibold">{t('visits.trend')}</figcaption>
          <LineChart
            testId="visits-trend-chart"
            label={t('visits.trendLabel')}
            labels={weeks.map((w) => weekLabel(w.from))}
            digits={1}
            series={[
              { label: t('visits.allVisits'), data: weeks.map((w) => w.meanMinutes), color: '#164c85' },
              {
                label: t('visits.multiVisits'),
                data: weeks.map((w) => w.multiStop.meanMinutes),
                color: '#b45309',
                dashed: true,
              },
            ]}
          />
        </figure>
      )}
      <details className="mt-3">
        <summary className="cursor-pointer font-semibold text-brand-800">{t('visits.weeksTable')}</summary>
        <Scroll label={t('visits.weeksTable')}>
          <table className="mt-2 w-full min-w-[36rem] border-collapse text-sm" data-testid="visits-weeks">
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="px-2 py-1.5 text-left align-bottom font-semibold">
                  {t('visits.week')}
                </th>
                <th scope="col" className={th}>
                  {t('visits.visitsColumn')}
                </th>
                <th scope="col" className={th}>
                  {t('visits.meanColumn')}
                </th>
                <th scope="col" className={th}>
                  {t('visits.multiVisitsColumn')}
                </th>
                <th scope="col" className={th}>
                  {t('visits.multiMeanColumn')}
                </th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.from} className="border-b border-slate-200">
                  <th scope="row" className="px-2 py-1.5 text-left font-normal">
                    {weekLabel(w.from)}
                  </th>
                  <td className={td}>{formatNumber(w.visits)}</td>
                  <td className={td}>{minutes(w.meanMinutes)}</td>
                  <td className={td}>{formatNumber(w.multiStop.visits)}</td>
                  <td className={td}>{w.multiStop.visits === 0 ? NONE : minutes(w.multiStop.meanMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </details>
    </div>
  );
}

/**
 * Applications followed to their end (issue #13): of the applications received in the period,
 * how many were ready within the service's standard time, how many are overdue today, rejected,
 * still open, and the mean days to ready; per agency (per service inside an agency) and per week.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApplicationFigures } from '../../../api/applications';
import { formatNumber, formatShare } from '../../components/report/format';
import { type UnitChoice, unitLevel } from '../../components/report/period';
import { api } from '../../lib/api';
import type { Access } from './access';
import { Figure } from './Figure';
import { byUrgency, percentPoint } from './figures';
import { LineChart } from './LineChart';
import { Scroll, Section } from './Section';
import { useWeekLabel } from './weekLabel';

const th = 'px-2 py-1.5 text-right align-bottom font-semibold';
const td = 'px-2 py-1.5 text-right tabular-nums whitespace-nowrap';

type Counts = Omit<ApplicationFigures, 'period' | 'agencies' | 'services' | 'weeks'>;

export function ApplicationSection({
  base,
  periodQuery,
  unit,
  access,
  linkTo,
}: {
  base: string;
  periodQuery: string;
  unit: UnitChoice;
  access: Access;
  linkTo: (u: UnitChoice) => string;
}) {
  const { t } = useTranslation('kinerja');
  // Applications belong to a service: a counter or an officer is shown with its agency's.
  const scope = unit.serviceId ? `&serviceId=${unit.serviceId}` : unit.agencyId ? `&agencyId=${unit.agencyId}` : '';
  const query = `${periodQuery}${scope}`;
  const report = useQuery({
    queryKey: ['performance-applications', base, query],
    queryFn: () => api.get<ApplicationFigures>(`${base}/applications?${query}`),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const data = report.data;
  const level = unitLevel(unit);

  return (
    <Section id="kinerja-applications" title={t('applications.heading')} testId="kinerja-applications">
      {report.isPending && <p aria-live="polite">{t('applications.loading')}</p>}
      {report.error && (
        <p role="alert" className="font-semibold text-red-800">
          {report.error.message}
        </p>
      )}
      {data && (
        <div className={`flex flex-col gap-4 ${report.isPlaceholderData ? 'opacity-60' : ''}`}>
          <p className="text-sm text-slate-700">
            {t('applications.explain')}
            {(level === 'counter' || level === 'officer') && ` ${t('estimates.agencyOnly')}`}
          </p>
          {data.received === 0 ? (
            <p data-testid="applications-empty" className="text-lg font-semibold">
              {t('applications.empty')}
            </p>
          ) : (
            <>
              <ApplicationFigureList counts={data} />
              {level === 'mall' && (
                <ApplicationTable
                  kind="agencies"
                  rows={data.agencies.map((a) => ({
                    ...a,
                    id: a.agencyId,
                    name: a.agencyShortName,
                    to: access.canOpen(a.agencyId) ? linkTo({ agencyId: a.agencyId, serviceId: '' }) : null,
                  }))}
                />
              )}
              {level !== 'mall' && level !== 'service' && (
                <ApplicationTable
                  kind="services"
                  rows={data.services.map((s) => ({
                    ...s,
                    id: s.serviceId,
                    name: s.serviceName,
                    to: linkTo({ agencyId: s.agencyId, serviceId: s.serviceId, counterId: '', officerId: '' }),
                  }))}
                />
              )}
              <ApplicationWeeks weeks={data.weeks} />
            </>
          )}
        </div>
      )}
    </Section>
  );
}

/** Received, ready within the standard time, overdue now (red when any), rejected, days to ready. */
function ApplicationFigureList({ counts }: { counts: Counts }) {
  const { t } = useTranslation('kinerja');
  const overdue = counts.overdueNow > 0;
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5">
      <Figure
        label={t('applications.received')}
        value={formatNumber(counts.received)}
        note={t('applications.openNote', { count: counts.open })}
        testId="applications-received"
      />
      <Figure
        label={t('applications.within')}
        value={formatShare(counts.withinShare)}
        note={
          counts.ready > 0
            ? t('applications.withinNote', { within: counts.withinStandard, ready: counts.ready })
            : t('applications.noneReady')
        }
        testId="applications-within"
      />
      <Figure
        label={t('applications.overdue')}
        value={formatNumber(counts.overdueNow)}
        note={overdue ? t('applications.overdueNote') : t('applications.overdueNone')}
        alert={overdue}
        testId="applications-overdue"
      />
      <Figure label={t('applications.rejected')} value={formatNumber(counts.rejected)} testId="applications-rejected" />
      <Figure
        label={t('applications.daysToReady')}
        value={formatNumber(counts.meanDaysToReady, 1)}
        unit={t('applications.days')}
        note={t('applications.daysNote')}
        testId="applications-days"
      />
    </dl>
  );
}

interface Row extends Counts {
  id: string;
  name: string;
  /** the unit's own evaluation, where this user may open it */
  to: string | null;
}

/** The figures per agency (at the mall) or per service (inside an agency), the most overdue first. */
function ApplicationTable({ kind, rows }: { kind: 'agencies' | 'services'; rows: Row[] }) {
  const { t } = useTranslation('kinerja');
  const sorted = [...rows].sort(byUrgency);
  return (
    <div>
      <h3 className="mb-2 text-base font-bold text-slate-800">{t(`applications.per.${kind}`)}</h3>
      <Scroll label={t('applications.tableLabel', { kind: t(`applications.per.${kind}`) })}>
        <table className="w-full min-w-[56rem] border-collapse text-sm" data-testid={`applications-${kind}`}>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="px-2 py-1.5 text-left align-bottom font-semibold">
                {t(`applications.unit.${kind}`)}
              </th>
              <th scope="col" className={th}>
                {t('applications.received')}
              </th>
              <th scope="col" className={th}>
                {t('applications.readyShort')}
              </th>
              <th scope="col" className={th}>
                {t('applications.withinShort')}
              </th>
              <th scope="col" className={th}>
                {t('applications.withinShareShort')}
              </th>
              <th scope="col" className={th}>
                {t('applications.overdue')}
              </th>
              <th scope="col" className={th}>
                {t('applications.rejected')}
              </th>
              <th scope="col" className={th}>
                {t('applications.openShort')}
              </th>
              <th scope="col" className={th}>
                {t('applications.daysShort')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} className="border-b border-slate-200" data-testid="applications-row">
                <th scope="row" className="px-2 py-1.5 text-left font-normal">
                  {r.to ? (
                    <Link to={r.to} className="font-semibold text-brand-800 underline">
                      {r.name}
                    </Link>
                  ) : (
                    r.name
                  )}
                </th>
                <td className={td}>{formatNumber(r.received)}</td>
                <td className={td}>{formatNumber(r.ready)}</td>
                <td className={td}>{formatNumber(r.withinStandard)}</td>
                <td className={td}>{formatShare(r.withinShare)}</td>
                <td className={td}>
                  {r.overdueNow > 0 ? (
                    <span className="rounded bg-red-100 px-1.5 font-bold text-red-900">
                      {formatNumber(r.overdueNow)}
                    </span>
                  ) : (
                    formatNumber(r.overdueNow)
                  )}
                </td>
                <td className={td}>{formatNumber(r.rejected)}</td>
                <td className={td}>{formatNumber(r.open)}</td>
                <td className={td}>{formatNumber(r.meanDaysToReady, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </div>
  );
}

/** Per week received: the share ready within the standard time as a chart, and the counts. */
function ApplicationWeeks({ weeks }: { weeks: ApplicationFigures['weeks'] }) {
  const { t } = useTranslation('kinerja');
  const weekLabel = useWeekLabel();
  return (
    <div>
      {weeks.length < 2 ? (
        <p className="text-sm text-slate-700">{t('applications.trendLater')}</p>
      ) : (
        <figure className="min-w-0">
          <figcaption className="font-semibold">{t('applications.trend')}</figcaption>
          <LineChart
            testId="applications-trend-chart"
            label={t('applications.trendLabel')}
            labels={weeks.map((w) => weekLabel(w.from))}
            min={0}
            max={100}
            series={[
              {
                label: t('applications.within'),
                data: weeks.map((w) => percentPoint(w.withinShare)),
                color: '#164c85',
              },
            ]}
          />
        </figure>
      )}
      <details className="mt-3">
        <summary className="cursor-pointer font-semibold text-brand-800">{t('applications.weeksTable')}</summary>
        <Scroll label={t('applications.weeksTable')}>
          <table className="mt-2 w-full min-w-[40rem] border-collapse text-sm" data-testid="applications-weeks">
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="px-2 py-1.5 text-left align-bottom font-semibold">
                  {t('applications.week')}
                </th>
                <th scope="col" className={th}>
                  {t('applications.received')}
                </th>
                <th scope="col" className={th}>
                  {t('applications.readyShort')}
                </th>
                <th scope="col" className={th}>
                  {t('applications.withinShareShort')}
                </th>
                <th scope="col" className={th}>
                  {t('applications.overdue')}
                </th>
                <th scope="col" className={th}>
                  {t('applications.rejected')}
                </th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.from} className="border-b border-slate-200">
                  <th scope="row" className="px-2 py-1.5 text-left font-normal">
                    {weekLabel(w.from)}
                  </th>
                  <td className={td}>{formatNumber(w.received)}</td>
                  <td className={td}>{formatNumber(w.ready)}</td>
                  <td className={td}>{formatShare(w.withinShare)}</td>
                  <td className={td}>{formatNumber(w.overdueNow)}</td>
                  <td className={td}>{formatNumber(w.rejected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </details>
    </div>
  );
}

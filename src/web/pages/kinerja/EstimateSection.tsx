/**
 * How good the wait estimates were in the period (issue #12): the estimate given at issue against
 * the real wait of each called ticket — count, mean absolute error, bias and the share within
 * ±max(5 min, 25 %) — beside the queue-length estimator's on the same tickets, per service and
 * per week, and the last estimate shown before the call in one line.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EstimateAccuracy } from '../../../api/estimate';
import { formatNumber, formatShare, NONE } from '../../components/report/format';
import { type UnitChoice, unitLevel } from '../../components/report/period';
import { currentLang } from '../../i18n';
import { api } from '../../lib/api';
import { Figure } from './Figure';
import { LineChart } from './LineChart';
import { Scroll, Section } from './Section';

const FIRST_ROWS = 20;
const th = 'px-2 py-1.5 text-right align-bottom font-semibold';
const td = 'px-2 py-1.5 text-right tabular-nums whitespace-nowrap';

/** Minutes with one decimal; the bias with its sign ("+3,2", "−1,5"). */
function minutes(value: number | null, signed = false): string {
  if (value === null || !Number.isFinite(value)) return NONE;
  if (!signed) return formatNumber(value, 1);
  return new Intl.NumberFormat(currentLang() === 'en' ? 'en-US' : 'id-ID', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value);
}

/** A figure with the simple estimate's value beside it. */
function EstimateFigure({
  baseline,
  ...figure
}: {
  label: string;
  value: string;
  unit?: string;
  baseline?: string;
  note?: string;
  testId: string;
}) {
  const { t } = useTranslation('kinerja');
  return (
    <Figure {...figure}>
      {baseline !== undefined && (
        <dd className="text-sm text-slate-700" data-testid={`${figure.testId}-baseline`}>
          {t('estimates.baseline')}: <span className="font-semibold tabular-nums">{baseline}</span>
        </dd>
      )}
    </Figure>
  );
}

export function EstimateSection({ base, periodQuery, unit }: { base: string; periodQuery: string; unit: UnitChoice }) {
  const { t, i18n } = useTranslation('kinerja');
  const [all, setAll] = useState(false);
  // Estimates belong to a service: a counter or an officer is shown with its agency's.
  const scope = unit.serviceId ? `&serviceId=${unit.serviceId}` : unit.agencyId ? `&agencyId=${unit.agencyId}` : '';
  const query = `${periodQuery}${scope}`;
  const report = useQuery({
    queryKey: ['performance-estimates', base, query],
    queryFn: () => api.get<EstimateAccuracy>(`${base}/estimates?${query}`),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const data = report.data;
  const level = unitLevel(unit);
  const min = t('minutes');
  const withUnit = (v: string) => (v === NONE ? v : t('minutesValue', { value: v }));
  const bias = (v: number | null) =>
    v === null || Math.abs(v) < 0.05
      ? minutes(v, true)
      : `${minutes(v, true)} (${v > 0 ? t('estimates.tooLong') : t('estimates.tooShort')})`;
  const dayFmt = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
  const services = data ? [...data.services].sort((a, b) => b.count - a.count) : [];
  const shown = all ? services : services.slice(0, FIRST_ROWS);

  return (
    <Section id="kinerja-estimates" title={t('estimates.heading')} testId="kinerja-estimates">
      {report.isPending && <p aria-live="polite">{t('estimates.loading')}</p>}
      {report.error && (
        <p role="alert" className="font-semibold text-red-800">
          {report.error.message}
        </p>
      )}
      {data && (
        <div className={`flex flex-col gap-4 ${report.isPlaceholderData ? 'opacity-60' : ''}`}>
          <p className="text-sm text-slate-700">
            {t('estimates.explain')}
            {(level === 'counter' || level === 'officer') && ` ${t('estimates.agencyOnly')}`}
          </p>
          {data.count === 0 ? (
            <p data-testid="estimates-empty" className="text-lg font-semibold">
              {t('estimates.empty')}
            </p>
          ) : (
            <>
              <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
                <EstimateFigure
                  label={t('estimates.count')}
                  value={formatNumber(data.count)}
                  note={t('estimates.countNote')}
                  testId="estimates-count"
                />
                <EstimateFigure
                  label={t('estimates.mae')}
                  value={minutes(data.maeMinutes)}
                  unit={min}
                  baseline={withUnit(minutes(data.baseline.maeMinutes))}
                  testId="estimates-mae"
                />
                <EstimateFigure
                  label={t('estimates.bias')}
                  value={minutes(data.biasMinutes, true)}
                  unit={min}
                  baseline={withUnit(minutes(data.baseline.biasMinutes, true))}
                  note={t('estimates.biasNote')}
                  testId="estimates-bias"
                />
                <EstimateFigure
                  label={t('estimates.within')}
                  value={formatShare(data.withinShare)}
                  baseline={formatShare(data.baseline.withinShare)}
                  testId="estimates-within"
                />
              </dl>
              <p data-testid="estimates-last" className="rounded-xl bg-brand-50 px-3 py-2 text-base text-brand-900">
                {data.last.count > 0
                  ? t('estimates.last', {
                      count: data.last.count,
                      mae: withUnit(minutes(data.last.maeMinutes)),
                      bias: withUnit(minutes(data.last.biasMinutes, true)),
                      within: formatShare(data.last.withinShare),
                    })
                  : t('estimates.lastNone')}
              </p>
              {data.weeks.length < 2 ? (
                <p className="text-sm text-slate-700">{t('estimates.trendLater')}</p>
              ) : (
                <figure className="min-w-0">
                  <figcaption className="font-semibold">{t('estimates.trend')}</figcaption>
                  <LineChart
                    testId="estimates-trend-chart"
                    label={t('estimates.trendLabel')}
                    labels={data.weeks.map((w) =>
                      t('trend.weekOf', { date: dayFmt.format(new Date(`${w.from}T00:00:00Z`)) }),
                    )}
                    min={0}
                    max={100}
                    series={[
                      { label: 'Loket', data: data.weeks.map((w) => percent(w.withinShare)), color: '#164c85' },
                      {
                        label: t('estimates.baseline'),
                        data: data.weeks.map((w) => percent(w.baseline.withinShare)),
                        color: '#b45309',
                        dashed: true,
                      },
                    ]}
                  />
                </figure>
              )}
              <div>
                <h3 className="mb-2 text-base font-bold text-slate-800">{t('estimates.perService')}</h3>
                <Scroll label={t('estimates.tableLabel')}>
                  <table className="w-full min-w-[52rem] border-collapse text-sm" data-testid="estimates-table">
                    <thead>
                      <tr className="border-b-2 border-slate-400">
                        <th scope="col" className="px-2 py-1.5 text-left align-bottom font-semibold">
                          {t('estimates.service')}
                        </th>
                        <th scope="col" className={th}>
                          {t('estimates.countShort')}
                        </th>
                        <th scope="col" className={th}>
                          {t('estimates.maeShort')}
                        </th>
                        <th scope="col" className={th}>
                          {t('estimates.maeBaselineShort')}
                        </th>
                        <th scope="col" className={th}>
                          {t('estimates.biasShort')}
                        </th>
                        <th scope="col" className={th}>
                          {t('estimates.withinShort')}
                        </th>
                        <th scope="col" className={th}>
                          {t('estimates.withinBaselineShort')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((s) => (
                        <tr key={s.serviceId} className="border-b border-slate-200" data-testid="estimates-row">
                          <th scope="row" className="px-2 py-1.5 text-left font-normal">
                            {s.serviceName}
                            <span className="block text-xs text-slate-700">{s.agencyShortName}</span>
                          </th>
                          <td className={td}>{formatNumber(s.count)}</td>
                          <td className={td}>{minutes(s.maeMinutes)}</td>
                          <td className={td}>{minutes(s.baseline.maeMinutes)}</td>
                          <td className={td}>{bias(s.biasMinutes)}</td>
                          <td className={td}>{formatShare(s.withinShare)}</td>
                          <td className={td}>{formatShare(s.baseline.withinShare)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </Scroll>
                {services.length > FIRST_ROWS && (
                  <button
                    type="button"
                    onClick={() => setAll(!all)}
                    className="mt-3 min-h-11 rounded-lg border-2 border-brand-700 px-4 font-semibold text-brand-800 hover:bg-brand-50"
                  >
                    {all ? t('estimates.showFewer') : t('estimates.showAll', { count: services.length })}
                  </button>
                )}
              </div>
            </>
          )}
        </div>
      )}
    </Section>
  );
}

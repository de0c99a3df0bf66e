import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staffing } from '../../../api/performance';
import { formatNumber } from '../../components/report/format';
import { WarningIcon } from '../../components/report/WarningIcon';
import { api } from '../../lib/api';
import { Scroll, Section } from './Section';

const TARGETS = [5, 10, 15, 20, 30, 45, 60];

/**
 * Per hour of the day: the arrivals, the counters Erlang C says keep the expected wait within the
 * target, and the counters open on average. Hours short of counters are marked in words and red.
 */
export function StaffingSection({
  base,
  periodQuery,
  agencyId,
}: {
  base: string;
  periodQuery: string;
  agencyId: string;
}) {
  const { t } = useTranslation('kinerja');
  const id = useId();
  const [target, setTarget] = useState<number | null>(null);
  const query = `${periodQuery}&agencyId=${agencyId}${target ? `&targetWaitMinutes=${target}` : ''}`;
  const staffing = useQuery({
    queryKey: ['performance-staffing', base, query],
    queryFn: () => api.get<Staffing>(`${base}/staffing?${query}`),
    enabled: agencyId !== '',
    retry: false,
    placeholderData: (previous) => previous,
  });

  if (!agencyId) {
    return (
      <Section id="kinerja-staffing" title={t('staffing.heading')} testId="kinerja-staffing">
        <p>{t('staffing.chooseAgency')}</p>
      </Section>
    );
  }

  const data = staffing.data;
  const hours = (data?.hours ?? []).filter((h) => h.arrivalsPerHour > 0 || h.countersOpen > 0);
  const short = (h: Staffing['hours'][number]) =>
    h.countersNeeded === null ? 0 : Math.max(0, Math.ceil(h.countersNeeded - h.countersOpen - 1e-9));
  const under = hours.filter((h) => short(h) > 0).length;

  const picker = (
    <div className="text-sm font-semibold">
      <label htmlFor={`${id}-target`} className="block">
        {t('staffing.target')}
      </label>
      <select
        id={`${id}-target`}
        value={target ?? ''}
        onChange={(e) => setTarget(e.target.value ? Number(e.target.value) : null)}
        className="mt-1 block rounded-lg border-2 border-slate-500 bg-white px-2 py-1.5"
      >
        <option value="">
          {t('staffing.targetDefault')}
          {data && target === null ? ` (${t('staffing.targetMinutes', { count: data.targetWaitMinutes })})` : ''}
        </option>
        {TARGETS.map((m) => (
          <option key={m} value={m}>
            {t('staffing.targetMinutes', { count: m })}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Section id="kinerja-staffing" title={t('staffing.heading')} actions={picker} testId="kinerja-staffing">
      {staffing.error && (
        <p role="alert" className="font-semibold text-red-800">
          {staffing.error.message}
        </p>
      )}
      {data && hours.length === 0 && <p>{t('emptyShort')}</p>}
      {data && hours.length > 0 && (
        <>
          <p className="mb-2 text-sm text-slate-700">
            {t('staffing.intro', { unit: data.unit.name, target: data.targetWaitMinutes })}
          </p>
          <p
            className={`mb-2 flex items-center gap-1.5 font-semibold ${under > 0 ? 'text-red-800' : 'text-green-800'}`}
            data-testid="staffing-summary"
          >
            {under > 0 && <WarningIcon className="size-5 text-red-800 [&>path:last-child]:fill-white" />}
            {under > 0 ? t('staffing.underCount', { count: under }) : t('staffing.allEnough')}
          </p>
          <Scroll label={t('staffing.caption', { unit: data.unit.name })}>
            <table
              className={`w-full min-w-[36rem] border-collapse text-sm ${staffing.isPlaceholderData ? 'opacity-60' : ''}`}
              data-testid="staffing-table"
            >
              <caption className="sr-only">{t('staffing.caption', { unit: data.unit.name })}</caption>
              <thead>
                <tr className="border-b-2 border-slate-400">
                  <th scope="col" className="px-2 py-1 text-left">
                    {t('staffing.hour')}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right">
                    {t('staffing.arrivals')}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right">
                    {t('staffing.serviceMinutes')}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right">
                    {t('staffing.needed')}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right">
                    {t('staffing.open')}
                  </th>
                  <th scope="col" className="px-2 py-1 text-left">
                    {t('staffing.status')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {hours.map((h) => {
                  const gap = short(h);
                  return (
                    <tr
                      key={h.hour}
                      className={`border-b border-slate-200 ${gap > 0 ? 'bg-red-50' : ''}`}
                      data-testid="staffing-row"
                      data-under={gap > 0}
                    >
                      <th scope="row" className="px-2 py-1 text-left font-semibold tabular-nums">
                        {String(h.hour).padStart(2, '0')}.00
                      </th>
                      <td className="px-2 py-1 text-right tabular-nums">{formatNumber(h.arrivalsPerHour, 1)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{formatNumber(h.meanServiceMinutes, 1)}</td>
                      <td className="px-2 py-1 text-right font-semibold tabular-nums">
                        {formatNumber(h.countersNeeded)}
                      </td>
                      <td className="px-2 py-1 text-right tabular-nums">{formatNumber(h.countersOpen, 1)}</td>
                      <td className="px-2 py-1">
                        {h.countersNeeded === null ? (
                          t('staffing.unknown')
                        ) : gap > 0 ? (
                          <span className="inline-flex items-center gap-1 whitespace-nowrap font-bold text-red-800">
                            <WarningIcon className="size-4 text-red-800 [&>path:last-child]:fill-white" />
                            {t('staffing.under', { count: gap })}
                          </span>
                        ) : (
                          <span className="text-green-800">{t('staffing.enough')}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Scroll>
        </>
      )}
    </Section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RANKING_MEASURES, type Ranking, type RankingMeasure } from '../../../api/performance';
import { formatIkm, formatMinutes, formatNumber, formatShare } from '../../components/report/format';
import type { UnitChoice } from '../../components/report/period';
import { api } from '../../lib/api';
import type { Access } from './access';
import { Scroll, Section } from './Section';

function formatValue(measure: RankingMeasure, value: number | null, minutes: string): string {
  if (value === null) return '—';
  switch (measure) {
    case 'waitMean':
    case 'waitP90':
    case 'serviceMean':
      return `${formatMinutes(value)} ${minutes}`;
    case 'served':
      return formatNumber(value);
    case 'withinStandard':
    case 'noShowRate':
      return formatShare(value);
    case 'ikm':
      return formatIkm(value);
  }
}

/** The agencies ranked by a measure the reader chooses, with what "better" means for it. */
export function RankingSection({
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
  const id = useId();
  const [measure, setMeasure] = useState<RankingMeasure>('waitMean');
  const query = `${periodQuery}&measure=${measure}`;
  const ranking = useQuery({
    queryKey: ['performance-ranking', base, query],
    queryFn: () => api.get<Ranking>(`${base}/ranking?${query}`),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const all = ranking.data?.rows ?? [];
  const rows = all.filter((r) => r.value !== null);
  const unranked = all.filter((r) => r.value === null);
  const anyValue = rows.length > 0;
  const top = Math.max(...rows.map((r) => r.value ?? 0), 0);

  const picker = (
    <div className="text-sm font-semibold">
      <label htmlFor={`${id}-measure`} className="block">
        {t('ranking.measure')}
      </label>
      <select
        id={`${id}-measure`}
        value={measure}
        onChange={(e) => setMeasure(e.target.value as RankingMeasure)}
        className="mt-1 block rounded-lg border-2 border-slate-500 bg-white px-2 py-1.5"
      >
        {RANKING_MEASURES.map((m) => (
          <option key={m} value={m}>
            {t(`ranking.measures.${m}`)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Section id="kinerja-ranking" title={t('ranking.heading')} actions={picker} testId="kinerja-ranking">
      <p className="mb-3 rounded-lg bg-brand-50 px-3 py-2 text-base text-slate-900" data-testid="ranking-better">
        {t(`ranking.better.${measure}`)}
      </p>
      {ranking.error && (
        <p role="alert" className="font-semibold text-red-800">
          {ranking.error.message}
        </p>
      )}
      {ranking.data && !anyValue && <p>{t('emptyShort')}</p>}
      {ranking.data && anyValue && (
        <Scroll label={t('ranking.heading')}>
          <table
            className={`w-full border-collapse text-sm sm:text-base ${ranking.isPlaceholderData ? 'opacity-60' : ''}`}
            data-testid="ranking-table"
            data-measure={ranking.data.measure}
          >
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="w-px px-2 py-1.5 text-right whitespace-nowrap">
                  {t('ranking.rank')}
                </th>
                <th scope="col" className="px-2 py-1.5 text-left">
                  {t('ranking.agency')}
                </th>
                <th scope="col" className="px-2 py-1.5 text-right">
                  <span className="hidden sm:inline">{t(`ranking.measures.${ranking.data.measure}`)}</span>
                  <span className="sm:hidden">{t('ranking.value')}</span>
                </th>
                <td className="hidden w-1/3 sm:table-cell" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const current = r.agency.id === unit.agencyId;
                const open = access.canOpen(r.agency.id);
                return (
                  <tr
                    key={r.agency.id}
                    className={`border-b border-slate-200 ${current ? 'bg-accent-400/30 font-semibold' : ''}`}
                    data-testid="ranking-row"
                    data-agency={r.agency.id}
                  >
                    <td className="px-2 py-1.5 text-right tabular-nums">{r.rank ?? '—'}</td>
                    <th scope="row" className="px-2 py-1.5 text-left font-normal">
                      {open ? (
                        <Link
                          to={linkTo({ agencyId: r.agency.id, serviceId: '' })}
                          className="font-semibold text-brand-700 underline underline-offset-2"
                        >
                          {r.agency.shortName ?? r.agency.name}
                        </Link>
                      ) : (
                        <span className="font-semibold">{r.agency.shortName ?? r.agency.name}</span>
                      )}
                      {current && <span className="ml-2 text-sm">({t('ranking.current')})</span>}
                    </th>
                    <td className="px-2 py-1.5 text-right tabular-nums whitespace-nowrap">
                      {formatValue(ranking.data.measure, r.value, t('minutes'))}
                    </td>
                    <td className="hidden w-1/3 px-2 py-1.5 sm:table-cell" aria-hidden="true">
                      <div
                        className="h-3 rounded-sm bg-brand-600"
                        style={{ width: `${top > 0 ? Math.max(1, ((r.value ?? 0) / top) * 100) : 0}%` }}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Scroll>
      )}
      {ranking.data && anyValue && unranked.length > 0 && (
        <p className="mt-2 text-sm text-slate-700" data-testid="ranking-unranked">
          {t('ranking.unranked', {
            count: unranked.length,
            names: unranked.map((r) => r.agency.shortName ?? r.agency.name).join(', '),
          })}
        </p>
      )}
    </Section>
  );
}

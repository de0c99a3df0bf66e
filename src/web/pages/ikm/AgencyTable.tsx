import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SkmPublishedPeriod } from '../../../api/skm';
import { currentLang } from '../../i18n';
import { formatIkm } from './format';
import { GradeBadge } from './GradeBadge';

type AgencyResult = SkmPublishedPeriod['agencies'][number];
type Order = 'mall' | 'desc' | 'asc';

/** Highest (or lowest) IKM first; agencies with no responses always last, in the mall's order. */
function sortAgencies(agencies: AgencyResult[], order: Order): AgencyResult[] {
  if (order === 'mall') return agencies;
  const sign = order === 'desc' ? -1 : 1;
  return [...agencies].sort((a, b) => {
    if (a.ikm === null || b.ikm === null) return (a.ikm === null ? 1 : 0) - (b.ikm === null ? 1 : 0);
    return sign * (a.ikm - b.ikm);
  });
}

const ARIA_SORT = { mall: 'none', desc: 'descending', asc: 'ascending' } as const;
const STATUS_KEY = { mall: 'ikm:sortedDefault', desc: 'ikm:sortedDesc', asc: 'ikm:sortedAsc' } as const;

/** Every agency's IKM and grade for one period, sortable by IKM. */
export function AgencyTable({ period }: { period: SkmPublishedPeriod }) {
  const { t } = useTranslation(['ikm']);
  const lang = currentLang();
  const [order, setOrder] = useState<Order>('mall');
  const rows = sortAgencies(period.agencies, order);

  return (
    <section aria-labelledby="ikm-agencies" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="ikm-agencies" className="text-lg font-bold">
        {t('ikm:agenciesHeading', { period: period.periodLabel })}
      </h2>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <p aria-live="polite" className="text-sm text-slate-700">
          {t(STATUS_KEY[order])}
        </p>
        <button
          type="button"
          onClick={() => setOrder(order === 'desc' ? 'asc' : 'desc')}
          className="rounded-lg border-2 border-brand-700 px-3 py-1.5 text-sm font-semibold text-brand-700"
        >
          {t('ikm:sortByIkm')}
          <span aria-hidden="true">{order === 'desc' ? ' ↓' : order === 'asc' ? ' ↑' : ' ↕'}</span>
        </button>
      </div>
      <table className="mt-3 w-full border-collapse text-left" aria-labelledby="ikm-agencies">
        <thead>
          <tr className="border-b-2 border-slate-300 text-sm">
            <th scope="col" className="py-2 pr-2 font-semibold">
              {t('ikm:agency')}
            </th>
            <th scope="col" aria-sort={ARIA_SORT[order]} className="py-2 text-right font-semibold">
              {t('ikm:ikm')}
            </th>
            <th scope="col" className="py-2 pl-2 text-center font-semibold">
              {t('ikm:grade')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id} className="border-b border-slate-200 align-top" data-testid="agency-row">
              <th scope="row" className="py-2 pr-2 text-sm font-normal">
                <span lang="id" className="block font-medium">
                  {a.name}
                </span>
                {a.respondents > 0 && (
                  <span className="text-sm text-slate-700">{t('ikm:respondents', { count: a.respondents })}</span>
                )}
              </th>
              {a.ikm === null || a.grade === null ? (
                <td colSpan={2} className="py-2 text-right text-sm text-slate-700">
                  {t('ikm:noRespondents')}
                </td>
              ) : (
                <>
                  <td className="py-2 text-right text-base font-bold tabular-nums">{formatIkm(a.ikm, lang)}</td>
                  <td className="py-2 pl-2 text-center">
                    <GradeBadge grade={a.grade} />
                    <span className="sr-only"> — {a.label?.[lang]}</span>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PerformanceReport, UnitSummary } from '../../../api/performance';
import { formatIkm, formatMinutes, formatNumber, formatShare } from '../../components/report/format';
import type { UnitChoice } from '../../components/report/period';
import type { Access } from './access';
import { Scroll, Section } from './Section';

type Kind = 'agencies' | 'services' | 'counters' | 'officers';
const KINDS: Kind[] = ['agencies', 'services', 'counters', 'officers'];

const th = 'px-2 py-1.5 text-right align-bottom font-semibold';
const td = 'px-2 py-1.5 text-right tabular-nums whitespace-nowrap';

/**
 * The units inside the one open: the agencies of the mall; the services, counters and officers of
 * an agency. Each name opens that unit (an agency admin: their own agency only). Units without a
 * visit in the period are counted under the table rather than listed.
 */
export function Breakdown({
  report,
  unit,
  access,
  linkTo,
}: {
  report: PerformanceReport;
  unit: UnitChoice;
  access: Access;
  linkTo: (u: UnitChoice) => string;
}) {
  const { t } = useTranslation('kinerja');
  const tables = KINDS.filter((k) => report.breakdown[k].length > 0);
  if (tables.length === 0) return null;

  const target = (kind: Kind, row: UnitSummary): UnitChoice | null => {
    const agencyId = kind === 'agencies' ? row.id : (report.unit.agency?.id ?? unit.agencyId);
    if (!agencyId || !access.canOpen(agencyId)) return null;
    if (kind === 'agencies') return { agencyId, serviceId: '' };
    if (kind === 'services')
      return report.unit.level === 'service' ? null : { agencyId, serviceId: row.id, counterId: '', officerId: '' };
    if (kind === 'counters') return { agencyId, serviceId: '', counterId: row.id, officerId: '' };
    return { agencyId, serviceId: '', counterId: '', officerId: row.id };
  };

  return (
    <Section id="kinerja-breakdown" title={t('breakdown.heading')} testId="kinerja-breakdown">
      <div className="flex flex-col gap-5">
        {tables.map((kind) => {
          const all = report.breakdown[kind];
          const active = all.filter((r) => r.visits > 0 || r.served > 0 || r.ikm !== null);
          const quiet = all.length - active.length;
          const caption = t('breakdown.caption', { kind: t(`breakdown.${kind}`), period: report.period.label });
          return (
            <div key={kind}>
              <Scroll label={t('breakdown.scroll', { kind: t(`breakdown.${kind}`) })}>
                <table className="w-full min-w-[52rem] border-collapse text-sm" data-testid={`breakdown-${kind}`}>
                  <caption className="mb-1 text-left text-base font-bold">{caption}</caption>
                  <thead>
                    <tr className="border-b-2 border-slate-400">
                      <th scope="col" className="px-2 py-1.5 text-left align-bottom font-semibold">
                        {t(`breakdown.${kind}`)}
                      </th>
                      <th scope="col" className={th}>
                        {t('breakdown.issued')}
                      </th>
                      <th scope="col" className={th}>
                        {t('breakdown.served')}
                      </th>
                      <th scope="col" className={th}>
                        {t('breakdown.noShow')}
                      </th>
                      <th scope="col" className={th}>
                        {t('breakdown.waitMean')}
                      </th>
                      <th scope="col" className={th}>
                        {t('breakdown.waitP90')}
                      </th>
                      <th scope="col" className={th}>
                        {t('breakdown.serviceMean')}
                      </th>
                      <th scope="col" className={th}>
                        {t('breakdown.withinStandard')}
                      </th>
                      <th scope="col" className={th}>
                        {t('breakdown.ikm')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {active.map((row) => {
                      const to = target(kind, row);
                      const name = kind === 'agencies' && row.shortName ? row.shortName : row.name;
                      return (
                        <tr key={row.id} className="border-b border-slate-200 even:bg-slate-50">
                          <th scope="row" className="min-w-64 px-2 py-1.5 text-left font-normal">
                            {to ? (
                              <Link
                                to={linkTo(to)}
                                title={name === row.name ? undefined : row.name}
                                className="font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-900"
                              >
                                {name}
                              </Link>
                            ) : (
                              <span className="font-semibold" title={name === row.name ? undefined : row.name}>
                                {name}
                              </span>
                            )}
                          </th>
                          <td className={td}>{formatNumber(row.issued)}</td>
                          <td className={td}>{formatNumber(row.served)}</td>
                          <td className={td}>{formatNumber(row.noShow)}</td>
                          <td className={td}>{formatMinutes(row.waitMeanSeconds)}</td>
                          <td className={td}>{formatMinutes(row.waitP90Seconds)}</td>
                          <td className={td}>{formatMinutes(row.serviceMeanSeconds)}</td>
                          <td className={td}>{formatShare(row.withinStandardShare)}</td>
                          <td className={td}>
                            {formatIkm(row.ikm)}
                            {row.grade && <span className="ml-1 text-slate-700">({row.grade})</span>}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </Scroll>
              {active.length === 0 && <p className="mt-1">{t('emptyShort')}</p>}
              {quiet > 0 && active.length > 0 && (
                <p className="mt-1 text-sm text-slate-700">{t('breakdown.quiet', { count: quiet })}</p>
              )}
            </div>
          );
        })}
      </div>
    </Section>
  );
}

/**
 * Complaints in the evaluation (issue #14): of the complaints received in the period, how many,
 * the share answered within the deadline, how many are overdue today, refused, still open, and the
 * citizens' mean rating of the answers beside the period's IKM; per agency at the mall level, per
 * service inside an agency.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ComplaintFigures } from '../../../api/complaints';
import { formatIkm, formatNumber, formatShare } from '../../components/report/format';
import { type UnitChoice, unitLevel } from '../../components/report/period';
import { api } from '../../lib/api';
import type { Access } from './access';
import { Figure } from './Figure';
import { byUrgency } from './figures';
import { Scroll, Section } from './Section';

const th = 'px-2 py-1.5 text-right align-bottom font-semibold';
const td = 'px-2 py-1.5 text-right tabular-nums whitespace-nowrap';

type Counts = Omit<ComplaintFigures, 'period' | 'agencies' | 'services'>;

export function ComplaintSection({
  base,
  periodQuery,
  unit,
  access,
  linkTo,
  ikm,
}: {
  base: string;
  periodQuery: string;
  unit: UnitChoice;
  access: Access;
  linkTo: (u: UnitChoice) => string;
  /** the period's IKM of the same unit, beside the ratings of the answers */
  ikm: number | null;
}) {
  const { t } = useTranslation('kinerja');
  // Complaints are counted per agency: a service, counter or officer is shown with its agency's.
  const scope = unit.agencyId ? `&agencyId=${unit.agencyId}` : '';
  const query = `${periodQuery}${scope}`;
  const report = useQuery({
    queryKey: ['performance-complaints', base, query],
    queryFn: () => api.get<ComplaintFigures>(`${base}/complaints?${query}`),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const data = report.data;
  const level = unitLevel(unit);

  return (
    <Section id="kinerja-complaints" title={t('complaints.heading')} testId="kinerja-complaints">
      {report.isPending && <p aria-live="polite">{t('complaints.loading')}</p>}
      {report.error && (
        <p role="alert" className="font-semibold text-red-800">
          {report.error.message}
        </p>
      )}
      {data && (
        <div className={`flex flex-col gap-4 ${report.isPlaceholderData ? 'opacity-60' : ''}`}>
          <p className="text-sm text-slate-700">
            {t('complaints.explain')}
            {level !== 'mall' && level !== 'agency' && ` ${t('complaints.agencyOnly')}`}
          </p>
          {data.received === 0 ? (
            <p data-testid="complaints-empty" className="text-lg font-semibold">
              {t('complaints.empty')}
            </p>
          ) : (
            <>
              <ComplaintFigureList counts={data} ikm={ikm} />
              {level === 'mall' ? (
                <ComplaintTable
                  kind="agencies"
                  rows={data.agencies.map((a) => ({
                    ...a,
                    id: a.agencyId,
                    name: a.agencyShortName,
                    to: access.canOpen(a.agencyId) ? linkTo({ agencyId: a.agencyId, serviceId: '' }) : null,
                  }))}
                />
              ) : data.services.length > 0 ? (
                <ComplaintTable
                  kind="services"
                  rows={data.services.map((s) => ({ ...s, id: s.serviceId, name: s.serviceName, to: null }))}
                />
              ) : null}
            </>
          )}
        </div>
      )}
    </Section>
  );
}

/** Received, answered within the deadline, overdue now (red when any), refused, the mean rating beside the IKM. */
function ComplaintFigureList({ counts, ikm }: { counts: Counts; ikm: number | null }) {
  const { t } = useTranslation('kinerja');
  const overdue = counts.overdueNow > 0;
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5">
      <Figure
        label={t('complaints.received')}
        value={formatNumber(counts.received)}
        note={t('complaints.openNote', { count: counts.open })}
        testId="complaints-received"
      />
      <Figure
        label={t('complaints.inTime')}
        value={formatShare(counts.inTimeShare)}
        note={
          counts.answered > 0
            ? t('complaints.inTimeNote', { inTime: counts.answeredInTime, answered: counts.answered })
            : t('complaints.noneAnswered')
        }
        testId="complaints-in-time"
      />
      <Figure
        label={t('complaints.overdue')}
        value={formatNumber(counts.overdueNow)}
        note={overdue ? t('complaints.overdueNote') : t('complaints.overdueNone')}
        alert={overdue}
        testId="complaints-overdue"
      />
      <Figure
        label={t('complaints.refused')}
        value={formatNumber(counts.refused)}
        note={t('complaints.verifiedNote', { count: counts.verifiedInTime })}
        testId="complaints-refused"
      />
      <Figure
        label={t('complaints.rating')}
        value={formatNumber(counts.meanRating, 1)}
        unit={t('complaints.ratingUnit')}
        testId="complaints-rating"
      >
        <dd className="text-sm text-slate-700">{t('complaints.ratingNote', { count: counts.ratings })}</dd>
        <dd className="text-sm font-semibold text-slate-800" data-testid="complaints-ikm">
          {t('complaints.ikmBeside', { ikm: formatIkm(ikm) })}
        </dd>
      </Figure>
    </dl>
  );
}

interface Row extends Counts {
  id: string;
  name: string;
  to: string | null;
}

function ComplaintTable({ kind, rows }: { kind: 'agencies' | 'services'; rows: Row[] }) {
  const { t } = useTranslation('kinerja');
  const sorted = [...rows].sort(byUrgency);
  return (
    <div>
      <h3 className="mb-2 text-base font-bold text-slate-800">{t(`complaints.per.${kind}`)}</h3>
      <Scroll label={t('complaints.tableLabel', { kind: t(`complaints.per.${kind}`) })}>
        <table className="w-full min-w-[52rem] border-collapse text-sm" data-testid={`complaints-${kind}`}>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="px-2 py-1.5 text-left align-bottom font-semibold">
                {t(`complaints.unit.${kind}`)}
              </th>
              <th scope="col" className={th}>
                {t('complaints.received')}
              </th>
              <th scope="col" className={th}>
                {t('complaints.answeredShort')}
              </th>
              <th scope="col" className={th}>
                {t('complaints.inTimeShareShort')}
              </th>
              <th scope="col" className={th}>
                {t('complaints.overdue')}
              </th>
              <th scope="col" className={th}>
                {t('complaints.refused')}
              </th>
              <th scope="col" className={th}>
                {t('complaints.openShort')}
              </th>
              <th scope="col" className={th}>
                {t('complaints.ratingShort')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} className="border-b border-slate-200" data-testid="complaints-row">
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
                <td className={td}>{formatNumber(r.answered)}</td>
                <td className={td}>{formatShare(r.inTimeShare)}</td>
                <td className={td}>
                  {r.overdueNow > 0 ? (
                    <span className="rounded bg-red-100 px-1.5 font-bold text-red-900">
                      {formatNumber(r.overdueNow)}
                    </span>
                  ) : (
                    formatNumber(r.overdueNow)
                  )}
                </td>
                <td className={td}>{formatNumber(r.refused)}</td>
                <td className={td}>{formatNumber(r.open)}</td>
                <td className={td}>{formatNumber(r.meanRating, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </div>
  );
}

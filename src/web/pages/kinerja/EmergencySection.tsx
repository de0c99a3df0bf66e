/**
 * The crisis center in the evaluation (issue #14, point 4): the period's emergency reports of the
 * whole mall — how many of each kind, how many nobody took, the median and longest time until
 * someone took one — and the log: when, what, where, from where, who took it, how fast, what was
 * done.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Emergency, EmergencyReport } from '../../../api/emergencies';
import { KindIcon } from '../../components/emergency/KindIcon';
import { formatNumber, NONE } from '../../components/report/format';
import { api } from '../../lib/api';
import { useMall } from '../../lib/queries';
import { Figure } from './Figure';
import { Scroll, Section } from './Section';
import '../../components/emergency/translations';

const th = 'px-2 py-1.5 text-left align-bottom font-semibold';
const td = 'px-2 py-1.5 align-top';

/** A response time as people say it: seconds under two minutes, else minutes. */
export function formatResponse(ms: number | null, lang: string): string {
  if (ms === null) return NONE;
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return lang === 'en' ? `${seconds} s` : `${seconds} dtk`;
  return `${formatNumber(ms / 60_000, 1)} ${lang === 'en' ? 'min' : 'mnt'}`;
}

export function EmergencySection({ slug, periodQuery }: { slug: string; periodQuery: string }) {
  const { t, i18n } = useTranslation('emergency');
  const timeZone = useMall(slug).data?.timeZone ?? 'Asia/Jakarta';
  const base = `/api/malls/${encodeURIComponent(slug)}/emergencies`;
  const report = useQuery({
    queryKey: ['emergency-report', slug, periodQuery],
    queryFn: () => api.get<EmergencyReport>(`${base}/report?${periodQuery}`),
    retry: false,
  });
  const list = useQuery({
    queryKey: ['emergency-list', slug, periodQuery],
    queryFn: () => api.get<Emergency[]>(`${base}?${periodQuery}`),
    retry: false,
  });
  const lang = i18n.language;
  const when = (at: number) =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(at);
  const data = report.data;
  const error = report.error ?? list.error;

  return (
    <Section id="kinerja-emergencies" title={t('log.title')} testId="kinerja-emergencies">
      {error && (
        <p role="alert" className="font-semibold text-red-800">
          {error.message}
        </p>
      )}
      {data && data.count === 0 && <p className="text-lg font-semibold">{t('log.none')}</p>}
      {data && data.count > 0 && (
        <div className="flex flex-col gap-4">
          <dl className="grid grid-cols-2 gap-3 xl:grid-cols-4">
            <Figure label={t('log.count')} value={formatNumber(data.count)} testId="emergency-count" />
            <Figure
              label={t('log.unanswered')}
              value={formatNumber(data.unanswered)}
              alert={data.unanswered > 0}
              testId="emergency-unanswered"
            />
            <Figure
              label={t('log.median')}
              value={formatResponse(data.medianResponseMs, lang)}
              testId="emergency-median"
            />
            <Figure label={t('log.max')} value={formatResponse(data.maxResponseMs, lang)} testId="emergency-max" />
          </dl>
          <Scroll label={t('log.perKind')}>
            <table className="w-full text-sm">
              <caption className="mb-1 text-left font-semibold">{t('log.perKind')}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th className={th}>{t('log.kind')}</th>
                  <th className={`${th} text-right`}>{t('log.count')}</th>
                  <th className={`${th} text-right`}>{t('log.median')}</th>
                  <th className={`${th} text-right`}>{t('log.max')}</th>
                </tr>
              </thead>
              <tbody>
                {data.perKind.map((k) => (
                  <tr key={k.kind} className="border-b border-slate-100">
                    <td className={td}>{t(`kind.${k.kind}`)}</td>
                    <td className={`${td} text-right tabular-nums`}>{formatNumber(k.count)}</td>
                    <td className={`${td} text-right tabular-nums`}>{formatResponse(k.medianResponseMs, lang)}</td>
                    <td className={`${td} text-right tabular-nums`}>{formatResponse(k.maxResponseMs, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          {list.data && (
            <Scroll label={t('log.tableLabel')}>
              <table className="w-full text-sm" data-testid="emergency-log">
                <caption className="mb-1 text-left font-semibold">{t('log.tableLabel')}</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th className={th}>{t('log.when')}</th>
                    <th className={th}>{t('log.kind')}</th>
                    <th className={th}>{t('log.place')}</th>
                    <th className={th}>{t('log.source')}</th>
                    <th className={th}>{t('log.takenBy')}</th>
                    <th className={`${th} text-right`}>{t('log.response')}</th>
                    <th className={th}>{t('log.closed')}</th>
                    <th className={th}>{t('log.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((e) => (
                    <tr key={e.id} className="border-b border-slate-100">
                      <td className={`${td} whitespace-nowrap`}>{when(e.reportedAt)}</td>
                      <td className={td}>
                        <span className="inline-flex items-center gap-1.5">
                          <KindIcon kind={e.kind} className="h-4 w-4 shrink-0" />
                          {t(`kind.${e.kind}`)}
                        </span>
                      </td>
                      <td className={td}>{e.place ?? NONE}</td>
                      <td className={td}>
                        {t(`log.sourceName.${e.source}`)}
                        {e.reportedBy ? ` (${e.reportedBy})` : ''}
                      </td>
                      <td className={td}>{e.takenBy ?? NONE}</td>
                      <td className={`${td} text-right tabular-nums`}>{formatResponse(e.responseMs, lang)}</td>
                      <td className={`${td} whitespace-nowrap`}>
                        {e.closedAt ? `${when(e.closedAt)}${e.closedBy ? ` · ${e.closedBy}` : ''}` : t('log.open')}
                      </td>
                      <td className={td}>{e.closeNote ?? NONE}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          )}
        </div>
      )}
    </Section>
  );
}

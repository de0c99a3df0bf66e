import { useTranslation } from 'react-i18next';
import type { PerformanceReport } from '../../../api/performance';
import { GRADE_LABELS } from '../../../domain/skm';
import { formatIkm, formatMinutes, formatNumber, formatShare } from '../../components/report/format';
import { currentLang } from '../../i18n';
import { Section } from './Section';

export const downloadLink =
  'inline-flex min-h-11 items-center rounded-lg border-2 border-brand-700 px-4 font-semibold text-brand-800 hover:bg-brand-50';

function Figure({
  label,
  value,
  unit,
  note,
  testId,
}: {
  label: string;
  value: string;
  unit?: string | undefined;
  note?: string | undefined;
  testId?: string;
}) {
  return (
    <div className="min-w-0">
      <dt className="text-sm font-semibold text-slate-700">{label}</dt>
      <dd className="text-3xl font-bold tabular-nums text-brand-900" data-testid={testId}>
        {value}
        {unit && value !== '—' && <span className="ml-1.5 text-base font-semibold text-slate-700">{unit}</span>}
      </dd>
      {note && <dd className="text-sm text-slate-700">{note}</dd>}
    </div>
  );
}

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200">
      <h3 className="mb-2 text-base font-bold text-slate-800">{title}</h3>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3">{children}</dl>
    </div>
  );
}

/** The unit's headline measures for the period, and the downloads of the same report. */
export function Headline({
  report,
  downloadQuery,
  base,
}: {
  report: PerformanceReport;
  downloadQuery: string;
  base: string;
}) {
  const { t } = useTranslation('kinerja');
  const m = report.measures;
  const lang = currentLang();
  const min = t('minutes');
  const empty = m.visits === 0 && report.ikm.respondents === 0;

  return (
    <Section
      id="kinerja-headline"
      testId="kinerja-headline"
      title={t('headline.heading', { unit: report.unit.name, period: report.period.label })}
      actions={
        <div className="flex flex-wrap gap-2">
          <a className={downloadLink} href={`${base}/report.pdf?${downloadQuery}&lang=${lang}`} download>
            {t('headline.pdf')}
          </a>
          <a className={downloadLink} href={`${base}/report.xlsx?${downloadQuery}&lang=${lang}`} download>
            {t('headline.xlsx')}
          </a>
        </div>
      }
    >
      {empty ? (
        <p className="text-lg font-semibold" data-testid="kinerja-empty">
          {t('empty', { unit: report.unit.name, period: report.period.label })}
        </p>
      ) : (
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          <Group title={t('headline.volume')}>
            <Figure
              label={t('headline.issued')}
              value={formatNumber(m.issued)}
              note={
                m.transferredIn > 0
                  ? t('headline.visits', { visits: formatNumber(m.visits), count: m.transferredIn })
                  : undefined
              }
              testId="measure-issued"
            />
            <Figure label={t('headline.served')} value={formatNumber(m.served)} testId="measure-served" />
            <Figure label={t('headline.noShow')} value={formatNumber(m.noShow)} />
            <Figure label={t('headline.cancelled')} value={formatNumber(m.cancelled)} />
            <Figure label={t('headline.transferred')} value={formatNumber(m.transferred)} />
            <Figure
              label={t('headline.days')}
              value={formatNumber(m.days)}
              note={
                m.busiestHours[0]
                  ? `${t('headline.busiest')}: ${t('headline.busiestValue', { hour: m.busiestHours[0].hour, count: m.busiestHours[0].arrivals })}`
                  : undefined
              }
            />
          </Group>
          <Group title={t('headline.times')}>
            <Figure
              label={t('headline.waitMean')}
              value={formatMinutes(m.waitSeconds.mean)}
              unit={min}
              testId="measure-wait-mean"
            />
            <Figure label={t('headline.waitMedian')} value={formatMinutes(m.waitSeconds.median)} unit={min} />
            <Figure
              label={t('headline.waitP90')}
              value={formatMinutes(m.waitSeconds.p90)}
              unit={min}
              note={t('headline.waitP90Hint')}
            />
            <Figure label={t('headline.serviceMean')} value={formatMinutes(m.serviceSeconds.mean)} unit={min} />
            <Figure
              label={t('headline.withinStandard')}
              value={formatShare(m.withinStandard.share)}
              note={
                m.withinStandard.measured > 0
                  ? t('headline.withinStandardOf', {
                      within: formatNumber(m.withinStandard.within),
                      measured: formatNumber(m.withinStandard.measured),
                    })
                  : undefined
              }
            />
          </Group>
          <Group title={t('headline.capacity')}>
            <Figure
              label={t('headline.countersActive')}
              value={formatNumber(m.counters.active)}
              note={
                m.counters.perDay === null
                  ? undefined
                  : t('headline.countersPerDay', { value: formatNumber(m.counters.perDay, 1) })
              }
            />
            <Figure label={t('headline.hoursStaffed')} value={formatNumber(m.counters.hoursStaffed)} />
            <Figure
              label={t('headline.ikm')}
              value={formatIkm(report.ikm.ikm)}
              note={
                report.ikm.ikm === null
                  ? t('headline.noResponses')
                  : `${report.ikm.grade ? `${t('headline.grade', { grade: `${report.ikm.grade} (${GRADE_LABELS[report.ikm.grade][lang]})` })} · ` : ''}${t('headline.ikmRespondents', { count: report.ikm.respondents })}`
              }
              testId="measure-ikm"
            />
          </Group>
        </div>
      )}
    </Section>
  );
}

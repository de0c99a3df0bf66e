import { useTranslation } from 'react-i18next';
import type { SkmFullReport } from '../../../api/skm';
import { currentLang } from '../../i18n';
import { signedTwoDecimals, twoDecimals } from './format';

/** Respondents against the required sample, the IKM and grade, the change from the period before. */
export function ReportSummary({ report, query }: { report: SkmFullReport; query: string }) {
  const { t } = useTranslation('skmAdmin');
  const lang = currentLang();
  const base = `/api/malls/${report.unit.mall.slug}/skm`;
  const prev = report.previous;
  const link =
    'inline-flex min-h-11 items-center rounded-lg border-2 border-brand-700 px-4 font-semibold text-brand-800 hover:bg-brand-50';

  return (
    <section aria-labelledby="skm-summary-heading" className="rounded-2xl bg-white p-5 shadow">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id="skm-summary-heading" className="text-xl font-bold">
          {t('summary.heading', { unit: report.unit.name, period: report.period.label })}
        </h2>
        <div className="flex gap-2">
          <a className={link} href={`${base}/report.pdf?${query}&lang=${lang}`} download>
            {t('summary.pdf')}
          </a>
          <a className={link} href={`${base}/report.xlsx?${query}&lang=${lang}`} download>
            {t('summary.xlsx')}
          </a>
        </div>
      </div>
      <dl className="mt-4 grid grid-cols-4 gap-4">
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t('summary.ikm')}</dt>
          <dd className="text-4xl font-bold text-brand-800" data-testid="skm-ikm">
            {report.ikm === null ? '—' : twoDecimals(report.ikm)}
          </dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t('summary.grade')}</dt>
          <dd className="text-2xl font-bold" data-testid="skm-grade">
            {report.grade && report.label ? `${report.grade} — ${report.label[lang]}` : t('summary.noResponses')}
          </dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t('summary.respondents')}</dt>
          <dd className="text-lg" data-testid="skm-respondents">
            {t('summary.respondentsOf', { count: report.respondents, required: report.requiredSample })}
            {/* With nobody surveyed there is no sample to judge ("0 of 0 met" would mislead). */}
            {report.respondents > 0 && (
              <span
                className={`ml-2 rounded px-2 py-0.5 text-sm font-semibold ${report.sampleMet ? 'bg-green-100 text-green-900' : 'bg-amber-100 text-amber-900'}`}
              >
                {report.sampleMet ? t('summary.sampleMet') : t('summary.sampleNotMet')}
              </span>
            )}
          </dd>
          <dd className="text-sm text-slate-700">{t('summary.population', { count: report.population })}</dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-slate-700">
            {t('summary.previous', { period: prev.periodLabel })}
          </dt>
          <dd className="text-lg" data-testid="skm-previous">
            {prev.ikm === null ? t('summary.noResponses') : `${twoDecimals(prev.ikm)} (${prev.grade})`}
          </dd>
          {prev.change !== null && (
            <dd className="text-sm font-semibold text-slate-800">
              {t('summary.change', { change: signedTwoDecimals(prev.change) })}
            </dd>
          )}
        </div>
      </dl>
    </section>
  );
}

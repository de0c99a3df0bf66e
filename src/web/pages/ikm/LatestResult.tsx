import { useTranslation } from 'react-i18next';
import type { SkmPublishedPeriod } from '../../../api/skm';
import { currentLang } from '../../i18n';
import { formatIkm } from './format';
import { GradeBadge } from './GradeBadge';

/** The newest published period, big: IKM, grade with its label, and how many answered. */
export function LatestResult({ period }: { period: SkmPublishedPeriod }) {
  const { t } = useTranslation(['ikm']);
  const lang = currentLang();
  const { ikm, grade, label, respondents } = period.mall;
  return (
    <section aria-labelledby="ikm-latest" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="ikm-latest" className="text-lg font-bold">
        {t('ikm:latestHeading', { period: period.periodLabel })}
      </h2>
      {ikm === null || grade === null ? (
        <p className="mt-3 text-base">{t('ikm:noRespondents')}</p>
      ) : (
        <dl className="mt-3 flex flex-wrap items-end gap-x-8 gap-y-4">
          <div>
            <dt className="text-sm text-slate-700">{t('ikm:ikmLabel')}</dt>
            <dd data-testid="latest-ikm" className="text-5xl leading-none font-bold text-brand-800 tabular-nums">
              {formatIkm(ikm, lang)}
            </dd>
          </div>
          <div>
            <dt className="mb-1 text-sm text-slate-700">{t('ikm:gradeLabel')}</dt>
            <dd>
              <GradeBadge grade={grade} label={label?.[lang]} size="large" testId="latest-grade" />
            </dd>
          </div>
        </dl>
      )}
      <p data-testid="latest-respondents" className="mt-4 text-base text-slate-800">
        {t('ikm:respondents', { count: respondents })}
      </p>
    </section>
  );
}

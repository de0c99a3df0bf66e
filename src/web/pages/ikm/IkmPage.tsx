/**
 * /:mall/ikm — the mall's published SKM results for citizens (PermenPANRB 14/2017), phone first:
 * the latest IKM and grade big, the trend over the published periods, each agency's IKM, and the
 * follow-up plan of the latest period.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { MessagePage } from '../../components/MessagePage';
import { addTranslations } from '../../i18n';
import { ApiError } from '../../lib/api';
import { useMall } from '../../lib/queries';
import { AgencyTable } from './AgencyTable';
import { FollowupPlan } from './FollowupPlan';
import { IkmHeader } from './IkmHeader';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { LatestResult } from './LatestResult';
import { TrendChart } from './TrendChart';
import { usePublished } from './usePublished';

addTranslations('ikm', { id, en });

export default function IkmPage() {
  const { t } = useTranslation(['ikm', 'common']);
  const slug = useParams().mall ?? '';
  const mall = useMall(slug);
  const published = usePublished(slug);

  useEffect(() => {
    if (mall.data) document.title = `${t('ikm:pageTitle')} — ${mall.data.name}`;
  }, [mall.data, t]);

  if (mall.error instanceof ApiError && mall.error.status === 404) {
    return <MessagePage title={t('ikm:mallNotFound')} />;
  }
  const error = mall.error ?? published.error;
  if (error) {
    const retry = () => void Promise.all([mall.refetch(), published.refetch()]);
    return <MessagePage title={t('common:error')} text={error.message} onRetry={retry} />;
  }
  if (!mall.data || !published.data) return <MessagePage title={t('common:loading')} />;

  const periods = published.data;
  const latest = periods[0];

  return (
    <div className="flex min-h-full flex-col">
      <IkmHeader slug={slug} mallName={mall.data.name} />
      <main className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-5 px-4 py-5">
        <div>
          <h1 className="text-2xl leading-tight font-bold">{t('ikm:pageTitle')}</h1>
          <p className="mt-1 text-base text-slate-800">{t('ikm:intro')}</p>
        </div>
        {latest ? (
          <div className="grid gap-5 lg:grid-cols-2">
            <div className="flex flex-col gap-5">
              <LatestResult period={latest} />
              <TrendChart periods={periods} />
              <FollowupPlan followups={latest.followups} />
            </div>
            <AgencyTable period={latest} />
          </div>
        ) : (
          <section aria-labelledby="ikm-empty" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 id="ikm-empty" data-testid="ikm-empty" className="text-xl font-bold">
              {t('ikm:empty')}
            </h2>
            <p className="mt-2 text-base text-slate-800">{t('ikm:emptyHint')}</p>
          </section>
        )}
      </main>
    </div>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SkmFullReport, SkmPublication, SkmPublishedPeriod } from '../../../api/skm';
import { ApiError, api } from '../../lib/api';

/** For the whole-mall report: publish its period for citizens (/:mall/ikm), or take it back. */
export function PublishControl({ report }: { report: SkmFullReport }) {
  const { t } = useTranslation(['skmAdmin', 'common']);
  const client = useQueryClient();
  const slug = report.unit.mall.slug;
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const published = useQuery({
    queryKey: ['skm-published', slug],
    queryFn: () => api.get<SkmPublishedPeriod[]>(`/api/malls/${slug}/skm/published`),
  });
  const current = published.data?.find((p) => p.from === report.period.from && p.to === report.period.to);

  const run = async (job: () => Promise<unknown>) => {
    setPending(true);
    setError(null);
    try {
      await job();
      await client.invalidateQueries({ queryKey: ['skm-published', slug] });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common:error'));
    } finally {
      setPending(false);
    }
  };
  const publish = () =>
    run(() =>
      api.post<SkmPublication>(`/api/malls/${slug}/skm/publications`, {
        from: report.period.from,
        to: report.period.to,
      }),
    );
  const unpublish = (pubId: string) => run(() => api.delete(`/api/malls/${slug}/skm/publications/${pubId}`));

  return (
    <section aria-labelledby="skm-publish-heading" className="rounded-2xl bg-white p-5 shadow">
      <h2 id="skm-publish-heading" className="text-xl font-bold">
        {t('skmAdmin:publish.heading')}
      </h2>
      <p className="mt-2" aria-live="polite" data-testid="skm-publish-status">
        {published.isPending
          ? t('common:loading')
          : current
            ? t('skmAdmin:publish.published', { period: current.periodLabel })
            : t('skmAdmin:publish.notPublished')}
      </p>
      <div className="mt-3">
        {current ? (
          <button
            type="button"
            disabled={pending}
            onClick={() => void unpublish(current.id)}
            className="min-h-11 rounded-lg border-2 border-red-800 px-4 font-bold text-red-800 hover:bg-red-50 disabled:opacity-70"
          >
            {t('skmAdmin:publish.unpublish')}
          </button>
        ) : (
          <button
            type="button"
            disabled={pending || published.isPending}
            onClick={() => void publish()}
            className="min-h-11 rounded-lg bg-brand-700 px-4 font-bold text-white hover:bg-brand-800 disabled:opacity-70"
          >
            {t('skmAdmin:publish.publish')}
          </button>
        )}
      </div>
      <div role="alert" className="mt-2 min-h-6 font-semibold text-red-800">
        {error ?? published.error?.message}
      </div>
    </section>
  );
}

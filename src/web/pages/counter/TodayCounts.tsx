import { useTranslation } from 'react-i18next';
import type { CounterQueue } from '../../../api/queue';

/** Today's figures for this counter. */
export function TodayCounts({ today }: { today: CounterQueue['today'] }) {
  const { t } = useTranslation('counter');
  const avg = today.averageServiceSeconds;
  // Whole minutes are enough at a glance; seconds only while the average is under one.
  const average =
    avg === null
      ? t('today.none')
      : avg < 60
        ? t('today.averageSeconds', { count: Math.round(avg) })
        : t('today.averageMinutes', { count: Math.round(avg / 60) });
  const items = [
    { id: 'count-served', label: t('today.served'), value: String(today.served) },
    { id: 'count-waiting', label: t('today.waiting'), value: String(today.waiting) },
    { id: 'count-no-show', label: t('today.noShow'), value: String(today.noShow) },
    { id: 'count-average', label: t('today.average'), value: average },
  ];
  return (
    <section aria-labelledby="today-heading">
      <h2 id="today-heading" className="sr-only">
        {t('today.heading')}
      </h2>
      <dl className="grid grid-cols-4 gap-3">
        {items.map((i) => (
          <div key={i.id} className="rounded-xl border-2 border-slate-300 bg-white px-3 py-2">
            <dt className="text-sm font-semibold text-slate-700">{i.label}</dt>
            <dd data-testid={i.id} className="text-3xl font-bold text-brand-900">
              {i.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

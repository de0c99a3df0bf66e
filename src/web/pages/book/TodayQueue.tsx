import { useTranslation } from 'react-i18next';
import { reasonKey, spanOf } from '../../lib/estimate';
import { useAvailability } from '../../lib/queries';
import './translations';

/**
 * "Antrian hari ini: 12 menunggu, perkiraan 25–35 menit": today's line for the service and how
 * long a number taken now is expected to wait (the availability, asked again every 30 s).
 * Nothing while the mall is closed or before the answer has come.
 */
export function TodayQueue({
  slug,
  serviceId,
  className = '',
  note,
}: {
  slug: string;
  serviceId: string;
  className?: string;
  /** a second, smaller line under it */
  note?: string;
}) {
  const { t } = useTranslation(['book', 'common']);
  const availability = useAvailability(slug).data;
  const now = availability?.services.find((s) => s.serviceId === serviceId);
  if (!availability?.openNow || !now) return null;
  const waiting = t('book:today.waiting', { count: now.waiting });
  let after = '';
  if (now.estimatedWaitMinutes !== null) {
    const low = now.estimateLowMinutes ?? now.estimatedWaitMinutes;
    const high = now.estimateHighMinutes ?? now.estimatedWaitMinutes;
    after = `, ${t('book:today.estimate', spanOf(low, high))}`;
  } else {
    const key = reasonKey(now.estimateReason);
    if (key) after = `. ${t(key)}.`;
  }
  return (
    <div className={className}>
      <p data-testid="today-queue" className="font-semibold">
        {t('book:today.line', { waiting })}
        {after}
      </p>
      {note && <p className="mt-1 text-sm">{note}</p>}
    </div>
  );
}

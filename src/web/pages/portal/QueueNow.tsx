import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability } from '../../../api/queue';
import { reasonKey, spanOf } from '../../lib/estimate';
import { useAvailability } from '../../lib/queries';

export type ServiceNow = Availability['services'][number];

/** Each service's line now, asked again every 30 s while the page is in view; null while the mall is closed. */
export function useQueueNow(slug: string): Map<string, ServiceNow> | null {
  const availability = useAvailability(slug);
  const data = availability.data;
  return useMemo(() => (data?.openNow ? new Map(data.services.map((s) => [s.serviceId, s] as const)) : null), [data]);
}

/**
 * "12 menunggu · perkiraan 25–35 menit": how many wait for the service now and how long a ticket
 * taken now is expected to wait; `long` gives the reason in full where there is no estimate.
 */
export function queueText(t: TFunction, now: ServiceNow, long = false): string {
  const waiting = t('portal:queue.waiting', { count: now.waiting });
  if (now.estimatedWaitMinutes !== null) {
    const low = now.estimateLowMinutes ?? now.estimatedWaitMinutes;
    const high = now.estimateHighMinutes ?? now.estimatedWaitMinutes;
    return `${waiting} · ${t('portal:queue.estimate', spanOf(low, high))}`;
  }
  if (now.estimateReason === 'no_counter_open') {
    const reason = long ? t(reasonKey(now.estimateReason) ?? '') : t('portal:queue.noCounter');
    return `${waiting} · ${reason}`;
  }
  return waiting;
}

/** The line as a sentence on its own (a list row, the service's page). */
export function QueueNow({
  now,
  long = false,
  className = '',
  testId,
}: {
  now: ServiceNow | undefined;
  long?: boolean;
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation(['portal', 'common']);
  if (!now) return null;
  return (
    <span data-testid={testId} className={className}>
      {queueText(t, now, long)}
    </span>
  );
}

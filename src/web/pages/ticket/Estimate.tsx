import { useTranslation } from 'react-i18next';
import type { TicketPublic } from '../../../api/queue';
import { clockAt, reasonKey, spanOf } from '../../lib/estimate';

/**
 * When the citizen can expect the call, on the hall's clock and as a range in minutes, as the
 * stream last told it; or why there is no estimate yet. Only while the ticket waits. Not a live
 * region: the estimate moves often, and the place in line above already announces the changes
 * that matter.
 */
export function Estimate({ ticket }: { ticket: TicketPublic }) {
  const { t, i18n } = useTranslation(['ticket', 'common']);
  if (ticket.status !== 'waiting') return null;
  const { estimate } = ticket;
  if (!estimate) {
    const key = reasonKey(ticket.estimateReason);
    if (!key) return null;
    return (
      <section
        aria-labelledby="estimate-heading"
        data-testid="ticket-estimate"
        className="rounded-2xl border-2 border-dashed border-slate-400 bg-white p-4"
      >
        <h2 id="estimate-heading" className="text-base font-semibold text-slate-700">
          {t('ticket:estimate.heading')}
        </h2>
        <p data-testid="estimate-reason" className="mt-1 text-lg font-semibold text-slate-900">
          {t(key)}
        </p>
        <p className="mt-1 text-sm text-slate-700">{t('ticket:estimate.later')}</p>
      </section>
    );
  }
  return (
    <section
      aria-labelledby="estimate-heading"
      data-testid="ticket-estimate"
      className="rounded-2xl bg-brand-800 p-4 text-center text-white shadow"
    >
      <h2 id="estimate-heading" className="text-base font-semibold text-brand-50">
        {t('ticket:estimate.callAt')}
      </h2>
      <p data-testid="estimate-time" className="text-5xl leading-tight font-extrabold tabular-nums">
        {clockAt(estimate.callAt, ticket.timeZone, i18n.language)}
      </p>
      <p data-testid="estimate-span" className="text-lg font-semibold">
        {t('ticket:estimate.in', spanOf(estimate.lowMinutes, estimate.highMinutes))}
      </p>
      <p className="mt-2 text-sm text-brand-50">{t('ticket:estimate.hint')}</p>
    </section>
  );
}

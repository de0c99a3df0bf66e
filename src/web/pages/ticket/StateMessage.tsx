import { useTranslation } from 'react-i18next';
import type { TicketPublic } from '../../../api/queue';

const MESSAGES = {
  done: { title: 'ticket:done', hint: 'ticket:doneHint', tone: 'border-green-700 bg-green-50 text-green-950' },
  no_show: { title: 'ticket:noShow', hint: 'ticket:noShowHint', tone: 'border-red-700 bg-red-50 text-red-950' },
  cancelled: {
    title: 'ticket:cancelled',
    hint: 'ticket:cancelledHint',
    tone: 'border-slate-500 bg-slate-100 text-slate-950',
  },
} as const;

/** What to do next once the ticket is over: done, missed or cancelled. */
export function StateMessage({ ticket }: { ticket: TicketPublic }) {
  const { t } = useTranslation(['ticket', 'common']);
  if (ticket.status === 'serving') {
    const counter = ticket.counter ? t('common:counter', { number: ticket.counter.number }) : '';
    return (
      <p className="rounded-xl border-2 border-brand-700 bg-brand-50 p-4 text-lg font-semibold text-brand-900">
        {counter ? t('ticket:servingAt', { counter }) : t('common:status.serving')}
      </p>
    );
  }
  if (ticket.status !== 'done' && ticket.status !== 'no_show' && ticket.status !== 'cancelled') return null;
  const m = MESSAGES[ticket.status];
  return (
    <div className={`rounded-xl border-2 p-4 ${m.tone}`}>
      <p className="text-lg font-semibold">{t(m.title)}</p>
      <p className="mt-1 text-base">{t(m.hint)}</p>
    </div>
  );
}

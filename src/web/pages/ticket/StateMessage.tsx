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

/**
 * Where the citizen is being served, and what to do next once the ticket (every stop of a visit)
 * is over: done, missed or cancelled.
 */
export function StateMessage({
  status,
  counter: at,
}: {
  status: TicketPublic['status'];
  counter: TicketPublic['counter'];
}) {
  const { t } = useTranslation(['ticket', 'common']);
  if (status === 'serving') {
    const counter = at ? t('common:counter', { number: at.number }) : '';
    return (
      <p className="rounded-xl border-2 border-brand-700 bg-brand-50 p-4 text-lg font-semibold text-brand-900">
        {counter ? t('ticket:servingAt', { counter }) : t('common:status.serving')}
      </p>
    );
  }
  if (status !== 'done' && status !== 'no_show' && status !== 'cancelled') return null;
  const m = MESSAGES[status];
  return (
    <div className={`rounded-xl border-2 p-4 ${m.tone}`}>
      <p className="text-lg font-semibold">{t(m.title)}</p>
      <p className="mt-1 text-base">{t(m.hint)}</p>
    </div>
  );
}

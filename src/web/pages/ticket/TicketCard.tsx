import { useTranslation } from 'react-i18next';
import type { TicketPublic } from '../../../api/queue';
import { currentLang } from '../../i18n';
import type { VisitView } from './visit';

const STATUS_TONE: Record<TicketPublic['status'], string> = {
  waiting: 'bg-slate-200 text-slate-900',
  called: 'bg-accent-400 text-slate-950',
  serving: 'bg-brand-100 text-brand-900',
  done: 'bg-green-100 text-green-900',
  no_show: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-900',
};

/**
 * The printed ticket, alive: the number, the service, the status and the place in line. For a
 * visit of several stops, the visit's status; each stop's service and place are in the route.
 */
export function TicketCard({ ticket, visit }: { ticket: TicketPublic; visit: VisitView }) {
  const { status } = visit;
  const { t } = useTranslation(['ticket', 'common']);
  const time = new Intl.DateTimeFormat(currentLang() === 'en' ? 'en-GB' : 'id-ID', {
    hour: '2-digit',
    minute: '2-digit',
    // the hall's clock, not the phone's
    timeZone: ticket.timeZone,
  }).format(ticket.issuedAt);

  return (
    <section aria-labelledby="ticket-number-label" className="rounded-2xl bg-white p-5 text-center shadow">
      <h1 id="ticket-number-label" className="text-base font-semibold text-slate-700">
        {t('ticket:yourNumber')}
      </h1>
      <p
        data-testid="ticket-number"
        className="my-1 text-7xl leading-none font-extrabold tracking-tight text-brand-800"
      >
        {ticket.number}
      </p>
      {visit.route ? (
        <p className="mt-3 text-lg leading-snug font-semibold">
          {t('ticket:route.services', { count: ticket.stops.filter((s) => s.status !== 'cancelled').length })}
        </p>
      ) : (
        <>
          <p className="mt-3 text-lg leading-snug font-semibold">{ticket.serviceName}</p>
          <p className="text-base text-slate-700">
            <span lang="id">{ticket.agencyShortName}</span>
            {ticket.agencyName !== ticket.agencyShortName && <span className="sr-only"> — {ticket.agencyName}</span>}
          </p>
        </>
      )}
      {ticket.priority && (
        <p className="mt-2 inline-block rounded-full bg-brand-50 px-3 py-1 text-sm font-semibold text-brand-900">
          {t('ticket:priority', { class: t(`common:priority.${ticket.priority}`) })}
        </p>
      )}

      {/* Polite live region: a change of status or of place in line is read out without stealing focus. */}
      <div aria-live="polite" aria-atomic="true" className="mt-4 flex flex-col items-center gap-2">
        <p className="text-sm text-slate-700">
          {t('ticket:statusLabel')}:{' '}
          <span
            data-testid="ticket-status"
            className={`rounded-full px-3 py-1 text-base font-bold ${STATUS_TONE[status]}`}
          >
            {t(`common:status.${status}`)}
          </span>
        </p>
        {visit.route && status === 'waiting' && <p className="text-sm text-slate-700">{t('ticket:waitHint')}</p>}
        {!visit.route && status === 'waiting' && (
          <>
            <p data-testid="people-ahead" className="text-xl font-bold">
              {t('ticket:peopleAhead', { count: ticket.peopleAhead })}
            </p>
            <p className="text-sm text-slate-700">
              {ticket.peopleAhead === 0 ? t('ticket:nextUp') : t('ticket:waitHint')}
            </p>
          </>
        )}
      </div>
      <p className="mt-3 text-sm text-slate-600">{t('ticket:issuedAt', { time })}</p>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import type { Ticket, TicketStop } from '../../../api/queue';
import { BookedMark } from './BookedMark';
import { PriorityMark } from './PriorityMark';

interface Props {
  ticket: Ticket | null;
  /** every stop of the current ticket's visit ([] for a plain ticket): what else the citizen waits for */
  stops: readonly TicketStop[];
  serviceName: (serviceId: string) => string;
  timeZone: string;
  /** the ticket being served or just finished here: an application can be opened from it */
  applicationFrom?: Ticket | null | undefined;
  onOpenApplication?: ((ticket: Ticket) => void) | undefined;
}

const STATUS_STYLE: Record<string, string> = {
  called: 'bg-accent-400 text-slate-900',
  serving: 'bg-green-700 text-white',
};

/**
 * The ticket at this counter now, big enough to read across the desk; when the number also waits
 * for other services, where ("Juga menunggu di: BPJS Kesehatan (3 di depan)"), so the officer can
 * tell the citizen. The card keeps its height either way, so the action buttons never move.
 */
export function CurrentTicket({ ticket, stops, serviceName, timeZone, applicationFrom, onOpenApplication }: Props) {
  const { t, i18n } = useTranslation(['counter', 'common']);
  const time = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(ms);

  // the other stops of the citizen's visit, not those cancelled
  const others = ticket ? stops.filter((s) => s.serviceId !== ticket.serviceId && s.status !== 'cancelled') : [];
  const route = others.length > 0;
  const calledLine = ticket ? (
    <>
      {ticket.calledAt ? `${t('counter:current.calledAt', { time: time(ticket.calledAt) })} · ` : null}
      <span data-testid="current-recalls">{t('counter:current.recalls', { count: ticket.recallCount })}</span>
      {ticket.transferredFromServiceId
        ? ` · ${t('counter:current.transferredFrom', { service: serviceName(ticket.transferredFromServiceId) })}`
        : null}
    </>
  ) : null;

  return (
    <section
      aria-labelledby="current-heading"
      className="h-64 min-h-44 shrink overflow-hidden rounded-2xl border-2 border-slate-300 bg-white px-5 py-4"
    >
      <div className="flex items-start justify-between gap-3">
        <h2 id="current-heading" className="font-semibold text-slate-700">
          {t('counter:current.heading')}
        </h2>
        {/* a service whose product is ready days later (a passport, a permit): follow it after the counter */}
        {applicationFrom && ticket && onOpenApplication ? (
          <ApplicationButton onClick={() => onOpenApplication(applicationFrom)} />
        ) : null}
      </div>
      {ticket ? (
        <>
          <div className="mt-1 flex items-center gap-6">
            <p
              data-testid="current-number"
              className={`shrink-0 font-mono leading-none font-black whitespace-nowrap text-brand-900 ${route ? 'text-7xl' : 'text-8xl'}`}
            >
              {ticket.number}
            </p>
            <div className={`flex min-w-0 items-start gap-2 ${route ? 'flex-1 flex-wrap' : 'flex-col'}`}>
              <span
                data-testid="current-status"
                className={`rounded-full px-3 py-1 text-lg font-bold ${STATUS_STYLE[ticket.status] ?? 'bg-slate-200'}`}
              >
                {t(`common:status.${ticket.status}`)}
              </span>
              {ticket.priority ? <PriorityMark priority={ticket.priority} large /> : null}
              <BookedMark ticket={ticket} timeZone={timeZone} large />
              {route ? <p className="w-full truncate text-base text-slate-700">{calledLine}</p> : null}
            </div>
          </div>
          <p className={`mt-2 leading-tight font-semibold ${route ? 'truncate text-xl' : 'line-clamp-2 text-2xl'}`}>
            {serviceName(ticket.serviceId)}
          </p>
          {route ? <OtherStops stops={others} /> : <p className="mt-1 truncate text-lg text-slate-700">{calledLine}</p>}
        </>
      ) : (
        <div className="py-4">
          <p className="text-3xl font-bold text-slate-700">{t('counter:current.empty')}</p>
          <p className="mt-2 text-lg text-slate-700">{t('counter:current.emptyHint')}</p>
          {applicationFrom && onOpenApplication ? (
            <div className="mt-4 flex items-center gap-3 rounded-xl bg-slate-100 px-3 py-2">
              <p className="min-w-0 flex-1 text-lg leading-snug">
                {t('counter:application.finished', { number: applicationFrom.number })}
              </p>
              <ApplicationButton onClick={() => onOpenApplication(applicationFrom)} />
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}

function ApplicationButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation(['counter']);
  return (
    <button
      type="button"
      onClick={onClick}
      className="shrink-0 rounded-lg border-2 border-brand-700 bg-white px-3 py-1 text-lg font-bold text-brand-800 hover:bg-brand-50"
    >
      {t('counter:application.open')}
    </button>
  );
}

/**
 * "Juga menunggu di: BPJS Kesehatan (3 di depan), Samsat Blora (0 di depan) · Sudah selesai:
 * Dindukcapil ✓": the citizen's other stops, by agency (with the service where one agency has two).
 */
function OtherStops({ stops }: { stops: readonly TicketStop[] }) {
  const { t } = useTranslation('counter');
  const name = (stop: TicketStop) =>
    stops.filter((s) => s.agencyShortName === stop.agencyShortName).length > 1
      ? `${stop.agencyShortName} — ${stop.serviceName}`
      : stop.agencyShortName;
  const waiting = stops.filter((s) => s.status === 'waiting');
  const done = stops.filter((s) => s.status === 'done');
  const missed = stops.filter((s) => s.status === 'no_show');
  return (
    <p
      data-testid="current-stops"
      className="mt-2 line-clamp-2 rounded-lg border-2 border-amber-600 bg-amber-50 px-3 py-1 text-lg leading-snug text-slate-900"
    >
      {waiting.length > 0 ? (
        <>
          <span className="font-bold">{t('counter:stops.alsoWaiting')}</span>{' '}
          {waiting.map((s) => `${name(s)} (${t('counter:stops.ahead', { count: s.peopleAhead })})`).join(', ')}
        </>
      ) : (
        <span className="font-bold">{t('counter:stops.noneWaiting')}</span>
      )}
      {done.length > 0 ? (
        <>
          {' · '}
          <span className="font-bold">{t('counter:stops.done')}</span> {done.map((s) => `${name(s)} ✓`).join(', ')}
        </>
      ) : null}
      {missed.length > 0 ? (
        <>
          {' · '}
          <span className="font-bold">{t('counter:stops.missed')}</span> {missed.map(name).join(', ')}
        </>
      ) : null}
    </p>
  );
}

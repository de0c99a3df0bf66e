/**
 * A ticket of several stops (one number through several agencies, issue #13) as the page shows
 * it. The server already speaks of the visit: the ticket's status is the visit's (waiting while
 * any stop still waits), and its counter and recalls are those of the stop the citizen is at. The
 * page adds which stop that is, and a key that changes with each call, so the phone alerts again
 * at the next counter. A plain ticket is itself.
 */
import type { TicketPublic, TicketStop } from '../../../api/queue';

export interface VisitView {
  /** more than one stop: the page shows the route */
  route: boolean;
  status: TicketPublic['status'];
  /** where the citizen is called or served now */
  counter: TicketPublic['counter'];
  /** the stop called or being served now (routes only) */
  current: TicketStop | null;
  /** changes with each call of the visit (another stop, or a recall), null while nobody calls */
  callKey: string | null;
}

export function visitOf(ticket: TicketPublic): VisitView {
  const route = ticket.stops.length > 1;
  const called = route ? ticket.stops.find((s) => s.status === 'called') : undefined;
  const current = route ? (called ?? ticket.stops.find((s) => s.status === 'serving') ?? null) : null;
  const calledService = route ? called?.serviceId : ticket.status === 'called' ? ticket.serviceId : undefined;
  return {
    route,
    status: ticket.status,
    counter: ticket.counter ?? current?.counter,
    current,
    callKey: calledService ? `${calledService}:${ticket.recallCount}` : null,
  };
}

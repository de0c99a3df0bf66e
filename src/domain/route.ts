/**
 * One visit through several services (issue #13): a ticket with stops, waiting in every one of
 * those lines at once. Pure: the queue keeps the stops; these rules say which stop a counter may
 * call, what a stop's action makes of it, and what the ticket as a whole is.
 *
 * Each stop stands in its service's line with its own place (from when the ticket was taken, or
 * when the stop was added). While one stop of the ticket is called or being served, the ticket's
 * other stops are skipped by every counter, keeping their places; once that stop ends they are
 * callable again. A stop may have to wait for another stop of the same ticket to be done first
 * (a document that needs the new KK): its line holds it until then, and when that stop ends
 * without being done (no-show, cancelled) the stop that needed it is cancelled too, so no stop
 * is left waiting for ever. Within each line the call-next rule is the one of a single ticket
 * (src/domain/pick-next.ts): priority ratio, maximum wait, due bookings, arrival order.
 */
import { type Candidate, type Pick, type PickPolicy, pickNext } from './pick-next.js';
import {
  checkTransition,
  type PriorityClass,
  type TicketAction,
  type TicketStatus,
  type TransitionContext,
  type TransitionResult,
} from './queue.js';

export interface Stop {
  serviceId: string;
  status: TicketStatus;
  /** the stop's place in its line: when the ticket was taken, or when the stop was added */
  arrivalAt: number;
  /** another stop of this ticket (its service) that must be done first; null when none */
  after: string | null;
  /** recalls made at the current call */
  recallCount: number;
}

export interface RouteTicket {
  id: string;
  priority: PriorityClass | null;
  /** a booked appointment's start: due in each of its lines from then */
  appointmentAt: number | null;
  /** the local service date, YYYY-MM-DD */
  serviceDate: string;
  stops: readonly Stop[];
}

const HELD: readonly TicketStatus[] = ['called', 'serving'];
const ENDED: readonly TicketStatus[] = ['done', 'no_show', 'cancelled'];

/** The stop being called or served now, if any: a ticket is at one counter at a time. */
export function heldStop(ticket: RouteTicket): Stop | undefined {
  return ticket.stops.find((s) => HELD.includes(s.status));
}

/** A stop counters may call now: waiting, its ticket at no counter, what it needs done. */
export function isCallable(ticket: RouteTicket, stop: Stop): boolean {
  if (stop.status !== 'waiting' || heldStop(ticket)) return false;
  if (stop.after === null) return true;
  return ticket.stops.find((s) => s.serviceId === stop.after)?.status === 'done';
}

/** A stop as one line's candidate: its place in that line, the ticket's class and booking. */
export interface StopCandidate extends Candidate {
  ticketId: string;
  serviceId: string;
}

const candidateId = (ticketId: string, serviceId: string) => `${ticketId}/${serviceId}`;

/** The stops a counter serving these services may call now, as the call-next rule sees them. */
export function callableFor(tickets: readonly RouteTicket[], serviceIds: readonly string[]): StopCandidate[] {
  const serves = new Set(serviceIds);
  const out: StopCandidate[] = [];
  for (const t of tickets) {
    for (const s of t.stops) {
      if (!serves.has(s.serviceId) || !isCallable(t, s)) continue;
      out.push({
        // the ticket's id first: within one instant, arrival order stays the ticket's order
        id: candidateId(t.id, s.serviceId),
        ticketId: t.id,
        serviceId: s.serviceId,
        arrivalAt: s.arrivalAt,
        priority: t.priority,
        appointmentAt: t.appointmentAt,
      });
    }
  }
  return out;
}

export interface StopPick {
  ticketId: string;
  serviceId: string;
  reason: Pick['reason'];
}

/** Which stop a counter calls next: the call-next rule over the stops it may call now. */
export function pickNextStop(
  tickets: readonly RouteTicket[],
  serviceIds: readonly string[],
  recentCalls: readonly { priority: boolean }[],
  policy: PickPolicy,
  now: number,
): StopPick | null {
  const pick = pickNext(callableFor(tickets, serviceIds), recentCalls, policy, now);
  if (!pick) return null;
  const c = pick.ticket as StopCandidate;
  return { ticketId: c.ticketId, serviceId: c.serviceId, reason: pick.reason };
}

/**
 * The ticket as a whole, as a one-service ticket's status reads: called or serving while one stop
 * is; waiting while any stop still waits; else done when any stop was served, or how its last
 * stop ended.
 */
export function ticketStatus(ticket: RouteTicket): TicketStatus {
  const held = heldStop(ticket);
  if (held) return held.status;
  if (ticket.stops.some((s) => s.status === 'waiting')) return 'waiting';
  if (ticket.stops.some((s) => s.status === 'done')) return 'done';
  return ticket.stops.some((s) => s.status === 'no_show') ? 'no_show' : 'cancelled';
}

export type StopResult =
  | { ok: true; ticket: RouteTicket }
  | Extract<TransitionResult, { ok: false }>
  | { ok: false; reason: 'no_such_stop' | 'held_elsewhere' | 'needs_first' | 'stop_exists' };

/**
 * A stop's action (call, recall, start, finish, no_show, cancel, reactivate), checked as a
 * one-service ticket's is, and one more rule: a call needs the ticket at no counter and the stop's
 * prerequisite done. A stop that ends without being done cancels the stops that needed it.
 */
export function actOnStop(
  ticket: RouteTicket,
  serviceId: string,
  action: Exclude<TicketAction, 'transfer' | 'postpone'>,
  ctx: TransitionContext,
  now: number,
): StopResult {
  const stop = ticket.stops.find((s) => s.serviceId === serviceId);
  if (!stop) return { ok: false, reason: 'no_such_stop' };
  const check = checkTransition(
    { status: stop.status, recallCount: stop.recallCount, serviceDate: ticket.serviceDate },
    action,
    ctx,
  );
  if (!check.ok) return check;
  if (action === 'call') {
    const held = heldStop(ticket);
    if (held) return { ok: false, reason: 'held_elsewhere' };
    if (!isCallable(ticket, stop)) return { ok: false, reason: 'needs_first' };
  }
  let stops = ticket.stops.map((s): Stop => {
    if (s !== stop) return s;
    return {
      ...s,
      status: check.to,
      recallCount: action === 'recall' ? s.recallCount + 1 : action === 'call' ? 0 : s.recallCount,
      // back in line behind those who were there (a no-show reactivated)
      arrivalAt: action === 'reactivate' ? now : s.arrivalAt,
    };
  });
  if (check.to === 'no_show' || check.to === 'cancelled') stops = cancelDependents(stops, serviceId);
  return { ok: true, ticket: { ...ticket, stops } };
}

/** Stops that need `serviceId` done, when it ended otherwise: cancelled, and theirs in turn. */
function cancelDependents(stops: Stop[], serviceId: string): Stop[] {
  let out = stops;
  for (const s of stops) {
    if (s.after === serviceId && !ENDED.includes(s.status)) {
      out = out.map((x) => (x === s ? { ...x, status: 'cancelled' as const } : x));
      out = cancelDependents(out, s.serviceId);
    }
  }
  return out;
}

/** A stop added to a ticket (at a counter: "you also need BPJS"): its place counts from now. */
export function addStop(ticket: RouteTicket, serviceId: string, after: string | null, now: number): StopResult {
  const existing = ticket.stops.find((s) => s.serviceId === serviceId);
  if (existing && !ENDED.includes(existing.status)) return { ok: false, reason: 'stop_exists' };
  if (after !== null && !ticket.stops.some((s) => s.serviceId === after)) return { ok: false, reason: 'no_such_stop' };
  // a stop cannot need, through others, itself: it would wait for ever
  for (let need = after; need !== null; ) {
    if (need === serviceId) return { ok: false, reason: 'needs_first' };
    need = ticket.stops.find((s) => s.serviceId === need)?.after ?? null;
  }
  const stop: Stop = { serviceId, status: 'waiting', arrivalAt: now, after, recallCount: 0 };
  const stops = existing ? ticket.stops.map((s) => (s === existing ? stop : s)) : [...ticket.stops, stop];
  return { ok: true, ticket: { ...ticket, stops } };
}

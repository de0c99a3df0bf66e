/**
 * Which waiting ticket a counter calls next. Pure: the repository loads the candidates and the
 * counter's recent calls, this decides, the repository claims the ticket.
 */
import type { PriorityClass } from './queue.js';

export interface Candidate {
  id: string;
  /** when the citizen joined the queue (kept across a transfer), epoch ms */
  arrivalAt: number;
  priority: PriorityClass | null;
  /** a booked appointment's start, epoch ms; null for walk-ins */
  appointmentAt: number | null;
}

export interface PickPolicy {
  /** priority tickets called in a row before one regular ticket, while regular tickets wait */
  priorityPerRegular: number;
  /** a ticket waiting this long is called before anyone else, whatever its class */
  maxWaitMs: number;
}

export type PickReason = 'max_wait' | 'appointment' | 'priority' | 'regular';

export interface Pick {
  ticket: Candidate;
  reason: PickReason;
}

/** Arrival order; the id breaks ties so the order is total and the same on every process. */
export function byArrival(a: Candidate, b: Candidate): number {
  return a.arrivalAt - b.arrivalAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function first(list: readonly Candidate[], order: (a: Candidate, b: Candidate) => number): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of list) if (best === undefined || order(c, best) < 0) best = c;
  return best;
}

/** How many priority calls this counter made in a row most recently (newest first). */
export function priorityStreak(recentCalls: readonly { priority: boolean }[]): number {
  let n = 0;
  for (const call of recentCalls) {
    if (!call.priority) break;
    n++;
  }
  return n;
}

/**
 * Picks the next ticket:
 * 1. anyone who has waited maxWaitMs or longer, longest first (nobody starves);
 * 2. booked appointments that are due, earliest appointment first;
 * 3. priority tickets, but after priorityPerRegular of them in a row one regular ticket if any waits;
 * 4. otherwise arrival order.
 */
export function pickNext(
  waiting: readonly Candidate[],
  recentCalls: readonly { priority: boolean }[],
  policy: PickPolicy,
  now: number,
): Pick | null {
  if (waiting.length === 0) return null;

  const overdue = first(
    waiting.filter((t) => now - t.arrivalAt >= policy.maxWaitMs),
    byArrival,
  );
  if (overdue) return { ticket: overdue, reason: 'max_wait' };

  const due = first(
    waiting.filter((t) => t.appointmentAt !== null && t.appointmentAt <= now),
    (a, b) => (a.appointmentAt ?? 0) - (b.appointmentAt ?? 0) || byArrival(a, b),
  );
  if (due) return { ticket: due, reason: 'appointment' };

  // Appointments not yet due wait for their time; walk-ins go meanwhile.
  const open = waiting.filter((t) => t.appointmentAt === null);
  const priority = first(
    open.filter((t) => t.priority !== null),
    byArrival,
  );
  const regular = first(
    open.filter((t) => t.priority === null),
    byArrival,
  );
  if (priority && (!regular || priorityStreak(recentCalls) < policy.priorityPerRegular)) {
    return { ticket: priority, reason: 'priority' };
  }
  if (regular) return { ticket: regular, reason: 'regular' };
  // Only appointments that are not due yet: serve the earliest rather than leave the counter idle.
  const early = first(waiting, (a, b) => (a.appointmentAt ?? 0) - (b.appointmentAt ?? 0) || byArrival(a, b));
  return early ? { ticket: early, reason: 'appointment' } : null;
}

/**
 * Whether `other` stands before `mine` in the line a citizen sees: same service, earlier arrival,
 * and for a priority ticket only other priority tickets count (they are served first).
 */
export function isAhead(other: Candidate, mine: Candidate): boolean {
  if (other.id === mine.id) return false;
  if (mine.priority !== null && other.priority === null) return false;
  if (mine.priority === null && other.priority !== null) return true;
  return byArrival(other, mine) < 0;
}

export function peopleAhead(mine: Candidate, waitingSameService: readonly Candidate[]): number {
  let n = 0;
  for (const other of waitingSameService) if (isAhead(other, mine)) n++;
  return n;
}

/**
 * The arrival time that puts a ticket `places` places further back in its line ("I need more
 * time"): just after the ticket that many places behind it in the order the citizen sees, or after
 * the last one when fewer stand behind; unchanged when nobody does.
 */
export function postponedArrival(mine: Candidate, waitingSameService: readonly Candidate[], places: number): number {
  const behind = waitingSameService
    .filter(
      (other) =>
        other.id !== mine.id && !isAhead(other, mine) && (other.priority === null) === (mine.priority === null),
    )
    .sort(byArrival);
  const target = behind[Math.min(places, behind.length) - 1];
  return target ? Math.max(mine.arrivalAt, target.arrivalAt + 1) : mine.arrivalAt;
}

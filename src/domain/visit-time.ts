/**
 * Time in the mall per visit (issue #13, point 4): a citizen's whole stay, from the moment the
 * number was taken to the end of the last service they were served at, and how it grows with the
 * number of services done in one visit. A plain ticket is a visit of one stop; a route (one number
 * through several services) is one visit of all its stops. Pure: the stops' facts in, figures out.
 */
import { spread } from './performance.js';
import type { TicketStatus } from './queue.js';

export interface VisitStopFact {
  /** the route's id, or the ticket's own for a ticket of one service */
  visitId: string;
  /** when this stop was taken (the number at the kiosk, or a stop added at a counter) */
  takenAt: number;
  status: TicketStatus;
  /** when it left its counter; null while waiting or at a counter */
  finishedAt: number | null;
}

export interface TimeSpread {
  visits: number;
  meanMinutes: number | null;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface VisitTimes extends TimeSpread {
  /** per number of services done in the visit, fewest first */
  byStops: (TimeSpread & { stops: number })[];
}

const OPEN: readonly TicketStatus[] = ['waiting', 'called', 'serving'];

export interface VisitTime {
  visitId: string;
  /** services done */
  stops: number;
  minutes: number;
}

/**
 * Each finished visit's time: first taken to the last finish of a service done. A visit still
 * waiting somewhere is not over; one where no service was done (all no-show or cancelled) was
 * not a stay to measure, and counts in the no-show figures instead.
 */
export function visitTimesOf(facts: readonly VisitStopFact[]): VisitTime[] {
  const byVisit = new Map<string, VisitStopFact[]>();
  for (const f of facts) {
    const list = byVisit.get(f.visitId);
    if (list) list.push(f);
    else byVisit.set(f.visitId, [f]);
  }
  const out: VisitTime[] = [];
  for (const [visitId, stops] of byVisit) {
    if (stops.some((s) => OPEN.includes(s.status))) continue;
    const done = stops.filter((s) => s.status === 'done' && s.finishedAt !== null);
    if (done.length === 0) continue;
    const start = Math.min(...stops.map((s) => s.takenAt));
    const end = Math.max(...done.map((s) => s.finishedAt as number));
    out.push({ visitId, stops: done.length, minutes: (end - start) / 60_000 });
  }
  return out;
}

function spreadOf(times: readonly VisitTime[]): TimeSpread {
  const s = spread(times.map((t) => t.minutes));
  return { visits: s.count, meanMinutes: s.mean, medianMinutes: s.median, p90Minutes: s.p90 };
}

/** The figures of a set of visits: all of them, and per number of services done. */
export function summarizeVisitTimes(times: readonly VisitTime[]): VisitTimes {
  const counts = [...new Set(times.map((t) => t.stops))].sort((a, b) => a - b);
  return {
    ...spreadOf(times),
    byStops: counts.map((stops) => ({ stops, ...spreadOf(times.filter((t) => t.stops === stops)) })),
  };
}

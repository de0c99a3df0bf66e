/**
 * A visit is one ticket's stay at one service: from joining its line (issued there, or transferred
 * in) to its outcome there. A ticket transferred once makes two visits. Performance reports count
 * visits, so a transfer shows at both services: as "transferred" where it left, as a waiting and
 * served citizen where it went. Pure: the ticket's events in, its visits out. The queue keeps the
 * same visits row by row as events happen (src/server/modules/queue); this fold is the rule both
 * follow, and rebuilds them from the events when needed.
 */
import type { PriorityClass } from './queue.js';

export const VISIT_OUTCOMES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'transferred'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** Still in the line or at a counter: the visit has no outcome yet. */
export const OPEN_OUTCOMES: readonly VisitOutcome[] = ['waiting', 'called', 'serving'];

export interface Visit {
  /** the id of the event that opened it (issue or transfer) */
  id: string;
  ticketId: string;
  serviceId: string;
  priority: PriorityClass | null;
  /** the local date and hour it joined the line */
  date: string;
  hour: number;
  transferredIn: boolean;
  enteredAt: number;
  /** the first call: the wait is calledAt − enteredAt */
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** when the outcome became done, no_show, cancelled or transferred */
  endedAt: number | null;
  /** the counter and officer of the latest call */
  counterId: string | null;
  officerId: string | null;
  recalls: number;
  outcome: VisitOutcome;
}

export type VisitEventType =
  | 'issue'
  | 'call'
  | 'recall'
  | 'start'
  | 'finish'
  | 'no_show'
  | 'cancel'
  | 'reactivate'
  | 'transfer'
  | 'postpone';

export interface VisitEvent {
  id: string;
  type: VisitEventType;
  at: number;
  /** the ticket's service after the event (a transfer's target) */
  serviceId: string;
  counterId: string | null;
  actorId: string | null;
}

/** What only the ticket knows: its priority, and the local date and hour of an instant. */
export interface VisitContext {
  ticketId: string;
  priority: PriorityClass | null;
  localDateHour(at: number): { date: string; hour: number };
}

/** The changes an event makes to the ticket's open visit; `open` starts a new one. */
export type VisitChange =
  | { kind: 'open'; transferredIn: boolean }
  | { kind: 'update'; set: Partial<Visit>; recall?: true };

/**
 * One event's effect, the single statement of the rule: a transfer closes the visit where the
 * ticket was and opens one at the target; the wait runs to the first call (a recall or a call after
 * reactivating a no-show does not restart it); the counter and officer are the latest call's.
 */
export function visitChanges(event: VisitEvent): VisitChange[] {
  const at = event.at;
  switch (event.type) {
    case 'issue':
      return [{ kind: 'open', transferredIn: false }];
    case 'transfer':
      return [
        { kind: 'update', set: { outcome: 'transferred', endedAt: at } },
        { kind: 'open', transferredIn: true },
      ];
    case 'call':
      return [
        {
          kind: 'update',
          set: { calledAt: at, counterId: event.counterId, officerId: event.actorId, outcome: 'called' },
        },
      ];
    case 'recall':
      return [{ kind: 'update', set: {}, recall: true }];
    case 'start':
      return [{ kind: 'update', set: { startedAt: at, outcome: 'serving' } }];
    case 'finish':
      return [{ kind: 'update', set: { finishedAt: at, endedAt: at, outcome: 'done' } }];
    case 'no_show':
      return [{ kind: 'update', set: { endedAt: at, outcome: 'no_show' } }];
    case 'cancel':
      return [{ kind: 'update', set: { endedAt: at, outcome: 'cancelled' } }];
    case 'reactivate':
      return [{ kind: 'update', set: { endedAt: null, outcome: 'waiting' } }];
    case 'postpone':
      // the visit's wait still runs from when it joined the line
      return [];
  }
}

/** A ticket's visits from its events, oldest first. */
export function foldVisits(events: readonly VisitEvent[], ctx: VisitContext): Visit[] {
  const visits: Visit[] = [];
  for (const event of [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    for (const change of visitChanges(event)) {
      const open = visits.at(-1);
      if (change.kind === 'open') {
        const { date, hour } = ctx.localDateHour(event.at);
        visits.push({
          id: event.id,
          ticketId: ctx.ticketId,
          serviceId: event.serviceId,
          priority: ctx.priority,
          date,
          hour,
          transferredIn: change.transferredIn,
          enteredAt: event.at,
          calledAt: null,
          startedAt: null,
          finishedAt: null,
          endedAt: null,
          counterId: null,
          officerId: null,
          recalls: 0,
          outcome: 'waiting',
        });
      } else if (open) {
        const set = { ...change.set };
        // the first call only: a recall or a call after reactivating keeps the wait as it was
        if (set.calledAt !== undefined && open.calledAt !== null) set.calledAt = open.calledAt;
        Object.assign(open, set);
        if (change.recall) open.recalls += 1;
      }
    }
  }
  return visits;
}

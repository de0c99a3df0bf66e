/**
 * Keeps the visits (src/domain/visits.ts) as events happen, in the event's transaction: the rule is
 * visitChanges, the same one foldVisits replays. A ticket has at most one visit without a final
 * outcome (done, cancelled, transferred); a no-show's visit stays the current one, since
 * reactivating continues it.
 */
import type { Transaction } from 'kysely';
import type { PriorityClass } from '../../../domain/queue.js';
import { type Visit, type VisitEventType, visitChanges } from '../../../domain/visits.js';
import type { DB, VisitsTable } from '../../db/schema.js';

/** What a new visit needs beyond the event: known to the caller that opens one. */
export interface VisitOpening {
  agencyId: string;
  priority: PriorityClass | null;
  /** local date and hour at the mall when it joined the line */
  date: string;
  hour: number;
}

export interface VisitEventInput {
  id: string;
  type: VisitEventType;
  at: number;
  serviceId: string;
  counterId: string | null;
  actorId: string | null;
}

export function newVisitRow(
  mallId: string,
  ticketId: string,
  event: VisitEventInput,
  opening: VisitOpening,
  transferredIn: boolean,
): VisitsTable {
  return {
    id: event.id,
    mall_id: mallId,
    ticket_id: ticketId,
    agency_id: opening.agencyId,
    service_id: event.serviceId,
    service_date: opening.date,
    hour: opening.hour,
    priority: opening.priority,
    transferred_in: transferredIn ? 1 : 0,
    entered_at: event.at,
    called_at: null,
    started_at: null,
    finished_at: null,
    ended_at: null,
    counter_id: null,
    officer_id: null,
    recalls: 0,
    outcome: 'waiting',
  };
}

const COLUMN: Partial<Record<keyof Visit, keyof VisitsTable>> = {
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  endedAt: 'ended_at',
  counterId: 'counter_id',
  officerId: 'officer_id',
  outcome: 'outcome',
};

export async function applyVisitChanges(
  tx: Transaction<DB>,
  mallId: string,
  ticketId: string,
  event: VisitEventInput,
  opening: VisitOpening | undefined,
): Promise<void> {
  for (const change of visitChanges(event)) {
    if (change.kind === 'open') {
      if (!opening) throw new Error(`a ${event.type} event opens a visit: its agency, date and hour are needed`);
      await tx
        .insertInto('visits')
        .values(newVisitRow(mallId, ticketId, event, opening, change.transferredIn))
        .execute();
      continue;
    }
    const set: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(change.set) as [keyof Visit, unknown][]) {
      const column = COLUMN[key];
      if (column) set[column] = value;
    }
    await tx
      .updateTable('visits')
      .set((eb) => ({
        ...set,
        // the wait runs to the first call only
        ...(change.set.calledAt !== undefined
          ? { called_at: eb.fn.coalesce('called_at', eb.val(change.set.calledAt)) }
          : {}),
        ...(change.recall ? { recalls: eb('recalls', '+', 1) } : {}),
      }))
      .where('mall_id', '=', mallId)
      .where('ticket_id', '=', ticketId)
      .where('outcome', 'in', ['waiting', 'called', 'serving', 'no_show'])
      .execute();
  }
}

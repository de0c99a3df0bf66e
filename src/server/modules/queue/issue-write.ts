/**
 * Writes a batch of new tickets (group commit) in seven set-based statements, however many tickets
 * the batch holds: quota counts, numbers, tickets, events, visits, the estimates given, and each
 * one's place in its line. Each ticket gets the same outcome it
 * would get alone, in the order the batch lists them: the first ones under a service's quota are
 * taken, the rest refused (null), and numbers follow that order without gaps.
 *
 * Rows are upserted in key order so two processes writing batches at once take their row locks in
 * the same order (PostgreSQL) and cannot deadlock each other.
 */
import { type Insertable, PostgresAdapter, sql, type Transaction } from 'kysely';
import { type Candidate, isAhead } from '../../../domain/pick-next.js';
import type {
  DB,
  NewTicket,
  RoutesTable,
  TicketEstimatesTable,
  TicketEventsTable,
  TicketRow,
  TicketsTable,
  VisitsTable,
} from '../../db/schema.js';
import { newId } from '../../ids.js';
import { aheadIn, countAhead } from './people-ahead.js';
import type { NewEvent } from './repository.js';
import { newVisitRow } from './visit-write.js';

export interface TicketToIssue {
  mallId: string;
  /** the service's agency, for the ticket's first visit */
  agencyId: string;
  ticket: Omit<NewTicket, 'seq' | 'number' | 'mall_id'>;
  /** the service's daily quota; null for none */
  quota: number | null;
  format: (seq: number) => string;
  event: NewEvent;
  /**
   * Runs first, in the batch's transaction: false refuses the ticket (null, nothing written for it).
   * A check-in claims its booking here, so a booking never becomes two tickets.
   */
  before?: (tx: Transaction<DB>) => Promise<boolean>;
  /** Runs after the ticket is stored, in the same transaction: its contact, its messages. */
  after?: (tx: Transaction<DB>, row: TicketRow, eventId: string) => Promise<void>;
  /** the wait estimate given with the ticket (and the baseline's), kept to be held against the wait */
  estimate?: IssueEstimate | null;
  /**
   * A stop of a route (one citizen in several lines): taken with its siblings or not at all, and
   * numbered with the head's number (the head is the route's first item in the batch).
   */
  route?: {
    id: string;
    head: boolean;
    /** a stop added later: the route's number, sequence and the stop's own prefix ("A#4") */
    numbered?: { seq: number; number: string; prefix: string };
  };
}

export interface IssueEstimate {
  waitMs: number;
  lowMs: number;
  highMs: number;
  baselineMs: number | null;
}

/**
 * The stored ticket, its event id and how many wait before it, or null when the quota was used up
 * (nothing written).
 */
export type IssueOutcome = { row: TicketRow; eventId: string; peopleAhead: number } | null;

/** Items grouped by a key (null leaves an item out), each group's positions kept in batch order. */
function groupBy<T>(items: T[], key: (item: T) => string | null): [string, number[]][] {
  const groups = new Map<string, number[]>();
  for (const [i, item] of items.entries()) {
    const k = key(item);
    if (k === null) continue;
    const at = groups.get(k);
    if (at) at.push(i);
    else groups.set(k, [i]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const SEP = '\u0000';

export async function writeTickets(tx: Transaction<DB>, batch: TicketToIssue[]): Promise<IssueOutcome[]> {
  const refused = new Set<number>();
  for (const [i, b] of batch.entries()) {
    if (b.before && !(await b.before(tx))) refused.add(i);
  }

  // 1. Quota: count every ticket in, then hand back the ones over the quota.
  const groups = groupBy(batch, (b) =>
    b.quota === null ? null : `${b.ticket.service_id}${SEP}${b.ticket.service_date}`,
  )
    .map(([, at]) => at.filter((i) => !refused.has(i)))
    .filter((at) => at.length > 0);
  if (groups.length > 0) {
    const counts = await tx
      .insertInto('service_day_counts')
      .values(
        groups.map((at) => {
          const first = batch[at[0] as number] as TicketToIssue;
          return {
            mall_id: first.mallId,
            service_id: first.ticket.service_id,
            service_date: first.ticket.service_date,
            issued: at.length,
          };
        }),
      )
      .onConflict((oc) =>
        oc
          .columns(['service_id', 'service_date'])
          .doUpdateSet({ issued: sql`service_day_counts.issued + excluded.issued` }),
      )
      .returning(['service_id', 'service_date', 'issued'])
      .execute();
    const after = new Map(counts.map((c) => [`${c.service_id}${SEP}${c.service_date}`, Number(c.issued)]));
    for (const at of groups) {
      const first = batch[at[0] as number] as TicketToIssue;
      const issued = after.get(`${first.ticket.service_id}${SEP}${first.ticket.service_date}`) as number;
      const before = issued - at.length;
      const room = Math.max(0, (first.quota as number) - before);
      const over = at.slice(Math.min(room, at.length));
      if (over.length === 0) continue;
      for (const i of over) refused.add(i);
      await tx
        .updateTable('service_day_counts')
        .set({ issued: sql`issued - ${over.length}` })
        .where('service_id', '=', first.ticket.service_id)
        .where('service_date', '=', first.ticket.service_date)
        .execute();
    }
  }

  // A route is taken whole or not at all: its other stops give back the quota they took.
  const routeRefused = new Set(batch.flatMap((b, i) => (b.route && refused.has(i) ? [b.route.id] : [])));
  if (routeRefused.size > 0) {
    const giveBack = batch.flatMap((b, i) => (b.route && routeRefused.has(b.route.id) && !refused.has(i) ? [i] : []));
    for (const i of giveBack) refused.add(i);
    for (const [, at] of groupBy(
      giveBack.map((i) => batch[i] as TicketToIssue),
      (b) => (b.quota === null ? null : `${b.ticket.service_id}${SEP}${b.ticket.service_date}`),
    )) {
      const first = batch[giveBack[at[0] as number] as number] as TicketToIssue;
      await tx
        .updateTable('service_day_counts')
        .set({ issued: sql`issued - ${at.length}` })
        .where('service_id', '=', first.ticket.service_id)
        .where('service_date', '=', first.ticket.service_date)
        .execute();
    }
  }

  const taken = batch.flatMap((b, i) => (refused.has(i) ? [] : [{ b, i }]));
  if (taken.length === 0) return batch.map(() => null);

  // 2. Numbers: advance each prefix's sequence by its count in the batch, in one statement (a
  // route's other stops take its head's number and do not count).
  const headOnly = taken.filter(({ b }) => !b.route || (b.route.head && !b.route.numbered));
  const lines = groupBy(headOnly, ({ b }) => `${b.mallId}${SEP}${b.ticket.prefix}${SEP}${b.ticket.service_date}`);
  const sequences =
    lines.length === 0
      ? []
      : await tx
          .insertInto('ticket_sequences')
          .values(
            lines.map(([, at]) => {
              const { b } = headOnly[at[0] as number] as { b: TicketToIssue };
              return {
                mall_id: b.mallId,
                prefix: b.ticket.prefix,
                service_date: b.ticket.service_date,
                value: at.length,
              };
            }),
          )
          .onConflict((oc) =>
            oc
              .columns(['mall_id', 'prefix', 'service_date'])
              .doUpdateSet({ value: sql`ticket_sequences.value + excluded.value` }),
          )
          .returning(['mall_id', 'prefix', 'service_date', 'value'])
          .execute();
  const last = new Map(sequences.map((s) => [`${s.mall_id}${SEP}${s.prefix}${SEP}${s.service_date}`, Number(s.value)]));
  const seqOf = new Map<number, number>();
  for (const [key, at] of lines) {
    const top = last.get(key) as number;
    for (const [k, j] of at.entries()) {
      seqOf.set(taken.indexOf(headOnly[j] as (typeof taken)[number]), top - at.length + 1 + k);
    }
  }
  const headOf = new Map<string, number>();
  for (const [j, { b }] of taken.entries()) if (b.route?.head) headOf.set(b.route.id, j);
  // A route's other stops share the head's number and sequence; their prefix is the head's with
  // the stop's place ("A#2"), which no service uses, so (prefix, day, seq) stays unique.
  const stopIndex = new Map<number, number>();
  const seen = new Map<string, number>();
  for (const [j, { b }] of taken.entries()) {
    if (!b.route) continue;
    const k = (seen.get(b.route.id) ?? 0) + 1;
    seen.set(b.route.id, k);
    stopIndex.set(j, k);
  }
  const numberOf = (j: number) => {
    const { b } = taken[j] as (typeof taken)[number];
    if (b.route?.numbered) return b.route.numbered;
    const head = b.route && !b.route.head ? (headOf.get(b.route.id) as number) : j;
    const headTicket = (taken[head] as (typeof taken)[number]).b;
    const seq = seqOf.get(head) as number;
    return {
      seq,
      number: headTicket.format(seq),
      ...(head === j ? {} : { prefix: `${headTicket.ticket.prefix}#${stopIndex.get(j)}` }),
    };
  };

  // 3. The tickets, 4. their events, 5. their first visits (src/domain/visits.ts), the routes of
  // the batch's multi-service visits, 6. the estimates given with them.
  const eventIds = taken.map(() => newId());
  const ticketRows = taken.map(({ b }, j) => ({
    ...b.ticket,
    mall_id: b.mallId,
    ...numberOf(j),
    route_id: b.route?.id ?? null,
  }));
  const eventRows = taken.map(({ b }, j) => ({
    id: eventIds[j] as string,
    mall_id: b.mallId,
    ticket_id: b.ticket.id,
    type: b.event.type,
    from_status: b.event.fromStatus,
    to_status: b.event.toStatus,
    service_id: b.event.serviceId,
    counter_id: b.event.counterId,
    actor_id: b.event.actorId,
    at: b.event.at,
    data: b.event.data ? JSON.stringify(b.event.data) : null,
  }));
  const visitRows = taken.map(({ b }, j) =>
    newVisitRow(
      b.mallId,
      b.ticket.id,
      {
        id: eventIds[j] as string,
        type: 'issue',
        at: b.event.at,
        serviceId: b.event.serviceId,
        counterId: null,
        actorId: null,
      },
      {
        agencyId: b.agencyId,
        priority: b.ticket.priority ?? null,
        date: b.ticket.service_date,
        hour: b.ticket.service_hour,
      },
      false,
    ),
  );
  const routeRows = taken
    .filter(({ b }) => b.route?.head && !b.route.numbered)
    .map(({ b }) => ({
      id: (b.route as { id: string }).id,
      mall_id: b.mallId,
      head_ticket_id: b.ticket.id,
      held_ticket_id: null,
      created_at: b.event.at,
    }));
  const estimateRows = taken
    .filter(({ b }) => b.estimate)
    .map(({ b }) => {
      const e = b.estimate as IssueEstimate;
      return {
        ticket_id: b.ticket.id,
        kind: 'issue' as const,
        mall_id: b.mallId,
        service_id: b.ticket.service_id,
        agency_id: b.agencyId,
        service_date: b.ticket.service_date,
        given_at: b.event.at,
        wait_ms: Math.round(e.waitMs),
        low_ms: Math.round(e.lowMs),
        high_ms: Math.round(e.highMs),
        baseline_ms: e.baselineMs === null ? null : Math.round(e.baselineMs),
      };
    });

  // 7. Where each stands in its line, counted in the same transaction.
  let stored: TicketRow[];
  let ahead: Map<string, number>;
  if (tx.getExecutor().adapter instanceof PostgresAdapter) {
    // PostgreSQL: all of it in one statement, one round trip on the batch's connection instead of
    // five to seven (each a few hundred µs to milliseconds on a busy machine, while the batches
    // behind this one wait). The statement's reading of tickets does not see the rows it inserts,
    // so the line is counted without them and the batch's own tickets ahead are added here.
    const inserted = await insertAndCount(tx, { ticketRows, eventRows, visitRows, routeRows, estimateRows });
    const rowById = new Map(inserted.map((r) => [r.id, r]));
    stored = taken.map(({ b }) => rowById.get(b.ticket.id) as TicketRow & { ahead: number });
    ahead = new Map(
      (stored as (TicketRow & { ahead: number })[]).map((row) => [
        row.id,
        Number(row.ahead) +
          stored.filter((other) => sameLine(other, row) && isAhead(candidate(other), candidate(row))).length,
      ]),
    );
    for (const row of stored) delete (row as Partial<TicketRow & { ahead: number }>).ahead;
  } else {
    // SQLite: statements in the process, no round trips to save
    const rows = await tx.insertInto('tickets').values(ticketRows).returningAll().execute();
    await tx.insertInto('ticket_events').values(eventRows).execute();
    await tx.insertInto('visits').values(visitRows).execute();
    if (routeRows.length > 0) await tx.insertInto('routes').values(routeRows).execute();
    if (estimateRows.length > 0) await tx.insertInto('ticket_estimates').values(estimateRows).execute();
    const rowById = new Map(rows.map((r) => [r.id, r]));
    stored = taken.map(({ b }) => rowById.get(b.ticket.id) as TicketRow);
    ahead = await countAhead(tx, stored);
  }

  for (const [j, { b }] of taken.entries()) {
    if (b.after) await b.after(tx, stored[j] as TicketRow, eventIds[j] as string);
  }

  const outcomes: IssueOutcome[] = batch.map(() => null);
  for (const [j, { i }] of taken.entries()) {
    const row = stored[j] as TicketRow;
    outcomes[i] = { row, eventId: eventIds[j] as string, peopleAhead: ahead.get(row.id) ?? 0 };
  }
  return outcomes;
}

const sameLine = (a: TicketRow, b: TicketRow) =>
  a.id !== b.id &&
  a.status === 'waiting' &&
  b.status === 'waiting' &&
  a.mall_id === b.mall_id &&
  a.service_id === b.service_id &&
  a.service_date === b.service_date;

const candidate = (t: TicketRow): Candidate => ({
  id: t.id,
  arrivalAt: t.arrival_at,
  priority: t.priority,
  appointmentAt: t.appointment_at,
});

/**
 * PostgreSQL: the batch's rows in one statement (data-modifying WITH; the foreign keys are checked
 * at its end, when all are in), answering the stored tickets with the waiting tickets already in
 * each one's line before it (people-ahead.ts's rule).
 */
async function insertAndCount(
  tx: Transaction<DB>,
  rows: {
    ticketRows: Insertable<TicketsTable>[];
    eventRows: Insertable<TicketEventsTable>[];
    visitRows: Insertable<VisitsTable>[];
    routeRows: Insertable<RoutesTable>[];
    estimateRows: Insertable<TicketEstimatesTable>[];
  },
): Promise<(TicketRow & { ahead: number })[]> {
  // The optional parts change the builder's type, not the statement's shape that matters here.
  let query = tx
    .with('t', (db) => db.insertInto('tickets').values(rows.ticketRows).returningAll())
    .with('e', (db) => db.insertInto('ticket_events').values(rows.eventRows))
    .with('v', (db) => db.insertInto('visits').values(rows.visitRows));
  if (rows.routeRows.length > 0) {
    query = query.with('r', (db) => db.insertInto('routes').values(rows.routeRows)) as unknown as typeof query;
  }
  if (rows.estimateRows.length > 0) {
    query = query.with('x', (db) =>
      db.insertInto('ticket_estimates').values(rows.estimateRows),
    ) as unknown as typeof query;
  }
  return (await query
    .selectFrom('t')
    .selectAll('t')
    .select((eb) => aheadIn(eb as never).as('ahead'))
    .execute()) as unknown as (TicketRow & { ahead: number })[];
}

/**
 * The queue's rows: tickets, their events, the daily sequences and quotas. Every method takes the
 * mall id. State changes are compare-and-set updates (WHERE id = ? AND status = ?), so two app
 * processes racing for one ticket cannot both win, on SQLite or PostgreSQL.
 */
import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { Candidate } from '../../../domain/pick-next.js';
import type { TicketStatus } from '../../../domain/queue.js';
import { GroupCommit } from '../../db/group-commit.js';
import type {
  CounterPresenceState,
  DB,
  TicketContactsTable,
  TicketEventType,
  TicketRow,
  TicketsTable,
} from '../../db/schema.js';
import { newId } from '../../ids.js';
import { touchRollups } from '../performance/rollup-store.js';
import { type IssueOutcome, type TicketToIssue, writeTickets } from './issue-write.js';
import { countAhead } from './people-ahead.js';
import { applyVisitChanges, type VisitOpening } from './visit-write.js';

export interface NewEvent {
  type: TicketEventType;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  serviceId: string;
  counterId: string | null;
  actorId: string | null;
  at: number;
  data?: Record<string, unknown>;
  /** for an event that opens a visit (a transfer): what the new visit needs */
  visit?: VisitOpening;
  /** the ticket's day when it is over (an event after midnight): its stored tallies must go */
  closedDay?: string | undefined;
}

export interface CounterInfo {
  id: string;
  name: string;
  number: number;
  /** false once an admin deactivated or archived it: it calls nobody */
  active: boolean;
  agencyId: string;
  zoneId: string | null;
  serviceIds: string[];
  /** what its officer last said (open, break, closed) and when; null when never */
  presence: { state: CounterPresenceState; at: number } | null;
}

export type CounterRef = Omit<CounterInfo, 'serviceIds' | 'active' | 'presence'>;

/**
 * Runs in the transaction of every queue event after the ticket is stored (a call, a transfer, a
 * cancel …): the messages module writes the citizen's messages here, so none is lost or invented.
 */
export type TicketEventHook = (
  tx: Transaction<DB>,
  change: { mallId: string; row: TicketRow; eventId: string; event: NewEvent },
) => Promise<void>;

export type ClaimResult =
  | { ok: true; eventId: string; row: TicketRow }
  | { ok: false; why: 'lost' | 'busy'; held?: TicketRow };

/** A stored change: the ticket as it now is, and the event that recorded it. */
export interface Changed {
  eventId: string;
  row: TicketRow;
}

const HELD: TicketStatus[] = ['called', 'serving'];

export class QueueRepository {
  /** tickets issued at the same moment share one commit; a route's stops travel as one item */
  private readonly issues: GroupCommit<DB, TicketToIssue[], IssueOutcome[]>;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly onEvent: TicketEventHook = async () => {},
  ) {
    this.issues = new GroupCommit(db, async (tx, groups) => {
      const outcomes = await writeTickets(tx, groups.flat());
      let at = 0;
      return groups.map((g) => {
        const mine = outcomes.slice(at, at + g.length);
        at += g.length;
        return mine;
      });
    });
  }

  async putContact(contact: Insertable<TicketContactsTable>) {
    const { ticket_id: _, ...change } = contact;
    await this.db
      .insertInto('ticket_contacts')
      .values(contact)
      .onConflict((oc) =>
        oc.column('ticket_id').doUpdateSet({ phone: change.phone, email: change.email, lang: change.lang }),
      )
      .execute();
  }

  /** Where the ticket's citizen asked to be told, if anywhere. */
  contactOf(ticketId: string) {
    return this.db
      .selectFrom('ticket_contacts')
      .select(['phone', 'email', 'lang'])
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();
  }

  service(mallId: string, serviceId: string) {
    return this.db
      .selectFrom('services')
      .innerJoin('agencies', 'agencies.id', 'services.agency_id')
      .select([
        'services.id',
        'services.name',
        'services.prefix',
        'services.daily_quota',
        'services.active',
        'services.agency_id',
        'services.after_service_id',
        'agencies.short_name as agency_short_name',
      ])
      .where('services.mall_id', '=', mallId)
      .where('services.id', '=', serviceId)
      .executeTakeFirst();
  }

  async counter(mallId: string, counterId: string): Promise<CounterInfo | undefined> {
    const row = await this.db
      .selectFrom('counters')
      .select(['id', 'name', 'number', 'agency_id', 'zone_id', 'active', 'presence', 'presence_at'])
      .where('mall_id', '=', mallId)
      .where('id', '=', counterId)
      .executeTakeFirst();
    if (!row) return undefined;
    const links = await this.db
      .selectFrom('counter_services')
      .select('service_id')
      .where('mall_id', '=', mallId)
      .where('counter_id', '=', counterId)
      .execute();
    return {
      id: row.id,
      name: row.name,
      number: row.number,
      agencyId: row.agency_id,
      zoneId: row.zone_id,
      active: row.active === 1,
      serviceIds: links.map((l) => l.service_id),
      presence:
        row.presence === null || row.presence_at === null ? null : { state: row.presence, at: Number(row.presence_at) },
    };
  }

  /** What the counter's officer says: open, on a break, closed. */
  async setPresence(mallId: string, counterId: string, state: CounterPresenceState, at: number): Promise<void> {
    await this.db
      .updateTable('counters')
      .set({ presence: state, presence_at: at })
      .where('mall_id', '=', mallId)
      .where('id', '=', counterId)
      .execute();
  }

  /**
   * Inserts a ticket with the next number of its prefix and day, in one transaction with its quota
   * count and its event (shared with the tickets issued at the same moment). Returns null (and
   * writes nothing) when the day's quota is used up.
   */
  async insertTicket(item: TicketToIssue): Promise<IssueOutcome> {
    return (await this.issues.run([item]))[0] as IssueOutcome;
  }

  /** A route's stops, in one commit: all of them, or (a quota used up) none. */
  insertRoute(items: TicketToIssue[]): Promise<IssueOutcome[]> {
    return this.issues.run(items);
  }

  /**
   * Makes a plain ticket the head of a new route (a stop is being added to it); the citizen held
   * at a counter stays held there.
   */
  async startRoute(
    mallId: string,
    ticket: Pick<TicketRow, 'id' | 'status'>,
    routeId: string,
    at: number,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('routes')
        .values({
          id: routeId,
          mall_id: mallId,
          head_ticket_id: ticket.id,
          held_ticket_id: HELD.includes(ticket.status) ? ticket.id : null,
          created_at: at,
        })
        .execute();
      await tx
        .updateTable('tickets')
        .set({ route_id: routeId })
        .where('id', '=', ticket.id)
        .where('route_id', 'is', null)
        .execute();
    });
  }

  /** These stops wait for `firstId` to be done before they are called. */
  async setAfter(mallId: string, ticketIds: string[], firstId: string): Promise<void> {
    if (ticketIds.length === 0) return;
    await this.db
      .updateTable('tickets')
      .set({ after_ticket_id: firstId })
      .where('mall_id', '=', mallId)
      .where('id', 'in', ticketIds)
      .execute();
  }

  /** A route's stops, in the order they were taken. */
  routeTickets(mallId: string, routeId: string) {
    return this.db
      .selectFrom('tickets')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('route_id', '=', routeId)
      .orderBy('id')
      .execute();
  }

  /** Waiting tickets before each of these (people-ahead.ts). */
  countAheadOf(mallId: string, ticketIds: readonly string[]): Promise<Map<string, number>> {
    return countAhead(
      this.db,
      ticketIds.map((id) => ({ id, mall_id: mallId })),
    );
  }

  /** Waiting tickets before this one (people-ahead.ts). */
  async countAhead(mallId: string, ticketId: string): Promise<number> {
    return (await countAhead(this.db, [{ id: ticketId, mall_id: mallId }])).get(ticketId) ?? 0;
  }

  ticket(mallId: string, ticketId: string) {
    return this.db
      .selectFrom('tickets')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('id', '=', ticketId)
      .executeTakeFirst();
  }

  /** The names a ticket page shows beside the number. */
  ticketContext(mallId: string, serviceId: string, ticketId: string) {
    return this.db
      .selectFrom('services')
      .innerJoin('agencies', 'agencies.id', 'services.agency_id')
      .innerJoin('malls', 'malls.id', 'services.mall_id')
      .select([
        'services.name as service_name',
        'agencies.name as agency_name',
        'agencies.short_name as agency_short_name',
        'malls.slug as mall_slug',
        'malls.name as mall_name',
        'malls.time_zone',
        'malls.settings',
      ])
      .select((eb) =>
        eb
          .exists(eb.selectFrom('skm_responses').select('id').where('skm_responses.ticket_id', '=', ticketId))
          .as('surveyed'),
      )
      .where('services.mall_id', '=', mallId)
      .where('services.id', '=', serviceId)
      .executeTakeFirstOrThrow();
  }

  /** Per active service: waiting today, and tickets left under its quota. */
  async availability(mallId: string, serviceDate: string) {
    const [services, waiting, issued] = await Promise.all([
      this.db
        .selectFrom('services')
        .select(['id', 'daily_quota'])
        .where('mall_id', '=', mallId)
        .where('active', '=', 1)
        .orderBy('sort_order')
        .execute(),
      this.db
        .selectFrom('tickets')
        .select(['service_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('mall_id', '=', mallId)
        .where('service_date', '=', serviceDate)
        .where('status', '=', 'waiting')
        .groupBy('service_id')
        .execute(),
      this.db
        .selectFrom('service_day_counts')
        .select(['service_id', 'issued'])
        .where('mall_id', '=', mallId)
        .where('service_date', '=', serviceDate)
        .execute(),
    ]);
    const waitingBy = new Map(waiting.map((w) => [w.service_id, Number(w.n)]));
    const issuedBy = new Map(issued.map((i) => [i.service_id, Number(i.issued)]));
    return services.map((s) => ({
      serviceId: s.id,
      waiting: waitingBy.get(s.id) ?? 0,
      remaining: s.daily_quota === null ? null : Math.max(0, s.daily_quota - (issuedBy.get(s.id) ?? 0)),
    }));
  }

  ticketByToken(token: string) {
    return this.db.selectFrom('tickets').selectAll().where('token', '=', token).executeTakeFirst();
  }

  heldBy(mallId: string, counterId: string) {
    return this.db
      .selectFrom('tickets')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('counter_id', '=', counterId)
      .where('status', 'in', HELD)
      .executeTakeFirst();
  }

  /** Today's waiting tickets for the given services, as the picker needs them. */
  async waiting(
    mallId: string,
    serviceIds: string[],
    serviceDate: string,
  ): Promise<(Candidate & { serviceId: string; routeId: string | null })[]> {
    if (serviceIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('tickets')
      .leftJoin('routes', 'routes.id', 'tickets.route_id')
      .leftJoin('tickets as first', 'first.id', 'tickets.after_ticket_id')
      .select([
        'tickets.id',
        'tickets.arrival_at',
        'tickets.priority',
        'tickets.appointment_at',
        'tickets.service_id',
        'tickets.route_id',
      ])
      .where('tickets.mall_id', '=', mallId)
      .where('tickets.status', '=', 'waiting')
      .where('tickets.service_id', 'in', serviceIds)
      .where('tickets.service_date', '=', serviceDate)
      // a stop whose citizen is at another counter is skipped, keeping its place (src/domain/route.ts)
      .where((eb) => eb.or([eb('tickets.route_id', 'is', null), eb('routes.held_ticket_id', 'is', null)]))
      // and a stop that needs another stop done first waits until it is
      .where((eb) => eb.or([eb('tickets.after_ticket_id', 'is', null), eb('first.status', '=', 'done')]))
      .execute();
    return rows.map((r) => ({
      id: r.id,
      arrivalAt: r.arrival_at,
      priority: r.priority,
      appointmentAt: r.appointment_at,
      serviceId: r.service_id,
      routeId: r.route_id,
    }));
  }

  waitingTickets(mallId: string, serviceIds: string[], serviceDate: string) {
    if (serviceIds.length === 0) return Promise.resolve([] as TicketRow[]);
    return this.db
      .selectFrom('tickets')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('status', '=', 'waiting')
      .where('service_id', 'in', serviceIds)
      .where('service_date', '=', serviceDate)
      .orderBy('arrival_at')
      .orderBy('id')
      .execute();
  }

  /** This counter's calls today, newest first: whether each was a priority ticket. */
  async recentCalls(mallId: string, counterId: string, serviceDate: string, limit: number) {
    const rows = await this.db
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select('tickets.priority')
      .where('ticket_events.mall_id', '=', mallId)
      .where('ticket_events.counter_id', '=', counterId)
      .where('ticket_events.type', '=', 'call')
      .where('tickets.service_date', '=', serviceDate)
      .orderBy('ticket_events.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ priority: r.priority !== null }));
  }

  /**
   * Calls a waiting ticket to a counter. The counter's row is locked first so one counter never
   * holds two tickets; the ticket is taken only if it is still waiting.
   */
  async claim(
    mallId: string,
    ticketId: string,
    counterId: string,
    officerId: string,
    at: number,
    event: NewEvent,
    routeId: string | null = null,
  ): Promise<ClaimResult> {
    return this.db.transaction().execute(async (tx) => {
      await tx.updateTable('counters').set({ active: sql`active` }).where('id', '=', counterId).execute();
      const held = await tx
        .selectFrom('tickets')
        .selectAll()
        .where('mall_id', '=', mallId)
        .where('counter_id', '=', counterId)
        .where('status', 'in', HELD)
        .executeTakeFirst();
      if (held) return { ok: false, why: 'busy', held } as const;
      // A stop of a route: the citizen must be at no other counter. Taking the route's hold is the
      // compare-and-set that keeps two counters (or processes) from calling one citizen at once.
      if (routeId !== null) {
        const hold = await tx
          .updateTable('routes')
          .set({ held_ticket_id: ticketId })
          .where('id', '=', routeId)
          .where('held_ticket_id', 'is', null)
          .executeTakeFirst();
        if (Number(hold.numUpdatedRows) !== 1) return { ok: false, why: 'lost' } as const;
      }
      const row = await tx
        .updateTable('tickets')
        .set({
          status: 'called',
          counter_id: counterId,
          officer_id: officerId,
          called_at: at,
          recall_count: 0,
          updated_at: at,
        })
        .where('id', '=', ticketId)
        .where('mall_id', '=', mallId)
        .where('status', '=', 'waiting')
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        if (routeId !== null) await releaseRoute(tx, routeId, ticketId);
        return { ok: false, why: 'lost' } as const;
      }
      const eventId = await insertEvent(tx, mallId, ticketId, event);
      await this.onEvent(tx, { mallId, row, eventId, event });
      return { ok: true, eventId, row } as const;
    });
  }

  /**
   * Moves a ticket from one status to the next if nobody changed it meanwhile (same status and
   * recall count as read). Returns the ticket as stored and the event, or null when the ticket
   * had moved on.
   */
  async transition(
    mallId: string,
    current: Pick<TicketRow, 'id' | 'status' | 'recall_count'>,
    set: Updateable<TicketsTable>,
    event: NewEvent,
  ): Promise<Changed | null> {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('tickets')
        .set({ ...set, updated_at: event.at })
        .where('id', '=', current.id)
        .where('mall_id', '=', mallId)
        .where('status', '=', current.status)
        .where('recall_count', '=', current.recall_count)
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      // leaving the counter frees the citizen for the route's other lines
      if (row.route_id !== null && !HELD.includes(row.status)) await releaseRoute(tx, row.route_id, row.id);
      const eventId = await insertEvent(tx, mallId, current.id, event);
      await this.onEvent(tx, { mallId, row, eventId, event });
      return { eventId, row };
    });
  }

  /** Calls and recalls of the day, newest first, for the display. */
  recentDisplayCalls(mallId: string, serviceDate: string, limit: number) {
    return this.callEvents(mallId)
      .where('tickets.service_date', '=', serviceDate)
      .orderBy('ticket_events.id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Calls and recalls after an event id, oldest first: what a reconnecting display missed. */
  callsAfter(mallId: string, afterEventId: string, limit: number) {
    return this.callEvents(mallId)
      .where('ticket_events.id', '>', afterEventId)
      .orderBy('ticket_events.id')
      .limit(limit)
      .execute();
  }

  private callEvents(mallId: string) {
    return this.db
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .innerJoin('counters', 'counters.id', 'ticket_events.counter_id')
      .select([
        'ticket_events.id as event_id',
        'ticket_events.type',
        'ticket_events.at',
        'ticket_events.service_id',
        'tickets.id as ticket_id',
        'tickets.number',
        'tickets.priority',
        'counters.id as counter_id',
        'counters.name as counter_name',
        'counters.number as counter_number',
        'counters.zone_id',
      ])
      .where('ticket_events.mall_id', '=', mallId)
      .where('ticket_events.type', 'in', ['call', 'recall']);
  }

  /** A counter without the services it serves: what a call shows and who may act on it. */
  async counterRef(mallId: string, counterId: string): Promise<CounterRef | undefined> {
    const row = await this.db
      .selectFrom('counters')
      .select(['id', 'name', 'number', 'agency_id', 'zone_id'])
      .where('mall_id', '=', mallId)
      .where('id', '=', counterId)
      .executeTakeFirst();
    return row && { id: row.id, name: row.name, number: row.number, agencyId: row.agency_id, zoneId: row.zone_id };
  }

  async counterDayStats(mallId: string, counterId: string, serviceDate: string) {
    const row = await this.db
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select((eb) => [
        eb.fn.count<number>('ticket_events.id').filterWhere('ticket_events.type', '=', 'finish').as('served'),
        eb.fn.count<number>('ticket_events.id').filterWhere('ticket_events.type', '=', 'no_show').as('no_show'),
      ])
      .where('ticket_events.mall_id', '=', mallId)
      .where('ticket_events.counter_id', '=', counterId)
      .where('tickets.service_date', '=', serviceDate)
      .executeTakeFirst();
    const avg = await this.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.avg<number>(sql`finished_at - started_at`).as('avg'))
      .where('mall_id', '=', mallId)
      .where('counter_id', '=', counterId)
      .where('status', '=', 'done')
      .where('service_date', '=', serviceDate)
      .where('started_at', 'is not', null)
      .executeTakeFirst();
    return {
      served: Number(row?.served ?? 0),
      noShow: Number(row?.no_show ?? 0),
      averageServiceMs: avg?.avg == null ? null : Number(avg.avg),
    };
  }
}

/** The route's citizen is at no counter any more (if this stop held it). */
async function releaseRoute(tx: Transaction<DB>, routeId: string, ticketId: string): Promise<void> {
  await tx
    .updateTable('routes')
    .set({ held_ticket_id: null })
    .where('id', '=', routeId)
    .where('held_ticket_id', '=', ticketId)
    .execute();
}

async function insertEvent(tx: Transaction<DB>, mallId: string, ticketId: string, e: NewEvent): Promise<string> {
  const id = newId();
  await tx
    .insertInto('ticket_events')
    .values({
      id,
      mall_id: mallId,
      ticket_id: ticketId,
      type: e.type,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      service_id: e.serviceId,
      counter_id: e.counterId,
      actor_id: e.actorId,
      at: e.at,
      data: e.data ? JSON.stringify(e.data) : null,
    })
    .execute();
  await applyVisitChanges(tx, mallId, ticketId, { ...e, id, type: e.type }, e.visit);
  if (e.closedDay) await touchRollups(tx, mallId, [e.closedDay]);
  return id;
}

import type { Kysely } from 'kysely';
import { localTime } from '../../../domain/schedule.js';
import { foldVisits, type VisitEvent } from '../../../domain/visits.js';

// One row per visit: a ticket's stay at one service (src/domain/visits.ts). The performance
// reports read these instead of folding the ticket events on every request; the queue keeps them
// in the same transaction as each event. agency_id is denormalised from the service, as in
// skm_responses, so an agency's month is one index range.
//
// An agency's waiting-time threshold for the live board's warning: null means the mall's default.
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('priority', 'text')
    .addColumn('transferred_in', 'integer', (c) => c.notNull())
    .addColumn('entered_at', 'bigint', (c) => c.notNull())
    .addColumn('called_at', 'bigint')
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('counter_id', 'text', (c) => c.references('counters.id'))
    .addColumn('officer_id', 'text', (c) => c.references('users.id'))
    .addColumn('recalls', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('visits_agency_day')
    .on('visits')
    .columns(['mall_id', 'agency_id', 'service_date'])
    .execute();
  await db.schema.createIndex('visits_day').on('visits').columns(['mall_id', 'service_date']).execute();
  await db.schema.createIndex('visits_ticket').on('visits').columns(['ticket_id', 'outcome']).execute();

  await db.schema.alterTable('agencies').addColumn('wait_threshold_minutes', 'integer').execute();

  await backfill(db);
}

/** Visits for the tickets a database already holds, folded from their events. */
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
async function backfill(db: Kysely<any>): Promise<void> {
  const malls = (await db.selectFrom('malls').select(['id', 'time_zone']).execute()) as {
    id: string;
    time_zone: string;
  }[];
  for (const mall of malls) {
    const agencyOf = new Map(
      (
        (await db.selectFrom('services').select(['id', 'agency_id']).where('mall_id', '=', mall.id).execute()) as {
          id: string;
          agency_id: string;
        }[]
      ).map((s) => [s.id, s.agency_id]),
    );
    const tickets = (await db
      .selectFrom('tickets')
      .select(['id', 'priority'])
      .where('mall_id', '=', mall.id)
      .execute()) as { id: string; priority: string | null }[];
    const priorityOf = new Map(tickets.map((t) => [t.id, t.priority]));
    const events = (await db
      .selectFrom('ticket_events')
      .select(['id', 'ticket_id', 'type', 'at', 'service_id', 'counter_id', 'actor_id'])
      .where('mall_id', '=', mall.id)
      .orderBy('ticket_id')
      .orderBy('id')
      .execute()) as {
      id: string;
      ticket_id: string;
      type: VisitEvent['type'];
      at: number | string;
      service_id: string;
      counter_id: string | null;
      actor_id: string | null;
    }[];
    const byTicket = new Map<string, VisitEvent[]>();
    for (const e of events) {
      const list = byTicket.get(e.ticket_id) ?? [];
      list.push({
        id: e.id,
        type: e.type,
        at: Number(e.at),
        serviceId: e.service_id,
        counterId: e.counter_id,
        actorId: e.actor_id,
      });
      byTicket.set(e.ticket_id, list);
    }
    const rows = [];
    for (const [ticketId, list] of byTicket) {
      const visits = foldVisits(list, {
        ticketId,
        priority: (priorityOf.get(ticketId) ?? null) as never,
        localDateHour: (at) => {
          const t = localTime(at, mall.time_zone);
          return { date: t.date, hour: t.hour };
        },
      });
      for (const v of visits) {
        rows.push({
          id: v.id,
          mall_id: mall.id,
          ticket_id: v.ticketId,
          agency_id: agencyOf.get(v.serviceId),
          service_id: v.serviceId,
          service_date: v.date,
          hour: v.hour,
          priority: v.priority,
          transferred_in: v.transferredIn ? 1 : 0,
          entered_at: v.enteredAt,
          called_at: v.calledAt,
          started_at: v.startedAt,
          finished_at: v.finishedAt,
          ended_at: v.endedAt,
          counter_id: v.counterId,
          officer_id: v.officerId,
          recalls: v.recalls,
          outcome: v.outcome,
        });
      }
    }
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('visits')
        .values(rows.slice(i, i + 500))
        .execute();
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agencies').dropColumn('wait_threshold_minutes').execute();
  await db.schema.dropTable('visits').execute();
}

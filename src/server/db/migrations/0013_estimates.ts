import type { Kysely } from 'kysely';

// The wait estimate (issue #12).
//
// counters.presence / presence_at: what the officer at a counter said today — open, on a break,
//   closed — and when. NULL (or a day before today): nothing said, the estimator reads the
//   counter's calls instead.
// ticket_estimates: the estimates a citizen was given, to be held against the wait that followed:
//   'issue', at the kiosk (or the phone) when the ticket was taken, with the queue-length baseline
//   of the same moment; 'last', the latest shown on the ticket page before the call. The wait is
//   the ticket's visit's called_at − given_at.
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('counters').addColumn('presence', 'text').execute();
  await db.schema.alterTable('counters').addColumn('presence_at', 'bigint').execute();
  await db.schema
    .createTable('ticket_estimates')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('given_at', 'bigint', (c) => c.notNull())
    .addColumn('wait_ms', 'bigint', (c) => c.notNull())
    .addColumn('low_ms', 'bigint', (c) => c.notNull())
    .addColumn('high_ms', 'bigint', (c) => c.notNull())
    .addColumn('baseline_ms', 'bigint')
    .addPrimaryKeyConstraint('ticket_estimates_pk', ['ticket_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('ticket_estimates_day')
    .on('ticket_estimates')
    .columns(['mall_id', 'service_date', 'service_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_estimates').execute();
  await db.schema.alterTable('counters').dropColumn('presence_at').execute();
  await db.schema.alterTable('counters').dropColumn('presence').execute();
}

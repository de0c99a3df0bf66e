import type { Kysely } from 'kysely';

// Applications after the counter (issue #13, point 3): a product days later (a passport, a PBG
// permit), followed by the citizen by code or QR without an account.
//
// applications: one per application; code (shown, typed) unique per mall, token (its page /p/…)
//   unique; due_date the service's standard time in working days from received_date (null when
//   the standard states none); ready_date when it became ready or finished (the evaluation's
//   "within the standard time"); the citizen's contact for the messages at each step.
// application_events: every step with its note (what is missing, why rejected), who and when.
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('ready_date', 'text')
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_code').unique().on('applications').columns(['mall_id', 'code']).execute();
  await db.schema
    .createIndex('applications_open')
    .on('applications')
    .columns(['mall_id', 'agency_id', 'status', 'due_date'])
    .execute();
  await db.schema
    .createTable('application_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_events_of')
    .on('application_events')
    .columns(['application_id', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_events').execute();
  await db.schema.dropTable('applications').execute();
}

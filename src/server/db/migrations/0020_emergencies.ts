import type { Kysely } from 'kysely';

// The crisis center (issue #14, point 4): urgent reports from the kiosk, the portal or a staff
// screen, heard at once on every duty officer's screen.
//
// emergencies: one per report; status reported → taken → closed; who reported it (source, and the
//   account when a staff member did), who took it and when (the response time is taken_at −
//   reported_at), who closed it, when, and what was done (close_note).
// emergency_events: every step, ids in time order (UUIDv7): a reconnecting screen resumes after
//   the last one it saw (Last-Event-ID).
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('emergencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.references('users.id'))
    .addColumn('reported_at', 'bigint', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.references('users.id'))
    .addColumn('taken_at', 'bigint')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_at', 'bigint')
    .addColumn('close_note', 'text')
    .execute();
  await db.schema.createIndex('emergencies_reported').on('emergencies').columns(['mall_id', 'reported_at']).execute();
  await db.schema.createIndex('emergencies_open').on('emergencies').columns(['mall_id', 'status']).execute();
  await db.schema
    .createTable('emergency_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('emergency_id', 'text', (c) => c.notNull().references('emergencies.id'))
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('emergency_events_mall').on('emergency_events').columns(['mall_id', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('emergency_events').execute();
  await db.schema.dropTable('emergencies').execute();
}

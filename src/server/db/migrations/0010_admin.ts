import type { Kysely } from 'kysely';

// Administration (issue #6 point 1). Agencies, services, counters and zones are archived rather
// than deleted once anything refers to them: archived_at says when (null: in use). An archived
// service or counter is also inactive, so every reader that shows only active rows hides it.
// Special days: per mall and local date, hours that replace the weekday's (no spans: closed).
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['agencies', 'services', 'counters', 'zones']) {
    await db.schema.alterTable(table).addColumn('archived_at', 'bigint').execute();
  }
  await db.schema
    .createTable('special_days')
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('spans', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('special_days_pk', ['mall_id', 'date'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('special_days').execute();
  for (const table of ['zones', 'counters', 'services', 'agencies']) {
    await db.schema.alterTable(table).dropColumn('archived_at').execute();
  }
}

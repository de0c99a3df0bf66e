import { type Kysely, sql } from 'kysely';

// The SKM report's follow-up plan (rencana tindak lanjut) and the periods published to citizens.
//
// A follow-up belongs to one report: a unit (the mall, an agency or a service) and a period. For a
// service, agency_id holds the service's agency too, so "may this person change it" is one column.
// Rows are never deleted: DELETE archives, so the plan's history stays on record.
//
// A publication is one period of the whole mall made public; the same period once (UNIQUE), so of
// two racing publishes exactly one is stored. Unpublishing deletes the row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('skm_followups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('mall', 'agency', 'service')`))
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('service_id', 'text', (c) => c.references('services.id'))
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('element', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_at', 'bigint')
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('skm_followups_period')
    .on('skm_followups')
    .columns(['mall_id', 'period_from', 'period_to'])
    .execute();

  await db.schema
    .createTable('skm_publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('skm_publications_period', ['mall_id', 'period_from', 'period_to'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('skm_publications').execute();
  await db.schema.dropTable('skm_followups').execute();
}

import { type Kysely, sql } from 'kysely';

// Rollups (src/domain/tally.ts): each closed day's, and each closed month's, visits and SKM
// questionnaires tallied per unit, so that a month's report merges a few dozen rows instead of
// reading every visit. Times are kept whole (ascending float64 milliseconds as bytes), so medians
// and percentiles stay exact. The byte columns are "bytea": PostgreSQL's type, and in SQLite a
// name with numeric affinity, which stores a blob as it is.
//
// rollup_marks says which spans are stored and current: a span is usable when built = generation.
// Anything that changes a closed day (a late queue event, a questionnaire answered the next day)
// raises the generation of the day and of its month in its own transaction, and the next report
// tallies them again.
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_marks')
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('span', 'text', (c) => c.notNull().check(sql`span in ('day', 'month')`))
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('built', 'integer')
    .addPrimaryKeyConstraint('rollup_marks_pk', ['mall_id', 'span', 'start'])
    .execute();
  await db.schema
    .createTable('rollups')
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('span', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    // '' for the whole mall's row
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addColumn('transferred_in', 'integer', (c) => c.notNull())
    .addColumn('served', 'integer', (c) => c.notNull())
    .addColumn('no_show', 'integer', (c) => c.notNull())
    .addColumn('cancelled', 'integer', (c) => c.notNull())
    .addColumn('transferred', 'integer', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('measured', 'integer', (c) => c.notNull())
    .addColumn('within', 'integer', (c) => c.notNull())
    .addColumn('wait_ms', 'bytea', (c) => c.notNull())
    .addColumn('service_ms', 'bytea', (c) => c.notNull())
    // JSON: the spreads of both, so one span's figures need not read the times
    .addColumn('spreads', 'text', (c) => c.notNull())
    .addColumn('arrivals', 'text', (c) => c.notNull())
    .addColumn('counter_hours', 'text', (c) => c.notNull())
    .addColumn('respondents', 'integer', (c) => c.notNull())
    .addColumn('skm_sums', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollups_pk', ['mall_id', 'span', 'start', 'dim', 'agency_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('rollups_agency')
    .on('rollups')
    .columns(['mall_id', 'agency_id', 'span', 'start'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollups').execute();
  await db.schema.dropTable('rollup_marks').execute();
}

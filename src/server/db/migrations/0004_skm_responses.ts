import { type Kysely, sql } from 'kysely';

// Keys as in src/domain/skm.ts (SKM_ELEMENT_KEYS). Written out, not imported: a migration is a
// snapshot and must not change when the domain's list does.
const ELEMENTS = [
  'persyaratan',
  'prosedur',
  'waktu',
  'biaya',
  'produk',
  'kompetensi',
  'perilaku',
  'pengaduan',
  'sarana',
] as const;

// One completed SKM questionnaire. One integer column per element (by key, never by position), so
// a period's report is a plain SUM per column. A ticket is surveyed once: ticket_id is UNIQUE, so
// two racing submissions cannot both be stored. agency_id is denormalised from the service for
// reports; counter and officer come from the ticket when there is one.
export async function up(db: Kysely<unknown>): Promise<void> {
  let table = db.schema
    .createTable('skm_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('counter_id', 'text', (c) => c.references('counters.id'))
    .addColumn('officer_id', 'text', (c) => c.references('users.id'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('ticket', 'paper')`));
  for (const key of ELEMENTS) {
    table = table.addColumn(key, 'integer', (c) => c.notNull().check(sql`${sql.ref(key)} between 1 and 4`));
  }
  await table
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('age', 'integer', (c) => c.notNull())
    .addColumn('education', 'text', (c) => c.notNull())
    .addColumn('occupation', 'text', (c) => c.notNull())
    .addColumn('suggestion', 'text')
    .addColumn('entered_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('skm_responses_ticket', ['ticket_id'])
    .execute();
  await db.schema
    .createIndex('skm_responses_agency_day')
    .on('skm_responses')
    .columns(['mall_id', 'agency_id', 'service_date'])
    .execute();
  await db.schema
    .createIndex('skm_responses_service_day')
    .on('skm_responses')
    .columns(['mall_id', 'service_id', 'service_date'])
    .execute();
  await db.schema.createIndex('skm_responses_day').on('skm_responses').columns(['mall_id', 'service_date']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('skm_responses').execute();
}

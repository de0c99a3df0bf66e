import type { Kysely } from 'kysely';

// Reports count the tickets served in a period (the SKM population, performance figures): this
// index answers that count without reading the tickets.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tickets_status_day')
    .on('tickets')
    .columns(['mall_id', 'status', 'service_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_status_day').execute();
}

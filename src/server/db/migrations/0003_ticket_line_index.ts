import type { Kysely } from 'kysely';

// The line of one service on one day, in the order people are counted in it: "how many are ahead
// of me" and "who is next" read only this index, however long the line.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tickets_line')
    .on('tickets')
    .columns(['mall_id', 'service_id', 'service_date', 'status', 'priority', 'arrival_at', 'id'])
    .execute();
  await db.schema.dropIndex('tickets_waiting').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tickets_waiting')
    .on('tickets')
    .columns(['mall_id', 'status', 'service_id', 'arrival_at'])
    .execute();
  await db.schema.dropIndex('tickets_line').execute();
}

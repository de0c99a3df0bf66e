import type { Kysely } from 'kysely';

// Consultation before coming (issue #14, point 5): a question about a service, the agency's
// answer, and whether it stands in the service's FAQ. The asker follows it by token; a contact,
// when left, is told of the answer through the outbox.
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answered_at', 'bigint')
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultations_open')
    .on('consultations')
    .columns(['mall_id', 'agency_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('consultations_faq')
    .on('consultations')
    .columns(['mall_id', 'service_id', 'published'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consultations').execute();
}

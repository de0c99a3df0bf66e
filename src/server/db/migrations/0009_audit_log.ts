import type { Kysely } from 'kysely';

// The audit trail (issue #6 point 3): every staff action, who, what, when and from where.
// Append-only: the app inserts and searches, never updates or deletes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // null for a sign-in attempt with an unknown username
    .addColumn('mall_id', 'text', (c) => c.references('malls.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    // no foreign key: the trail must outlive whatever it names
    .addColumn('actor_id', 'text')
    .addColumn('actor_username', 'text')
    .addColumn('actor_agency_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('route', 'text')
    .addColumn('target', 'text')
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_log_mall_at').on('audit_log').columns(['mall_id', 'at']).execute();
  await db.schema
    .createIndex('audit_log_mall_actor_at')
    .on('audit_log')
    .columns(['mall_id', 'actor_id', 'at'])
    .execute();
  await db.schema
    .createIndex('audit_log_mall_agency_at')
    .on('audit_log')
    .columns(['mall_id', 'actor_agency_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
}

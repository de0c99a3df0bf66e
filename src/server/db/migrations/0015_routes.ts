import type { Kysely } from 'kysely';

// One visit through several services (issue #13): a route is one citizen's number waiting in
// several lines at once. Each stop is a ticket of its own service (its own line, place, quota,
// events and visit, so every per-line rule and report works unchanged), sharing the route's
// number; the route's row is what keeps the citizen at one counter at a time:
// held_ticket_id is set by a compare-and-set (… WHERE held_ticket_id IS NULL) in the call's
// transaction and cleared when that stop leaves the counter, so two counters — or two app
// processes — can never call the same citizen at once.
//
// routes: the route; head_ticket_id the stop taken first (its token is the ticket page's).
// tickets.route_id: the route a stop belongs to (NULL: a ticket of one service, as before).
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('routes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('head_ticket_id', 'text', (c) => c.notNull())
    .addColumn('held_ticket_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('tickets').addColumn('route_id', 'text').execute();
  await db.schema.createIndex('tickets_route').on('tickets').column('route_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_route').execute();
  await db.schema.alterTable('tickets').dropColumn('route_id').execute();
  await db.schema.dropTable('routes').execute();
}

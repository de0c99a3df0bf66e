import type { Kysely } from 'kysely';

// A booking for one visit through several services (issue #13): the slot is booked at one service;
// the others the citizen also needs are kept with it (a JSON array of service ids) and join their
// lines as stops of the same number at check-in, as walk-ins from then.
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bookings').addColumn('also_service_ids', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('also_service_ids').execute();
}

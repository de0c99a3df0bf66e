import type { Kysely } from 'kysely';

// One service before another in a visit (issue #13): an agency's rule, e.g. a document that needs
// the new Kartu Keluarga first. services.after_service_id names the service that must be done
// first when a visit has both; tickets.after_ticket_id is the stop of the same route a stop waits
// for, set when the visit is taken (or the stop added). Its line holds the number until that stop
// is done; when it ends otherwise (no-show, cancelled) the stop that needed it is cancelled too.
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('services').addColumn('after_service_id', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('after_ticket_id', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('after_ticket_id').execute();
  await db.schema.alterTable('services').dropColumn('after_service_id').execute();
}

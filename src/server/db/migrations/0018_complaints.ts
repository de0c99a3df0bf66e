import type { Kysely } from 'kysely';

// Complaints, aspirations and requests for information (issue #14; src/domain/complaint.ts), on
// SP4N-LAPOR!'s clock, followed by the citizen by code or link without an account.
//
// complaints: one per report. No contact at all when anonymous (name, phone, email null: nothing
//   to leak); confidential ones keep it for the mall only. agency_id/service_id: what the citizen
//   says it concerns; disposed_agency_id: the agency the mall sent it to. The deadlines as dates
//   (verify_due from received_date; answer_due from the disposition, or a postponement's date) and
//   when each step happened, so the evaluation counts answers within their deadline without
//   replaying the history. lapor_number: LAPOR!'s tracking number once forwarded there.
// complaint_events: every step, the citizen's added information and the staff's internal notes;
//   `note` is shown to the citizen, `internal_note` never.
// complaint_photos: up to three, re-encoded without metadata, as base64 text (one column type on
//   both engines, and the backup's JSON lines carry it as it is); served only to who may see the
//   complaint.
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('story', 'text', (c) => c.notNull())
    .addColumn('event_date', 'text')
    .addColumn('event_place', 'text')
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('service_id', 'text', (c) => c.references('services.id'))
    .addColumn('disposed_agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('counter_id', 'text', (c) => c.references('counters.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('track', 'integer')
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('verify_due', 'text', (c) => c.notNull())
    .addColumn('verified_date', 'text')
    .addColumn('disposed_date', 'text')
    .addColumn('answer_due', 'text')
    .addColumn('answered_date', 'text')
    .addColumn('closed_date', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('lapor_number', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaints_code').unique().on('complaints').columns(['mall_id', 'code']).execute();
  await db.schema.createIndex('complaints_by_day').on('complaints').columns(['mall_id', 'received_date']).execute();
  await db.schema
    .createIndex('complaints_disposed')
    .on('complaints')
    .columns(['mall_id', 'disposed_agency_id', 'status'])
    .execute();
  await db.schema
    .createTable('complaint_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('note', 'text')
    .addColumn('internal_note', 'text')
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('due_date', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_events_of').on('complaint_events').columns(['complaint_id', 'at']).execute();
  await db.schema
    .createTable('complaint_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_photos_of').on('complaint_photos').columns(['complaint_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complaint_photos').execute();
  await db.schema.dropTable('complaint_events').execute();
  await db.schema.dropTable('complaints').execute();
}

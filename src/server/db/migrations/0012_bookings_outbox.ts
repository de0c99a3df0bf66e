import type { Kysely } from 'kysely';

// Online booking and messages to citizens (issue #11).
//
// service_booking_rules: a service's booking rules (JSON BookingRules, src/domain/booking.ts).
// booking_slots: how many places of a slot are booked; a booking takes one with a conditional
//   upsert (… DO UPDATE SET booked = booked + 1 WHERE booked < bookable), so many citizens
//   booking one slot at once never take more than it has, on either engine.
// bookings: one citizen's booking. active_key is the person's key (a hash of the phone, or of
//   the NIK where the service asks for it) while the booking is active and NULL after, so the
//   unique index allows one active booking per person, service and day (NULLs never collide).
// ticket_contacts: where a ticket's citizen wants to be told (a booking's, or added on the
//   ticket page).
// outbox: one row per message, written in the transaction of the event that causes it and sent
//   by a worker; (mall_id, event_key, channel) is unique, so no event sends twice on a channel.
// message_channels: the mall's adapters (SMTP, WhatsApp/SMS gateways), configured by its admin.
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_booking_rules')
    .addColumn('service_id', 'text', (c) => c.primaryKey().references('services.id'))
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('booking_slots')
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('booking_slots_pk', ['service_id', 'date', 'start'])
    .execute();
  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('end', 'text', (c) => c.notNull())
    .addColumn('slot_start_at', 'bigint', (c) => c.notNull())
    .addColumn('check_in_from', 'bigint', (c) => c.notNull())
    .addColumn('check_in_until', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('nik_masked', 'text')
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('active_key', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('checked_in_at', 'bigint')
    .addColumn('cancelled_at', 'bigint')
    .execute();
  await db.schema.createIndex('bookings_code').on('bookings').columns(['mall_id', 'code']).unique().execute();
  await db.schema
    .createIndex('bookings_one_per_person')
    .on('bookings')
    .columns(['mall_id', 'service_id', 'date', 'active_key'])
    .unique()
    .execute();
  await db.schema.createIndex('bookings_day').on('bookings').columns(['mall_id', 'date', 'service_id']).execute();
  await db.schema.createIndex('bookings_status').on('bookings').columns(['status', 'check_in_until']).execute();

  await db.schema
    .createTable('ticket_contacts')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id'))
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text', (c) => c.references('bookings.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('tickets').addColumn('source', 'text').execute();
  await db.schema
    .alterTable('tickets')
    .addColumn('postponed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tries', 'integer', (c) => c.notNull())
    .addColumn('not_before', 'bigint', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('booking_id', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('outbox_once')
    .on('outbox')
    .columns(['mall_id', 'event_key', 'channel'])
    .unique()
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_list').on('outbox').columns(['mall_id', 'created_at']).execute();

  await db.schema
    .createTable('message_channels')
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_channels_pk', ['mall_id', 'channel'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'message_channels',
    'outbox',
    'ticket_contacts',
    'bookings',
    'booking_slots',
    'service_booking_rules',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('tickets').dropColumn('postponed').execute();
  await db.schema.alterTable('tickets').dropColumn('source').execute();
}

import type { Kysely } from 'kysely';

// Written once with the schema builder; runs on SQLite and PostgreSQL alike.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('malls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('opening_hours', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('agencies_mall_code', ['mall_id', 'code'])
    .execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('daily_quota', 'integer')
    .addColumn('standard', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('services_mall_agency').on('services').columns(['mall_id', 'agency_id']).execute();

  await db.schema
    .createTable('zones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('zone_id', 'text', (c) => c.references('zones.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('counters_mall_number', ['mall_id', 'number'])
    .execute();

  await db.schema
    .createTable('counter_services')
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('counter_id', 'text', (c) => c.notNull().references('counters.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addPrimaryKeyConstraint('counter_services_pk', ['counter_id', 'service_id'])
    .execute();
  await db.schema.createIndex('counter_services_service').on('counter_services').column('service_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('priority', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('service_hour', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('arrival_at', 'bigint', (c) => c.notNull())
    .addColumn('appointment_at', 'bigint')
    .addColumn('called_at', 'bigint')
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('counter_id', 'text', (c) => c.references('counters.id'))
    .addColumn('officer_id', 'text', (c) => c.references('users.id'))
    .addColumn('recall_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transferred_from_service_id', 'text', (c) => c.references('services.id'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('tickets_mall_prefix_day_seq', ['mall_id', 'prefix', 'service_date', 'seq'])
    .execute();
  await db.schema
    .createIndex('tickets_waiting')
    .on('tickets')
    .columns(['mall_id', 'status', 'service_id', 'arrival_at'])
    .execute();
  await db.schema.createIndex('tickets_counter').on('tickets').columns(['counter_id', 'status']).execute();
  await db.schema.createIndex('tickets_day').on('tickets').columns(['mall_id', 'service_date']).execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('counter_id', 'text', (c) => c.references('counters.id'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('ticket_events_mall_id').on('ticket_events').columns(['mall_id', 'id']).execute();
  await db.schema.createIndex('ticket_events_ticket').on('ticket_events').column('ticket_id').execute();
  await db.schema.createIndex('ticket_events_counter').on('ticket_events').columns(['counter_id', 'at']).execute();

  await db.schema
    .createTable('ticket_sequences')
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_sequences_pk', ['mall_id', 'prefix', 'service_date'])
    .execute();

  await db.schema
    .createTable('service_day_counts')
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('issued', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_day_counts_pk', ['service_id', 'service_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'service_day_counts',
    'ticket_sequences',
    'ticket_events',
    'tickets',
    'sessions',
    'users',
    'counter_services',
    'counters',
    'zones',
    'services',
    'agencies',
    'malls',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

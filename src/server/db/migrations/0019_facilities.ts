import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The mall's facilities (issue #14, point 6).
//
// facilities: the directory (what, where, hours, accessible, occupancy where someone counts it);
//   bookable rooms (auditorium, meeting room) take requests. Names and texts in Indonesian with an
//   English copy for the language switch.
// facility_bookings: a request for a room on a local date, its instants as epoch ms; pending until
//   the mall admin approves or rejects it; cancelled frees the time.
//
// Two active (pending/approved) bookings of one room never overlap: a trigger refuses the row on
// both engines, so the rule holds for two app processes and for any writer that bypasses the code.
// SQLite runs every write under one lock, so the trigger's check and the insert are atomic. On
// PostgreSQL the trigger first locks the room's row, which queues concurrent requests for the same
// room; each statement in plpgsql takes a fresh snapshot, so the check sees the one committed
// before it. (An exclusion constraint would need btree_gist, which a deployment may not have.)
// biome-ignore lint/suspicious/noExplicitAny: a migration is a snapshot, not typed by today's schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('facilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('location_en', 'text', (c) => c.notNull())
    // JSON WeeklyHours
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('accessible', 'integer', (c) => c.notNull())
    .addColumn('accessibility_note', 'text')
    .addColumn('accessibility_note_en', 'text')
    .addColumn('capacity', 'integer')
    // counted by staff where someone counts (the play area, the nursing room); null elsewhere
    .addColumn('occupancy', 'integer')
    .addColumn('occupancy_at', 'bigint')
    .addColumn('bookable', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('facilities_code').unique().on('facilities').columns(['mall_id', 'code']).execute();

  await db.schema
    .createTable('facility_bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mall_id', 'text', (c) => c.notNull().references('malls.id'))
    .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'cancelled')`),
    )
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('organiser', 'text', (c) => c.notNull())
    .addColumn('attendees', 'integer')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('facility_bookings_time', sql`end_at > start_at`)
    .execute();
  await db.schema
    .createIndex('facility_bookings_room_time')
    .on('facility_bookings')
    .columns(['facility_id', 'start_at'])
    .execute();
  await db.schema
    .createIndex('facility_bookings_mall_status')
    .on('facility_bookings')
    .columns(['mall_id', 'status', 'date'])
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function facility_bookings_no_overlap() returns trigger language plpgsql as $$
      begin
        if new.status in ('pending', 'approved') then
          -- one request per room at a time: the next waits here until this one commits
          perform 1 from facilities where id = new.facility_id for update;
          if exists (
            select 1 from facility_bookings b
            where b.facility_id = new.facility_id
              and b.id <> new.id
              and b.status in ('pending', 'approved')
              and b.start_at < new.end_at
              and new.start_at < b.end_at
          ) then
            raise exception 'facility_booking_overlap' using errcode = 'LK409';
          end if;
        end if;
        return new;
      end
      $$`.execute(db);
    await sql`
      create trigger facility_bookings_no_overlap
      before insert or update on facility_bookings
      for each row execute function facility_bookings_no_overlap()`.execute(db);
  } else {
    for (const [event, self] of [
      ['insert', sql``],
      ['update', sql`and b.id <> new.id`],
    ] as const) {
      await sql`
        create trigger ${sql.raw(`facility_bookings_no_overlap_${event}`)}
        before ${sql.raw(event)} on facility_bookings
        when new.status in ('pending', 'approved')
        begin
          select raise(abort, 'facility_booking_overlap')
          where exists (
            select 1 from facility_bookings b
            where b.facility_id = new.facility_id
              ${self}
              and b.status in ('pending', 'approved')
              and b.start_at < new.end_at
              and new.start_at < b.end_at
          );
        end`.execute(db);
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('facility_bookings').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop function if exists facility_bookings_no_overlap()`.execute(db);
  }
  await db.schema.dropTable('facilities').execute();
}

/**
 * Facilities' rows: the directory and the rooms' bookings. Every method takes the mall id. The
 * database refuses an overlapping active booking (migration 0019's triggers); that refusal comes
 * back from here as Overlap, whichever engine raised it.
 */
import type { Insertable, Kysely } from 'kysely';
import { ACTIVE_BOOKING, type FacilityBookingStatus } from '../../../domain/facility.js';
import type { DB, FacilityBookingsTable, NewOutbox } from '../../db/schema.js';
import { insertOutbox } from '../messages/outbox.js';

export class Overlap extends Error {}

/** The triggers' refusal: SQLite's RAISE(ABORT, …) message, or PostgreSQL's own SQLSTATE. */
export function isOverlapError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'LK409' || (typeof e?.message === 'string' && e.message.includes('facility_booking_overlap'));
}

export class FacilityRepository {
  constructor(private readonly db: Kysely<DB>) {}

  list(mallId: string) {
    return this.db
      .selectFrom('facilities')
      .selectAll()
      .where('mall_id', '=', mallId)
      .orderBy('sort_order')
      .orderBy('name')
      .execute();
  }

  byId(mallId: string, id: string) {
    return this.db
      .selectFrom('facilities')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async setOccupancy(mallId: string, id: string, count: number, at: number): Promise<boolean> {
    const done = await this.db
      .updateTable('facilities')
      .set({ occupancy: count, occupancy_at: at })
      .where('mall_id', '=', mallId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }

  /** The active bookings of a room that overlap [startAt, endAt): for the friendly answer before the insert. */
  clashes(mallId: string, facilityId: string, startAt: number, endAt: number) {
    return this.db
      .selectFrom('facility_bookings')
      .select(['id', 'date', 'start_time', 'end_time', 'status'])
      .where('mall_id', '=', mallId)
      .where('facility_id', '=', facilityId)
      .where('status', 'in', ACTIVE_BOOKING)
      .where('start_at', '<', endAt)
      .where('end_at', '>', startAt)
      .orderBy('start_at')
      .execute();
  }

  /** Stores a request with its messages; Overlap when the database finds the time taken. */
  async create(row: Insertable<FacilityBookingsTable>, outbox: readonly NewOutbox[]): Promise<void> {
    try {
      await this.db.transaction().execute(async (tx) => {
        await tx.insertInto('facility_bookings').values(row).execute();
        await insertOutbox(tx, outbox);
      });
    } catch (error) {
      if (isOverlapError(error)) throw new Overlap();
      throw error;
    }
  }

  /** Moves a booking from `from`, if nobody moved it meanwhile; Overlap when the database refuses. */
  async step(
    mallId: string,
    id: string,
    from: FacilityBookingStatus,
    set: {
      status: FacilityBookingStatus;
      note: string | null;
      decided_by: string | null;
      decided_at: number | null;
      updated_at: number;
    },
    outbox: readonly NewOutbox[],
  ): Promise<boolean> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const moved = await tx
          .updateTable('facility_bookings')
          .set(set)
          .where('mall_id', '=', mallId)
          .where('id', '=', id)
          .where('status', '=', from)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) return false;
        await insertOutbox(tx, outbox);
        return true;
      });
    } catch (error) {
      if (isOverlapError(error)) throw new Overlap();
      throw error;
    }
  }

  private withRoom() {
    return this.db
      .selectFrom('facility_bookings')
      .innerJoin('facilities', 'facilities.id', 'facility_bookings.facility_id')
      .selectAll('facility_bookings')
      .select(['facilities.name as facility_name']);
  }

  booking(mallId: string, id: string) {
    return this.withRoom()
      .where('facility_bookings.mall_id', '=', mallId)
      .where('facility_bookings.id', '=', id)
      .executeTakeFirst();
  }

  byToken(token: string) {
    return this.withRoom()
      .innerJoin('malls', 'malls.id', 'facility_bookings.mall_id')
      .select(['malls.name as mall_name', 'malls.slug as mall_slug', 'malls.settings'])
      .where('facility_bookings.token', '=', token)
      .executeTakeFirst();
  }

  bookings(
    mallId: string,
    filter: {
      facilityId: string | null;
      from: string;
      to: string;
      statuses: readonly FacilityBookingStatus[] | null;
    },
  ) {
    let q = this.withRoom()
      .where('facility_bookings.mall_id', '=', mallId)
      .where('facility_bookings.date', '>=', filter.from)
      .where('facility_bookings.date', '<=', filter.to);
    if (filter.facilityId) q = q.where('facility_bookings.facility_id', '=', filter.facilityId);
    if (filter.statuses) q = q.where('facility_bookings.status', 'in', filter.statuses);
    return q.orderBy('facility_bookings.start_at').orderBy('facility_bookings.created_at').limit(1000).execute();
  }
}

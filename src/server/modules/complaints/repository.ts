/**
 * Complaints' rows: the complaint, its history, its photos, and what filing one reads (the agency,
 * service, ticket or counter it concerns; the mall's closed days). Every method takes the mall id
 * (the citizen's page goes by its 128-bit token); a step is a compare-and-set on the status it was
 * taken from, so two staff members cannot both move it.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ComplaintStatus } from '../../../domain/complaint.js';
import type { SpecialDay } from '../../../domain/schedule.js';
import type { ComplaintEventsTable, ComplaintPhotosTable, ComplaintsTable, DB, NewOutbox } from '../../db/schema.js';
import { readSpecialDays } from '../../db/special-days.js';
import { insertOutbox } from '../messages/outbox.js';

export class ComplaintCodeTaken extends Error {}

export class ComplaintRepository {
  constructor(private readonly db: Kysely<DB>) {}

  agency(mallId: string, agencyId: string) {
    return this.db
      .selectFrom('agencies')
      .select(['id', 'name', 'short_name'])
      .where('mall_id', '=', mallId)
      .where('id', '=', agencyId)
      .executeTakeFirst();
  }

  service(mallId: string, serviceId: string) {
    return this.db
      .selectFrom('services')
      .select(['id', 'name', 'agency_id'])
      .where('mall_id', '=', mallId)
      .where('id', '=', serviceId)
      .executeTakeFirst();
  }

  counter(mallId: string, counterId: string) {
    return this.db
      .selectFrom('counters')
      .select(['id', 'name', 'agency_id'])
      .where('mall_id', '=', mallId)
      .where('id', '=', counterId)
      .executeTakeFirst();
  }

  /** A ticket of the mall by its page's token, with its service's agency. */
  ticketByToken(mallId: string, token: string) {
    return this.db
      .selectFrom('tickets')
      .innerJoin('services', 'services.id', 'tickets.service_id')
      .select(['tickets.id', 'tickets.service_id', 'tickets.counter_id', 'services.agency_id'])
      .where('tickets.mall_id', '=', mallId)
      .where('tickets.token', '=', token)
      .executeTakeFirst();
  }

  specialDays(mallId: string, from: string, to: string): Promise<Map<string, SpecialDay>> {
    return readSpecialDays(this.db, mallId, from, to);
  }

  /** Stores a new complaint with its first step, photos and messages; ComplaintCodeTaken when the code is in use. */
  async create(
    row: Insertable<ComplaintsTable>,
    first: Insertable<ComplaintEventsTable>,
    photos: readonly Insertable<ComplaintPhotosTable>[],
    outbox: readonly NewOutbox[],
  ): Promise<void> {
    try {
      await this.db.transaction().execute(async (tx) => {
        await tx.insertInto('complaints').values(row).execute();
        await tx.insertInto('complaint_events').values(first).execute();
        for (const photo of photos) await tx.insertInto('complaint_photos').values(photo).execute();
        await insertOutbox(tx, outbox);
      });
    } catch (error) {
      const taken = await this.db
        .selectFrom('complaints')
        .select('id')
        .where('mall_id', '=', row.mall_id)
        .where('code', '=', row.code)
        .executeTakeFirst();
      if (taken) throw new ComplaintCodeTaken();
      throw error;
    }
  }

  /** Moves a complaint from `from`, if nobody moved it meanwhile; the event and messages with it. */
  async step(
    mallId: string,
    id: string,
    from: ComplaintStatus,
    set: Updateable<ComplaintsTable>,
    event: Insertable<ComplaintEventsTable>,
    outbox: readonly NewOutbox[],
  ): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const moved = await tx
        .updateTable('complaints')
        .set(set)
        .where('mall_id', '=', mallId)
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      await tx.insertInto('complaint_events').values(event).execute();
      await insertOutbox(tx, outbox);
      return true;
    });
  }

  /** Sets fields where a condition on the row still holds (the rating: not yet rated), with an event. */
  async update(
    mallId: string,
    id: string,
    set: Updateable<ComplaintsTable>,
    event: Insertable<ComplaintEventsTable>,
    onlyIf: { unrated?: true; statuses?: readonly ComplaintStatus[] } = {},
  ): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      let q = tx.updateTable('complaints').set(set).where('mall_id', '=', mallId).where('id', '=', id);
      if (onlyIf.unrated) q = q.where('rating', 'is', null);
      if (onlyIf.statuses) q = q.where('status', 'in', onlyIf.statuses);
      const done = await q.executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return false;
      await tx.insertInto('complaint_events').values(event).execute();
      return true;
    });
  }

  private withNames() {
    return this.db
      .selectFrom('complaints')
      .innerJoin('malls', 'malls.id', 'complaints.mall_id')
      .leftJoin('agencies as concerned', 'concerned.id', 'complaints.agency_id')
      .leftJoin('agencies as disposed', 'disposed.id', 'complaints.disposed_agency_id')
      .leftJoin('services', 'services.id', 'complaints.service_id')
      .leftJoin('tickets', 'tickets.id', 'complaints.ticket_id')
      .leftJoin('counters', 'counters.id', 'complaints.counter_id')
      .selectAll('complaints')
      .select([
        'malls.name as mall_name',
        'malls.time_zone',
        'concerned.short_name as agency_short_name',
        'disposed.name as disposed_agency_name',
        'disposed.short_name as disposed_agency_short_name',
        'services.name as service_name',
        'tickets.number as ticket_number',
        'counters.name as counter_name',
      ]);
  }

  byId(mallId: string, id: string) {
    return this.withNames().where('complaints.mall_id', '=', mallId).where('complaints.id', '=', id).executeTakeFirst();
  }

  byToken(token: string) {
    return this.withNames().where('complaints.token', '=', token).executeTakeFirst();
  }

  list(
    mallId: string,
    filter: {
      statuses: readonly ComplaintStatus[] | null;
      /** only those sent to this agency */
      disposedTo: string | null;
      q: string | null;
      limit: number;
    },
  ) {
    let q = this.withNames().where('complaints.mall_id', '=', mallId);
    if (filter.statuses) q = q.where('complaints.status', 'in', filter.statuses);
    if (filter.disposedTo) q = q.where('complaints.disposed_agency_id', '=', filter.disposedTo);
    if (filter.q) q = q.where('complaints.code', 'like', `%${filter.q.replace(/[%_\\]/g, '')}%`);
    return q.orderBy('complaints.created_at', 'desc').limit(filter.limit).execute();
  }

  /** The complaints received in a period, for the export and the evaluation. */
  period(mallId: string, filter: { from: string; to: string; agencyId?: string | undefined }) {
    let q = this.withNames()
      .where('complaints.mall_id', '=', mallId)
      .where('complaints.received_date', '>=', filter.from)
      .where('complaints.received_date', '<=', filter.to);
    if (filter.agencyId) {
      const agencyId = filter.agencyId;
      q = q.where((eb) =>
        eb.or([eb('complaints.disposed_agency_id', '=', agencyId), eb('complaints.agency_id', '=', agencyId)]),
      );
    }
    return q.orderBy('complaints.created_at').execute();
  }

  events(complaintIds: readonly string[]) {
    if (complaintIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('complaint_events')
      .leftJoin('users', 'users.id', 'complaint_events.actor_id')
      .leftJoin('agencies', 'agencies.id', 'complaint_events.agency_id')
      .selectAll('complaint_events')
      .select(['users.display_name as actor_name', 'agencies.name as agency_name'])
      .where('complaint_events.complaint_id', 'in', complaintIds)
      .orderBy('complaint_events.at')
      .orderBy('complaint_events.id')
      .execute();
  }

  photoIds(complaintIds: readonly string[]) {
    if (complaintIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('complaint_photos')
      .select(['id', 'complaint_id'])
      .where('complaint_id', 'in', complaintIds)
      .orderBy('id')
      .execute();
  }

  photo(mallId: string, complaintId: string, photoId: string) {
    return this.db
      .selectFrom('complaint_photos')
      .select(['mime', 'data'])
      .where('mall_id', '=', mallId)
      .where('complaint_id', '=', complaintId)
      .where('id', '=', photoId)
      .executeTakeFirst();
  }
}

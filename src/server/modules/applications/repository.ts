/**
 * Applications' rows: the application, its steps, and what opening one reads (the service, the
 * ticket and its contact, the mall's closed days). Every method takes the mall id; a step is a
 * compare-and-set on the status it was taken from, so two officers cannot both move it.
 */
import type { Insertable, Kysely } from 'kysely';
import type { ApplicationStatus } from '../../../domain/application.js';
import type { SpecialDay } from '../../../domain/schedule.js';
import type { ApplicationEventsTable, ApplicationsTable, DB, NewOutbox } from '../../db/schema.js';
import { readSpecialDays } from '../../db/special-days.js';
import { insertOutbox } from '../messages/outbox.js';

export class CodeTaken extends Error {}

export type ApplicationRow = ApplicationsTable;

export class ApplicationRepository {
  constructor(private readonly db: Kysely<DB>) {}

  service(mallId: string, serviceId: string) {
    return this.db
      .selectFrom('services')
      .innerJoin('agencies', 'agencies.id', 'services.agency_id')
      .select([
        'services.id',
        'services.name',
        'services.standard',
        'services.active',
        'services.agency_id',
        'agencies.short_name as agency_short_name',
      ])
      .where('services.mall_id', '=', mallId)
      .where('services.id', '=', serviceId)
      .executeTakeFirst();
  }

  /** A ticket of the mall with the contact its citizen left, if any. */
  ticket(mallId: string, ticketId: string) {
    return this.db
      .selectFrom('tickets')
      .leftJoin('ticket_contacts', 'ticket_contacts.ticket_id', 'tickets.id')
      .select([
        'tickets.id',
        'tickets.number',
        'ticket_contacts.phone',
        'ticket_contacts.email',
        'ticket_contacts.lang',
      ])
      .where('tickets.mall_id', '=', mallId)
      .where('tickets.id', '=', ticketId)
      .executeTakeFirst();
  }

  /** The mall's own special days in a range, by date (cuti bersama and closed days among them). */
  specialDays(mallId: string, from: string, to: string): Promise<Map<string, SpecialDay>> {
    return readSpecialDays(this.db, mallId, from, to);
  }

  /** Stores a new application with its first step and messages; CodeTaken when the code is in use. */
  async create(
    row: Insertable<ApplicationsTable>,
    first: Insertable<ApplicationEventsTable>,
    outbox: readonly NewOutbox[],
  ): Promise<void> {
    try {
      await this.db.transaction().execute(async (tx) => {
        await tx.insertInto('applications').values(row).execute();
        await tx.insertInto('application_events').values(first).execute();
        await insertOutbox(tx, outbox);
      });
    } catch (error) {
      const taken = await this.db
        .selectFrom('applications')
        .select('id')
        .where('mall_id', '=', row.mall_id)
        .where('code', '=', row.code)
        .executeTakeFirst();
      if (taken) throw new CodeTaken();
      throw error;
    }
  }

  /** Moves an application from `from` to a new status, if nobody moved it meanwhile. */
  async step(
    mallId: string,
    id: string,
    from: ApplicationStatus,
    set: { status: ApplicationStatus; ready_date: string | null; updated_at: number },
    event: Insertable<ApplicationEventsTable>,
    outbox: readonly NewOutbox[],
  ): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const moved = await tx
        .updateTable('applications')
        .set(set)
        .where('mall_id', '=', mallId)
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return false;
      await tx.insertInto('application_events').values(event).execute();
      await insertOutbox(tx, outbox);
      return true;
    });
  }

  private withNames() {
    return this.db
      .selectFrom('applications')
      .innerJoin('services', 'services.id', 'applications.service_id')
      .innerJoin('agencies', 'agencies.id', 'applications.agency_id')
      .innerJoin('malls', 'malls.id', 'applications.mall_id')
      .leftJoin('tickets', 'tickets.id', 'applications.ticket_id')
      .selectAll('applications')
      .select([
        'services.name as service_name',
        'agencies.name as agency_name',
        'agencies.short_name as agency_short_name',
        'malls.name as mall_name',
        'malls.time_zone',
        'tickets.number as ticket_number',
      ]);
  }

  byId(mallId: string, id: string) {
    return this.withNames()
      .where('applications.mall_id', '=', mallId)
      .where('applications.id', '=', id)
      .executeTakeFirst();
  }

  byToken(token: string) {
    return this.withNames().where('applications.token', '=', token).executeTakeFirst();
  }

  list(
    mallId: string,
    filter: {
      statuses: readonly ApplicationStatus[] | null;
      agencyId: string | null;
      serviceId: string | null;
      q: string | null;
      limit: number;
    },
  ) {
    let q = this.withNames().where('applications.mall_id', '=', mallId);
    if (filter.statuses) q = q.where('applications.status', 'in', filter.statuses);
    if (filter.agencyId) q = q.where('applications.agency_id', '=', filter.agencyId);
    if (filter.serviceId) q = q.where('applications.service_id', '=', filter.serviceId);
    if (filter.q) q = q.where('applications.code', 'like', `%${filter.q.replace(/[%_\\]/g, '')}%`);
    // the earliest due first (overdue on top), those without a due date after them
    return q
      .orderBy((eb) => eb.case().when('applications.due_date', 'is', null).then(1).else(0).end())
      .orderBy('applications.due_date')
      .orderBy('applications.created_at')
      .limit(filter.limit)
      .execute();
  }

  /** The applications received in a period, with their service and agency, for the evaluation. */
  facts(
    mallId: string,
    filter: { from: string; to: string; agencyId?: string | undefined; serviceId?: string | undefined },
  ) {
    let q = this.db
      .selectFrom('applications')
      .innerJoin('services', 'services.id', 'applications.service_id')
      .innerJoin('agencies', 'agencies.id', 'applications.agency_id')
      .select([
        'applications.status',
        'applications.received_date',
        'applications.due_date',
        'applications.ready_date',
        'applications.service_id',
        'applications.agency_id',
        'services.name as service_name',
        'agencies.short_name as agency_short_name',
      ])
      .where('applications.mall_id', '=', mallId)
      .where('applications.received_date', '>=', filter.from)
      .where('applications.received_date', '<=', filter.to);
    if (filter.agencyId) q = q.where('applications.agency_id', '=', filter.agencyId);
    if (filter.serviceId) q = q.where('applications.service_id', '=', filter.serviceId);
    return q.execute();
  }

  events(applicationIds: readonly string[]) {
    if (applicationIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('application_events')
      .select(['application_id', 'status', 'note', 'at'])
      .where('application_id', 'in', applicationIds)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }
}

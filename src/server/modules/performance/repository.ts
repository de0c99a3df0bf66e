/**
 * What the performance reports read: the visits of a unit and period (one index range), and the
 * names and standards of the mall's catalog. Every method takes the mall id.
 */
import type { Kysely } from 'kysely';
import type { ServiceStandard } from '../../../api/catalog.js';
import type { VisitFact } from '../../../domain/performance.js';
import type { VisitStopFact } from '../../../domain/visit-time.js';
import type { DB } from '../../db/schema.js';

/** A unit and period: the whole mall, or one agency, service, counter or officer. */
export interface VisitFilter {
  from: string;
  to: string;
  agencyId?: string | undefined;
  serviceId?: string | undefined;
  counterId?: string | undefined;
  officerId?: string | undefined;
}

export interface VisitStopRow extends VisitStopFact {
  serviceId: string;
  agencyId: string;
  /** the local date the stop was taken */
  date: string;
}

export interface CatalogNames {
  agencies: {
    id: string;
    name: string;
    shortName: string;
    code: string;
    color: string;
    thresholdMinutes: number | null;
  }[];
  services: { id: string; name: string; agencyId: string; standardMinutes: number | null }[];
  counters: { id: string; name: string; agencyId: string }[];
  officers: { id: string; name: string; agencyId: string | null }[];
}

export class PerformanceRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async facts(mallId: string, filter: VisitFilter): Promise<VisitFact[]> {
    let q = this.db
      .selectFrom('visits')
      .select([
        'agency_id',
        'service_id',
        'counter_id',
        'officer_id',
        'service_date',
        'hour',
        'priority',
        'transferred_in',
        'entered_at',
        'called_at',
        'started_at',
        'finished_at',
        'outcome',
      ])
      .where('mall_id', '=', mallId);
    // agency first: the visits_agency_day index is (mall, agency, day)
    if (filter.agencyId) q = q.where('agency_id', '=', filter.agencyId);
    q = q.where('service_date', '>=', filter.from).where('service_date', '<=', filter.to);
    if (filter.serviceId) q = q.where('service_id', '=', filter.serviceId);
    if (filter.counterId) q = q.where('counter_id', '=', filter.counterId);
    if (filter.officerId) q = q.where('officer_id', '=', filter.officerId);
    const rows = await q.execute();
    return rows.map((r) => ({
      agencyId: r.agency_id,
      serviceId: r.service_id,
      counterId: r.counter_id,
      officerId: r.officer_id,
      date: r.service_date,
      hour: r.hour,
      priority: r.priority,
      transferredIn: r.transferred_in === 1,
      // PostgreSQL bigint arrives as a number (pg types in database.ts), SQLite integers too
      enteredAt: r.entered_at,
      calledAt: r.called_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      outcome: r.outcome,
    }));
  }

  /**
   * Every ticket (one stop of a visit) taken in the period: a route's stops share its id. A stop
   * added on a later day than its route was taken is not a case: routes live within one day.
   */
  async visitStops(mallId: string, filter: { from: string; to: string }): Promise<VisitStopRow[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .innerJoin('services', 'services.id', 'tickets.service_id')
      .select([
        'tickets.id',
        'tickets.route_id',
        'tickets.service_id',
        'services.agency_id',
        'tickets.service_date',
        'tickets.issued_at',
        'tickets.status',
        'tickets.finished_at',
      ])
      .where('tickets.mall_id', '=', mallId)
      .where('tickets.service_date', '>=', filter.from)
      .where('tickets.service_date', '<=', filter.to)
      .execute();
    return rows.map((r) => ({
      visitId: r.route_id ?? r.id,
      serviceId: r.service_id,
      agencyId: r.agency_id,
      date: r.service_date,
      takenAt: r.issued_at,
      status: r.status,
      finishedAt: r.finished_at,
    }));
  }

  async catalog(mallId: string): Promise<CatalogNames> {
    const [agencies, services, counters, officers] = await Promise.all([
      this.db
        .selectFrom('agencies')
        .select(['id', 'name', 'short_name', 'code', 'color', 'wait_threshold_minutes'])
        .where('mall_id', '=', mallId)
        .orderBy('sort_order')
        .execute(),
      this.db
        .selectFrom('services')
        .select(['id', 'name', 'agency_id', 'standard'])
        .where('mall_id', '=', mallId)
        .orderBy('sort_order')
        .execute(),
      this.db
        .selectFrom('counters')
        .select(['id', 'name', 'agency_id'])
        .where('mall_id', '=', mallId)
        .orderBy('number')
        .execute(),
      this.db
        .selectFrom('users')
        .select(['id', 'display_name', 'agency_id'])
        .where('mall_id', '=', mallId)
        .where('role', 'in', ['officer', 'agency_admin', 'mall_admin'])
        .orderBy('display_name')
        .execute(),
    ]);
    return {
      agencies: agencies.map((a) => ({
        id: a.id,
        name: a.name,
        shortName: a.short_name,
        code: a.code,
        color: a.color,
        thresholdMinutes: a.wait_threshold_minutes,
      })),
      services: services.map((s) => ({
        id: s.id,
        name: s.name,
        agencyId: s.agency_id,
        standardMinutes: (JSON.parse(s.standard) as ServiceStandard).durationMinutes ?? null,
      })),
      counters: counters.map((c) => ({ id: c.id, name: c.name, agencyId: c.agency_id })),
      officers: officers.map((o) => ({ id: o.id, name: o.display_name, agencyId: o.agency_id })),
    };
  }
}

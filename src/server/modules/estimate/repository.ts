/**
 * What the wait estimate reads: today's visits and line, the counters and what their officers
 * said, today's bookings still to come, the history of the same weekday and hour, and the
 * estimates given against the waits that followed. Every method takes the mall id.
 */
import { type Kysely, sql } from 'kysely';
import type { EstimateTicket } from '../../../domain/estimate.js';
import type { ObservedVisit } from '../../../domain/estimate-state.js';
import type { CounterPresenceState, DB } from '../../db/schema.js';

export interface CounterSeen {
  id: string;
  serviceIds: string[];
  presence: CounterPresenceState | null;
  presenceAt: number | null;
}

export interface HistoryRow {
  service_date: string;
  hour: number;
  service_id: string;
  priority: string | null;
  called_at: number | null;
  ended_at: number | null;
  outcome: string;
}

export interface GivenEstimate {
  service_id: string;
  agency_id: string;
  service_date: string;
  kind: 'issue' | 'last';
  given_at: number;
  wait_ms: number;
  baseline_ms: number | null;
  called_at: number;
}

export class EstimateRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The counters in use, each with the services it serves and what its officer last said. */
  async counters(mallId: string): Promise<CounterSeen[]> {
    const [counters, links] = await Promise.all([
      this.db
        .selectFrom('counters')
        .select(['id', 'presence', 'presence_at'])
        .where('mall_id', '=', mallId)
        .where('active', '=', 1)
        .where('archived_at', 'is', null)
        .orderBy('number')
        .execute(),
      this.db
        .selectFrom('counter_services')
        .select(['counter_id', 'service_id'])
        .where('mall_id', '=', mallId)
        .execute(),
    ]);
    const served = new Map<string, string[]>();
    for (const l of links) served.set(l.counter_id, [...(served.get(l.counter_id) ?? []), l.service_id]);
    return counters.map((c) => ({
      id: c.id,
      serviceIds: served.get(c.id) ?? [],
      presence: c.presence,
      presenceAt: c.presence_at === null ? null : Number(c.presence_at),
    }));
  }

  /** Each active service's standard time in minutes, where its standard gives one. */
  async standards(mallId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('services')
      .select(['id', 'standard'])
      .where('mall_id', '=', mallId)
      .where('active', '=', 1)
      .execute();
    const out = new Map<string, number>();
    for (const r of rows) {
      const minutes = (JSON.parse(r.standard) as { durationMinutes?: number | null }).durationMinutes;
      if (typeof minutes === 'number' && minutes > 0) out.set(r.id, minutes);
    }
    return out;
  }

  /**
   * Today's visits that reached a counter or left the line: what the counters did and how long
   * services took. Those still waiting are read from the line itself (waiting).
   */
  async visits(mallId: string, date: string, serviceIds: readonly string[]): Promise<ObservedVisit[]> {
    if (serviceIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('visits')
      .select(['id', 'service_id', 'entered_at', 'priority', 'called_at', 'ended_at', 'counter_id', 'outcome'])
      .where('mall_id', '=', mallId)
      .where('service_date', '=', date)
      .where('service_id', 'in', serviceIds)
      .where((eb) => eb.or([eb('called_at', 'is not', null), eb('ended_at', 'is not', null)]))
      .execute();
    return rows.map((r) => ({
      id: r.id,
      serviceId: r.service_id,
      arrivalAt: Number(r.entered_at),
      priority: r.priority,
      appointmentAt: null,
      calledAt: r.called_at === null ? null : Number(r.called_at),
      endedAt: r.ended_at === null ? null : Number(r.ended_at),
      counterId: r.called_at === null ? null : r.counter_id,
      noShow: r.outcome === 'no_show',
    }));
  }

  /** Today's line as stored (a postponed ticket's place moved), for these services. */
  async waiting(mallId: string, date: string, serviceIds: readonly string[]): Promise<EstimateTicket[]> {
    if (serviceIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('tickets')
      .select(['id', 'service_id', 'arrival_at', 'priority', 'appointment_at'])
      .where('mall_id', '=', mallId)
      .where('status', '=', 'waiting')
      .where('service_date', '=', date)
      .where('service_id', 'in', serviceIds)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      serviceId: r.service_id,
      arrivalAt: Number(r.arrival_at),
      priority: r.priority,
      appointmentAt: r.appointment_at === null ? null : Number(r.appointment_at),
    }));
  }

  /** Today's bookings not checked in yet: their slots are still to come. */
  async bookingsToCome(mallId: string, date: string, serviceIds: readonly string[]) {
    if (serviceIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('bookings')
      .select(['service_id', 'slot_start_at'])
      .where('mall_id', '=', mallId)
      .where('date', '=', date)
      .where('status', '=', 'booked')
      .where('service_id', 'in', serviceIds)
      .execute();
    return rows.map((r) => ({ serviceId: r.service_id, appointmentAt: Number(r.slot_start_at) }));
  }

  /** Share of the bookings of these days that were checked in (null when there were none). */
  async bookingShowShare(mallId: string, from: string, to: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('bookings')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('ticket_id').as('came')])
      .where('mall_id', '=', mallId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .where('status', 'in', ['checked_in', 'booked', 'no_show'])
      .executeTakeFirst();
    const n = Number(row?.n ?? 0);
    return n > 0 ? Number(row?.came ?? 0) / n : null;
  }

  /** The visits of these days at these local hours: what the history says of this time of day. */
  history(mallId: string, dates: readonly string[], hours: readonly number[]): Promise<HistoryRow[]> {
    if (dates.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('visits')
      .select(['service_date', 'hour', 'service_id', 'priority', 'called_at', 'ended_at', 'outcome'])
      .where('mall_id', '=', mallId)
      .where('service_date', 'in', dates)
      .where('hour', 'in', hours)
      .execute() as Promise<HistoryRow[]>;
  }

  /** Each counter's first call on each of these days. */
  async firstCalls(mallId: string, dates: readonly string[]) {
    if (dates.length === 0) return [];
    const rows = await this.db
      .selectFrom('visits')
      .select((eb) => ['service_date', 'counter_id', eb.fn.min('called_at').as('first')])
      .where('mall_id', '=', mallId)
      .where('service_date', 'in', dates)
      .where('called_at', 'is not', null)
      .where('counter_id', 'is not', null)
      .groupBy(['service_date', 'counter_id'])
      .execute();
    return rows.map((r) => ({ date: r.service_date, counterId: r.counter_id as string, first: Number(r.first) }));
  }

  /** The latest estimate shown on a ticket's page, replacing the one before. */
  async storeLast(row: {
    ticketId: string;
    mallId: string;
    serviceId: string;
    agencyId: string;
    serviceDate: string;
    givenAt: number;
    waitMs: number;
    lowMs: number;
    highMs: number;
    baselineMs: number | null;
  }): Promise<void> {
    const values = {
      ticket_id: row.ticketId,
      kind: 'last' as const,
      mall_id: row.mallId,
      service_id: row.serviceId,
      agency_id: row.agencyId,
      service_date: row.serviceDate,
      given_at: row.givenAt,
      wait_ms: Math.round(row.waitMs),
      low_ms: Math.round(row.lowMs),
      high_ms: Math.round(row.highMs),
      baseline_ms: row.baselineMs === null ? null : Math.round(row.baselineMs),
    };
    await this.db
      .insertInto('ticket_estimates')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['ticket_id', 'kind']).doUpdateSet({
          service_id: values.service_id,
          agency_id: values.agency_id,
          given_at: values.given_at,
          wait_ms: values.wait_ms,
          low_ms: values.low_ms,
          high_ms: values.high_ms,
          baseline_ms: values.baseline_ms,
        }),
      )
      .execute();
  }

  /**
   * The estimates given for tickets of these days that were then called, with the call: the wait
   * the estimate spoke of is called_at − given_at, at the service the estimate was for.
   */
  given(
    mallId: string,
    filter: { from: string; to: string; agencyId?: string | undefined; serviceId?: string | undefined },
  ): Promise<GivenEstimate[]> {
    let q = this.db
      .selectFrom('ticket_estimates as e')
      .innerJoin('visits as v', (join) =>
        join
          .onRef('v.ticket_id', '=', 'e.ticket_id')
          .onRef('v.service_id', '=', 'e.service_id')
          .on('v.transferred_in', '=', 0),
      )
      .select([
        'e.service_id',
        'e.agency_id',
        'e.service_date',
        'e.kind',
        'e.given_at',
        'e.wait_ms',
        'e.baseline_ms',
        'v.called_at',
      ])
      .where('e.mall_id', '=', mallId)
      .where('e.service_date', '>=', filter.from)
      .where('e.service_date', '<=', filter.to)
      .where('v.called_at', 'is not', null)
      .where(sql<boolean>`v.called_at >= e.given_at`);
    if (filter.agencyId) q = q.where('e.agency_id', '=', filter.agencyId);
    if (filter.serviceId) q = q.where('e.service_id', '=', filter.serviceId);
    return q.execute().then((rows) =>
      rows.map((r) => ({
        ...r,
        given_at: Number(r.given_at),
        wait_ms: Number(r.wait_ms),
        baseline_ms: r.baseline_ms === null ? null : Number(r.baseline_ms),
        called_at: Number(r.called_at),
      })),
    );
  }

  /** A service's name and agency, or every service's of the mall: [] when there is no such service. */
  serviceNames(mallId: string, serviceId?: string | undefined) {
    let q = this.db
      .selectFrom('services')
      .innerJoin('agencies', 'agencies.id', 'services.agency_id')
      .select(['services.id', 'services.name', 'services.agency_id', 'agencies.short_name as agency_short_name'])
      .where('services.mall_id', '=', mallId);
    if (serviceId !== undefined) q = q.where('services.id', '=', serviceId);
    return q.execute();
  }

  /** Each called visit of a service in these days: its day, its local hour, its wait. */
  async waits(mallId: string, serviceId: string, from: string, to: string) {
    const rows = await this.db
      .selectFrom('visits')
      .select(['service_date', 'hour', 'entered_at', 'called_at'])
      .where('mall_id', '=', mallId)
      .where('service_id', '=', serviceId)
      .where('service_date', '>=', from)
      .where('service_date', '<=', to)
      .where('called_at', 'is not', null)
      .execute();
    return rows.map((r) => ({
      date: r.service_date,
      hour: r.hour,
      waitMs: Number(r.called_at) - Number(r.entered_at),
    }));
  }
}

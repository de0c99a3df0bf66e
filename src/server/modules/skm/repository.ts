/** SKM questionnaires and the sums a report is computed from. Every method takes the mall id. */
import type { ExpressionBuilder, Kysely } from 'kysely';
import { SKM_ELEMENT_KEYS, type Sums } from '../../../domain/skm.js';
import type { GroupCount, ProfileCounts } from '../../../domain/skm-report.js';
import type { SurveyGroup } from '../../../domain/tally.js';
import type { DB, NewSkmResponse, SkmFollowupRow } from '../../db/schema.js';
import { touchRollups } from '../performance/rollup-store.js';

/** The unit and period a report covers: the whole mall, or one agency, or one service. */
export interface ReportFilter {
  from: string;
  to: string;
  agencyId?: string | undefined;
  serviceId?: string | undefined;
  /** the counter the ticket was served at (paper entries have none) */
  counterId?: string | undefined;
  /** the officer who served the ticket (paper entries have none) */
  officerId?: string | undefined;
}

/** The responses of a unit and period, as a WHERE condition on skm_responses. */
function inUnit(eb: ExpressionBuilder<DB, 'skm_responses'>, mallId: string, filter: ReportFilter) {
  const conditions = [
    eb('skm_responses.mall_id', '=', mallId),
    eb('skm_responses.service_date', '>=', filter.from),
    eb('skm_responses.service_date', '<=', filter.to),
  ];
  if (filter.agencyId) conditions.push(eb('skm_responses.agency_id', '=', filter.agencyId));
  if (filter.serviceId) conditions.push(eb('skm_responses.service_id', '=', filter.serviceId));
  if (filter.counterId) conditions.push(eb('skm_responses.counter_id', '=', filter.counterId));
  if (filter.officerId) conditions.push(eb('skm_responses.officer_id', '=', filter.officerId));
  return eb.and(conditions);
}

/** What IKM figures can be grouped by. */
export type SkmGrouping = 'agency_id' | 'service_id' | 'counter_id' | 'officer_id' | 'service_date';

/** A follow-up's unit: the whole mall, or one agency, or one service (with its agency). */
export interface FollowupUnit {
  level: 'mall' | 'agency' | 'service';
  agencyId: string | null;
  serviceId: string | null;
}

export type NewFollowup = Omit<SkmFollowupRow, 'mall_id' | 'done' | 'archived'>;
export type FollowupChanges = Partial<Pick<SkmFollowupRow, 'action' | 'owner' | 'due_date' | 'done' | 'done_at'>>;

export class SkmRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The ticket a survey link points at, with its service's agency. The token is the only key a
   * citizen has, so this lookup is by token alone; the mall comes from the ticket.
   */
  ticketByToken(token: string) {
    return this.db
      .selectFrom('tickets')
      .innerJoin('services', (j) => j.onRef('services.id', '=', 'tickets.service_id'))
      .select([
        'tickets.id',
        'tickets.mall_id',
        'tickets.number',
        'tickets.status',
        'tickets.service_id',
        'tickets.service_date',
        'tickets.counter_id',
        'tickets.officer_id',
        'services.agency_id',
      ])
      .where('tickets.token', '=', token)
      .executeTakeFirst();
  }

  service(mallId: string, serviceId: string) {
    return this.db
      .selectFrom('services')
      .select(['id', 'agency_id'])
      .where('mall_id', '=', mallId)
      .where('id', '=', serviceId)
      .executeTakeFirst();
  }

  async agencyExists(mallId: string, agencyId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('agencies')
      .select('id')
      .where('mall_id', '=', mallId)
      .where('id', '=', agencyId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Stores one questionnaire. False when its ticket already has one: the UNIQUE ticket_id decides,
   * so of two racing submissions exactly one is stored, on either engine.
   */
  async insert(mallId: string, row: Omit<NewSkmResponse, 'mall_id'>): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .insertInto('skm_responses')
        .values({ ...row, mall_id: mallId })
        .onConflict((oc) => oc.column('ticket_id').doNothing())
        .executeTakeFirst();
      const stored = Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
      // Questionnaires often come the day after the service: that day's stored tallies must go.
      if (stored) await touchRollups(tx, mallId, [row.service_date]);
      return stored;
    });
  }

  /** How many questionnaires the unit has in the period, and each element's sum of answers. */
  async sums(mallId: string, filter: ReportFilter): Promise<{ respondents: number; sums: Sums }> {
    const q = this.db
      .selectFrom('skm_responses')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('respondents'),
        ...SKM_ELEMENT_KEYS.map((key) => eb.fn.sum<number | string | null>(key).as(key)),
      ])
      .where((eb) => inUnit(eb, mallId, filter));
    const row = (await q.executeTakeFirstOrThrow()) as Record<string, number | string | null>;
    const sums = {} as Sums;
    for (const key of SKM_ELEMENT_KEYS) sums[key] = Number(row[key] ?? 0);
    return { respondents: Number(row.respondents ?? 0), sums };
  }

  /** As sums, per agency, service, counter, officer or day: for rankings, breakdowns and trends. */
  async sumsBy(
    mallId: string,
    filter: ReportFilter,
    by: SkmGrouping,
  ): Promise<Map<string, { respondents: number; sums: Sums }>> {
    const rows = (await this.db
      .selectFrom('skm_responses')
      .select((eb) => [
        eb.ref(`skm_responses.${by}`).as('key'),
        eb.fn.countAll<number | string>().as('respondents'),
        ...SKM_ELEMENT_KEYS.map((key) => eb.fn.sum<number | string | null>(key).as(key)),
      ])
      .where((eb) => inUnit(eb, mallId, filter))
      .groupBy(`skm_responses.${by}`)
      .execute()) as Record<string, number | string | null>[];
    const out = new Map<string, { respondents: number; sums: Sums }>();
    for (const row of rows) {
      if (row.key === null) continue;
      const sums = {} as Sums;
      for (const key of SKM_ELEMENT_KEYS) sums[key] = Number(row[key] ?? 0);
      out.set(String(row.key), { respondents: Number(row.respondents ?? 0), sums });
    }
    return out;
  }

  /** As sums, per day and (agency, service, counter, officer): what the performance tallies add up. */
  async groups(mallId: string, filter: ReportFilter): Promise<SurveyGroup[]> {
    const rows = (await this.db
      .selectFrom('skm_responses')
      .select((eb) => [
        'skm_responses.service_date',
        'skm_responses.agency_id',
        'skm_responses.service_id',
        'skm_responses.counter_id',
        'skm_responses.officer_id',
        eb.fn.countAll<number | string>().as('respondents'),
        ...SKM_ELEMENT_KEYS.map((key) => eb.fn.sum<number | string | null>(key).as(key)),
      ])
      .where((eb) => inUnit(eb, mallId, filter))
      .groupBy([
        'skm_responses.service_date',
        'skm_responses.agency_id',
        'skm_responses.service_id',
        'skm_responses.counter_id',
        'skm_responses.officer_id',
      ])
      .execute()) as (Record<string, number | string | null> & {
      service_date: string;
      agency_id: string;
      service_id: string;
      counter_id: string | null;
      officer_id: string | null;
    })[];
    return rows.map((row) => {
      const sums = {} as Sums;
      for (const key of SKM_ELEMENT_KEYS) sums[key] = Number(row[key] ?? 0);
      return {
        date: row.service_date,
        agencyId: row.agency_id,
        serviceId: row.service_id,
        counterId: row.counter_id,
        officerId: row.officer_id,
        respondents: Number(row.respondents ?? 0),
        sums,
      };
    });
  }

  /** The population of the period: the unit's tickets served to the end (status done). */
  async served(mallId: string, filter: ReportFilter): Promise<number> {
    let q = this.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('tickets.mall_id', '=', mallId)
      .where('tickets.status', '=', 'done')
      .where('tickets.service_date', '>=', filter.from)
      .where('tickets.service_date', '<=', filter.to);
    if (filter.serviceId) q = q.where('tickets.service_id', '=', filter.serviceId);
    if (filter.counterId) q = q.where('tickets.counter_id', '=', filter.counterId);
    if (filter.officerId) q = q.where('tickets.officer_id', '=', filter.officerId);
    if (filter.agencyId) {
      const agencyId = filter.agencyId;
      q = q.where((eb) =>
        eb(
          'tickets.service_id',
          'in',
          eb
            .selectFrom('services')
            .select('services.id')
            .where('services.mall_id', '=', mallId)
            .where('services.agency_id', '=', agencyId),
        ),
      );
    }
    const row = await q.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  agency(mallId: string, agencyId: string) {
    return this.db
      .selectFrom('agencies')
      .select(['id', 'name', 'short_name', 'code'])
      .where('mall_id', '=', mallId)
      .where('id', '=', agencyId)
      .executeTakeFirst();
  }

  /** A counter of the mall with its agency, for naming the unit a report covers. */
  counterWithAgency(mallId: string, counterId: string) {
    return this.db
      .selectFrom('counters')
      .innerJoin('agencies', 'agencies.id', 'counters.agency_id')
      .select([
        'counters.id',
        'counters.name',
        'counters.agency_id',
        'agencies.name as agency_name',
        'agencies.code as agency_code',
      ])
      .where('counters.mall_id', '=', mallId)
      .where('counters.id', '=', counterId)
      .executeTakeFirst();
  }

  /** A staff member of the mall (an officer), with their agency if they have one. */
  officerWithAgency(mallId: string, userId: string) {
    return this.db
      .selectFrom('users')
      .leftJoin('agencies', 'agencies.id', 'users.agency_id')
      .select([
        'users.id',
        'users.display_name',
        'users.agency_id',
        'agencies.name as agency_name',
        'agencies.code as agency_code',
      ])
      .where('users.mall_id', '=', mallId)
      .where('users.id', '=', userId)
      .executeTakeFirst();
  }

  /** A service with its agency, for naming the unit a report covers. */
  serviceWithAgency(mallId: string, serviceId: string) {
    return this.db
      .selectFrom('services')
      .innerJoin('agencies', 'agencies.id', 'services.agency_id')
      .select([
        'services.id',
        'services.name',
        'services.agency_id',
        'agencies.name as agency_name',
        'agencies.code as agency_code',
      ])
      .where('services.mall_id', '=', mallId)
      .where('services.id', '=', serviceId)
      .executeTakeFirst();
  }

  /**
   * Respondents per sex, exact age, education and occupation. One pass over the period's rows,
   * grouped by all four together (a few thousand combinations at most), folded here per field.
   */
  async profileCounts(mallId: string, filter: ReportFilter): Promise<ProfileCounts> {
    const rows = await this.db
      .selectFrom('skm_responses')
      .select((eb) => ['sex', 'age', 'education', 'occupation', eb.fn.countAll<number | string>().as('n')])
      .where((eb) => inUnit(eb, mallId, filter))
      .groupBy(['sex', 'age', 'education', 'occupation'])
      .execute();
    const tally = <V>(value: (r: (typeof rows)[number]) => V): GroupCount<V>[] => {
      const counts = new Map<V, number>();
      for (const r of rows) counts.set(value(r), (counts.get(value(r)) ?? 0) + Number(r.n));
      return [...counts].map(([v, count]) => ({ value: v, count }));
    };
    return {
      sex: tally((r) => r.sex as string),
      age: tally((r) => Number(r.age)),
      education: tally((r) => r.education as string),
      occupation: tally((r) => r.occupation as string),
    };
  }

  /** The non-empty suggestions of the period, newest first, at most `limit`, and how many there are. */
  async suggestions(mallId: string, filter: ReportFilter, limit: number) {
    const base = this.db
      .selectFrom('skm_responses')
      .where((eb) => inUnit(eb, mallId, filter))
      .where('skm_responses.suggestion', 'is not', null)
      .where('skm_responses.suggestion', '<>', '');
    const [items, total] = await Promise.all([
      base
        .innerJoin('services', 'services.id', 'skm_responses.service_id')
        .select(['skm_responses.service_date', 'services.name as service_name', 'skm_responses.suggestion'])
        .orderBy('skm_responses.service_date', 'desc')
        .orderBy('skm_responses.created_at', 'desc')
        .orderBy('skm_responses.id', 'desc')
        .limit(limit)
        .execute(),
      base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      items: items.map((r) => ({ date: r.service_date, serviceName: r.service_name, text: r.suggestion ?? '' })),
    };
  }

  /** Every questionnaire of the period, oldest first, for the spreadsheet export. No staff or ticket ids. */
  responses(mallId: string, filter: ReportFilter) {
    return this.db
      .selectFrom('skm_responses')
      .innerJoin('services', 'services.id', 'skm_responses.service_id')
      .select([
        'skm_responses.service_date',
        'services.name as service_name',
        'skm_responses.source',
        ...SKM_ELEMENT_KEYS.map((k) => `skm_responses.${k}` as const),
        'skm_responses.sex',
        'skm_responses.age',
        'skm_responses.education',
        'skm_responses.occupation',
        'skm_responses.suggestion',
      ])
      .where((eb) => inUnit(eb, mallId, filter))
      .orderBy('skm_responses.service_date')
      .orderBy('skm_responses.created_at')
      .orderBy('skm_responses.id')
      .execute();
  }

  /** Every agency of the mall, in display order. */
  agencies(mallId: string) {
    return this.db
      .selectFrom('agencies')
      .select(['id', 'name', 'code'])
      .where('mall_id', '=', mallId)
      .orderBy('sort_order')
      .orderBy('name')
      .execute();
  }

  // -------------------------------------------------------------------------------------------
  // Follow-up plan

  async insertFollowup(mallId: string, row: NewFollowup): Promise<void> {
    await this.db
      .insertInto('skm_followups')
      .values({ ...row, mall_id: mallId, done: 0, archived: 0 })
      .execute();
  }

  /** One follow-up that is not archived. */
  followup(mallId: string, id: string): Promise<SkmFollowupRow | undefined> {
    return this.db
      .selectFrom('skm_followups')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('id', '=', id)
      .where('archived', '=', 0)
      .executeTakeFirst();
  }

  /** The plan of exactly this unit and period, by due date, not archived. */
  followups(mallId: string, period: { from: string; to: string }, unit: FollowupUnit): Promise<SkmFollowupRow[]> {
    let q = this.db
      .selectFrom('skm_followups')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('period_from', '=', period.from)
      .where('period_to', '=', period.to)
      .where('level', '=', unit.level)
      .where('archived', '=', 0);
    if (unit.level === 'agency' && unit.agencyId) q = q.where('agency_id', '=', unit.agencyId);
    if (unit.level === 'service' && unit.serviceId) q = q.where('service_id', '=', unit.serviceId);
    return q.orderBy('due_date').orderBy('created_at').orderBy('id').execute();
  }

  async updateFollowup(mallId: string, id: string, changes: FollowupChanges, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('skm_followups')
      .set({ ...changes, updated_at: now })
      .where('mall_id', '=', mallId)
      .where('id', '=', id)
      .where('archived', '=', 0)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Takes a follow-up out of the plan; the row stays on record. */
  async archiveFollowup(mallId: string, id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('skm_followups')
      .set({ archived: 1, updated_at: now })
      .where('mall_id', '=', mallId)
      .where('id', '=', id)
      .where('archived', '=', 0)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // -------------------------------------------------------------------------------------------
  // Publications

  /** False when the period is already published: the UNIQUE (mall, from, to) decides. */
  async publish(row: {
    id: string;
    mall_id: string;
    period_from: string;
    period_to: string;
    published_by: string | null;
    published_at: number;
  }): Promise<boolean> {
    const result = await this.db
      .insertInto('skm_publications')
      .values(row)
      .onConflict((oc) => oc.columns(['mall_id', 'period_from', 'period_to']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async unpublish(mallId: string, id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('skm_publications')
      .where('mall_id', '=', mallId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /** The published periods, newest first. */
  publications(mallId: string) {
    return this.db
      .selectFrom('skm_publications')
      .selectAll()
      .where('mall_id', '=', mallId)
      .orderBy('period_to', 'desc')
      .orderBy('period_from', 'desc')
      .orderBy('published_at', 'desc')
      .execute();
  }
}

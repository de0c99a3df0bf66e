/** SKM questionnaires and the sums a report is computed from. Every method takes the mall id. */
import type { Kysely } from 'kysely';
import { SKM_ELEMENT_KEYS, type Sums } from '../../../domain/skm.js';
import type { DB, NewSkmResponse } from '../../db/schema.js';

/** The unit and period a report covers: the whole mall, or one agency, or one service. */
export interface ReportFilter {
  from: string;
  to: string;
  agencyId?: string | undefined;
  serviceId?: string | undefined;
}

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
    const result = await this.db
      .insertInto('skm_responses')
      .values({ ...row, mall_id: mallId })
      .onConflict((oc) => oc.column('ticket_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** How many questionnaires the unit has in the period, and each element's sum of answers. */
  async sums(mallId: string, filter: ReportFilter): Promise<{ respondents: number; sums: Sums }> {
    let q = this.db
      .selectFrom('skm_responses')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('respondents'),
        ...SKM_ELEMENT_KEYS.map((key) => eb.fn.sum<number | string | null>(key).as(key)),
      ])
      .where('mall_id', '=', mallId)
      .where('service_date', '>=', filter.from)
      .where('service_date', '<=', filter.to);
    if (filter.agencyId) q = q.where('agency_id', '=', filter.agencyId);
    if (filter.serviceId) q = q.where('service_id', '=', filter.serviceId);
    const row = (await q.executeTakeFirstOrThrow()) as Record<string, number | string | null>;
    const sums = {} as Sums;
    for (const key of SKM_ELEMENT_KEYS) sums[key] = Number(row[key] ?? 0);
    return { respondents: Number(row.respondents ?? 0), sums };
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
}

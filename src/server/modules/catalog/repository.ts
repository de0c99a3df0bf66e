/** The catalog's rows: malls, agencies, services, counters. Every method takes the mall id. */
import { type Kysely, sql } from 'kysely';
import type { ServiceStandard } from '../../../api/catalog.js';
import type { WeeklyHours } from '../../../domain/schedule.js';
import type { QueueSettings } from '../../../domain/settings.js';
import type { DB, ServiceRow } from '../../db/schema.js';

export interface ServiceRecord {
  id: string;
  name: string;
  agencyId: string;
  prefix: string;
  dailyQuota: number | null;
  active: boolean;
  standard: ServiceStandard;
}

export interface CounterRecord {
  id: string;
  name: string;
  number: number;
  agencyId: string;
  zoneId: string | null;
  serviceIds: string[];
}

export class CatalogRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listMalls() {
    return this.db.selectFrom('malls').select(['id', 'slug', 'name', 'time_zone']).orderBy('name').execute();
  }

  /** Agencies not archived: an archived one is gone from the catalog and the kiosk (kept in reports). */
  async listAgencies(mallId: string) {
    return this.db
      .selectFrom('agencies')
      .leftJoin('services', (j) => j.onRef('services.agency_id', '=', 'agencies.id').on('services.active', '=', 1))
      .select(['agencies.id', 'agencies.name', 'agencies.short_name', 'agencies.code', 'agencies.color'])
      .select((eb) => eb.fn.count<number>('services.id').as('service_count'))
      .where('agencies.mall_id', '=', mallId)
      .where('agencies.archived_at', 'is', null)
      .groupBy([
        'agencies.id',
        'agencies.name',
        'agencies.short_name',
        'agencies.code',
        'agencies.color',
        'agencies.sort_order',
      ])
      .orderBy('agencies.sort_order')
      .execute();
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

  /** Active services; each query word must start a word of the folded search text. */
  async listServices(mallId: string, filter: { words: string[]; agencyId?: string }): Promise<ServiceRecord[]> {
    let q = this.db.selectFrom('services').selectAll().where('mall_id', '=', mallId).where('active', '=', 1);
    if (filter.agencyId) q = q.where('agency_id', '=', filter.agencyId);
    for (const word of filter.words) {
      // Words are folded to letters and digits, so they carry no LIKE wildcards.
      q = q.where(sql<boolean>`(' ' || search_text) like ${`% ${word}%`}`);
    }
    const rows = await q.orderBy('sort_order').execute();
    return rows.map(toService);
  }

  async service(mallId: string, serviceId: string): Promise<ServiceRecord | undefined> {
    const row = await this.db
      .selectFrom('services')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('id', '=', serviceId)
      .executeTakeFirst();
    return row && toService(row);
  }

  async listCounters(mallId: string): Promise<CounterRecord[]> {
    const [counters, links] = await Promise.all([
      this.db
        .selectFrom('counters')
        .selectAll()
        .where('mall_id', '=', mallId)
        .where('active', '=', 1)
        .orderBy('number')
        .execute(),
      this.db
        .selectFrom('counter_services')
        .select(['counter_id', 'service_id'])
        .where('mall_id', '=', mallId)
        .execute(),
    ]);
    const byCounter = new Map<string, string[]>();
    for (const l of links) {
      const list = byCounter.get(l.counter_id) ?? [];
      list.push(l.service_id);
      byCounter.set(l.counter_id, list);
    }
    return counters.map((c) => ({
      id: c.id,
      name: c.name,
      number: c.number,
      agencyId: c.agency_id,
      zoneId: c.zone_id,
      serviceIds: byCounter.get(c.id) ?? [],
    }));
  }

  async setSettings(mallId: string, settings: QueueSettings): Promise<void> {
    await this.db
      .updateTable('malls')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', mallId)
      .execute();
  }

  async setOpeningHours(mallId: string, weekly: WeeklyHours): Promise<void> {
    await this.db
      .updateTable('malls')
      .set({ opening_hours: JSON.stringify(weekly) })
      .where('id', '=', mallId)
      .execute();
  }
}

function toService(row: ServiceRow): ServiceRecord {
  return {
    id: row.id,
    name: row.name,
    agencyId: row.agency_id,
    prefix: row.prefix,
    dailyQuota: row.daily_quota,
    active: row.active === 1,
    standard: JSON.parse(row.standard) as ServiceStandard,
  };
}

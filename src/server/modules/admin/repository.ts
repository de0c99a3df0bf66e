/**
 * The rows administration changes: agencies, services, counters and their links, zones, staff
 * accounts, special days. Every method takes the mall id.
 *
 * Archiving stamps archived_at (and makes a service or counter inactive, so every reader of active
 * rows hides it); deleting for good is only tried for a row nothing refers to, and the database's
 * foreign keys are the judge: a refused delete leaves everything as it was (tryDelete → false).
 */
import type { Kysely, Transaction } from 'kysely';
import type { ServiceStandard } from '../../../api/catalog.js';
import type { Span } from '../../../domain/schedule.js';
import type { DB, Role } from '../../db/schema.js';

type Tx = Kysely<DB> | Transaction<DB>;

/** The database refused a row because a UNIQUE or PRIMARY KEY constraint already holds its value. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The database refused a delete because another row still refers to this one. */
function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Runs a delete in its own transaction; false (and nothing deleted) when something refers to the row. */
async function tryDelete(db: Kysely<DB>, work: (tx: Transaction<DB>) => Promise<number>): Promise<boolean> {
  try {
    return (await db.transaction().execute(work)) > 0;
  } catch (error) {
    if (isForeignKeyViolation(error)) return false;
    throw error;
  }
}

const UNFINISHED = ['waiting', 'called', 'serving'] as const;

export interface AgencyRecord {
  id: string;
  name: string;
  shortName: string;
  code: string;
  color: string;
  waitThresholdMinutes: number | null;
  sortOrder: number;
  archivedAt: number | null;
}

export interface ServiceRecord {
  id: string;
  agencyId: string;
  name: string;
  prefix: string;
  dailyQuota: number | null;
  standard: ServiceStandard;
  active: boolean;
  archivedAt: number | null;
  sortOrder: number;
  counterIds: string[];
  /** the service that must be done first when a visit has both; null when none */
  afterServiceId: string | null;
}

export interface CounterRecord {
  id: string;
  agencyId: string;
  name: string;
  number: number;
  zoneId: string | null;
  active: boolean;
  archivedAt: number | null;
  serviceIds: string[];
}

export interface ZoneRecord {
  id: string;
  name: string;
  sortOrder: number;
  archivedAt: number | null;
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  agencyId: string | null;
  active: boolean;
  mustChangePassword: boolean;
  createdAt: number;
  passwordChangedAt: number | null;
}

export interface SpecialDayRecord {
  date: string;
  spans: Span[];
  note: string;
}

/** Failed sign-ins per username (migration 0008); a password reset lifts the lockout. */
interface LoginFailuresTable {
  username: string;
}

export class AdminRepository {
  constructor(private readonly db: Kysely<DB>) {}

  // ------------------------------------------------------------------ agencies

  async agencies(mallId: string, onlyAgencyId?: string) {
    let q = this.db
      .selectFrom('agencies')
      .selectAll('agencies')
      .select((eb) => [
        eb
          .selectFrom('services')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('services.agency_id', '=', 'agencies.id')
          .where('services.archived_at', 'is', null)
          .as('service_count'),
        eb
          .selectFrom('counters')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('counters.agency_id', '=', 'agencies.id')
          .where('counters.archived_at', 'is', null)
          .as('counter_count'),
      ])
      .where('agencies.mall_id', '=', mallId);
    if (onlyAgencyId !== undefined) q = q.where('agencies.id', '=', onlyAgencyId);
    const rows = await q.orderBy('agencies.sort_order').orderBy('agencies.name').execute();
    return rows.map((r) => ({
      ...toAgency(r),
      serviceCount: Number(r.service_count ?? 0),
      counterCount: Number(r.counter_count ?? 0),
    }));
  }

  async agency(mallId: string, agencyId: string): Promise<AgencyRecord | undefined> {
    const row = await this.db
      .selectFrom('agencies')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('id', '=', agencyId)
      .executeTakeFirst();
    return row && toAgency(row);
  }

  async agencyByCode(mallId: string, code: string): Promise<AgencyRecord | undefined> {
    const row = await this.db
      .selectFrom('agencies')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('code', '=', code)
      .executeTakeFirst();
    return row && toAgency(row);
  }

  async nextSortOrder(mallId: string, table: 'agencies' | 'services' | 'zones'): Promise<number> {
    const row = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number | null>('sort_order').as('m'))
      .where('mall_id', '=', mallId)
      .executeTakeFirst();
    return Number(row?.m ?? 0) + 1;
  }

  async insertAgency(mallId: string, a: Omit<AgencyRecord, 'archivedAt'>, at: number): Promise<void> {
    await this.db
      .insertInto('agencies')
      .values({
        id: a.id,
        mall_id: mallId,
        name: a.name,
        short_name: a.shortName,
        code: a.code,
        color: a.color,
        wait_threshold_minutes: a.waitThresholdMinutes,
        sort_order: a.sortOrder,
        created_at: at,
      })
      .execute();
  }

  /** Writes the agency's fields and, when its names changed, its services' search text. */
  async updateAgency(
    mallId: string,
    a: Omit<AgencyRecord, 'archivedAt'>,
    searchTextOf: ((service: { name: string; standard: ServiceStandard }) => string) | null,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('agencies')
        .set({
          name: a.name,
          short_name: a.shortName,
          code: a.code,
          color: a.color,
          wait_threshold_minutes: a.waitThresholdMinutes,
          sort_order: a.sortOrder,
        })
        .where('mall_id', '=', mallId)
        .where('id', '=', a.id)
        .execute();
      if (!searchTextOf) return;
      const services = await tx
        .selectFrom('services')
        .select(['id', 'name', 'standard'])
        .where('mall_id', '=', mallId)
        .where('agency_id', '=', a.id)
        .execute();
      for (const s of services) {
        const text = searchTextOf({ name: s.name, standard: JSON.parse(s.standard) as ServiceStandard });
        await tx.updateTable('services').set({ search_text: text }).where('id', '=', s.id).execute();
      }
    });
  }

  /** Today's tickets of the agency's services not yet done with. */
  async unfinishedTickets(mallId: string, agencyId: string, serviceDate: string): Promise<number> {
    const row = await this.db
      .selectFrom('tickets')
      .innerJoin('services', 'services.id', 'tickets.service_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tickets.mall_id', '=', mallId)
      .where('services.agency_id', '=', agencyId)
      .where('tickets.service_date', '=', serviceDate)
      .where('tickets.status', 'in', UNFINISHED)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Archives the agency with its services and counters (stamped with the same instant, so that
   * restoring brings back exactly those), and deactivates its staff accounts, ending their sessions.
   */
  async archiveAgency(mallId: string, agencyId: string, at: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('agencies')
        .set({ archived_at: at })
        .where('mall_id', '=', mallId)
        .where('id', '=', agencyId)
        .execute();
      for (const table of ['services', 'counters'] as const) {
        await tx
          .updateTable(table)
          .set({ active: 0, archived_at: at })
          .where('mall_id', '=', mallId)
          .where('agency_id', '=', agencyId)
          .where('archived_at', 'is', null)
          .execute();
      }
      const users = tx.selectFrom('users').select('id').where('mall_id', '=', mallId).where('agency_id', '=', agencyId);
      await tx.deleteFrom('sessions').where('user_id', 'in', users).execute();
      await tx
        .updateTable('users')
        .set({ active: 0 })
        .where('mall_id', '=', mallId)
        .where('agency_id', '=', agencyId)
        .execute();
    });
  }

  /** Restores the agency and the services and counters archived with it (not its accounts). */
  async restoreAgency(mallId: string, agencyId: string, archivedAt: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('agencies')
        .set({ archived_at: null })
        .where('mall_id', '=', mallId)
        .where('id', '=', agencyId)
        .execute();
      for (const table of ['services', 'counters'] as const) {
        await tx
          .updateTable(table)
          .set({ active: 1, archived_at: null })
          .where('mall_id', '=', mallId)
          .where('agency_id', '=', agencyId)
          .where('archived_at', '=', archivedAt)
          .execute();
      }
    });
  }

  deleteAgency(mallId: string, agencyId: string): Promise<boolean> {
    return tryDelete(this.db, async (tx) => {
      const r = await tx
        .deleteFrom('agencies')
        .where('mall_id', '=', mallId)
        .where('id', '=', agencyId)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  }

  // ------------------------------------------------------------------ services

  async services(mallId: string, agencyId?: string): Promise<ServiceRecord[]> {
    let q = this.db.selectFrom('services').selectAll().where('mall_id', '=', mallId);
    if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId);
    const [rows, links] = await Promise.all([
      q.orderBy('sort_order').execute(),
      this.db
        .selectFrom('counter_services')
        .innerJoin('counters', 'counters.id', 'counter_services.counter_id')
        .select(['counter_services.service_id', 'counter_services.counter_id'])
        .where('counter_services.mall_id', '=', mallId)
        .orderBy('counters.number')
        .execute(),
    ]);
    const byService = group(
      links,
      (l) => l.service_id,
      (l) => l.counter_id,
    );
    return rows.map((r) => toService(r, byService.get(r.id) ?? []));
  }

  async service(mallId: string, serviceId: string): Promise<ServiceRecord | undefined> {
    const row = await this.db
      .selectFrom('services')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('id', '=', serviceId)
      .executeTakeFirst();
    if (!row) return undefined;
    const links = await this.db
      .selectFrom('counter_services')
      .innerJoin('counters', 'counters.id', 'counter_services.counter_id')
      .select('counter_services.counter_id')
      .where('counter_services.mall_id', '=', mallId)
      .where('counter_services.service_id', '=', serviceId)
      .orderBy('counters.number')
      .execute();
    return toService(
      row,
      links.map((l) => l.counter_id),
    );
  }

  /** A service of another agency, not archived, that numbers its tickets with this prefix. */
  prefixOwner(mallId: string, prefix: string, exceptAgencyId: string) {
    return this.db
      .selectFrom('services')
      .innerJoin('agencies', 'agencies.id', 'services.agency_id')
      .select(['agencies.id as agency_id', 'agencies.name as agency_name'])
      .where('services.mall_id', '=', mallId)
      .where('services.prefix', '=', prefix)
      .where('services.archived_at', 'is', null)
      .where('services.agency_id', '!=', exceptAgencyId)
      .executeTakeFirst();
  }

  async insertService(
    mallId: string,
    s: Omit<ServiceRecord, 'archivedAt' | 'counterIds'> & { searchText: string },
    counterIds: string[],
    at: number,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('services')
        .values({
          id: s.id,
          mall_id: mallId,
          agency_id: s.agencyId,
          name: s.name,
          prefix: s.prefix,
          daily_quota: s.dailyQuota,
          standard: JSON.stringify(s.standard),
          search_text: s.searchText,
          sort_order: s.sortOrder,
          active: s.active ? 1 : 0,
          after_service_id: s.afterServiceId,
          created_at: at,
        })
        .execute();
      await linkServiceCounters(tx, mallId, s.id, counterIds);
    });
  }

  /** Writes the service's fields; replaces the counters that serve it when counterIds is given. */
  async updateService(
    mallId: string,
    s: Omit<ServiceRecord, 'archivedAt' | 'counterIds'> & { searchText: string },
    counterIds: string[] | null,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('services')
        .set({
          agency_id: s.agencyId,
          name: s.name,
          prefix: s.prefix,
          daily_quota: s.dailyQuota,
          standard: JSON.stringify(s.standard),
          search_text: s.searchText,
          sort_order: s.sortOrder,
          active: s.active ? 1 : 0,
          after_service_id: s.afterServiceId,
        })
        .where('mall_id', '=', mallId)
        .where('id', '=', s.id)
        .execute();
      if (counterIds === null) return;
      await tx.deleteFrom('counter_services').where('mall_id', '=', mallId).where('service_id', '=', s.id).execute();
      await linkServiceCounters(tx, mallId, s.id, counterIds);
    });
  }

  async setServiceArchived(mallId: string, serviceId: string, archivedAt: number | null): Promise<void> {
    await this.db
      .updateTable('services')
      .set({ archived_at: archivedAt, active: archivedAt === null ? 1 : 0 })
      .where('mall_id', '=', mallId)
      .where('id', '=', serviceId)
      .execute();
  }

  deleteService(mallId: string, serviceId: string): Promise<boolean> {
    return tryDelete(this.db, async (tx) => {
      await tx
        .deleteFrom('counter_services')
        .where('mall_id', '=', mallId)
        .where('service_id', '=', serviceId)
        .execute();
      const r = await tx
        .deleteFrom('services')
        .where('mall_id', '=', mallId)
        .where('id', '=', serviceId)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  }

  /** The mall's services among these ids, with what deciding a link needs. */
  servicesByIds(mallId: string, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('services')
      .select(['id', 'name', 'agency_id', 'archived_at'])
      .where('mall_id', '=', mallId)
      .where('id', 'in', ids)
      .execute();
  }

  // ------------------------------------------------------------------ counters

  async counters(mallId: string, agencyId?: string): Promise<CounterRecord[]> {
    let q = this.db.selectFrom('counters').selectAll().where('mall_id', '=', mallId);
    if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId);
    const [rows, links] = await Promise.all([
      q.orderBy('number').execute(),
      this.db
        .selectFrom('counter_services')
        .innerJoin('services', 'services.id', 'counter_services.service_id')
        .select(['counter_services.counter_id', 'counter_services.service_id'])
        .where('counter_services.mall_id', '=', mallId)
        .orderBy('services.sort_order')
        .execute(),
    ]);
    const byCounter = group(
      links,
      (l) => l.counter_id,
      (l) => l.service_id,
    );
    return rows.map((r) => toCounter(r, byCounter.get(r.id) ?? []));
  }

  async counter(mallId: string, counterId: string): Promise<CounterRecord | undefined> {
    const row = await this.db
      .selectFrom('counters')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('id', '=', counterId)
      .executeTakeFirst();
    if (!row) return undefined;
    const links = await this.db
      .selectFrom('counter_services')
      .innerJoin('services', 'services.id', 'counter_services.service_id')
      .select('counter_services.service_id')
      .where('counter_services.mall_id', '=', mallId)
      .where('counter_services.counter_id', '=', counterId)
      .orderBy('services.sort_order')
      .execute();
    return toCounter(
      row,
      links.map((l) => l.service_id),
    );
  }

  counterByNumber(mallId: string, number: number) {
    return this.db
      .selectFrom('counters')
      .select(['id', 'name', 'archived_at'])
      .where('mall_id', '=', mallId)
      .where('number', '=', number)
      .executeTakeFirst();
  }

  /** The mall's counters among these ids, with what deciding a link needs. */
  countersByIds(mallId: string, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('counters')
      .select(['id', 'name', 'agency_id', 'archived_at'])
      .where('mall_id', '=', mallId)
      .where('id', 'in', ids)
      .execute();
  }

  async activeCounterIds(mallId: string, agencyId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('counters')
      .select('id')
      .where('mall_id', '=', mallId)
      .where('agency_id', '=', agencyId)
      .where('active', '=', 1)
      .orderBy('number')
      .execute();
    return rows.map((r) => r.id);
  }

  async insertCounter(
    mallId: string,
    c: Omit<CounterRecord, 'archivedAt' | 'serviceIds'>,
    serviceIds: string[],
    at: number,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('counters')
        .values({
          id: c.id,
          mall_id: mallId,
          agency_id: c.agencyId,
          zone_id: c.zoneId,
          name: c.name,
          number: c.number,
          active: c.active ? 1 : 0,
          created_at: at,
        })
        .execute();
      await linkCounterServices(tx, mallId, c.id, serviceIds);
    });
  }

  async updateCounter(
    mallId: string,
    c: Omit<CounterRecord, 'archivedAt' | 'serviceIds'>,
    serviceIds: string[],
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('counters')
        .set({ agency_id: c.agencyId, zone_id: c.zoneId, name: c.name, number: c.number, active: c.active ? 1 : 0 })
        .where('mall_id', '=', mallId)
        .where('id', '=', c.id)
        .execute();
      await tx.deleteFrom('counter_services').where('mall_id', '=', mallId).where('counter_id', '=', c.id).execute();
      await linkCounterServices(tx, mallId, c.id, serviceIds);
    });
  }

  /** The ticket a counter is calling or serving now, if any. */
  heldTicket(mallId: string, counterId: string) {
    return this.db
      .selectFrom('tickets')
      .select(['id', 'number'])
      .where('mall_id', '=', mallId)
      .where('counter_id', '=', counterId)
      .where('status', 'in', ['called', 'serving'])
      .executeTakeFirst();
  }

  async setCounterArchived(
    mallId: string,
    counterId: string,
    archivedAt: number | null,
    zoneId?: string | null,
  ): Promise<void> {
    await this.db
      .updateTable('counters')
      .set({
        archived_at: archivedAt,
        active: archivedAt === null ? 1 : 0,
        ...(zoneId !== undefined ? { zone_id: zoneId } : {}),
      })
      .where('mall_id', '=', mallId)
      .where('id', '=', counterId)
      .execute();
  }

  deleteCounter(mallId: string, counterId: string): Promise<boolean> {
    return tryDelete(this.db, async (tx) => {
      await tx
        .deleteFrom('counter_services')
        .where('mall_id', '=', mallId)
        .where('counter_id', '=', counterId)
        .execute();
      const r = await tx
        .deleteFrom('counters')
        .where('mall_id', '=', mallId)
        .where('id', '=', counterId)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  }

  // ------------------------------------------------------------------ zones

  async zones(mallId: string) {
    const rows = await this.db
      .selectFrom('zones')
      .selectAll('zones')
      .select((eb) =>
        eb
          .selectFrom('counters')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('counters.zone_id', '=', 'zones.id')
          .where('counters.archived_at', 'is', null)
          .as('counter_count'),
      )
      .where('zones.mall_id', '=', mallId)
      .orderBy('zones.sort_order')
      .orderBy('zones.name')
      .execute();
    return rows.map((r) => ({ ...toZone(r), counterCount: Number(r.counter_count ?? 0) }));
  }

  async zone(mallId: string, zoneId: string): Promise<ZoneRecord | undefined> {
    const row = await this.db
      .selectFrom('zones')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('id', '=', zoneId)
      .executeTakeFirst();
    return row && toZone(row);
  }

  async insertZone(mallId: string, z: Omit<ZoneRecord, 'archivedAt'>): Promise<void> {
    await this.db
      .insertInto('zones')
      .values({ id: z.id, mall_id: mallId, name: z.name, sort_order: z.sortOrder })
      .execute();
  }

  async updateZone(mallId: string, z: Omit<ZoneRecord, 'archivedAt'>): Promise<void> {
    await this.db
      .updateTable('zones')
      .set({ name: z.name, sort_order: z.sortOrder })
      .where('mall_id', '=', mallId)
      .where('id', '=', z.id)
      .execute();
  }

  async countersInZone(mallId: string, zoneId: string): Promise<number> {
    const row = await this.db
      .selectFrom('counters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('mall_id', '=', mallId)
      .where('zone_id', '=', zoneId)
      .where('archived_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setZoneArchived(mallId: string, zoneId: string, archivedAt: number | null): Promise<void> {
    await this.db
      .updateTable('zones')
      .set({ archived_at: archivedAt })
      .where('mall_id', '=', mallId)
      .where('id', '=', zoneId)
      .execute();
  }

  deleteZone(mallId: string, zoneId: string): Promise<boolean> {
    return tryDelete(this.db, async (tx) => {
      const r = await tx.deleteFrom('zones').where('mall_id', '=', mallId).where('id', '=', zoneId).executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  }

  // ------------------------------------------------------------------ staff accounts

  async users(mallId: string, agencyId?: string): Promise<UserRecord[]> {
    let q = this.db.selectFrom('users').selectAll().where('mall_id', '=', mallId);
    if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId);
    const rows = await q.orderBy('username').execute();
    return rows.map(toUser);
  }

  async user(mallId: string, userId: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return row && toUser(row);
  }

  /** Usernames are unique across the deployment (one sign-in form for every mall). */
  async usernameTaken(username: string): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    return row !== undefined;
  }

  async insertUser(
    mallId: string,
    u: { id: string; username: string; displayName: string; role: Role; agencyId: string | null },
    passwordHash: string,
    at: number,
  ): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: u.id,
        mall_id: mallId,
        username: u.username,
        password_hash: passwordHash,
        display_name: u.displayName,
        role: u.role,
        agency_id: u.agencyId,
        created_at: at,
        must_change_password: 1,
      })
      .execute();
  }

  /** Writes the account's fields; a deactivated account's sessions end with it. */
  async updateUser(
    mallId: string,
    u: { id: string; displayName: string; role: Role; agencyId: string | null; active: boolean },
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ display_name: u.displayName, role: u.role, agency_id: u.agencyId, active: u.active ? 1 : 0 })
        .where('mall_id', '=', mallId)
        .where('id', '=', u.id)
        .execute();
      if (!u.active) await tx.deleteFrom('sessions').where('user_id', '=', u.id).execute();
    });
  }

  /**
   * A generated password: to be changed at the next sign-in. Ends the account's sessions and lifts
   * a lockout of its username.
   */
  async resetPassword(mallId: string, userId: string, username: string, passwordHash: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: 1 })
        .where('mall_id', '=', mallId)
        .where('id', '=', userId)
        .execute();
      await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await tx
        .withTables<{ login_failures: LoginFailuresTable }>()
        .deleteFrom('login_failures')
        .where('username', '=', username)
        .execute();
    });
  }

  // ------------------------------------------------------------------ special days

  async specialDays(mallId: string, range: { from?: string; to?: string }): Promise<SpecialDayRecord[]> {
    let q = this.db.selectFrom('special_days').select(['date', 'spans', 'note']).where('mall_id', '=', mallId);
    if (range.from) q = q.where('date', '>=', range.from);
    if (range.to) q = q.where('date', '<=', range.to);
    const rows = await q.orderBy('date').execute();
    return rows.map(toSpecialDay);
  }

  async specialDay(mallId: string, date: string): Promise<SpecialDayRecord | null> {
    const row = await this.db
      .selectFrom('special_days')
      .select(['date', 'spans', 'note'])
      .where('mall_id', '=', mallId)
      .where('date', '=', date)
      .executeTakeFirst();
    return row ? toSpecialDay(row) : null;
  }

  /** Writes each day, replacing what a date had. */
  async putSpecialDays(mallId: string, days: SpecialDayRecord[], by: string, at: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (const day of days) {
        await tx
          .insertInto('special_days')
          .values({
            mall_id: mallId,
            date: day.date,
            spans: JSON.stringify(day.spans),
            note: day.note,
            updated_by: by,
            updated_at: at,
          })
          .onConflict((oc) =>
            oc.columns(['mall_id', 'date']).doUpdateSet((eb) => ({
              spans: eb.ref('excluded.spans'),
              note: eb.ref('excluded.note'),
              updated_by: eb.ref('excluded.updated_by'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    });
  }

  async deleteSpecialDays(mallId: string, from: string, to: string): Promise<number> {
    const r = await this.db
      .deleteFrom('special_days')
      .where('mall_id', '=', mallId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

async function linkServiceCounters(tx: Tx, mallId: string, serviceId: string, counterIds: string[]) {
  if (counterIds.length === 0) return;
  await tx
    .insertInto('counter_services')
    .values(counterIds.map((counterId) => ({ mall_id: mallId, counter_id: counterId, service_id: serviceId })))
    .execute();
}

async function linkCounterServices(tx: Tx, mallId: string, counterId: string, serviceIds: string[]) {
  if (serviceIds.length === 0) return;
  await tx
    .insertInto('counter_services')
    .values(serviceIds.map((serviceId) => ({ mall_id: mallId, counter_id: counterId, service_id: serviceId })))
    .execute();
}

function group<T>(rows: T[], key: (r: T) => string, value: (r: T) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(key(r)) ?? [];
    list.push(value(r));
    out.set(key(r), list);
  }
  return out;
}

function toAgency(r: {
  id: string;
  name: string;
  short_name: string;
  code: string;
  color: string;
  wait_threshold_minutes: number | null;
  sort_order: number;
  archived_at: number | null;
}): AgencyRecord {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    code: r.code,
    color: r.color,
    waitThresholdMinutes: r.wait_threshold_minutes,
    sortOrder: Number(r.sort_order),
    archivedAt: r.archived_at === null ? null : Number(r.archived_at),
  };
}

function toService(
  r: {
    id: string;
    agency_id: string;
    name: string;
    prefix: string;
    daily_quota: number | null;
    standard: string;
    active: number;
    archived_at: number | null;
    sort_order: number;
    after_service_id: string | null;
  },
  counterIds: string[],
): ServiceRecord {
  return {
    id: r.id,
    agencyId: r.agency_id,
    name: r.name,
    prefix: r.prefix,
    dailyQuota: r.daily_quota,
    standard: JSON.parse(r.standard) as ServiceStandard,
    active: r.active === 1,
    archivedAt: r.archived_at === null ? null : Number(r.archived_at),
    sortOrder: Number(r.sort_order),
    counterIds,
    afterServiceId: r.after_service_id,
  };
}

function toCounter(
  r: {
    id: string;
    agency_id: string;
    name: string;
    number: number;
    zone_id: string | null;
    active: number;
    archived_at: number | null;
  },
  serviceIds: string[],
): CounterRecord {
  return {
    id: r.id,
    agencyId: r.agency_id,
    name: r.name,
    number: r.number,
    zoneId: r.zone_id,
    active: r.active === 1,
    archivedAt: r.archived_at === null ? null : Number(r.archived_at),
    serviceIds,
  };
}

function toZone(r: { id: string; name: string; sort_order: number; archived_at: number | null }): ZoneRecord {
  return {
    id: r.id,
    name: r.name,
    sortOrder: Number(r.sort_order),
    archivedAt: r.archived_at === null ? null : Number(r.archived_at),
  };
}

function toUser(r: {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  agency_id: string | null;
  active: number;
  must_change_password: number;
  created_at: number;
  password_changed_at: number | null;
}): UserRecord {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    agencyId: r.agency_id,
    active: r.active === 1,
    mustChangePassword: r.must_change_password === 1,
    createdAt: Number(r.created_at),
    passwordChangedAt: r.password_changed_at === null ? null : Number(r.password_changed_at),
  };
}

function toSpecialDay(r: { date: string; spans: string; note: string }): SpecialDayRecord {
  return { date: r.date, spans: JSON.parse(r.spans) as Span[], note: r.note };
}

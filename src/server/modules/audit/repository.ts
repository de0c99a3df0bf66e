/**
 * The audit trail's table. Append-only: insert and read, nothing else — there is deliberately no
 * method that updates or deletes an entry (test/api/audit.test.ts checks it).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditAccount, AuditStore, NewAuditRow } from '../../plugins/audit.js';

export interface AuditFilter {
  /** only the actions of this agency's staff; null: the whole mall */
  agencyId: string | null;
  from?: number | undefined;
  to?: number | undefined;
  actorId?: string | undefined;
  /** exact, or every action beginning with it (prefix: true) */
  action?: { value: string; prefix: boolean } | undefined;
  q?: string | undefined;
  /** the page ends before this entry (newest first) */
  before?: { at: number; id: string } | undefined;
  limit: number;
}

/** LIKE pattern matching `text` literally, with ! as the escape character. */
const literal = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

export class AuditRepository implements AuditStore {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: NewAuditRow): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
  }

  accountByUsername(username: string): Promise<AuditAccount | undefined> {
    return this.db
      .selectFrom('users')
      .select(['id', 'mall_id', 'agency_id'])
      .where('username', '=', username)
      .executeTakeFirst();
  }

  /** A mall's entries, newest first (at, then id), with the actor's current name. */
  search(mallId: string, f: AuditFilter) {
    let query = this.db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .select([
        'a.id',
        'a.at',
        'a.actor_id',
        'a.actor_username',
        'u.username as user_username',
        'u.display_name as user_display_name',
        'a.action',
        'a.route',
        'a.target',
        'a.status_code',
        'a.error',
        'a.ip',
        'a.user_agent',
        'a.detail',
      ])
      .where('a.mall_id', '=', mallId);
    if (f.agencyId !== null) query = query.where('a.actor_agency_id', '=', f.agencyId);
    if (f.from !== undefined) query = query.where('a.at', '>=', f.from);
    if (f.to !== undefined) query = query.where('a.at', '<', f.to);
    if (f.actorId !== undefined) query = query.where('a.actor_id', '=', f.actorId);
    if (f.action) {
      const { value, prefix } = f.action;
      query = prefix
        ? query.where(sql<boolean>`a.action like ${`${literal(value)}%`} escape '!'`)
        : query.where('a.action', '=', value);
    }
    if (f.q) {
      const pattern = `%${literal(f.q.toLowerCase())}%`;
      const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '!'`;
      query = query.where((eb) =>
        eb.or([
          like('a.actor_username'),
          like('a.action'),
          like('a.route'),
          like('a.target'),
          like('a.detail'),
          like('a.ip'),
        ]),
      );
    }
    const before = f.before;
    if (before) {
      query = query.where((eb) =>
        eb.or([eb('a.at', '<', before.at), eb.and([eb('a.at', '=', before.at), eb('a.id', '<', before.id)])]),
      );
    }
    return query.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(f.limit).execute();
  }
}

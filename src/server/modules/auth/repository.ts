/** Staff accounts, their sessions, and the failed sign-ins behind the lockout. */
import { type Kysely, sql } from 'kysely';
import type { DB, Role } from '../../db/schema.js';

/**
 * Consecutive failed sign-ins per username as typed (trimmed, lower-cased), known or not
 * (migration 0008). Only this repository reads it, so its type lives here.
 */
export interface LoginFailuresTable {
  username: string;
  failures: number;
  last_failure_at: number;
  /** 0 when not locked */
  locked_until: number;
}

type AuthDB = DB & { login_failures: LoginFailuresTable };

export class AuthRepository {
  private readonly db: Kysely<AuthDB>;

  constructor(db: Kysely<DB>) {
    this.db = db.withTables<{ login_failures: LoginFailuresTable }>();
  }

  userByUsername(username: string) {
    return this.db
      .selectFrom('users')
      .innerJoin('malls', 'malls.id', 'users.mall_id')
      .select([
        'users.id',
        'users.username',
        'users.password_hash',
        'users.display_name',
        'users.role',
        'users.agency_id',
        'users.active',
        'users.must_change_password',
        'malls.slug as mall_slug',
      ])
      .where('users.username', '=', username)
      .executeTakeFirst();
  }

  async passwordHash(userId: string): Promise<string> {
    const row = await this.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.password_hash;
  }

  /** Sets a password chosen by its user: the generated one no longer stands. */
  async setPassword(userId: string, passwordHash: string, at: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: 0, password_changed_at: at })
      .where('id', '=', userId)
      .execute();
  }

  async mallSlug(mallId: string): Promise<string> {
    const row = await this.db.selectFrom('malls').select('slug').where('id', '=', mallId).executeTakeFirstOrThrow();
    return row.slug;
  }

  async createSession(id: string, userId: string, createdAt: number, expiresAt: number): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id, user_id: userId, created_at: createdAt, expires_at: expiresAt, last_seen_at: createdAt })
      .execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Ends every session of a user, or every one but `keep`. */
  async deleteUserSessions(userId: string, keep?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keep) q = q.where('id', '!=', keep);
    await q.execute();
  }

  /** Housekeeping: a user's sessions whose absolute end passed before `before`. */
  async pruneUserSessions(userId: string, before: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<', before).execute();
  }

  async lockedUntil(username: string): Promise<number> {
    const row = await this.db
      .selectFrom('login_failures')
      .select('locked_until')
      .where('username', '=', username)
      .executeTakeFirst();
    return row?.locked_until ?? 0;
  }

  /**
   * Counts one more failure, atomically (several processes may count at once); a streak whose
   * last failure is before `forgetBefore` starts again at one. Returns the count.
   */
  async recordFailure(username: string, at: number, forgetBefore: number): Promise<number> {
    const row = await this.db
      .insertInto('login_failures')
      .values({ username, failures: 1, last_failure_at: at, locked_until: 0 })
      .onConflict((oc) =>
        oc.column('username').doUpdateSet({
          failures: sql<number>`case when login_failures.last_failure_at < ${forgetBefore} then 1 else login_failures.failures + 1 end`,
          last_failure_at: at,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    return Number(row.failures);
  }

  /** Locks until `until`, never shortening a lock another process set meanwhile. */
  async lock(username: string, until: number): Promise<void> {
    await this.db
      .updateTable('login_failures')
      .set({ locked_until: until })
      .where('username', '=', username)
      .where('locked_until', '<', until)
      .execute();
  }

  async clearFailures(username: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('username', '=', username).execute();
  }

  /** Housekeeping: streaks that are forgotten anyway (no failure since `before`, not locked). */
  async pruneFailures(before: number, at: number): Promise<void> {
    await this.db
      .deleteFrom('login_failures')
      .where('last_failure_at', '<', before)
      .where('locked_until', '<=', at)
      .execute();
  }

  async createUser(user: {
    id: string;
    mallId: string;
    username: string;
    passwordHash: string;
    displayName: string;
    role: Role;
    agencyId: string | null;
    createdAt: number;
    /** the password was generated: it must be changed at the first sign-in */
    mustChangePassword?: boolean;
  }): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        mall_id: user.mallId,
        username: user.username,
        password_hash: user.passwordHash,
        display_name: user.displayName,
        role: user.role,
        agency_id: user.agencyId,
        created_at: user.createdAt,
        must_change_password: user.mustChangePassword ? 1 : 0,
      })
      .execute();
  }
}

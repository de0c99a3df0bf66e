/**
 * Who is asking: the session cookie resolves to a staff member (request.staff) or to nobody.
 * Routes that need a person call requireStaff; what that person may do is decided in src/domain/access.
 *
 * A session ends SESSION_HOURS after sign-in, or after IDLE_MINUTES without a request, whichever
 * comes first; an ended session is deleted when it is next presented. A staff member whose
 * password was generated for them (must_change_password) is request.account but not
 * request.staff: requireStaff answers 403 password_change_required, and only the account routes
 * (requireAccount: me, change password, sign out) serve them until the password is changed.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../domain/access.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';

export const SESSION_COOKIE = 'loket_sid';
/** absolute lifetime of a session */
export const SESSION_HOURS = 12;
/** a session unused this long has ended */
export const IDLE_MINUTES = 120;
/** last_seen_at is written at most this often per session, not on every request */
export const SEEN_REFRESH_MS = 60_000;

export interface Staff extends Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  sessionId: string;
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** who is signed in; null also while their password must be changed (see account) */
    staff: Staff | null;
    /** who is signed in, even when their password must be changed: for the account routes only */
    account: Staff | null;
  }
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** The signed-in staff member, or 401; 403 password_change_required while a generated password stands. */
export function requireStaff(request: FastifyRequest): Staff {
  if (request.staff) return request.staff;
  if (request.account?.mustChangePassword) throw new AppError('password_change_required');
  throw new AppError('unauthenticated');
}

/** The signed-in staff member even before the generated password is changed, or 401. */
export function requireAccount(request: FastifyRequest): Staff {
  if (!request.account) throw new AppError('unauthenticated');
  return request.account;
}

/** Whether a session has ended at `now`: past its absolute end, or idle too long. */
export function sessionEnded(session: { expires_at: number; last_seen_at: number }, now: number): boolean {
  return now >= session.expires_at || now - session.last_seen_at >= IDLE_MINUTES * 60_000;
}

export const authPlugin = fp<{ db: Kysely<DB>; now: () => number }>(
  async (app, { db, now }) => {
    app.decorateRequest('staff', null);
    app.decorateRequest('account', null);
    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id as sessionId',
          'sessions.expires_at',
          'sessions.last_seen_at',
          'users.id',
          'users.username',
          'users.display_name',
          'users.role',
          'users.mall_id',
          'users.agency_id',
          'users.active',
          'users.must_change_password',
        ])
        .where('sessions.id', '=', hashToken(token))
        .executeTakeFirst();
      if (!row) return;
      const at = now();
      if (sessionEnded(row, at) || row.active !== 1) {
        await db.deleteFrom('sessions').where('id', '=', row.sessionId).execute();
        return;
      }
      if (at - row.last_seen_at >= SEEN_REFRESH_MS) {
        await db
          .updateTable('sessions')
          .set({ last_seen_at: at })
          .where('id', '=', row.sessionId)
          .where('last_seen_at', '<', at)
          .execute();
      }
      const staff: Staff = {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        mallId: row.mall_id,
        agencyId: row.agency_id,
        sessionId: row.sessionId,
        mustChangePassword: row.must_change_password === 1,
      };
      request.account = staff;
      request.staff = staff.mustChangePassword ? null : staff;
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);

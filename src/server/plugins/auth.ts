/**
 * Who is asking: the session cookie resolves to a staff member (request.staff) or to nobody.
 * Routes that need a person call requireStaff; what that person may do is decided in src/domain/access.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../domain/access.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';

export const SESSION_COOKIE = 'loket_sid';
export const SESSION_HOURS = 12;

export interface Staff extends Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: Staff | null;
  }
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

export function requireStaff(request: FastifyRequest): Staff {
  if (!request.staff) throw new AppError('unauthenticated');
  return request.staff;
}

export const authPlugin = fp<{ db: Kysely<DB>; now: () => number }>(
  async (app, { db, now }) => {
    app.decorateRequest('staff', null);
    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id as sessionId',
          'users.id',
          'users.username',
          'users.display_name',
          'users.role',
          'users.mall_id',
          'users.agency_id',
        ])
        .where('sessions.id', '=', hashToken(token))
        .where('sessions.expires_at', '>', now())
        .where('users.active', '=', 1)
        .executeTakeFirst();
      if (!row) return;
      request.staff = {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        mallId: row.mall_id,
        agencyId: row.agency_id,
        sessionId: row.sessionId,
      };
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);

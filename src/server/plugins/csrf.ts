/**
 * CSRF protection for requests that act with the session cookie. A state-changing request
 * (POST, PUT, PATCH, DELETE) that carries the session cookie must send the token from
 * GET /api/auth/csrf in the x-csrf-token header; another site can make the browser send the
 * cookie, but cannot read the token.
 *
 * The token is derived from the session cookie (a hash only its holder can compute), so it needs
 * no storage and holds in every process. Asked before signing in, the token is a random value
 * also set as a cookie (double submit), and stays good after signing in.
 * Requests without the session cookie (a kiosk issuing a ticket, a citizen's survey, signing in)
 * act for nobody and are not checked.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from './auth.js';

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'loket_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The token that goes with a session cookie's value. */
export function csrfTokenFor(sessionCookie: string): string {
  return createHash('sha256').update(`loket-csrf:${sessionCookie}`).digest('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function tokenAccepted(request: FastifyRequest, session: string): boolean {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent === '') return false;
  if (same(sent, csrfTokenFor(session))) return true;
  const pair = request.cookies[CSRF_COOKIE];
  return pair !== undefined && pair !== '' && same(sent, pair);
}

export const csrfPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request) => {
      if (!UNSAFE.has(request.method)) return;
      const session = request.cookies[SESSION_COOKIE];
      if (!session) return;
      if (!tokenAccepted(request, session)) throw new AppError('csrf_invalid');
    });

    app.get(
      '/api/auth/csrf',
      {
        schema: {
          tags: ['auth'],
          summary:
            'The token to send in the x-csrf-token header of state-changing requests made with the session cookie',
          response: { 200: Type.Object({ token: Type.String() }) },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const session = request.cookies[SESSION_COOKIE];
        if (session) return { token: csrfTokenFor(session) };
        let token = request.cookies[CSRF_COOKIE];
        if (!token) {
          token = randomBytes(24).toString('base64url');
          reply.setCookie(CSRF_COOKIE, token, {
            path: '/',
            httpOnly: true,
            sameSite: 'strict',
            secure: request.protocol === 'https',
          });
        }
        return { token };
      },
    );
  },
  { name: 'csrf', dependencies: ['@fastify/cookie'] },
);

/**
 * The web surface's guards, in one place: security headers with a strict Content-Security-Policy,
 * per-address rate limits on the public endpoints, and CSRF checks (csrf.ts).
 *
 * The limits are far above what a mall's normal use makes from one address (a kiosk prints a
 * ticket every ten seconds at most; a mall's kiosks may share one address behind its router),
 * and well below a script's flood. Each process counts on its own.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { csrfPlugin } from './csrf.js';

/** Requests per minute from one address. */
export const RATE_LIMITS: Record<string, number> = {
  'POST /api/malls/:mall/tickets': 120,
  'POST /api/tickets/:token/survey': 30,
  'POST /api/auth/login': 30,
  // generous: at a booking release many phones share one carrier address (CGNAT)
  'POST /api/malls/:mall/bookings': 120,
  'POST /api/malls/:mall/bookings/check-in': 120,
  'POST /api/malls/:mall/tickets/online': 120,
  'PUT /api/tickets/:token/contact': 30,
  // a complaint with photos is up to 15 MB: a handful a minute is plenty for one address
  'POST /api/malls/:mall/complaints': 20,
  'POST /api/complaints/:token/info': 30,
  'POST /api/complaints/:token/rating': 30,
  'POST /api/malls/:mall/services/:serviceId/questions': 20,
  // a real emergency is reported once; a button pressed over and over is a prank or a child
  'POST /api/malls/:mall/emergencies': 10,
};

/**
 * Scripts, styles, fonts and requests from this server only, images and sounds also inline;
 * never framed. No upgrade-insecure-requests: a mall's LAN may serve plain HTTP, and upgrading
 * its requests would break every screen. Written out once, not built per response.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join(';');

/** The path of the first string holding U+0000 in a parsed request part, or null. */
export function nulIn(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = nulIn(v, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

export const webSurfacePlugin = fp(
  async (app: FastifyInstance, options: { rateLimits: boolean }) => {
    await app.register(helmet, {
      contentSecurityPolicy: false,
      // the display and kiosk pages open no other windows; the ticket page is linked from a QR code
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'same-origin' },
    });
    // (set on the way in: the docs page replaces it with its own on the way out)
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    });
    if (options.rateLimits) {
      // set before the rate limiter's own onRoute hook reads it
      app.addHook('onRoute', (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) {
          const max = RATE_LIMITS[`${method} ${route.url}`];
          if (max !== undefined) route.config = { ...route.config, rateLimit: { max, timeWindow: 60_000 } };
        }
      });
      await app.register(rateLimit, {
        global: false,
        errorResponseBuilder: (_request, context) =>
          new AppError('rate_limited', { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
      });
    }
    await app.register(csrfPlugin);
    // PostgreSQL text cannot hold NUL: refused up front, on both engines, rather than failing late
    // (the address before anything looks a mall up by it, the body once it is parsed)
    app.addHook('onRequest', async (request) => {
      const field = nulIn(request.params, 'params') ?? nulIn(request.query, 'query');
      if (field !== null) throw new AppError('nul_character', { field });
    });
    app.addHook('preValidation', async (request) => {
      const field = nulIn(request.body, '');
      if (field !== null) throw new AppError('nul_character', { field });
    });
  },
  { name: 'web-surface', dependencies: ['@fastify/cookie'] },
);

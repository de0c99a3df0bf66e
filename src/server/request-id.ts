/**
 * One id per request, from the proxy to the log and back to the client: nginx sets X-Request-Id
 * (its `$request_id`, deploy/nginx/loket.conf), Loket takes it as the request's id — pino logs it
 * as `reqId` on every line of that request — and answers with it in X-Request-Id (and in the body
 * of a 5xx, errors.ts), so a citizen's or officer's report of an error leads to its log lines,
 * nginx's access log line included.
 *
 * The header is believed only with TRUST_PROXY, the same trust as X-Forwarded-For: then a proxy
 * that replaces whatever a client sent stands in front. Without one, clients reach the process
 * directly and could choose their ids — reuse another request's id to muddle a log search, or
 * spread one id over many requests — so every id is made here. Even from the proxy the value is
 * checked (length, characters): it lands in every log line and in a response header.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { randomPooled } from './ids.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An id we take as sent: 8 to 64 letters, digits and `._:-` — nginx's 32 hex digits, a UUID, most
 * proxies' and CDNs' ids. Shorter ones cannot tell requests apart; anything else (spaces, quotes,
 * a header sent twice, which Node joins with ", ") is not an id.
 */
const SANE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** A new id shaped as nginx's `$request_id`: 128 random bits in 32 hex digits. */
export const newRequestId = (): string => randomPooled(16).toString('hex');

export function isSaneRequestId(value: unknown): value is string {
  return typeof value === 'string' && SANE_ID.test(value);
}

/** Fastify's genReqId: the proxy's id when it is trusted and sane, else a new one. */
export function requestIdGenerator(trustProxy: boolean): (raw: IncomingMessage) => string {
  return (raw) => {
    const sent = trustProxy ? raw.headers[REQUEST_ID_HEADER] : undefined;
    return isSaneRequestId(sent) ? sent : newRequestId();
  };
}

/** Every answer carries its request's id; registered first, so even a 503 or 429 refused early does. */
export const requestIdPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', (request, reply, done) => {
      reply.header(REQUEST_ID_HEADER, request.id);
      done();
    });
  },
  { name: 'request-id' },
);

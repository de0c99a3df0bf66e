/**
 * The audit trail (issue #6 point 3): every state-changing request (POST, PUT, PATCH, DELETE) of a
 * signed-in staff member is recorded after its answer has gone out — who, what, when, from where,
 * with what outcome — by one onResponse hook, so a new route is never silently unaudited. A
 * sign-in, which has nobody signed in yet, is recorded through request.auditSignIn, set by the
 * sign-in route with the outcome only the auth service knows.
 *
 * The action's name: the route's config.audit when it gives one, else the ACTIONS table below,
 * else a name derived from the URL pattern (POST /api/malls/:mall/admin/agencies →
 * agency.create). The exact method and pattern are stored beside it (route). Citizens' routes
 * that a staff member's browser may also call (a ticket from the kiosk, the survey tablet at a
 * counter) say audit: false, or are null in ACTIONS.
 *
 * What is stored of the request body (detail) has its secrets removed (passwords, tokens) and NIK
 * and phone numbers masked; its size is capped. A failed write is logged, never thrown: the
 * staff member's action has already happened and been answered.
 */
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Insertable } from 'kysely';
import { maskPersonalData } from '../../domain/personal-data.js';
import type { AuditLogTable } from '../db/schema.js';
import { newId } from '../ids.js';

export type NewAuditRow = Insertable<AuditLogTable>;

/** The account a sign-in attempt's username names. */
export interface AuditAccount {
  id: string;
  mall_id: string;
  agency_id: string | null;
}

/** Where the trail is written: insert only (modules/audit/repository.ts). */
export interface AuditStore {
  insert(row: NewAuditRow): Promise<void>;
  /** the account of a username (trimmed, lower-cased), for sign-in attempts */
  accountByUsername(username: string): Promise<AuditAccount | undefined>;
}

/** The outcomes of a sign-in attempt, as the auth service tells them. */
export type SignInAction = 'auth.login' | 'auth.login_failed' | 'auth.locked_out' | 'auth.login_while_locked';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The audit action of this route, e.g. 'agency.create'; false for a citizen's route that is
     * no staff action even when a staff member's browser calls it. Unset: ACTIONS, else derived.
     */
    audit?: string | false;
    /**
     * The body fields the trail keeps (all, scrubbed, when unset): a complaint filed for a citizen
     * keeps what it was about, never who filed it.
     */
    auditFields?: readonly string[];
  }
  interface FastifyRequest {
    /** set by the sign-in route: the attempt's outcome, recorded instead of a staff action */
    auditSignIn: { action: SignInAction; username: string } | null;
    /** what the answer said that the trail keeps: the ticket acted on, the id created, the error code */
    auditResult: AuditResult | null;
  }
  interface FastifyInstance {
    /** resolves once every audit row written so far is stored (tests; closing waits for it too) */
    auditIdle(): Promise<void>;
  }
}

interface AuditResult {
  ticketId?: string;
  number?: string;
  id?: string;
  error?: string;
}

/**
 * Readable names of the routes whose derived name would say less (or the wrong thing), and null
 * for the routes the generic hook leaves alone: the sign-in (recorded through auditSignIn) and
 * citizens' actions.
 */
export const ACTIONS: Record<string, string | null> = {
  'POST /api/auth/login': null,
  'POST /api/auth/logout': 'auth.logout',
  'POST /api/auth/logout-all': 'auth.logout_all',
  'POST /api/auth/password': 'auth.password_change',
  'POST /api/malls/:mall/tickets': null,
  'POST /api/tickets/:token/survey': null,
  'PUT /api/malls/:mall/opening-hours': 'mall.opening_hours',
  'PUT /api/malls/:mall/admin/settings': 'mall.settings',
  'POST /api/malls/:mall/counters/:counterId/call-next': 'ticket.call_next',
  'POST /api/malls/:mall/counters/:counterId/call': 'ticket.call',
  'POST /api/malls/:mall/skm/responses': 'skm.paper_entry',
  'POST /api/malls/:mall/skm/publications': 'skm.publication.publish',
  'DELETE /api/malls/:mall/skm/publications/:id': 'skm.publication.unpublish',
};

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const METHOD_VERB: Record<string, string> = { POST: 'create', PUT: 'set', PATCH: 'update', DELETE: 'delete' };

const singular = (noun: string): string =>
  noun.endsWith('ies')
    ? `${noun.slice(0, -3)}y`
    : noun.endsWith('s') && !noun.endsWith('ss')
      ? noun.slice(0, -1)
      : noun;

/**
 * A name from the URL pattern: nouns joined by dots, then the verb. A literal last segment after a
 * parameter is the verb (tickets/:id/no-show → ticket.no_show); otherwise the method gives it
 * (POST skm/followups → skm.followup.create, PATCH skm/followups/:id → skm.followup.update,
 * PUT opening-hours → opening_hours.set). /api, /malls/:mall and /admin are left out.
 */
export function deriveAction(method: string, url: string): string {
  const parts = url.split('/').filter((p) => p !== '' && p !== 'api');
  if (parts[0] === 'malls' && parts[1] === ':mall') parts.splice(0, 2);
  // the admin screens' namespace says nothing of what was done
  if (parts[0] === 'admin' && parts.length > 1) parts.shift();
  const word = (p: string) => p.replaceAll('-', '_').toLowerCase();
  const last = parts.length - 1;
  const names: string[] = [];
  let verb = METHOD_VERB[method] ?? method.toLowerCase();
  parts.forEach((p, i) => {
    if (p.startsWith(':')) return;
    const next = parts[i + 1];
    if (i === last && i > 0 && parts[i - 1]?.startsWith(':')) {
      verb = word(p);
    } else if (next?.startsWith(':') || (i === last && method === 'POST')) {
      names.push(singular(word(p)));
    } else {
      names.push(word(p));
    }
  });
  return [...names, verb].join('.');
}

/** The action of a staff request, or null when the route is no staff action. */
export function auditAction(method: string, url: string, configured?: string | false): string | null {
  if (configured === false) return null;
  if (configured) return configured;
  const key = `${method} ${url}`;
  if (key in ACTIONS) return ACTIONS[key] ?? null;
  return deriveAction(method, url);
}

// ---- personal data and secrets -------------------------------------------------------------

export { maskPersonalData };

const SECRET_KEY = /passw|secret|token|cookie|authori[sz]ation|credential|hash|api_?key|^otp$|^pin$/i;
/** keys whose whole value is personal: masked whatever its format */
const PERSONAL_KEY = /^(nik|ktp|no_?ktp|phone|telepon|telp|no_?hp|hp|whatsapp|wa)$/i;
/** identifiers are not personal data, and masking them would garble them */
const ID_KEY = /(^id$|Id$|Ids$)/;
const maskWhole = (value: string): string =>
  value.length > 8 ? `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}` : '*'.repeat(value.length);

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** PostgreSQL text refuses NUL; no control character belongs in a log */
const clean = (s: string): string => s.replace(CONTROL, '');

const REDACTED = '[redacted]';

interface Limits {
  string: number;
  items: number;
  depth: number;
}

function scrub(value: unknown, key: string, limits: Limits, depth: number): unknown {
  if (key && SECRET_KEY.test(key)) return REDACTED;
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // a NIK or a phone number sent as a number
    const masked = ID_KEY.test(key) ? null : maskPersonalData(String(value));
    return masked && masked !== String(value) ? masked : value;
  }
  if (typeof value === 'string') {
    let s = clean(value);
    if (s.length > limits.string) s = `${s.slice(0, limits.string)}…`;
    if (ID_KEY.test(key)) return s;
    return PERSONAL_KEY.test(key) ? maskWhole(s) : maskPersonalData(s);
  }
  if (depth >= limits.depth) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, limits.items).map((v) => scrub(v, key, limits, depth + 1));
    if (value.length > limits.items) items.push(`… ${value.length - limits.items} more`);
    return items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    let n = 0;
    for (const [k, v] of Object.entries(value)) {
      if (n++ >= limits.items) {
        out['…'] = 'more fields left out';
        break;
      }
      out[clean(k).slice(0, 100)] = scrub(v, k, limits, depth + 1);
    }
    return out;
  }
  return null;
}

/** Most a detail may take, as JSON text. */
export const DETAIL_MAX = 4096;

/**
 * A request body as the trail keeps it: secrets replaced by "[redacted]", NIK and phone numbers
 * masked, long strings and lists cut, at most DETAIL_MAX characters of JSON. null for no body.
 */
export function auditDetail(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (Buffer.isBuffer(body)) return JSON.stringify({ bytes: body.length });
  for (const limits of [
    { string: 500, items: 50, depth: 6 },
    { string: 100, items: 10, depth: 4 },
  ]) {
    const json = JSON.stringify(scrub(body, '', limits, 0));
    if (json.length <= DETAIL_MAX) return json;
  }
  const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body).slice(0, 50) : [];
  return JSON.stringify({ truncated: true, fields: keys.map((k) => clean(k).slice(0, 100)) });
}

/** Only the named fields of an object body, when the route names them. */
function pick(body: unknown, fields: readonly string[] | undefined): unknown {
  if (!fields || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  const source = body as Record<string, unknown>;
  return Object.fromEntries(fields.filter((f) => f in source).map((f) => [f, source[f]]));
}

/** The route's parameters without the mall (the row has it) and without secrets, with what the answer said. */
function auditTarget(request: FastifyRequest): string | null {
  const target: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((request.params as Record<string, unknown> | undefined) ?? {})) {
    if (k === 'mall') continue;
    target[k] = SECRET_KEY.test(k) ? REDACTED : typeof v === 'string' ? clean(v).slice(0, 200) : v;
  }
  const result = request.auditResult;
  if (result?.ticketId && target.id !== result.ticketId) target.ticketId = result.ticketId;
  if (result?.number) target.number = result.number;
  if (result?.id && target.id === undefined) target.id = result.id;
  return Object.keys(target).length ? JSON.stringify(target) : null;
}

const UA_MAX = 256;
const userAgent = (request: FastifyRequest): string | null => {
  const ua = request.headers['user-agent'];
  return typeof ua === 'string' && ua ? clean(ua).slice(0, UA_MAX) : null;
};

/** What an answer tells the trail: the ticket acted on and its number, the id created, or the error code. */
function resultOf(payload: unknown): AuditResult | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const p = payload as Record<string, unknown>;
  const result: AuditResult = {};
  const ticket = p.ticket as Record<string, unknown> | undefined;
  if (ticket && typeof ticket === 'object') {
    if (typeof ticket.id === 'string') result.ticketId = ticket.id;
    if (typeof ticket.number === 'string') result.number = ticket.number;
  }
  if (typeof p.id === 'string') result.id = p.id;
  if (typeof p.error === 'string') result.error = p.error;
  return result;
}

export const auditPlugin = fp<{ store: AuditStore; now: () => number }>(
  async (app, { store, now }) => {
    app.decorateRequest('auditSignIn', null);
    app.decorateRequest('auditResult', null);

    const pending = new Set<Promise<void>>();
    const track = (write: () => Promise<void>) => {
      const job: Promise<void> = write()
        .catch((error: unknown) => app.log.error({ err: error }, 'audit: writing the trail failed'))
        .finally(() => pending.delete(job));
      pending.add(job);
    };
    app.decorate('auditIdle', async () => {
      while (pending.size) await Promise.all([...pending]);
    });
    app.addHook('onClose', async () => app.auditIdle());

    app.addHook('preSerialization', async (request, _reply, payload) => {
      if (CHANGING.has(request.method)) request.auditResult = resultOf(payload);
      return payload;
    });

    app.addHook('onResponse', async (request, reply) => {
      try {
        const at = now();
        const pattern = request.routeOptions.url;
        const route = pattern ? `${request.method} ${pattern}` : null;
        const base = {
          at,
          route,
          status_code: reply.statusCode,
          error: request.auditResult?.error ?? null,
          ip: request.ip ? clean(request.ip).slice(0, 64) : null,
          user_agent: userAgent(request),
        };
        const signIn = request.auditSignIn;
        if (signIn) {
          const typed = clean(signIn.username).slice(0, 100);
          // taken now, not after the lookup: ids keep the order the attempts were answered in
          const id = newId();
          track(async () => {
            const account = await store.accountByUsername(typed.trim().toLowerCase());
            await store.insert({
              id,
              mall_id: account?.mall_id ?? null,
              actor_id: account?.id ?? null,
              actor_username: typed,
              actor_agency_id: account?.agency_id ?? null,
              action: signIn.action,
              target: null,
              detail: null,
              ...base,
            });
          });
          return;
        }
        const actor = request.account;
        if (!actor || !pattern || !CHANGING.has(request.method)) return;
        const action = auditAction(request.method, pattern, request.routeOptions.config?.audit);
        if (!action) return;
        const row: NewAuditRow = {
          id: newId(),
          mall_id: request.mall?.id ?? actor.mallId,
          actor_id: actor.id,
          actor_username: actor.username,
          actor_agency_id: actor.agencyId,
          action,
          target: auditTarget(request),
          detail: auditDetail(pick(request.body, request.routeOptions.config?.auditFields)),
          ...base,
        };
        track(() => store.insert(row));
      } catch (error) {
        request.log.error({ err: error }, 'audit: recording failed');
      }
    });
  },
  { name: 'audit', dependencies: ['auth'] },
);

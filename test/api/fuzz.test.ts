/**
 * Random and malformed requests over every API route (issue #6): odd path segments, SQL and LIKE
 * metacharacters, huge numbers, broken JSON, wrong content types, strange headers, with and
 * without a session. None may answer 500, and none that is refused (4xx) may change stored data.
 *
 * Left out of "stored data": the audit trail and the sign-in failure counts, which record refused
 * attempts on purpose, and the reports' stored tallies, which are derived.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const TABLES = [
  'malls',
  'agencies',
  'services',
  'zones',
  'counters',
  'counter_services',
  'users',
  'sessions',
  'tickets',
  'ticket_events',
  'ticket_sequences',
  'service_day_counts',
  'announcements',
  'skm_responses',
  'skm_followups',
  'skm_publications',
  'visits',
  'special_days',
] as const;

const NASTY = [
  "' OR 1=1 --",
  '"; DROP TABLE tickets; --',
  '%',
  '_',
  '\\',
  '%_%',
  '../../etc/passwd',
  '\u0000',
  'null',
  'undefined',
  '[]',
  '{}',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  '2026-02-30',
  '2026-13',
  '2026-Q5',
  '<script>alert(1)</script>',
  'ü̈ ✓ 𝔘',
  ' ',
  'a'.repeat(5000),
];

const QUERY_KEYS = [
  'period',
  'from',
  'to',
  'agencyId',
  'serviceId',
  'counterId',
  'officerId',
  'q',
  'measure',
  'granularity',
  'zone',
  'lang',
  'targetWaitMinutes',
  'limit',
  'cursor',
  'page',
  'action',
  'actorId',
  'date',
];

const BODY_KEYS = [
  'serviceId',
  'priority',
  'ticketId',
  'username',
  'password',
  'currentPassword',
  'newPassword',
  'answers',
  'respondent',
  'suggestion',
  'text',
  'name',
  'shortName',
  'code',
  'prefix',
  'dailyQuota',
  'standard',
  'weekly',
  'date',
  'from',
  'to',
  'spans',
  'note',
  'role',
  'agencyId',
  'serviceIds',
  'zoneId',
  'number',
  'active',
];

describe.each(ENGINES)('every route under random and malformed requests, on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let known: string[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    const counters = json(await t.app.inject('/api/malls/blora/counters'));
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const serviceId = counters[0].serviceIds[0];
    const ticket = json(
      await t.app.inject({ method: 'POST', url: '/api/malls/blora/tickets', payload: { serviceId } }),
    );
    known = ['blora', agencies[0].id, serviceId, counters[0].id, ticket.id, ticket.token, '2026-11-30'];
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = async () => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(
        t.ctx.database.db,
      );
      counts[table] = Number(r.rows[0]?.n);
    }
    // and what a refused change could have touched in place
    const changed = await sql<{ n: number | string | null }>`
      SELECT (SELECT max(updated_at) FROM tickets) + (SELECT count(*) FROM tickets WHERE status <> 'waiting') AS n`.execute(
      t.ctx.database.db,
    );
    counts.ticketChanges = Number(changed.rows[0]?.n ?? 0);
    return counts;
  };

  it('never answers 500, and a refused request changes nothing', async () => {
    // streams stay open by design; the docs are a static page
    const routes = t.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/') &&
        !r.url.endsWith('/events') &&
        !r.url.startsWith('/api/docs') &&
        !['HEAD', 'OPTIONS'].includes(r.method),
    );
    expect(routes.length).toBeGreaterThan(60);
    const segment = fc.oneof(
      fc.constantFrom(...known),
      fc.constantFrom(...NASTY),
      fc.string({ maxLength: 40 }),
      fc.integer().map(String),
    );
    const value = fc.oneof(
      segment,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(segment, { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...BODY_KEYS), segment, { maxKeys: 3 }),
    );
    const request = fc.record({
      route: fc.constantFrom(...routes),
      otherMethod: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), { freq: 5 }),
      params: fc.array(segment, { minLength: 4, maxLength: 4 }),
      query: fc.dictionary(fc.constantFrom(...QUERY_KEYS), segment, { maxKeys: 4 }),
      body: fc.oneof(
        fc.constant(undefined),
        fc.dictionary(fc.constantFrom(...BODY_KEYS), value, { maxKeys: 6 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.constantFrom('{', '{"serviceId":', 'null', '[]', '"text"', '\u0000', 'a=1&b=2'),
      ),
      contentType: fc.constantFrom(
        'application/json',
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        undefined,
      ),
      cookie: fc.constantFrom(undefined, 'admin', 'loket_sid=tidak-ada', 'loket_sid='),
      lang: fc.constantFrom(undefined, 'en', 'id', 'xx;q=abc', '*'),
    });

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let i = 0;
        const url = r.route.url.replace(/:[A-Za-z]+/g, () => encodeURIComponent(r.params[i++] ?? ''));
        const query = new URLSearchParams(r.query).toString();
        const method = (r.otherMethod ?? r.route.method) as 'GET';
        const body = typeof r.body === 'string' || r.body === undefined ? r.body : JSON.stringify(r.body);
        const headers: Record<string, string> = {};
        if (r.contentType && body !== undefined) headers['content-type'] = r.contentType;
        if (r.cookie) headers.cookie = r.cookie === 'admin' ? admin : r.cookie;
        if (r.lang) headers['accept-language'] = r.lang;
        const before = await stored();
        const res = await t.app.inject({
          method,
          url: query ? `${url}?${query}` : url,
          headers,
          ...(body !== undefined && method !== 'GET' ? { payload: body } : {}),
        });
        const what = `${method} ${url}?${query} ${body?.slice(0, 200) ?? ''} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, what).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(await stored(), what).toEqual(before);
          // an error in the caller's language, saying what was wrong
          expect(typeof json(res).message, what).toBe('string');
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});

/**
 * SQL metacharacters in every filter (issue #6): quotes, comments, LIKE wildcards and statement
 * separators in the search words and the id and date filters are taken as text. They match
 * nothing they do not literally contain, change nothing, and never answer 500.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const INJECTIONS = ["' OR '1'='1", "'; DELETE FROM tickets; --", '%', '_', '%%', '\\', '" OR ""="', ') OR (1=1', '*'];

describe.each(ENGINES)('SQL metacharacters in the filters on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    viewer = await t.login('pimpinan');
    const counter = json(await t.app.inject('/api/malls/blora/counters'))[0];
    for (let i = 0; i < 3; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/malls/blora/tickets',
        payload: { serviceId: counter.serviceIds[0] },
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async (table: 'tickets' | 'services' | 'audit_log') =>
    Number(
      (await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.ctx.database.db))
        .rows[0]?.n,
    );

  it('takes them as text in every filter', async () => {
    const before = { tickets: await count('tickets'), services: await count('services') };
    const allServices = json(await t.app.inject('/api/malls/blora/services')).length;
    for (const bad of INJECTIONS) {
      const q = encodeURIComponent(bad);
      // catalog search: words match word starts; punctuation is no word
      const found = await t.app.inject(`/api/malls/blora/services?q=${q}`);
      expect(found.statusCode, bad).toBeLessThan(500);
      // (search words are letters and digits: punctuation alone is an empty search, the whole list)
      const words = /[\p{L}\p{N}]/u.test(bad);
      if (words) expect(json(found).length, bad).toBeLessThan(allServices);
      else expect(json(found).length, bad).toBe(allServices);
      expect((await t.app.inject(`/api/malls/blora/services?agencyId=${q}`)).statusCode, bad).not.toBe(500);
      // the audit trail's text search is literal: nobody wrote these
      const audit = await t.app.inject({ url: `/api/malls/blora/audit?q=${q}`, headers: { cookie: admin } });
      expect(audit.statusCode, bad).toBe(200);
      const items = json(audit).items ?? json(audit);
      for (const e of items) expect(JSON.stringify(e).includes(bad), `${bad} in ${JSON.stringify(e)}`).toBe(true);
      // ids and dates in the report filters: 400 or 404, never the whole mall
      for (const key of ['agencyId', 'serviceId', 'counterId', 'officerId']) {
        const res = await t.app.inject({
          url: `/api/malls/blora/performance?period=2026-11&${key}=${q}`,
          headers: { cookie: viewer },
        });
        expect([400, 404], `${key}=${bad}: ${res.statusCode}`).toContain(res.statusCode);
        const skm = await t.app.inject(`/api/malls/blora/skm?period=2026-11&${key}=${q}`);
        expect([400, 404], `skm ${key}=${bad}: ${skm.statusCode}`).toContain(skm.statusCode);
      }
      for (const key of ['from', 'to', 'period']) {
        const res = await t.app.inject({
          url: `/api/malls/blora/performance?${key}=${q}`,
          headers: { cookie: viewer },
        });
        expect(res.statusCode, `${key}=${bad}`).toBe(400);
      }
      expect((await t.app.inject(`/api/tickets/${q}`)).statusCode, bad).toBe(404);
    }
    expect({ tickets: await count('tickets'), services: await count('services') }).toEqual(before);
  });
});

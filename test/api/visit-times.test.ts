/**
 * Time in the mall per visit (issue #13, point 4) through GET /performance/visits, on SQLite and
 * PostgreSQL: a plain ticket and a two-agency visit served on a test clock, measured from the
 * number taken to the last service done, per number of services, per week, and for an agency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const MIN = 60_000;

describe.each(ENGINES)('time in the mall per visit on %s', (engine) => {
  let t: TestApp;
  const officers: Record<string, string> = {};
  const services: Record<string, string> = {};
  const agencies: Record<string, string> = {};
  const counters: Record<string, string> = {};
  let viewer: string;

  const at = (minute: number) => {
    t.clock.now = MONDAY_9AM + minute * MIN;
  };
  const post = (agency: string, url: string) =>
    t.app.inject({ method: 'POST', url: `/api/malls/blora${url}`, headers: { cookie: officers[agency] as string } });
  const serve = async (agency: string, from: number, to: number) => {
    at(from);
    const res = await post(agency, `/counters/${counters[agency]}/call-next`);
    expect(res.statusCode, res.body).toBe(200);
    const { id } = json(res).ticket;
    await post(agency, `/tickets/${id}/start`);
    at(to);
    expect((await post(agency, `/tickets/${id}/finish`)).statusCode).toBe(200);
  };
  const figures = async (query: string, cookie = viewer) =>
    t.app.inject({ url: `/api/malls/blora/performance/visits?${query}`, headers: { cookie } });

  beforeAll(async () => {
    t = await startTestApp(engine);
    const list = json(await t.app.inject('/api/malls/blora/agencies'));
    const allCounters = json(await t.app.inject('/api/malls/blora/counters'));
    for (const code of ['dindukcapil', 'bpjskes', 'samsat']) {
      const agency = list.find((a: any) => a.code === code);
      const counter = allCounters.find((c: any) => c.agencyId === agency.id);
      const own = json(await t.app.inject(`/api/malls/blora/services?agencyId=${agency.id}`));
      services[code] = own.find((s: any) => counter.serviceIds.includes(s.id) && s.dailyQuota === null).id;
      agencies[code] = agency.id;
      counters[code] = counter.id;
      officers[code] = await t.login(`petugas.${code}`);
    }
    viewer = await t.login('pimpinan');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('measures each visit from the number taken to the last service done', async () => {
    const today = '2026-11-30';
    const before = json(await figures(`from=${today}&to=${today}`));
    expect(before.visits).toBe(0); // the demo's history ends yesterday

    at(0);
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/tickets',
      payload: { serviceId: services.samsat },
    });
    expect(plain.statusCode).toBe(201);
    const route = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/tickets',
      payload: { serviceIds: [services.dindukcapil, services.bpjskes] },
    });
    expect(route.statusCode).toBe(201);
    await serve('samsat', 2, 20); // plain: 20 minutes in the mall
    await serve('dindukcapil', 5, 30);
    // half-way through the visit it is not over: not counted yet
    expect(json(await figures(`from=${today}&to=${today}`)).visits).toBe(1);
    await serve('bpjskes', 31, 50); // the visit: 50 minutes for two services

    const all = json(await figures(`from=${today}&to=${today}`));
    expect(all).toMatchObject({ period: { from: today, to: today }, visits: 2, meanMinutes: 35, medianMinutes: 35 });
    expect(all.byStops).toEqual([
      { stops: 1, visits: 1, meanMinutes: 20, medianMinutes: 20, p90Minutes: 20 },
      { stops: 2, visits: 1, meanMinutes: 50, medianMinutes: 50, p90Minutes: 50 },
    ]);
    expect(all.weeks).toEqual([
      expect.objectContaining({
        from: today,
        to: '2026-12-06',
        visits: 2,
        multiStop: { visits: 1, meanMinutes: 50, medianMinutes: 50, p90Minutes: 50 },
      }),
    ]);
    // an agency's figures are the whole visits that passed through it
    const bpjs = json(await figures(`from=${today}&to=${today}&agencyId=${agencies.bpjskes}`));
    expect(bpjs.byStops).toEqual([{ stops: 2, visits: 1, meanMinutes: 50, medianMinutes: 50, p90Minutes: 50 }]);
    const samsat = json(await figures(`from=${today}&to=${today}&serviceId=${services.samsat}`));
    expect(samsat).toMatchObject({ visits: 1, meanMinutes: 20 });
  });

  it('answers a wrong query with what was wrong, and an officer with 403', async () => {
    expect((await figures('period=2026-13')).statusCode).toBe(400);
    expect((await figures('period=2026-11&agencyId=no-such-agency')).statusCode).toBe(404);
    expect((await figures('period=2026-11', officers.samsat)).statusCode).toBe(403);
    expect((await t.app.inject('/api/malls/blora/performance/visits?period=2026-11')).statusCode).toBe(401);
  });
});

/**
 * The wait estimate through the HTTP contract (issue #12), on SQLite and PostgreSQL: on every ticket
 * and in the availability, following counters that open and close (and the ticket page's stream),
 * stored at issue and when shown, held against the waits in the accuracy report, and the typical
 * wait by weekday and hour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accuracy } from '../../src/domain/estimate.js';
import { seedHistory } from '../../src/server/db/seed/history.js';
import { json, MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { connectSse } from '../support/sse.js';

const MIN = 60_000;

describe.each(ENGINES)('wait estimates on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let officer: string;
  let viewer: string;
  let polresAdmin: string;
  let serviceId: string;
  let counterIds: string[];

  const issue = async (body: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/tickets',
      payload: { serviceId, ...body },
    });
    expect(res.statusCode).toBe(201);
    return json(res);
  };
  const presence = async (counterId: string, state: string, cookie = officer) =>
    t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/counters/${counterId}/presence`,
      headers: { cookie },
      payload: { state },
    });
  const ticket = async (token: string) => json(await t.app.inject(`/api/tickets/${token}`));
  const callNext = async (counterId: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/counters/${counterId}/call-next`,
      headers: { cookie: officer },
    });
    return res.statusCode === 204 ? null : json(res);
  };
  const act = (id: string, action: string) =>
    t.app.inject({ method: 'POST', url: `/api/malls/blora/tickets/${id}/${action}`, headers: { cookie: officer } });

  beforeAll(async () => {
    t = await startTestApp(engine);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    officer = await t.login('petugas.dindukcapil');
    viewer = await t.login('pimpinan');
    polresAdmin = await t.login('admin.polres');
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const dk = agencies.find((a: any) => a.code === 'dindukcapil');
    const counters = json(await t.app.inject('/api/malls/blora/counters')).filter((c: any) => c.agencyId === dk.id);
    // a service two Dindukcapil counters serve
    const services = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dk.id}`));
    const shared = services.find((s: any) => counters.filter((c: any) => c.serviceIds.includes(s.id)).length >= 2);
    expect(shared, 'the demo has a Dindukcapil service two counters serve').toBeDefined();
    serviceId = shared.id;
    counterIds = counters.filter((c: any) => c.serviceIds.includes(serviceId)).map((c: any) => c.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says why there is none while no counter is open, and gives one once a counter opens', async () => {
    const first = await issue();
    expect(first).toMatchObject({ estimate: null, estimateReason: 'no_counter_open' });
    expect(await ticket(first.token)).toMatchObject({ estimate: null, estimateReason: 'no_counter_open' });

    const opened = await presence(counterIds[0] as string, 'open');
    expect(opened.statusCode).toBe(200);
    expect(json(opened)).toEqual({ counterId: counterIds[0], state: 'open', since: MONDAY_9AM });

    const view = await ticket(first.token);
    expect(view.estimateReason).toBeNull();
    expect(view.estimate).toMatchObject({ waitMinutes: expect.any(Number), callAt: expect.any(Number) });
    // one counter open, free, and one citizen: called at once
    expect(view.estimate.waitMinutes).toBe(0);

    const second = await issue();
    const third = await issue({ priority: null });
    expect(second.estimate.waitMinutes).toBeGreaterThan(0);
    expect(third.estimate.waitMinutes).toBeGreaterThan(second.estimate.waitMinutes);
    for (const e of [second.estimate, third.estimate]) {
      expect(e.lowMinutes).toBeLessThanOrEqual(e.waitMinutes);
      expect(e.highMinutes).toBeGreaterThanOrEqual(e.waitMinutes);
      // callAt is the unrounded point: within half a minute of now + waitMinutes
      expect(Math.abs(e.callAt - (MONDAY_9AM + e.waitMinutes * MIN))).toBeLessThanOrEqual(30_000);
    }
    // a priority ticket goes before the regular ones
    const lansia = await issue({ priority: 'lansia' });
    expect(lansia.estimate.waitMinutes).toBeLessThan(third.estimate.waitMinutes);

    // the estimate given at issue is kept, with the baseline's
    const stored = await t.ctx.database.db
      .selectFrom('ticket_estimates')
      .selectAll()
      .where('ticket_id', '=', third.id)
      .where('kind', '=', 'issue')
      .executeTakeFirstOrThrow();
    expect(Number(stored.wait_ms)).toBeGreaterThan(0);
    expect(Number(stored.given_at)).toBe(MONDAY_9AM);
    expect(stored.baseline_ms).not.toBeNull();
  });

  it('moves with the counters: a second one shortens it, closing one lengthens it, and the ticket page hears so', async () => {
    const mine = await issue();
    const oneCounter = (await ticket(mine.token)).estimate.waitMinutes;
    const stream = await connectSse(`${base}/api/tickets/${mine.token}/events`);
    await stream.next((e) => e.event === 'status');

    expect((await presence(counterIds[1] as string, 'open')).statusCode).toBe(200);
    const twoCounters = (await ticket(mine.token)).estimate.waitMinutes;
    expect(twoCounters).toBeLessThan(oneCounter);
    const heard = await stream.next((e) => e.event === 'status' && e.data.estimate?.waitMinutes === twoCounters);
    expect(heard.data.peopleAhead).toBeGreaterThan(0);

    expect((await presence(counterIds[1] as string, 'break')).statusCode).toBe(200);
    const onBreak = (await ticket(mine.token)).estimate.waitMinutes;
    expect(onBreak).toBeGreaterThan(twoCounters);
    expect((await presence(counterIds[1] as string, 'closed')).statusCode).toBe(200);
    expect((await ticket(mine.token)).estimate.waitMinutes).toBe(oneCounter);
    await stream.next((e) => e.event === 'status' && e.data.estimate?.waitMinutes === oneCounter);
    stream.close();

    // the availability gives each service's estimate for a ticket taken now
    const availability = json(await t.app.inject('/api/malls/blora/availability'));
    const mineThere = availability.services.find((s: any) => s.serviceId === serviceId);
    expect(mineThere.estimatedWaitMinutes).toBeGreaterThan(oneCounter);
    expect(mineThere.estimateLowMinutes).toBeLessThanOrEqual(mineThere.estimatedWaitMinutes);
    expect(mineThere.estimateReason).toBeNull();
    const elsewhere = availability.services.find((s: any) => s.estimateReason === 'no_counter_open');
    expect(elsewhere.estimatedWaitMinutes).toBeNull();
  });

  it('refuses a presence that is not one, or a counter of another agency, changing nothing', async () => {
    const bad = await presence(counterIds[0] as string, 'lunch');
    expect(bad.statusCode).toBe(400);
    expect(json(bad).field).toBe('state');
    expect((await presence(counterIds[0] as string, 'closed', polresAdmin)).statusCode).toBe(403);
    const unknown = await presence('no-such-counter', 'open');
    expect(unknown.statusCode).toBe(404);
    const queue = json(
      await t.app.inject({ url: `/api/malls/blora/counters/${counterIds[0]}/queue`, headers: { cookie: officer } }),
    );
    expect(queue.counter.presence).toEqual({ state: 'open', since: MONDAY_9AM });
  });

  it('holds the estimates given against the waits that followed, beside the baseline', async () => {
    // serve the line at counter 0, ten minutes each, with its estimate shown to each ticket first
    for (let round = 0; round < 12; round++) {
      const line = await t.ctx.database.db
        .selectFrom('tickets')
        .select(['token'])
        .where('status', '=', 'waiting')
        .execute();
      for (const { token } of line) await ticket(token);
      const called = await callNext(counterIds[0] as string);
      if (!called?.ticket) break;
      await act(called.ticket.id, 'start');
      t.clock.now += 10 * MIN;
      await act(called.ticket.id, 'finish');
    }
    const given = await t.ctx.database.db
      .selectFrom('ticket_estimates as e')
      .innerJoin('visits as v', (j) =>
        j.onRef('v.ticket_id', '=', 'e.ticket_id').onRef('v.service_id', '=', 'e.service_id'),
      )
      .select(['e.kind', 'e.wait_ms', 'e.baseline_ms', 'e.given_at', 'v.called_at'])
      .where('v.called_at', 'is not', null)
      .execute();
    const issued = given.filter((g) => g.kind === 'issue' && g.baseline_ms !== null);
    expect(issued.length).toBeGreaterThanOrEqual(4);
    const pairs = (estimate: (g: (typeof given)[number]) => number) =>
      issued.map((g) => ({ estimateMs: estimate(g), actualMs: Number(g.called_at) - Number(g.given_at) }));
    const mine = accuracy(pairs((g) => Number(g.wait_ms)));
    const base = accuracy(pairs((g) => Number(g.baseline_ms)));

    const res = await t.app.inject({
      url: '/api/malls/blora/performance/estimates?period=2026-11',
      headers: { cookie: viewer },
    });
    expect(res.statusCode).toBe(200);
    const report = json(res);
    expect(report).toMatchObject({ period: { from: '2026-11-01', to: '2026-11-30' }, count: mine.count });
    expect(report.maeMinutes).toBeCloseTo(mine.maeMinutes as number, 9);
    expect(report.biasMinutes).toBeCloseTo(mine.biasMinutes as number, 9);
    expect(report.withinShare).toBeCloseTo(mine.withinShare as number, 9);
    expect(report.baseline.maeMinutes).toBeCloseTo(base.maeMinutes as number, 9);
    expect(report.services).toEqual([expect.objectContaining({ serviceId, count: mine.count })]);
    expect(report.weeks).toEqual([
      expect.objectContaining({ from: '2026-11-30', to: '2026-12-06', count: mine.count }),
    ]);
    // the last estimates shown before the call were kept too
    const lastShown = given.filter((g) => g.kind === 'last');
    expect(report.last.count).toBe(lastShown.length);
    expect(lastShown.length).toBeGreaterThan(0);

    // an agency's staff see their agency; an officer no report
    const dkAgency = report.services[0].agencyId;
    expect(
      (
        await t.app.inject({
          url: `/api/malls/blora/performance/estimates?period=2026-11&agencyId=${dkAgency}`,
          headers: { cookie: polresAdmin },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          url: '/api/malls/blora/performance/estimates?period=2026-11',
          headers: { cookie: officer },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      url: '/api/malls/blora/performance/estimates?period=2026-13',
      headers: { cookie: viewer },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('tells the typical wait by weekday and hour over the last eight weeks', async () => {
    await seedHistory(t.ctx.database.db, {
      mallSlug: 'blora',
      from: '2026-10-05',
      to: '2026-11-29',
      ticketsPerDay: 120,
      seed: 7,
      skmShare: 0,
    });
    const res = await t.app.inject(`/api/malls/blora/services/${serviceId}/typical-wait`);
    expect(res.statusCode).toBe(200);
    const typical = json(res);
    expect(typical).toMatchObject({ serviceId, from: '2026-10-05', to: '2026-11-29' });
    expect(typical.cells.length).toBeGreaterThan(5);
    // one cell computed by hand from the visits
    const cell = typical.cells.find((c: any) => c.visits >= 3) ?? typical.cells[0];
    const waits = (
      await t.ctx.database.db
        .selectFrom('visits')
        .select(['service_date', 'hour', 'entered_at', 'called_at'])
        .where('service_id', '=', serviceId)
        .where('service_date', '>=', '2026-10-05')
        .where('service_date', '<=', '2026-11-29')
        .where('hour', '=', cell.hour)
        .where('called_at', 'is not', null)
        .execute()
    )
      .filter(
        (v) =>
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][
            (new Date(`${v.service_date}T12:00:00Z`).getUTCDay() + 6) % 7
          ] === cell.weekday,
      )
      .map((v) => (Number(v.called_at) - Number(v.entered_at)) / MIN)
      .sort((a, b) => a - b);
    expect(cell.visits).toBe(waits.length);
    const at = (p: number) => {
      const i = (waits.length - 1) * p;
      const lo = Math.floor(i);
      return (waits[lo] as number) + ((waits[Math.ceil(i)] as number) - (waits[lo] as number)) * (i - lo);
    };
    expect(cell.medianMinutes).toBeCloseTo(at(0.5), 1);
    expect(cell.p80Minutes).toBeCloseTo(at(0.8), 1);
    expect(typical.accuracy).toMatchObject({ days: 7, count: expect.any(Number) });
    expect((await t.app.inject('/api/malls/blora/services/no-such-service/typical-wait')).statusCode).toBe(404);
  });

  it('says the mall is closed when it is', async () => {
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const admin = await t.login('admin');
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/malls/blora/opening-hours',
      headers: { cookie: admin },
      payload: { weekly: closed },
    });
    expect(res.statusCode).toBe(200);
    const availability = json(await t.app.inject('/api/malls/blora/availability'));
    expect(
      availability.services.every((s: any) => s.estimatedWaitMinutes === null && s.estimateReason === 'closed'),
    ).toBe(true);
  });
});

describe.each(ENGINES)('wait estimates under a burst on %s', (engine) => {
  it('a counter opening is in the very next estimate, however fresh the copy a burst may reuse', async () => {
    // as in production: copies may lag a burst of ticket moves
    const t = await startTestApp(engine, { estimateStaleMs: 1000 });
    try {
      const officer = await t.login('petugas.dindukcapil');
      const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
      const dk = agencies.find((a: any) => a.code === 'dindukcapil');
      const counter = json(await t.app.inject('/api/malls/blora/counters')).find((c: any) => c.agencyId === dk.id);
      const serviceId = counter.serviceIds[0];
      const issue = async () =>
        json(await t.app.inject({ method: 'POST', url: '/api/malls/blora/tickets', payload: { serviceId } }));
      expect(await issue()).toMatchObject({ estimate: null, estimateReason: 'no_counter_open' });
      const opened = await t.app.inject({
        method: 'POST',
        url: `/api/malls/blora/counters/${counter.id}/presence`,
        headers: { cookie: officer },
        payload: { state: 'open' },
      });
      expect(opened.statusCode).toBe(200);
      expect((await issue()).estimate).not.toBeNull();
    } finally {
      await t.close();
    }
  });
});

/**
 * One visit through several services (issue #13) through the HTTP contract, on SQLite and
 * PostgreSQL: one number waiting in several lines at once, called at one counter at a time without
 * losing its place elsewhere, taken whole or not at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

describe.each(ENGINES)('visits through several services on %s', (engine) => {
  let t: TestApp;
  const officers: Record<string, string> = {};
  const services: Record<string, { id: string; name: string }> = {};
  const counters: Record<string, string> = {};

  const issue = (payload: object) => t.app.inject({ method: 'POST', url: '/api/malls/blora/tickets', payload });
  const callNext = async (agency: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/counters/${counters[agency]}/call-next`,
      headers: { cookie: officers[agency] as string },
    });
    return res.statusCode === 204 ? null : json(res).ticket;
  };
  const act = (agency: string, id: string, action: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/tickets/${id}/${action}`,
      headers: { cookie: officers[agency] as string },
    });
  const page = async (token: string) => json(await t.app.inject(`/api/tickets/${token}`));
  const waitingCount = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'waiting')
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const allCounters = json(await t.app.inject('/api/malls/blora/counters'));
    for (const code of ['dindukcapil', 'bpjskes', 'samsat']) {
      const agency = agencies.find((a: any) => a.code === code);
      const counter = allCounters.find((c: any) => c.agencyId === agency.id);
      const list = json(await t.app.inject(`/api/malls/blora/services?agencyId=${agency.id}`));
      // a service its first counter serves, without a daily quota
      const service = list.find((s: any) => counter.serviceIds.includes(s.id) && s.dailyQuota === null);
      services[code] = service;
      counters[code] = counter.id;
      officers[code] = await t.login(`petugas.${code}`);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives one number for three agencies, waiting in all three lines at once', async () => {
    const before = json(await issue({ serviceId: services.bpjskes?.id }));
    const res = await issue({
      serviceIds: [services.dindukcapil?.id, services.bpjskes?.id, services.samsat?.id],
      priority: null,
    });
    expect(res.statusCode, res.body).toBe(201);
    const visit = json(res);
    expect(visit.serviceId).toBe(services.dindukcapil?.id);
    expect(visit.stops.map((s: any) => [s.serviceId, s.status, s.peopleAhead])).toEqual([
      [services.dindukcapil?.id, 'waiting', 0],
      [services.bpjskes?.id, 'waiting', 1], // behind the BPJS ticket taken before
      [services.samsat?.id, 'waiting', 0],
    ]);
    expect(visit.stops[1].serviceName).toBe(services.bpjskes?.name);
    const view = await page(visit.token);
    expect(view.number).toBe(visit.number);
    expect(view.stops).toHaveLength(3);
    // the old one-service form still works, as a one-stop visit
    expect(before.stops).toEqual([expect.objectContaining({ serviceId: services.bpjskes?.id, status: 'waiting' })]);
    // the citizen at KTP: BPJS skips them and calls the ticket behind, keeping their place
    const atDukcapil = await callNext('dindukcapil');
    expect(atDukcapil.number).toBe(visit.number);
    const first = await callNext('bpjskes');
    expect(first.id).toBe(before.id);
    const later = json(await issue({ serviceId: services.bpjskes?.id }));
    await act('bpjskes', first.id, 'start');
    await act('bpjskes', first.id, 'finish');
    expect(await callNext('bpjskes')).toMatchObject({ id: later.id }); // the visit is still at KTP
    expect(await callNext('samsat')).toBeNull();
    const during = await page(visit.token);
    expect(during.stops.map((s: any) => s.status)).toEqual(['called', 'waiting', 'waiting']);
    expect(during.stops[0].counter).toMatchObject({ id: counters.dindukcapil });
    // done at KTP: Samsat calls the same number next
    await act('dindukcapil', atDukcapil.id, 'start');
    await act('dindukcapil', atDukcapil.id, 'finish');
    const atSamsat = await callNext('samsat');
    expect(atSamsat.number).toBe(visit.number);
    expect((await page(visit.token)).stops.map((s: any) => s.status)).toEqual(['done', 'waiting', 'called']);
    // a missed call at Samsat frees the citizen for BPJS, where the place was kept
    await act('samsat', atSamsat.id, 'recall');
    await act('samsat', atSamsat.id, 'no-show');
    await act('bpjskes', later.id, 'start');
    await act('bpjskes', later.id, 'finish');
    expect((await callNext('bpjskes')).number).toBe(visit.number);
  });

  it('lets only one of two counters racing for the same citizen call them', async () => {
    const visit = json(await issue({ serviceIds: [services.dindukcapil?.id, services.samsat?.id] }));
    const [a, b] = await Promise.all([callNext('dindukcapil'), callNext('samsat')]);
    const calls = [a, b].filter((x) => x?.number === visit.number);
    expect(calls).toHaveLength(1);
    const held = await t.ctx.database.db
      .selectFrom('tickets')
      .select(['status'])
      .where('route_id', 'is not', null)
      .where('number', '=', visit.number)
      .execute();
    expect(held.filter((h) => h.status === 'called')).toHaveLength(1);
  });

  it('takes a visit whole or not at all, and refuses what is wrong changing nothing', async () => {
    const waiting = await waitingCount();
    const unknown = await issue({ serviceIds: [services.dindukcapil?.id, 'no-such-service'] });
    expect(unknown.statusCode).toBe(404);
    const both = await issue({ serviceId: services.samsat?.id, serviceIds: [services.samsat?.id] });
    expect(both.statusCode).toBe(400);
    expect(json(both).field).toBe('serviceIds');
    expect((await issue({})).statusCode).toBe(400);
    expect((await issue({ serviceIds: [] })).statusCode).toBe(400);
    // a quota used up at one stop refuses the whole visit, and the others keep their counts
    const admin = await t.login('admin');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/malls/blora/admin/services/${services.samsat?.id}`,
      headers: { cookie: admin },
      payload: { dailyQuota: 1 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    // Dindukcapil has a quota too, with places left: the refusal names the stop that is full
    const roomy = await t.app.inject({
      method: 'PATCH',
      url: `/api/malls/blora/admin/services/${services.dindukcapil?.id}`,
      headers: { cookie: admin },
      payload: { dailyQuota: 900 },
    });
    expect(roomy.statusCode).toBe(200);
    // (tickets taken while a service had no quota were not counted: the first visit takes the one place)
    expect((await issue({ serviceIds: [services.dindukcapil?.id, services.samsat?.id] })).statusCode).toBe(201);
    const waitingNow = await waitingCount();
    const issuedBefore = await t.ctx.database.db
      .selectFrom('service_day_counts')
      .selectAll()
      .orderBy('service_id')
      .execute();
    const full = await issue({ serviceIds: [services.dindukcapil?.id, services.samsat?.id] });
    expect(full.statusCode).toBe(409);
    expect(json(full)).toMatchObject({ error: 'quota_full', serviceName: services.samsat?.name, quota: 1 });
    expect(
      await t.ctx.database.db.selectFrom('service_day_counts').selectAll().orderBy('service_id').execute(),
    ).toEqual(issuedBefore);
    expect(await waitingCount()).toBe(waitingNow);
    expect(waitingNow).toBe(waiting + 2);
    const lifted = await t.app.inject({
      method: 'PATCH',
      url: `/api/malls/blora/admin/services/${services.samsat?.id}`,
      headers: { cookie: admin },
      payload: { dailyQuota: null },
    });
    expect(lifted.statusCode).toBe(200);
    const unlimited = await t.app.inject({
      method: 'PATCH',
      url: `/api/malls/blora/admin/services/${services.dindukcapil?.id}`,
      headers: { cookie: admin },
      payload: { dailyQuota: null },
    });
    expect(unlimited.statusCode).toBe(200);
    // an officer takes the number on a citizen's behalf: recorded as the staff's
    const onBehalf = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/tickets',
      headers: { cookie: officers.samsat as string },
      payload: { serviceIds: [services.dindukcapil?.id, services.samsat?.id] },
    });
    expect(onBehalf.statusCode, onBehalf.body).toBe(201);
    const sources = await t.ctx.database.db
      .selectFrom('tickets')
      .select('source')
      .where('number', '=', json(onBehalf).number)
      .where('service_date', '=', json(onBehalf).serviceDate)
      .execute();
    expect(sources).toEqual([{ source: 'staff' }, { source: 'staff' }]);
    for (const stop of json(onBehalf).stops) {
      await t.app.inject({
        method: 'POST',
        url: `/api/tickets/${json(onBehalf).token}/stops/${stop.serviceId}/cancel`,
      });
    }
  });

  it('adds a stop at a counter, shows the officer the other stops, and lets the citizen cancel one', async () => {
    // the counter ends what it holds and lets the line go, so the next it calls is this citizen
    const queueNow = json(
      await t.app.inject({
        url: `/api/malls/blora/counters/${counters.dindukcapil}/queue`,
        headers: { cookie: officers.dindukcapil as string },
      }),
    );
    if (queueNow.current) {
      await act('dindukcapil', queueNow.current.id, 'start');
      await act('dindukcapil', queueNow.current.id, 'finish');
    }
    for (const w of queueNow.waiting) await act('dindukcapil', w.id, 'cancel');
    const single = json(await issue({ serviceId: services.dindukcapil?.id }));
    const called = await callNext('dindukcapil');
    expect(called?.id).toBe(single.id);
    // at the counter: "you also need BPJS"
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/tickets/${single.id}/stops`,
      headers: { cookie: officers.dindukcapil as string },
      payload: { serviceId: services.bpjskes?.id },
    });
    expect(added.statusCode, added.body).toBe(201);
    const stop = json(added).ticket;
    expect(stop).toMatchObject({
      number: single.number,
      serviceId: services.bpjskes?.id,
      status: 'waiting',
      source: 'staff',
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/tickets/${single.id}/stops`,
      headers: { cookie: officers.dindukcapil as string },
      payload: { serviceId: services.bpjskes?.id },
    });
    expect(again.statusCode).toBe(409);
    expect(json(again).error).toBe('stop_exists');
    const queue = json(
      await t.app.inject({
        url: `/api/malls/blora/counters/${counters.dindukcapil}/queue`,
        headers: { cookie: officers.dindukcapil as string },
      }),
    );
    expect(queue.currentStops.map((s: any) => [s.serviceId, s.status])).toEqual([
      [services.dindukcapil?.id, 'called'],
      [services.bpjskes?.id, 'waiting'],
    ]);
    // still at Dindukcapil: BPJS does not call the citizen yet
    const atBpjs = await callNext('bpjskes');
    expect(atBpjs?.id).not.toBe(stop.id);
    // the citizen decides not to wait for BPJS after all
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${single.token}/stops/${services.bpjskes?.id}/cancel`,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(json(cancelled).stops.map((s: any) => s.status)).toEqual(['called', 'cancelled']);
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${single.token}/stops/${services.samsat?.id}/cancel`,
    });
    expect(missing.statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/tickets/${single.token}/stops/${services.dindukcapil?.id}/cancel`,
        })
      ).statusCode,
    ).toBe(409);
    // an officer of another agency may not add to a ticket they do not serve
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/tickets/${single.id}/stops`,
      headers: { cookie: officers.samsat as string },
      payload: { serviceId: services.samsat?.id },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('numbers a visit and plain tickets taken in the same moment each rightly', async () => {
    const taken = await Promise.all([
      issue({ serviceId: services.samsat?.id }),
      issue({ serviceIds: [services.bpjskes?.id, services.samsat?.id, services.dindukcapil?.id] }),
      issue({ serviceId: services.dindukcapil?.id }),
      issue({ serviceIds: [services.dindukcapil?.id, services.bpjskes?.id] }),
      issue({ serviceId: services.bpjskes?.id }),
    ]);
    const answers = taken.map((r) => {
      expect(r.statusCode, r.body).toBe(201);
      return json(r);
    });
    const rows = await t.ctx.database.db
      .selectFrom('tickets')
      .select(['id', 'number', 'prefix', 'seq', 'service_id', 'route_id'])
      .where(
        'id',
        'in',
        answers.flatMap((a) => [a.id]),
      )
      .execute();
    // every head numbered by its own service's prefix, and no number twice
    for (const a of answers) {
      const row = rows.find((r) => r.id === a.id);
      expect(row?.number).toBe(a.number);
      expect(row?.prefix).not.toContain('#');
    }
    expect(new Set(answers.map((a) => a.number)).size).toBe(answers.length);
    const visit = answers[1];
    const stops = await t.ctx.database.db
      .selectFrom('tickets')
      .select(['number', 'prefix', 'service_id'])
      .where('route_id', '=', rows.find((r) => r.id === visit.id)?.route_id as string)
      .orderBy('id')
      .execute();
    expect(stops.map((s) => s.number)).toEqual([visit.number, visit.number, visit.number]);
    expect(stops.map((s) => s.service_id)).toEqual([
      services.bpjskes?.id,
      services.samsat?.id,
      services.dindukcapil?.id,
    ]);
  });

  it("holds a stop until the one an agency's rule puts first is done, and cancels it when that one is not", async () => {
    const admin = await t.login('admin');
    const rule = (serviceId: string | undefined, afterServiceId: string | null | undefined) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/malls/blora/admin/services/${serviceId}`,
        headers: { cookie: admin },
        payload: { afterServiceId },
      });
    // Samsat's document needs the new KK from Dindukcapil first
    const set = await rule(services.samsat?.id, services.dindukcapil?.id);
    expect(set.statusCode, set.body).toBe(200);
    expect(json(set).afterServiceId).toBe(services.dindukcapil?.id);
    // a rule that would make a visit wait for ever is refused, changing nothing
    const circle = await rule(services.dindukcapil?.id, services.samsat?.id);
    expect(circle.statusCode).toBe(400);
    expect(json(circle).message).toContain('menunggu');
    expect((await rule(services.samsat?.id, services.samsat?.id)).statusCode).toBe(400);
    expect((await rule(services.samsat?.id, 'no-such-service')).statusCode).toBe(404);
    expect(json(await rule(services.dindukcapil?.id, undefined)).afterServiceId).toBeNull();

    // both counters free, their lines empty: what they call next is up to the rule
    for (const agency of ['dindukcapil', 'samsat']) {
      const q = json(
        await t.app.inject({
          url: `/api/malls/blora/counters/${counters[agency]}/queue`,
          headers: { cookie: officers[agency] as string },
        }),
      );
      if (q.current?.status === 'called') await act(agency, q.current.id, 'start');
      if (q.current) await act(agency, q.current.id, 'finish');
      for (const w of q.waiting) await act(agency, w.id, 'cancel');
    }
    const visit = json(await issue({ serviceIds: [services.samsat?.id, services.dindukcapil?.id] }));
    expect(visit.stops[0]).toMatchObject({
      serviceId: services.samsat?.id,
      after: services.dindukcapil?.id,
      estimate: null,
      estimateReason: 'after_stop',
    });
    expect(visit.stops[1].after).toBeUndefined();
    const samsatStop = (
      await t.ctx.database.db
        .selectFrom('tickets')
        .select(['id'])
        .where('number', '=', visit.number)
        .where('service_id', '=', services.samsat?.id as string)
        .executeTakeFirstOrThrow()
    ).id;
    // Samsat's line holds the number: not called next, and not when chosen either
    expect(await callNext('samsat')).toBeNull();
    const chosen = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/counters/${counters.samsat}/call`,
      headers: { cookie: officers.samsat as string },
      payload: { ticketId: samsatStop },
    });
    expect(chosen.statusCode).toBe(409);
    expect(json(chosen).error).toBe('needs_first');
    const atDukcapil = await callNext('dindukcapil');
    expect(atDukcapil.number).toBe(visit.number);
    await act('dindukcapil', atDukcapil.id, 'start');
    await act('dindukcapil', atDukcapil.id, 'finish');
    const atSamsat = await callNext('samsat');
    expect(atSamsat).toMatchObject({ id: samsatStop, number: visit.number });
    await act('samsat', atSamsat.id, 'start');
    await act('samsat', atSamsat.id, 'finish');

    // a citizen who misses the KK call cannot be served at Samsat: that stop ends too
    const second = json(await issue({ serviceIds: [services.dindukcapil?.id, services.samsat?.id] }));
    const missed = await callNext('dindukcapil');
    expect(missed.number).toBe(second.number);
    await act('dindukcapil', missed.id, 'recall');
    expect((await act('dindukcapil', missed.id, 'no-show')).statusCode).toBe(200);
    expect((await page(second.token)).stops.map((s: any) => s.status)).toEqual(['no_show', 'cancelled']);
    expect(await callNext('samsat')).toBeNull();

    // a stop added at a counter follows the rule too
    const third = json(await issue({ serviceId: services.dindukcapil?.id }));
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/tickets/${third.id}/stops`,
      headers: { cookie: officers.dindukcapil as string },
      payload: { serviceId: services.samsat?.id },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect((await page(third.token)).stops[1]).toMatchObject({ after: services.dindukcapil?.id });
    expect(await callNext('samsat')).toBeNull();
    expect((await rule(services.samsat?.id, null)).statusCode).toBe(200);
  });
});

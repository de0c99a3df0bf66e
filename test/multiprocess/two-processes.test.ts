/**
 * Two real app processes on one PostgreSQL: concurrent calls through both never hand out a
 * ticket twice, and a call made through one reaches a display connected to the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime } from '../../src/domain/schedule.js';
import { openDatabase } from '../../src/server/db/database.js';
import { PASSWORD } from '../support/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.js';
import { addCounters, signIn } from '../support/load.js';
import { type AppProcess, startProcess } from '../support/processes.js';
import { connectSse } from '../support/sse.js';

const EXTRA_COUNTERS = 8;

describe.runIf(ENGINES.includes('postgres'))('two app processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let a: AppProcess;
  let b: AppProcess;
  let cookie: string;
  let csrf: string;
  let serviceId: string;
  let counterIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env = { DATABASE_URL: database.url, LOKET_SEED_PASSWORD: PASSWORD };
    // Started together on an empty database: both migrate and try to seed; one seeds.
    [a, b] = await Promise.all([startProcess(env), startProcess(env)]);
    ({ cookie, csrf } = await signIn(a.base));
    const agencies = (await (await fetch(`${b.base}/api/malls/blora/agencies`)).json()) as any;
    const dk = agencies.find((x: any) => x.code === 'dindukcapil');
    serviceId = ((await (await fetch(`${b.base}/api/malls/blora/services?agencyId=${dk.id}`)).json()) as any)[0].id;
    // More counters on the same service make the race harder.
    await addCounters(database.target, dk.id, serviceId, EXTRA_COUNTERS);
    const counters = (await (await fetch(`${a.base}/api/malls/blora/counters`)).json()) as any;
    counterIds = counters.filter((c: any) => c.serviceIds.includes(serviceId)).map((c: any) => c.id);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('seeded once although both started on an empty database', async () => {
    const malls = (await (await fetch(`${b.base}/api/malls`)).json()) as any;
    expect(malls).toHaveLength(1);
    expect(counterIds.length).toBeGreaterThanOrEqual(EXTRA_COUNTERS + 1);
  });

  it('hands out every ticket exactly once under concurrent calls through both processes', async () => {
    const display = await connectSse(`${b.base}/api/malls/blora/events`);
    await display.next((e) => e.event === 'snapshot');

    const issued: string[] = [];
    for (let i = 0; i < 60; i++) {
      const via = i % 2 ? a : b;
      const res = await fetch(`${via.base}/api/malls/blora/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId }),
      });
      expect(res.status).toBe(201);
      issued.push(((await res.json()) as any).id);
    }

    const calledVia: { id: string; via: 'a' | 'b' }[] = [];
    for (let round = 0; round < 30 && calledVia.length < issued.length; round++) {
      // Every counter calls through both processes at once: 2 × counters requests racing.
      const attempts = counterIds.flatMap((counterId) =>
        (['a', 'b'] as const).map(async (name) => {
          const via = name === 'a' ? a : b;
          const res = await fetch(`${via.base}/api/malls/blora/counters/${counterId}/call-next`, {
            method: 'POST',
            headers: { cookie, 'x-csrf-token': csrf },
          });
          if (res.status === 200) return { id: ((await res.json()) as any).ticket.id as string, via: name, counterId };
          expect([204, 409]).toContain(res.status);
          return null;
        }),
      );
      const won = (await Promise.all(attempts)).filter((x) => x !== null);
      // One counter never holds two tickets.
      const perCounter = new Set(won.map((w) => w.counterId));
      expect(perCounter.size).toBe(won.length);
      for (const w of won) {
        calledVia.push({ id: w.id, via: w.via });
        const via = w.via === 'a' ? b : a; // finish through the other process
        await fetch(`${via.base}/api/malls/blora/tickets/${w.id}/start`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrf },
        });
        const fin = await fetch(`${via.base}/api/malls/blora/tickets/${w.id}/finish`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrf },
        });
        expect(fin.status).toBe(200);
      }
    }
    const ids = calledVia.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...issued].sort());

    // Every call, made through either process, reached the display connected to B.
    const viaA = calledVia.find((c) => c.via === 'a');
    expect(viaA).toBeDefined();
    await display.next((e) => e.event === 'call' && e.data.ticket.id === viaA!.id);
    const deadline = Date.now() + 5000;
    while (display.events.filter((e) => e.event === 'call').length < ids.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const seen = new Set(display.events.filter((e) => e.event === 'call').map((e) => e.data.ticket.id));
    expect(seen).toEqual(new Set(ids));
    display.close();
  }, 120_000);

  it('books exactly the bookable places of a slot when citizens book through both processes at once', async () => {
    const agencies = (await (await fetch(`${a.base}/api/malls/blora/agencies`)).json()) as any;
    const dk = agencies.find((x: any) => x.code === 'dindukcapil');
    const services = (await (await fetch(`${a.base}/api/malls/blora/services?agencyId=${dk.id}`)).json()) as any;
    const bookable = services.find((s: any) => s.id !== serviceId).id as string;
    const rules = await fetch(`${a.base}/api/malls/blora/admin/services/${bookable}/booking`, {
      method: 'PUT',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({
        enabled: true,
        slotMinutes: 30,
        capacity: 10,
        walkInShare: 0.3,
        daysAhead: 7,
        opensAt: '00:00',
        checkInBeforeMinutes: 30,
        checkInAfterMinutes: 15,
        askNik: false,
      }),
    });
    expect(rules.status, await rules.clone().text()).toBe(200);
    // tomorrow 10:00 at the mall (open around the clock)
    const date = localTime(Date.now() + 86_400_000, 'Asia/Jakarta').date;
    const attempt = (via: AppProcess, i: number) =>
      fetch(`${via.base}/api/malls/blora/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          serviceId: bookable,
          date,
          start: '10:00',
          name: `Warga ${i}`,
          phone: `0857${String(10_000_000 + i)}`,
        }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(i % 2 ? a : b, i)));
    const made = results.filter((r) => r.status === 201);
    expect(made).toHaveLength(7);
    expect(results.filter((r) => r.status === 409 && r.body.error === 'slot_full')).toHaveLength(53);
    const { db, close } = await openDatabase(database.target);
    try {
      const stored = await db
        .selectFrom('bookings')
        .select('id')
        .where('service_id', '=', bookable)
        .where('date', '=', date)
        .execute();
      expect(stored).toHaveLength(7);
      const slot = await db
        .selectFrom('booking_slots')
        .select('booked')
        .where('service_id', '=', bookable)
        .where('date', '=', date)
        .executeTakeFirstOrThrow();
      expect(Number(slot.booked)).toBe(7);
    } finally {
      await close();
    }
    // a place cancelled through one process is bookable through the other at once, though the
    // other has just answered "full" from its short copy of the slot's count (the bus drops it)
    expect((await attempt(a, 999)).status).toBe(409);
    const cancelled = await fetch(`${b.base}/api/bookings/${made[0]?.body.token}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect((await attempt(a, 1000)).status).toBe(201);
    expect((await attempt(b, 1001)).status).toBe(409);
  });

  it('closes the mall in every process when its hours change through one', async () => {
    const ticket = () =>
      fetch(`${b.base}/api/malls/blora/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId }),
      });
    expect((await ticket()).status).toBe(201); // B now holds the mall in its cache
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const put = await fetch(`${a.base}/api/malls/blora/opening-hours`, {
      method: 'PUT',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ weekly: closed }),
    });
    expect(put.status).toBe(200);
    const deadline = Date.now() + 3000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await ticket()).status;
      if (status === 409) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(409);
  });

  it('stops issuing for a service in every process when it is switched off through one', async () => {
    const agencies = (await (await fetch(`${a.base}/api/malls/blora/agencies`)).json()) as any;
    const dk = agencies.find((x: any) => x.code === 'dindukcapil');
    const other = ((await (await fetch(`${b.base}/api/malls/blora/services?agencyId=${dk.id}`)).json()) as any)[1].id;
    // the mall is closed by the test before: open it again, through A
    const open = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
    );
    const hours = await fetch(`${a.base}/api/malls/blora/opening-hours`, {
      method: 'PUT',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ weekly: open }),
    });
    expect(hours.status).toBe(200);
    const ticket = () =>
      fetch(`${b.base}/api/malls/blora/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: other }),
      });
    const until = async (want: number) => {
      const deadline = Date.now() + 3000;
      let status = 0;
      while (Date.now() < deadline) {
        status = (await ticket()).status;
        if (status === want) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      return status;
    };
    expect(await until(201)).toBe(201); // B now holds the service in its cache
    const off = await fetch(`${a.base}/api/malls/blora/admin/services/${other}`, {
      method: 'PATCH',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    expect(off.status, await off.clone().text()).toBe(200);
    expect(await until(409)).toBe(409);
  });

  it('gives the wait estimate of a counter opened through the other process', async () => {
    const counters = (await (await fetch(`${a.base}/api/malls/blora/counters`)).json()) as any;
    const counter = counters.find((c: any) => c.serviceIds.length > 0 && !c.serviceIds.includes(serviceId));
    const service = counter.serviceIds[0];
    const presence = (counterId: string, state: string) =>
      fetch(`${a.base}/api/malls/blora/counters/${counterId}/presence`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ state }),
      });
    for (const c of counters.filter((c: any) => c.serviceIds.includes(service))) {
      expect((await presence(c.id, 'closed')).status).toBe(200);
    }
    const issued = (await (
      await fetch(`${b.base}/api/malls/blora/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: service }),
      })
    ).json()) as any;
    expect(issued).toMatchObject({ estimate: null, estimateReason: 'no_counter_open' });
    expect((await presence(counter.id, 'open')).status).toBe(200);
    const deadline = Date.now() + 3000;
    let view: any;
    while (Date.now() < deadline) {
      view = await (await fetch(`${b.base}/api/tickets/${issued.token}`)).json();
      if (view.estimate) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(view.estimateReason).toBeNull();
    expect(view.estimate.waitMinutes).toBeGreaterThanOrEqual(0);
  });

  it('lets only one of two processes call a citizen waiting at two agencies, the other calls the next ticket', async () => {
    const agencies = (await (await fetch(`${a.base}/api/malls/blora/agencies`)).json()) as any;
    const counters = (await (await fetch(`${a.base}/api/malls/blora/counters`)).json()) as any;
    const pick = (code: string) => {
      const agency = agencies.find((x: any) => x.code === code);
      const counter = counters.find((c: any) => c.agencyId === agency.id && c.serviceIds.length > 0);
      return { counter: counter.id as string, service: counter.serviceIds[0] as string };
    };
    const samsat = pick('samsat');
    const bpjs = pick('bpjskes');
    const issue = async (base: string, body: object) =>
      (await (
        await fetch(`${base}/api/malls/blora/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as any;
    const call = async (base: string, counterId: string) => {
      const res = await fetch(`${base}/api/malls/blora/counters/${counterId}/call-next`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf },
      });
      return res.status === 204 ? null : ((await res.json()) as any).ticket;
    };
    for (let round = 0; round < 5; round++) {
      const visit = await issue(a.base, { serviceIds: [samsat.service, bpjs.service] });
      const nextSamsat = await issue(b.base, { serviceId: samsat.service });
      const nextBpjs = await issue(b.base, { serviceId: bpjs.service });
      // both agencies' counters call at once, one through each process
      const [atSamsat, atBpjs] = await Promise.all([call(a.base, samsat.counter), call(b.base, bpjs.counter)]);
      const gotVisit = [atSamsat, atBpjs].filter((t) => t?.number === visit.number);
      expect(gotVisit).toHaveLength(1);
      const other = gotVisit[0] === atSamsat ? atBpjs : atSamsat;
      expect([nextSamsat.id, nextBpjs.id]).toContain(other?.id);
      // both finish, ready for the next round
      for (const [base, t] of [
        [a.base, atSamsat],
        [b.base, atBpjs],
      ] as const) {
        for (const action of ['start', 'finish']) {
          await fetch(`${base}/api/malls/blora/tickets/${t.id}/${action}`, {
            method: 'POST',
            headers: { cookie, 'x-csrf-token': csrf },
          });
        }
      }
      // the stop left and the plain ticket left: each counter calls the one remaining, in turn
      const [s2, b2] = [await call(a.base, samsat.counter), await call(b.base, bpjs.counter)];
      const rest = [s2, b2].filter(Boolean);
      for (const [base, t] of [
        [a.base, s2],
        [b.base, b2],
      ] as const) {
        if (!t) continue;
        for (const action of ['start', 'finish']) {
          await fetch(`${base}/api/malls/blora/tickets/${t.id}/${action}`, {
            method: 'POST',
            headers: { cookie, 'x-csrf-token': csrf },
          });
        }
      }
      expect(rest.length).toBeGreaterThanOrEqual(1);
    }
  });
});

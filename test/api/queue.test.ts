import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleAhead } from '../../src/domain/pick-next.js';
import { localTime } from '../../src/domain/schedule.js';
import { foldVisits } from '../../src/domain/visits.js';
import { json, MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

describe.each(ENGINES)('queue API on %s', (engine) => {
  let t: TestApp;
  let officer: string; // petugas.dindukcapil
  let otherOfficer: string; // petugas.polres
  let admin: string;
  let dukcapil: { id: string };
  let polres: { id: string };
  let ktpService: { id: string; prefix: string };
  let secondService: { id: string };
  let skckService: { id: string };
  let counters: { id: string; agencyId: string; serviceIds: string[] }[];
  let loket1: string;
  let loket2: string;
  let polresCounter: string;
  let mallId: string;

  const issue = async (serviceId: string, priority?: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/tickets',
      payload: priority ? { serviceId, priority } : { serviceId },
    });
    return res;
  };
  const post = (url: string, cookie: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const countTickets = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** changes the second service's daily quota as an admin would: the row, then the news to every process */
  const setQuota = async (quota: number | null) => {
    await t.ctx.database.db
      .updateTable('services')
      .set({ daily_quota: quota })
      .where('id', '=', secondService.id)
      .execute();
    await t.app.catalogChanged(mallId);
  };
  /** finish whatever each counter holds, so tests start from idle counters */
  const clearCounters = async () => {
    for (const c of [loket1, loket2, polresCounter]) {
      const q = json(
        await t.app.inject({
          method: 'GET',
          url: `/api/malls/blora/counters/${c}/queue`,
          headers: { cookie: admin },
        }),
      );
      if (q.current) {
        const id = q.current.id;
        if (q.current.status === 'called') await post(`/api/malls/blora/tickets/${id}/start`, admin);
        await post(`/api/malls/blora/tickets/${id}/finish`, admin);
      }
      for (const w of q.waiting) await post(`/api/malls/blora/tickets/${w.id}/cancel`, admin);
    }
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    officer = await t.login('petugas.dindukcapil');
    otherOfficer = await t.login('petugas.polres');
    admin = await t.login('admin');
    mallId = json(await t.app.inject('/api/malls'))[0].id;
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    polres = agencies.find((a: any) => a.code === 'polres');
    const ktp = json(await t.app.inject(`/api/malls/blora/services?q=ktp&agencyId=${dukcapil.id}`));
    // a service without a daily quota, so the many tickets of these tests never run into one
    ktpService = ktp.find((s: any) => s.dailyQuota === null);
    const all = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dukcapil.id}`));
    secondService = all.find((s: any) => s.id !== ktpService.id);
    skckService = json(await t.app.inject('/api/malls/blora/services?q=skck'))[0];
    counters = json(await t.app.inject('/api/malls/blora/counters'));
    const dk = counters.filter((c) => c.agencyId === dukcapil.id);
    loket1 = dk[0]!.id;
    loket2 = dk[1]!.id;
    polresCounter = counters.find((c) => c.agencyId === polres.id)!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers health, malls and the catalog', async () => {
    expect(json(await t.app.inject('/api/health'))).toEqual({ status: 'ok' });
    const malls = json(await t.app.inject('/api/malls'));
    expect(malls).toEqual([
      { id: expect.any(String), slug: 'blora', name: 'MPP Kabupaten Blora', timeZone: 'Asia/Jakarta' },
    ]);
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    expect(agencies).toHaveLength(29);
    expect(agencies.reduce((n: number, a: any) => n + a.serviceCount, 0)).toBe(261);
    expect(agencies[0]).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      shortName: expect.any(String),
    });
    expect(counters.every((c) => c.serviceIds.length > 0)).toBe(true);
  });

  it('searches services by word, ignoring case, accents and punctuation', async () => {
    const ktp = json(await t.app.inject('/api/malls/blora/services?q=ktp'));
    expect(ktp.length).toBeGreaterThan(0);
    expect(ktp.every((s: any) => /ktp/i.test(s.name) || /ktp/i.test(s.standard.product))).toBe(true);
    expect(ktp.some((s: any) => s.name.includes('KTP-el'))).toBe(true);
    const upper = json(await t.app.inject('/api/malls/blora/services?q=KTP'));
    expect(upper.map((s: any) => s.id)).toEqual(ktp.map((s: any) => s.id));
    const accented = json(await t.app.inject(`/api/malls/blora/services?q=${encodeURIComponent('pàspor')}`));
    expect(accented.length).toBeGreaterThan(0);
    expect(json(await t.app.inject('/api/malls/blora/services?q=zzzzqqq'))).toEqual([]);
    const s = ktp[0];
    expect(s).toMatchObject({
      id: expect.any(String),
      agencyId: expect.any(String),
      prefix: expect.stringMatching(/^[A-Z]{1,3}$/),
    });
    expect(s.standard.requirements.length).toBeGreaterThan(0);
    expect(s.standard).toHaveProperty('complaint');
  });

  it('answers 404 for an unknown mall, agency or ticket', async () => {
    const mall = await t.app.inject('/api/malls/nowhere/agencies');
    expect(mall.statusCode).toBe(404);
    expect(json(mall).error).toBe('mall_not_found');
    const agency = await t.app.inject('/api/malls/blora/services?agencyId=nope');
    expect(agency.statusCode).toBe(404);
    expect((await t.app.inject('/api/tickets/unknown-token')).statusCode).toBe(404);
    const ticket = await post('/api/malls/blora/tickets/nope/start', officer);
    expect(ticket.statusCode).toBe(404);
    const counter = await post('/api/malls/blora/counters/nope/call-next', officer);
    expect(counter.statusCode).toBe(404);
    expect(json(counter).error).toBe('counter_not_found');
  });

  it('issues numbered tickets and refuses bad input without writing anything', async () => {
    const before = await countTickets();
    const missing = await t.app.inject({ method: 'POST', url: '/api/malls/blora/tickets', payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(json(missing)).toMatchObject({ error: 'validation', field: 'serviceId' });
    expect(json(missing).message).toContain('wajib diisi');
    const badPriority = await issue(ktpService.id, 'vip');
    expect(badPriority.statusCode).toBe(400);
    expect(json(badPriority).field).toBe('priority');
    const english = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/tickets',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: {},
    });
    expect(json(english).message).toContain('is required');
    const unknown = await issue('no-such-service');
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown).error).toBe('service_not_found');
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/tickets',
      headers: { 'content-type': 'application/json' },
      payload: '{"serviceId":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(await countTickets()).toBe(before);

    const a = await issue(ktpService.id);
    expect(a.statusCode).toBe(201);
    const first = json(a);
    expect(first).toMatchObject({
      id: expect.any(String),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      number: `${ktpService.prefix}-001`,
      status: 'waiting',
      serviceId: ktpService.id,
      peopleAhead: 0,
    });
    const second = json(await issue(ktpService.id));
    expect(second.number).toBe(`${ktpService.prefix}-002`);
    expect(second.peopleAhead).toBe(1);
    const status = json(await t.app.inject(`/api/tickets/${second.token}`));
    expect(status).toMatchObject({
      number: second.number,
      status: 'waiting',
      serviceId: ktpService.id,
      peopleAhead: 1,
    });
    expect(status.counter).toBeUndefined();
    await clearCounters();
  });

  it('numbers afresh each local day', async () => {
    const today = json(await issue(skckService.id));
    t.clock.now = MONDAY_9AM + 24 * 3_600_000;
    try {
      const tomorrow = json(await issue(skckService.id));
      expect(tomorrow.number.endsWith('-001')).toBe(true);
      expect(tomorrow.serviceDate).not.toBe(today.serviceDate);
    } finally {
      t.clock.now = MONDAY_9AM;
    }
    await clearCounters();
  });

  it('numbers past 999 without cutting a digit', async () => {
    t.clock.now = MONDAY_9AM + 2 * 24 * 3_600_000; // a fresh day for the sequence
    try {
      const first = json(await issue(skckService.id));
      const prefix = first.number.split('-')[0];
      await t.ctx.database.db
        .updateTable('ticket_sequences')
        .set({ value: 999 })
        .where('prefix', '=', prefix)
        .where('service_date', '=', first.serviceDate)
        .execute();
      expect(json(await issue(skckService.id)).number).toBe(`${prefix}-1000`);
      expect(json(await issue(skckService.id)).number).toBe(`${prefix}-1001`);
    } finally {
      t.clock.now = MONDAY_9AM;
    }
  });

  it('refuses a ticket when the quota is used up, writing nothing', async () => {
    await setQuota(2);
    try {
      expect((await issue(secondService.id)).statusCode).toBe(201);
      expect((await issue(secondService.id)).statusCode).toBe(201);
      const before = await countTickets();
      const full = await issue(secondService.id);
      expect(full.statusCode).toBe(409);
      expect(json(full).error).toBe('quota_full');
      expect(json(full).message).toContain('Kuota');
      expect(await countTickets()).toBe(before);
    } finally {
      await setQuota(null);
      await clearCounters();
    }
  });

  it('keeps the quota exactly when many citizens take tickets at the same moment', async () => {
    // room for exactly five more today, whatever earlier tests issued
    await setQuota(1000);
    const room = json(await t.app.inject('/api/malls/blora/availability')).services.find(
      (s: any) => s.serviceId === secondService.id,
    ).remaining;
    await setQuota(1000 - room + 5);
    try {
      const before = await countTickets();
      const answers = await Promise.all(Array.from({ length: 20 }, () => issue(secondService.id)));
      const accepted = answers.filter((r) => r.statusCode === 201).map((r) => json(r).number);
      expect(accepted).toHaveLength(5);
      expect(answers.filter((r) => r.statusCode === 409).every((r) => json(r).error === 'quota_full')).toBe(true);
      expect(new Set(accepted).size).toBe(5);
      expect(await countTickets()).toBe(before + 5);
    } finally {
      await setQuota(null);
      await clearCounters();
    }
  });

  it('forgets its copy of a service when the catalog changes: a service switched off takes no more tickets', async () => {
    expect((await issue(secondService.id)).statusCode).toBe(201); // now in this process's copy
    await t.ctx.database.db.updateTable('services').set({ active: 0 }).where('id', '=', secondService.id).execute();
    await t.app.catalogChanged(mallId);
    try {
      const refused = await issue(secondService.id);
      expect(refused.statusCode).toBe(409);
      expect(json(refused).error).toBe('service_inactive');
    } finally {
      await t.ctx.database.db.updateTable('services').set({ active: 1 }).where('id', '=', secondService.id).execute();
      await t.app.catalogChanged(mallId);
      await clearCounters();
    }
  });

  it('calls nobody from a counter an admin switched off', async () => {
    const patch = (active: boolean) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/malls/blora/admin/counters/${loket2}`,
        headers: { cookie: admin },
        payload: { active },
      });
    expect((await patch(false)).statusCode).toBe(200);
    try {
      const refused = await post(`/api/malls/blora/counters/${loket2}/call-next`, officer);
      expect(refused.statusCode).toBe(409);
      expect(json(refused).error).toBe('counter_inactive');
    } finally {
      expect((await patch(true)).statusCode).toBe(200);
    }
  });

  it('numbers tickets issued at the same moment for several services without gaps or repeats', async () => {
    const services = [ktpService.id, secondService.id, skckService.id];
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => issue(services[i % 3] as string)));
    expect(answers.every((r) => r.statusCode === 201)).toBe(true);
    const issued = answers.map((r) => json(r));
    const byPrefix = new Map<string, number[]>();
    for (const { number } of issued) {
      const [prefix, seq] = number.split('-');
      byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), Number(seq)]);
    }
    expect(byPrefix.size).toBeGreaterThan(1);
    // each one's place in its line counts the others issued with it: distinct, consecutive places
    for (const serviceId of services) {
      const places = issued
        .filter((x) => x.serviceId === serviceId)
        .map((x) => x.peopleAhead as number)
        .sort((a, b) => a - b);
      expect(places).toHaveLength(10);
      expect(places).toEqual(places.map((_, i) => (places[0] as number) + i));
    }
    for (const seqs of byPrefix.values()) {
      const sorted = [...seqs].sort((a, b) => a - b);
      // consecutive numbers, each once
      expect(sorted).toEqual(sorted.map((_, i) => (sorted[0] as number) + i));
    }
    const events = await t.ctx.database.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'type', 'service_id'])
      .where(
        'ticket_id',
        'in',
        issued.map((x) => x.id),
      )
      .execute();
    expect(events).toHaveLength(30);
    expect(events.every((e) => e.type === 'issue')).toBe(true);
    expect(new Map(events.map((e) => [e.ticket_id, e.service_id]))).toEqual(
      new Map(issued.map((x) => [x.id, x.serviceId])),
    );
    await clearCounters();
  });

  it('sets opening hours (mall admin only) and refuses tickets when closed', async () => {
    const week = {
      mon: [
        { open: '07:30', close: '12:00' },
        { open: '13:00', close: '16:00' },
      ],
      tue: [{ open: '07:30', close: '16:00' }],
      wed: [{ open: '07:30', close: '16:00' }],
      thu: [{ open: '07:30', close: '16:00' }],
      fri: [
        { open: '07:30', close: '11:00' },
        { open: '13:00', close: '24:00' },
      ],
      sat: [],
      sun: [],
    };
    const url = '/api/malls/blora/opening-hours';
    expect((await t.app.inject({ method: 'PUT', url, payload: { weekly: week } })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'PUT', url, headers: { cookie: officer }, payload: { weekly: week } })).statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: admin },
      payload: { weekly: { ...week, tue: [{ open: '16:00', close: '07:30' }] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).field).toBe('weekly.tue[0].close');
    const badClock = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: admin },
      payload: { weekly: { ...week, wed: [{ open: '7.30', close: '16:00' }] } },
    });
    expect(badClock.statusCode).toBe(400);
    expect(json(badClock).field).toBe('weekly.wed.0.open');
    const ok = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: admin },
      payload: { weekly: week },
    });
    expect(ok.statusCode).toBe(200);
    try {
      // 12:30 on Monday: the lunch break
      t.clock.now = MONDAY_9AM + 3.5 * 3_600_000;
      const before = await countTickets();
      const closed = await issue(ktpService.id);
      expect(closed.statusCode).toBe(409);
      expect(json(closed).error).toBe('mall_closed');
      expect(json(closed).message).toContain('tutup');
      expect(await countTickets()).toBe(before);
      // Saturday
      t.clock.now = MONDAY_9AM - 2 * 24 * 3_600_000;
      expect((await issue(ktpService.id)).statusCode).toBe(409);
      // Friday 23:30: open until 24:00
      t.clock.now = MONDAY_9AM - 3 * 24 * 3_600_000 + 14.5 * 3_600_000;
      expect((await issue(ktpService.id)).statusCode).toBe(201);
      t.clock.now = MONDAY_9AM;
      expect((await issue(ktpService.id)).statusCode).toBe(201);
      const mall = json(await t.app.inject('/api/malls/blora'));
      expect(mall.openingHours.weekly.mon).toHaveLength(2);
      expect(mall.openNow).toBe(true);
    } finally {
      t.clock.now = MONDAY_9AM;
      const always = Object.fromEntries(Object.keys(week).map((d) => [d, [{ open: '00:00', close: '24:00' }]]));
      await t.app.inject({ method: 'PUT', url, headers: { cookie: admin }, payload: { weekly: always } });
      await clearCounters();
    }
  });

  it('signs staff in with a session cookie and refuses wrong passwords', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'petugas.dindukcapil', password: 'salah-sandi' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(json(wrong).error).toBe('bad_credentials');
    const nobody = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(nobody.statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'petugas.dindukcapil', password: 'rahasia-demo-123' },
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({
      username: 'petugas.dindukcapil',
      role: 'officer',
      agencyId: dukcapil.id,
      mallSlug: 'blora',
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = `loket_sid=${res.cookies[0]!.value}`;
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await post(`/api/malls/blora/counters/${loket1}/call-next`, cookie)).statusCode).toBe(401);
  });

  it('runs a ticket through call, recall, start and finish, recording every step', async () => {
    const ticket = json(await issue(ktpService.id));
    expect((await post(`/api/malls/blora/counters/${loket1}/call-next`, otherOfficer)).statusCode).toBe(403);
    const called = await post(`/api/malls/blora/counters/${loket1}/call-next`, officer);
    expect(called.statusCode).toBe(200);
    expect(json(called).ticket).toMatchObject({ id: ticket.id, status: 'called', counterId: loket1 });
    const busy = await post(`/api/malls/blora/counters/${loket1}/call-next`, officer);
    expect(busy.statusCode).toBe(409);
    expect(json(busy)).toMatchObject({ error: 'counter_busy', currentStatus: 'called' });
    const page = json(await t.app.inject(`/api/tickets/${ticket.token}`));
    expect(page).toMatchObject({ status: 'called', counter: { id: loket1, number: expect.any(Number) } });

    const finishEarly = await post(`/api/malls/blora/tickets/${ticket.id}/finish`, officer);
    expect(finishEarly.statusCode).toBe(409);
    expect(json(finishEarly)).toMatchObject({ error: 'invalid_transition', currentStatus: 'called' });
    expect(json(finishEarly).message).toContain('dipanggil');

    expect(json(await post(`/api/malls/blora/tickets/${ticket.id}/recall`, officer)).ticket.recallCount).toBe(1);
    expect(json(await post(`/api/malls/blora/tickets/${ticket.id}/start`, officer)).ticket.status).toBe('serving');
    const done = json(await post(`/api/malls/blora/tickets/${ticket.id}/finish`, officer)).ticket;
    expect(done).toMatchObject({ status: 'done', finishedAt: MONDAY_9AM });
    const again = await post(`/api/malls/blora/tickets/${ticket.id}/finish`, officer);
    expect(again.statusCode).toBe(409);
    expect(json(again).currentStatus).toBe('done');

    const events = await t.ctx.database.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['issue', 'call', 'recall', 'start', 'finish']);
    const officerId = json(await t.app.inject({ url: '/api/auth/me', headers: { cookie: officer } })).id;
    expect(events.slice(1).every((e) => e.actor_id === officerId && e.counter_id === loket1)).toBe(true);
    expect(events.every((e) => e.at === MONDAY_9AM)).toBe(true);

    expect((await post(`/api/malls/blora/counters/${loket1}/call-next`, officer)).statusCode).toBe(204);
    const q = json(
      await t.app.inject({ url: `/api/malls/blora/counters/${loket1}/queue`, headers: { cookie: officer } }),
    );
    expect(q.today.served).toBeGreaterThanOrEqual(1);
  });

  it('marks a no-show only after the recalls, and reactivates it the same day', async () => {
    const ticket = json(await issue(ktpService.id));
    await post(`/api/malls/blora/counters/${loket1}/call-next`, officer);
    const early = await post(`/api/malls/blora/tickets/${ticket.id}/no-show`, officer);
    expect(early.statusCode).toBe(409);
    expect(json(early).error).toBe('recalls_needed');
    await post(`/api/malls/blora/tickets/${ticket.id}/recall`, officer);
    const gone = await post(`/api/malls/blora/tickets/${ticket.id}/no-show`, officer);
    expect(json(gone).ticket.status).toBe('no_show');
    t.clock.now = MONDAY_9AM + 24 * 3_600_000;
    try {
      // yesterday's session has expired by now: sign in again
      const tomorrow = await post(
        `/api/malls/blora/tickets/${ticket.id}/reactivate`,
        await t.login('petugas.dindukcapil'),
      );
      expect(tomorrow.statusCode).toBe(409);
      expect(json(tomorrow).error).toBe('other_day');
    } finally {
      t.clock.now = MONDAY_9AM + 60_000;
    }
    const back = json(await post(`/api/malls/blora/tickets/${ticket.id}/reactivate`, officer)).ticket;
    expect(back).toMatchObject({ status: 'waiting', counterId: null, recallCount: 0 });
    const cancelled = json(await post(`/api/malls/blora/tickets/${ticket.id}/cancel`, officer)).ticket;
    expect(cancelled.status).toBe('cancelled');
    t.clock.now = MONDAY_9AM;
  });

  it('interleaves priority tickets by the ratio and calls a chosen ticket out of order', async () => {
    await clearCounters();
    const r1 = json(await issue(ktpService.id));
    t.clock.now += 1000;
    const r2 = json(await issue(ktpService.id));
    t.clock.now += 1000;
    const p1 = json(await issue(ktpService.id, 'lansia'));
    t.clock.now += 1000;
    const p2 = json(await issue(ktpService.id, 'ibu_hamil'));
    t.clock.now += 1000;
    const p3 = json(await issue(ktpService.id, 'disabilitas'));
    t.clock.now += 1000;
    const r3 = json(await issue(ktpService.id));
    expect(p1.peopleAhead).toBe(0);
    expect(r3.peopleAhead).toBe(5);
    const order: string[] = [];
    // chosen first: r3, out of order
    const chosen = await post(`/api/malls/blora/counters/${loket1}/call`, officer, { ticketId: r3.id });
    expect(json(chosen).ticket.id).toBe(r3.id);
    await post(`/api/malls/blora/tickets/${r3.id}/start`, officer);
    await post(`/api/malls/blora/tickets/${r3.id}/finish`, officer);
    for (let i = 0; i < 5; i++) {
      const res = json(await post(`/api/malls/blora/counters/${loket1}/call-next`, officer));
      order.push(res.ticket.id);
      await post(`/api/malls/blora/tickets/${res.ticket.id}/start`, officer);
      await post(`/api/malls/blora/tickets/${res.ticket.id}/finish`, officer);
    }
    // ratio 2: two priority, then one regular, then the last priority, then the last regular
    expect(order).toEqual([p1.id, p2.id, r1.id, p3.id, r2.id]);
    const reasons = await t.ctx.database.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'data'])
      .where('type', '=', 'call')
      .where('ticket_id', 'in', [r3.id, p1.id, r1.id])
      .execute();
    const reason = (id: string) => JSON.parse(reasons.find((r) => r.ticket_id === id)!.data!).reason;
    expect(reason(r3.id)).toBe('chosen');
    expect(reason(p1.id)).toBe('priority');
    expect(reason(r1.id)).toBe('regular');
    t.clock.now = MONDAY_9AM;
  });

  it("counts people ahead in SQL exactly as the domain's isAhead rule does", async () => {
    await clearCounters();
    const classes = [null, 'lansia', null, null, 'anak', null, 'disabilitas', null, null, 'ibu_hamil'];
    const tickets = [];
    for (const [i, priority] of classes.entries()) {
      // two at the same instant now and then: ties fall back to the id
      if (i % 3 !== 0) t.clock.now += 1000;
      tickets.push(json(await issue(ktpService.id, priority ?? undefined)));
    }
    const waiting = json(
      await t.app.inject({ url: `/api/malls/blora/counters/${loket1}/queue`, headers: { cookie: officer } }),
    )
      .waiting.filter((w: any) => w.serviceId === ktpService.id)
      .map((w: any) => ({ id: w.id, arrivalAt: w.arrivalAt, priority: w.priority, appointmentAt: null }));
    for (const ticket of tickets) {
      const mine = waiting.find((w: any) => w.id === ticket.id);
      const page = json(await t.app.inject(`/api/tickets/${ticket.token}`));
      expect(page.peopleAhead).toBe(peopleAhead(mine, waiting));
    }
    expect(new Set(tickets.map((x) => x.peopleAhead)).size).toBeGreaterThan(3);
    t.clock.now = MONDAY_9AM;
    await clearCounters();
  });

  it('refuses to call a ticket the counter does not serve', async () => {
    await clearCounters();
    const skck = json(await issue(skckService.id));
    const res = await post(`/api/malls/blora/counters/${loket1}/call`, officer, { ticketId: skck.id });
    expect(res.statusCode).toBe(409);
    expect(json(res).error).toBe('not_served_here');
    await clearCounters();
  });

  it("transfers a ticket to another agency's service, keeping its arrival and a link back", async () => {
    await clearCounters();
    const ticket = json(await issue(ktpService.id));
    const arrival = json(
      await t.app.inject({ url: `/api/malls/blora/counters/${loket1}/queue`, headers: { cookie: officer } }),
    ).waiting.find((w: any) => w.id === ticket.id).arrivalAt;
    await post(`/api/malls/blora/counters/${loket1}/call-next`, officer);
    await post(`/api/malls/blora/tickets/${ticket.id}/start`, officer);
    const missing = await post(`/api/malls/blora/tickets/${ticket.id}/transfer`, officer, {
      serviceId: 'nope',
    });
    expect(missing.statusCode).toBe(404);
    const badBody = await post(`/api/malls/blora/tickets/${ticket.id}/transfer`, officer, {});
    expect(badBody.statusCode).toBe(400);
    expect(json(badBody).field).toBe('serviceId');
    t.clock.now += 10 * 60_000;
    const moved = json(
      await post(`/api/malls/blora/tickets/${ticket.id}/transfer`, officer, { serviceId: skckService.id }),
    ).ticket;
    expect(moved).toMatchObject({
      status: 'waiting',
      serviceId: skckService.id,
      counterId: null,
      arrivalAt: arrival,
      transferredFromServiceId: ktpService.id,
      number: ticket.number,
    });
    const polresQueue = json(
      await t.app.inject({
        url: `/api/malls/blora/counters/${polresCounter}/queue`,
        headers: { cookie: otherOfficer },
      }),
    );
    expect(polresQueue.waiting.map((w: any) => w.id)).toContain(ticket.id);
    const called = json(await post(`/api/malls/blora/counters/${polresCounter}/call-next`, otherOfficer)).ticket;
    expect(called.id).toBe(ticket.id);
    const event = await t.ctx.database.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .where('type', '=', 'transfer')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.data!)).toEqual({ fromServiceId: ktpService.id, fromCounterId: loket1 });
    t.clock.now = MONDAY_9AM;
    await clearCounters();
  });

  it('never hands one ticket to two counters calling at the same moment', async () => {
    await clearCounters();
    const issued: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await issue(ktpService.id);
      expect(res.statusCode).toBe(201);
      issued.push(json(res).id);
    }
    const dk = counters.filter((c) => c.agencyId === dukcapil.id).map((c) => c.id);
    const got: string[] = [];
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(dk.map((c) => post(`/api/malls/blora/counters/${c}/call-next`, admin)));
      for (const r of results) {
        expect(r.statusCode, r.body).toBe(200);
        const id = json(r).ticket.id;
        got.push(id);
        await post(`/api/malls/blora/tickets/${id}/start`, admin);
        await post(`/api/malls/blora/tickets/${id}/finish`, admin);
      }
    }
    expect(new Set(got).size).toBe(got.length);
    expect(got.every((id) => issued.includes(id))).toBe(true);
    await clearCounters();
  });

  it("keeps every ticket's visits as its events fold into them (src/domain/visits.ts)", async () => {
    const db = t.ctx.database.db;
    const [tickets, events, visits] = await Promise.all([
      db.selectFrom('tickets').select(['id', 'priority']).execute(),
      db.selectFrom('ticket_events').selectAll().orderBy('id').execute(),
      db.selectFrom('visits').selectAll().orderBy('id').execute(),
    ]);
    // the tests above issued, called, recalled, no-showed, reactivated, transferred and finished
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['issue', 'call', 'recall', 'start', 'finish', 'no_show', 'cancel', 'reactivate', 'transfer']),
    );
    const expected = tickets.flatMap((ticket) =>
      foldVisits(
        events
          .filter((e) => e.ticket_id === ticket.id)
          .map((e) => ({
            id: e.id,
            type: e.type,
            at: Number(e.at),
            serviceId: e.service_id,
            counterId: e.counter_id,
            actorId: e.actor_id,
          })),
        {
          ticketId: ticket.id,
          priority: ticket.priority,
          localDateHour: (at) => {
            const l = localTime(at, 'Asia/Jakarta');
            return { date: l.date, hour: l.hour };
          },
        },
      ),
    );
    const stored = visits.map((v) => ({
      id: v.id,
      ticketId: v.ticket_id,
      serviceId: v.service_id,
      priority: v.priority,
      date: v.service_date,
      hour: v.hour,
      transferredIn: v.transferred_in === 1,
      enteredAt: Number(v.entered_at),
      calledAt: v.called_at === null ? null : Number(v.called_at),
      startedAt: v.started_at === null ? null : Number(v.started_at),
      finishedAt: v.finished_at === null ? null : Number(v.finished_at),
      endedAt: v.ended_at === null ? null : Number(v.ended_at),
      counterId: v.counter_id,
      officerId: v.officer_id,
      recalls: v.recalls,
      outcome: v.outcome,
    }));
    expect(stored).toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(stored.filter((v) => v.transferredIn).length).toBeGreaterThan(0);
  });

  it('documents the API as OpenAPI', async () => {
    const doc = json(await t.app.inject('/api/docs/json'));
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/malls/{mall}/tickets',
        '/api/malls/{mall}/counters/{counterId}/call-next',
        '/api/tickets/{token}',
        '/api/auth/login',
      ]),
    );
    expect((await t.app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });
});

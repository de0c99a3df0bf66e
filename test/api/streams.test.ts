import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { connectSse } from '../support/sse.js';

describe.each(ENGINES)('server-sent events on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let officer: string;
  let csrf: string;
  let serviceId: string;
  let counterId: string;

  const post = async (path: string, body?: object) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        cookie: officer,
        'x-csrf-token': csrf,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    officer = await t.login('petugas.dindukcapil');
    csrf = ((await (await fetch(`${base}/api/auth/csrf`, { headers: { cookie: officer } })).json()) as any).token;
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const dk = agencies.find((a: any) => a.code === 'dindukcapil');
    serviceId = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dk.id}`))[0].id;
    counterId = json(await t.app.inject('/api/malls/blora/counters')).find((c: any) => c.agencyId === dk.id).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('streams calls to the display, and resumes after Last-Event-ID', async () => {
    const display = await connectSse(`${base}/api/malls/blora/events`);
    const snapshot = await display.next((e) => e.event === 'snapshot');
    expect(snapshot.data).toEqual({ calls: [], counters: [], serverTime: expect.any(Number) });

    const a = (await post('/api/malls/blora/tickets', { serviceId })).body;
    const b = (await post('/api/malls/blora/tickets', { serviceId })).body;
    await post(`/api/malls/blora/counters/${counterId}/call-next`);
    const call = await display.next((e) => e.event === 'call');
    expect(call.data).toMatchObject({
      type: 'call',
      ticket: { number: a.number },
      counter: { id: counterId, number: expect.any(Number) },
    });
    expect(call.id).toBe(call.data.eventId);
    await post(`/api/malls/blora/tickets/${a.id}/recall`);
    const recall = await display.next((e) => e.event === 'recall');
    expect(recall.data.ticket.number).toBe(a.number);
    display.close();

    // While the display is away: finish a, call b.
    await post(`/api/malls/blora/tickets/${a.id}/start`);
    await post(`/api/malls/blora/tickets/${a.id}/finish`);
    await post(`/api/malls/blora/counters/${counterId}/call-next`);

    const back = await connectSse(`${base}/api/malls/blora/events`, { 'last-event-id': recall.id! });
    const snap2 = await back.next((e) => e.event === 'snapshot');
    expect(snap2.data.calls[0].ticket.number).toBe(b.number);
    expect(snap2.data.counters).toEqual([{ counterId, number: b.number, at: expect.any(Number) }]);
    const missed = await back.next((e) => e.event === 'call');
    expect(missed.data.ticket.number).toBe(b.number);
    expect(back.events.filter((e) => e.event === 'call' || e.event === 'recall')).toHaveLength(1);
    back.close();
    await post(`/api/malls/blora/tickets/${b.id}/start`);
    await post(`/api/malls/blora/tickets/${b.id}/finish`);
  });

  it('follows one ticket: its place in line, then the call and the counter', async () => {
    const first = (await post('/api/malls/blora/tickets', { serviceId })).body;
    const mine = (await post('/api/malls/blora/tickets', { serviceId })).body;
    const page = await connectSse(`${base}/api/tickets/${mine.token}/events`);
    const initial = await page.next((e) => e.event === 'status');
    expect(initial.data).toMatchObject({ status: 'waiting', peopleAhead: 1 });
    await post(`/api/malls/blora/counters/${counterId}/call-next`);
    const ahead0 = await page.next((e) => e.event === 'status' && e.data.peopleAhead === 0);
    expect(ahead0.data.status).toBe('waiting');
    await post(`/api/malls/blora/tickets/${first.id}/start`);
    await post(`/api/malls/blora/tickets/${first.id}/finish`);
    await post(`/api/malls/blora/counters/${counterId}/call-next`);
    const called = await page.next((e) => e.event === 'status' && e.data.status === 'called');
    expect(called.data.counter).toMatchObject({ id: counterId });
    page.close();
    await post(`/api/malls/blora/tickets/${mine.id}/start`);
    await post(`/api/malls/blora/tickets/${mine.id}/finish`);
  });

  it("follows a visit: each stop's place in its own line, the stop it is called at, and a stop added", async () => {
    // a second line: BPJS Kesehatan, with its own officer
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const bpjs = agencies.find((a: any) => a.code === 'bpjskes');
    const bpjsCounter = json(await t.app.inject('/api/malls/blora/counters')).find((c: any) => c.agencyId === bpjs.id);
    const bpjsService = json(await t.app.inject(`/api/malls/blora/services?agencyId=${bpjs.id}`)).find((s: any) =>
      bpjsCounter.serviceIds.includes(s.id),
    ).id;
    const bpjsOfficer = await t.login('petugas.bpjskes');
    const bpjsCsrf = (
      (await (await fetch(`${base}/api/auth/csrf`, { headers: { cookie: bpjsOfficer } })).json()) as any
    ).token;
    const atBpjs = async (path: string, body?: object) =>
      (
        await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { cookie: bpjsOfficer, 'x-csrf-token': bpjsCsrf, 'content-type': 'application/json' },
          body: JSON.stringify(body ?? {}),
        })
      ).json() as Promise<any>;

    const ahead = (await post('/api/malls/blora/tickets', { serviceId: bpjsService })).body;
    const visit = (await post('/api/malls/blora/tickets', { serviceIds: [serviceId, bpjsService] })).body;
    const page = await connectSse(`${base}/api/tickets/${visit.token}/events`);
    const initial = await page.next((e) => e.event === 'status');
    expect(initial.data.stops.map((s: any) => [s.status, s.peopleAhead])).toEqual([
      ['waiting', expect.any(Number)],
      ['waiting', 1],
    ]);
    // the BPJS line moves: the page hears it though the ticket's own service is Dindukcapil's
    const called = await atBpjs(`/api/malls/blora/counters/${bpjsCounter.id}/call-next`);
    expect(called.ticket.id).toBe(ahead.id);
    await page.next((e) => e.event === 'status' && e.data.stops[1].peopleAhead === 0);
    // called at Dindukcapil: the page's call is that counter's
    expect((await post(`/api/malls/blora/counters/${counterId}/call`, { ticketId: visit.id })).status).toBe(200);
    const atDukcapil = await page.next((e) => e.event === 'status' && e.data.status === 'called');
    expect(atDukcapil.data.counter).toMatchObject({ id: counterId });
    await post(`/api/malls/blora/tickets/${visit.id}/start`);
    await post(`/api/malls/blora/tickets/${visit.id}/finish`);
    // done there, still waiting at BPJS: the visit waits; then BPJS calls and the page follows
    const between = await page.next((e) => e.event === 'status' && e.data.stops[0].status === 'done');
    expect(between.data.status).toBe('waiting');
    await atBpjs(`/api/malls/blora/tickets/${ahead.id}/start`);
    await atBpjs(`/api/malls/blora/tickets/${ahead.id}/finish`);
    const second = await atBpjs(`/api/malls/blora/counters/${bpjsCounter.id}/call-next`);
    expect(second.ticket.number).toBe(visit.number);
    const atBpjsNow = await page.next(
      (e) => e.event === 'status' && e.data.status === 'called' && e.data.counter?.id === bpjsCounter.id,
    );
    expect(atBpjsNow.data.stops.map((s: any) => s.status)).toEqual(['done', 'called']);
    await atBpjs(`/api/malls/blora/tickets/${second.ticket.id}/recall`);
    await page.next((e) => e.event === 'status' && e.data.recallCount === 1);
    page.close();
    await atBpjs(`/api/malls/blora/tickets/${second.ticket.id}/start`);
    await atBpjs(`/api/malls/blora/tickets/${second.ticket.id}/finish`);

    // a plain ticket's open page hears of a stop added at the counter
    const plain = (await post('/api/malls/blora/tickets', { serviceId })).body;
    const plainPage = await connectSse(`${base}/api/tickets/${plain.token}/events`);
    await plainPage.next((e) => e.event === 'status');
    expect((await post(`/api/malls/blora/counters/${counterId}/call`, { ticketId: plain.id })).status).toBe(200);
    expect((await post(`/api/malls/blora/tickets/${plain.id}/stops`, { serviceId: bpjsService })).status).toBe(201);
    const added = await plainPage.next((e) => e.event === 'status' && e.data.stops.length === 2);
    expect(added.data.stops[1]).toMatchObject({ serviceId: bpjsService, status: 'waiting' });
    plainPage.close();
    // the counter holding the citizen hears of their other stop, though it is another agency's line
    const feed = await connectSse(`${base}/api/malls/blora/counters/${counterId}/events`, { cookie: officer });
    await feed.next((e) => e.event === 'queue');
    const cancel = await fetch(`${base}/api/tickets/${plain.token}/stops/${bpjsService}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    const heard = await feed.next((e) => e.event === 'ticket' && e.data.ticket.serviceId === bpjsService);
    expect(heard.data.ticket.status).toBe('cancelled');
    feed.close();
    await post(`/api/malls/blora/tickets/${plain.id}/start`);
    await post(`/api/malls/blora/tickets/${plain.id}/finish`);
  });

  it('keeps a counter console informed of its queue (staff only)', async () => {
    const anon = await fetch(`${base}/api/malls/blora/counters/${counterId}/events`);
    expect(anon.status).toBe(401);
    const feed = await connectSse(`${base}/api/malls/blora/counters/${counterId}/events`, {
      cookie: officer,
    });
    const initial = await feed.next((e) => e.event === 'queue');
    expect(initial.data.counter.id).toBe(counterId);
    const ticket = (await post('/api/malls/blora/tickets', { serviceId })).body;
    const seen = await feed.next((e) => e.event === 'ticket' && e.data.ticket.id === ticket.id);
    expect(seen.data.type).toBe('issue');
    feed.close();
    await post(`/api/malls/blora/tickets/${ticket.id}/cancel`);
  });

  it('tells the live board when the queue changed, a few times a second at most (evaluating staff only)', async () => {
    const url = `${base}/api/malls/blora/performance/live/events`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { cookie: officer } })).status).toBe(403);
    const viewer = await t.login('pimpinan');
    const board = await connectSse(url, { cookie: viewer });
    const tickets = await Promise.all(
      Array.from({ length: 5 }, async () => (await post('/api/malls/blora/tickets', { serviceId })).body),
    );
    await board.next((e) => e.event === 'changed');
    // five tickets at once: one or two notices, not five
    await new Promise((r) => setTimeout(r, 600));
    expect(board.events.filter((e) => e.event === 'changed').length).toBeLessThanOrEqual(2);
    const live = await fetch(`${base}/api/malls/blora/performance/live`, { headers: { cookie: viewer } });
    const waiting = ((await live.json()) as { agencies: { waiting: number }[] }).agencies.reduce(
      (n: number, a: { waiting: number }) => n + a.waiting,
      0,
    );
    expect(waiting).toBeGreaterThanOrEqual(5);
    board.close();
    for (const ticket of tickets) await post(`/api/malls/blora/tickets/${ticket.id}/cancel`);
  });
});

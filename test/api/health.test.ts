/**
 * Liveness, readiness and the Prometheus metrics (issue #15), on both engines: the figures move
 * with what is done through the API; who may read them; an overloaded process answers 503 with
 * Retry-After at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lifecycle } from '../../src/server/lifecycle.js';
import { isLocalAddress } from '../../src/server/metrics.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { connectSse } from '../support/sse.js';

const TOKEN = 'rahasia-metrik-0123456789abcdef';

/** The value of one series in Prometheus's text format (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = (m[2] ?? '').split(/,(?=[a-z_]+=")/).filter(Boolean);
    if (want.every((w) => got.includes(w))) return Number(m[3]);
  }
  return 0;
}

describe.each(ENGINES)('health, readiness and metrics on %s', (engine) => {
  let t: TestApp;
  let officer: string;
  let serviceId: string;
  let counterId: string;

  const scrape = async () => {
    const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { config: { metricsToken: TOKEN } });
    officer = await t.login('petugas.dindukcapil');
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const dk = agencies.find((a: any) => a.code === 'dindukcapil');
    serviceId = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dk.id}`))[0].id;
    counterId = json(await t.app.inject('/api/malls/blora/counters')).find((c: any) => c.agencyId === dk.id).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps liveness as it was, and is ready once built', async () => {
    const live = await t.app.inject('/api/health');
    expect(live.statusCode).toBe(200);
    expect(live.body).toBe('{"status":"ok"}');
    const ready = await t.app.inject('/api/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('counts tickets issued, called and served, the waiting per agency, the outbox and the requests', async () => {
    const before = await scrape();
    const issue = () =>
      t.app.inject({ method: 'POST', url: '/api/malls/blora/tickets', payload: { serviceId } }).then(json);
    const a = await issue();
    const b = await issue();
    const c = await issue();
    // a citizen who left an address gets a message when called: one pending row in the outbox
    const contact = await t.app.inject({
      method: 'PUT',
      url: `/api/tickets/${a.token}/contact`,
      payload: { email: 'warga@example.com' },
    });
    expect(contact.statusCode).toBe(200);
    const staff = { cookie: officer };
    const called = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/counters/${counterId}/call-next`,
      headers: staff,
    });
    expect(json(called).ticket.id).toBe(a.id);
    for (const step of ['start', 'finish']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/malls/blora/tickets/${a.id}/${step}`,
        headers: staff,
      });
      expect(res.statusCode).toBe(200);
    }
    expect([b.status, c.status]).toEqual(['waiting', 'waiting']);

    const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    const after = res.body;
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    const blora = { mall: 'blora' };
    expect(delta('loket_tickets_issued_total', blora)).toBe(3);
    expect(delta('loket_tickets_called_total', blora)).toBe(1);
    expect(delta('loket_tickets_served_total', blora)).toBe(1);
    expect(sample(after, 'loket_tickets_waiting', { mall: 'blora', agency: 'dindukcapil' })).toBe(2);
    expect(sample(after, 'loket_outbox_messages', { status: 'pending' })).toBeGreaterThanOrEqual(1);
    expect(delta('loket_outbox_messages', { status: 'pending' })).toBe(1);
    // by route pattern, never the raw address
    const tickets = { method: 'POST', route: '/api/malls/:mall/tickets', status_class: '2xx' };
    expect(delta('loket_http_requests_total', tickets)).toBe(3);
    expect(delta('loket_http_request_duration_seconds_count', tickets)).toBe(3);
    expect(after).not.toContain(a.token);
    expect(after).not.toContain('route="/api/malls/blora');
    // every ticket event this process heard went through the bus and was timed
    expect(delta('loket_bus_delay_seconds_count', { topic: 'ticket.changed' })).toBeGreaterThanOrEqual(5);
    // the process itself
    expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(after).toMatch(/^nodejs_eventloop_lag_seconds \S+$/m);
    if (engine === 'postgres') {
      expect(sample(after, 'loket_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(after).toContain('loket_db_pool_waiting_requests');
    } else {
      expect(after).not.toContain('loket_db_pool');
    }
  });

  it('counts the open event streams', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const display = await connectSse(`${base}/api/malls/blora/events`);
    await display.next((e) => e.event === 'snapshot');
    const route = { route: '/api/malls/:mall/events' };
    expect(sample(await scrape(), 'loket_event_streams', route)).toBe(1);
    display.close();
    await expect.poll(async () => sample(await scrape(), 'loket_event_streams', route)).toBe(0);
  });

  it('asks for the token when one is set', async () => {
    const none = await t.rawInject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error).toBe('metrics_token_required');
    const wrong = await t.rawInject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('loket_');
    // the token, not the address, decides: from afar with it is fine
    const far = await t.rawInject({
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: `bearer ${TOKEN}` },
    });
    expect(far.statusCode).toBe(200);
  });
});

describe('metrics without a token, readiness while draining, and overload (sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // behind a proxy: the client's address comes from X-Forwarded-For
    t = await startTestApp('sqlite', { config: { trustProxy: true, maxEventLoopDelayMs: 30 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the metrics to local-network addresses only', async () => {
    const from = (remoteAddress: string, headers: Record<string, string> = {}) =>
      t.rawInject({ url: '/metrics', remoteAddress, headers }).then((r) => r.statusCode);
    expect(await from('127.0.0.1')).toBe(200);
    expect(await from('10.20.30.40')).toBe(200);
    expect(await from('::ffff:192.168.1.5')).toBe(200);
    expect(await from('203.0.113.9')).toBe(403);
    const refused = await t.rawInject({ url: '/metrics?lang=en', remoteAddress: '203.0.113.9' });
    expect(refused.json()).toMatchObject({
      error: 'metrics_local_only',
      message: expect.stringContaining('LOKET_METRICS_TOKEN'),
    });
    // through the proxy on this machine, the address that counts is the client's
    expect(await from('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe(403);
    expect(await from('127.0.0.1', { 'x-forwarded-for': '192.168.10.7' })).toBe(200);
  });

  it('knows the local addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.254',
      '192.168.0.1',
      '::1',
      'fd12::1',
      'fe80::1',
    ])
      expect(isLocalAddress(ip), ip).toBe(true);
    for (const ip of ['172.32.0.1', '8.8.8.8', '100.64.0.1', '2001:db8::1', '::ffff:8.8.8.8', 'not an address', ''])
      expect(isLocalAddress(ip), ip).toBe(false);
  });

  it('answers 503 with Retry-After when the event loop is saturated, but liveness and metrics stay', async () => {
    // the test's own busy loop saturates the process's event loop (maxEventLoopDelayMs: 30)
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // spinning
      }
    };
    let seen: { malls: any; health: any; ready: any; metrics: any } | null = null;
    for (let i = 0; i < 40 && !seen; i++) {
      busy(250);
      // a turn of the timers, where the plugin takes its sample of the loop's delay
      await new Promise((resolve) => setTimeout(resolve, 1));
      const [malls, health, ready, metrics] = await Promise.all([
        t.app.inject('/api/malls'),
        t.app.inject('/api/health'),
        t.app.inject('/api/health/ready'),
        t.app.inject('/metrics'),
      ]);
      if (malls.statusCode === 503) seen = { malls, health, ready, metrics };
    }
    expect(seen, 'never overloaded').not.toBeNull();
    const { malls, health, ready, metrics } = seen as NonNullable<typeof seen>;
    expect(malls.headers['retry-after']).toBe('5');
    expect(malls.json()).toEqual({
      error: 'overloaded',
      message: 'Server sedang sangat sibuk. Coba lagi dalam 5 detik.',
      retryAfterSeconds: 5,
    });
    expect(health.statusCode).toBe(200);
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'not_ready', reason: 'overloaded' });
    expect(metrics.statusCode).toBe(200);
    // and it recovers once the loop is free again
    await expect
      .poll(async () => (await t.app.inject('/api/malls')).statusCode, { timeout: 10_000, interval: 200 })
      .toBe(200);
  });

  it('sheds no request while its own start-up job saturates the loop (the demo history, the tallies)', async () => {
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // spinning
      }
    };
    let finish = () => {};
    const job = t.app.lifecycle.warmUp(new Promise<void>((resolve) => (finish = resolve)));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      busy(250);
      await new Promise((resolve) => setTimeout(resolve, 1));
      statuses.push((await t.app.inject('/api/malls')).statusCode);
    }
    finish();
    await job;
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('says draining once the process begins to stop', async () => {
    await expect.poll(async () => (await t.app.inject('/api/health/ready')).statusCode, { timeout: 10_000 }).toBe(200);
    t.app.lifecycle.beginDraining();
    const ready = await t.app.inject('/api/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'not_ready', reason: 'draining' });
    // liveness is not readiness: the process still answers
    expect((await t.app.inject('/api/health')).statusCode).toBe(200);
    // and tells keep-alive clients to take their next request elsewhere
    expect((await t.app.inject('/api/malls')).headers.connection).toBe('close');
  });
});

describe('readiness', () => {
  const checks = { busConnected: true, underPressure: false, ping: async () => true };

  it('is not ready before starting, without the bus, or without the database', async () => {
    const life = new Lifecycle();
    expect(await life.readiness(checks)).toEqual({ status: 'not_ready', reason: 'starting' });
    life.started();
    expect(await life.readiness(checks)).toEqual({ status: 'ready' });
    expect(await life.readiness({ ...checks, busConnected: false })).toEqual({ status: 'not_ready', reason: 'bus' });
    const down = async () => {
      throw new Error('connection refused');
    };
    expect(await life.readiness({ ...checks, ping: down })).toEqual({ status: 'not_ready', reason: 'database' });
  });

  it('is not ready while the database stores nothing, asked once it answers (test/fault/storage.test.ts: for real)', async () => {
    const life = new Lifecycle();
    life.started();
    let failing = true;
    const storage = { ...checks, storageFailing: () => failing };
    expect(await life.readiness(storage)).toEqual({ status: 'not_ready', reason: 'storage' });
    const down = async () => {
      throw new Error('connection refused');
    };
    expect(await life.readiness({ ...storage, ping: down })).toEqual({ status: 'not_ready', reason: 'database' });
    failing = false;
    expect(await life.readiness(storage)).toEqual({ status: 'ready' });
    failing = true;
    life.beginDraining();
    expect(await life.readiness(storage)).toEqual({ status: 'not_ready', reason: 'draining' });
  });

  it('waits for the requests in flight, within its bound', async () => {
    const life = new Lifecycle();
    expect(await life.settle(10)).toBe(0);
    life.requestStarted();
    life.requestStarted();
    setTimeout(() => life.requestEnded(), 20);
    setTimeout(() => life.requestEnded(), 40);
    const began = Date.now();
    expect(await life.settle(5000)).toBe(0);
    expect(Date.now() - began).toBeLessThan(1000);
    life.requestStarted();
    expect(await life.settle(50)).toBe(1);
  });
});

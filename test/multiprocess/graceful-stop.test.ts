/**
 * A real app process told to stop (SIGTERM), as systemd or a rolling restart does: readiness says
 * `draining` at once while it still serves, then it stops accepting connections, its event
 * streams get a `reconnect` event and end, a request in flight when it was told still finishes
 * (and its ticket is stored), and the process exits 0 within its bound. A second signal exits at once.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { PASSWORD } from '../support/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.js';
import { type AppProcess, startProcess } from '../support/processes.js';

const DRAIN_DELAY_MS = 1500;
const SHUTDOWN_TIMEOUT_MS = 8000;

const exited = (p: AppProcess) =>
  new Promise<{ code: number | null; at: number }>((resolve) => {
    if (p.child.exitCode !== null) resolve({ code: p.child.exitCode, at: Date.now() });
    else p.child.once('exit', (code) => resolve({ code, at: Date.now() }));
  });

/** An event stream read to its end: everything it sent, once the server ended it. */
async function followStream(url: string) {
  const res = await fetch(url, { headers: { accept: 'text/event-stream' } });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  let ended = false;
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
    } finally {
      ended = true;
    }
  })();
  return {
    text: () => text,
    ended: () => ended,
    done,
    until: async (fragment: string) => {
      const deadline = Date.now() + 5000;
      while (!text.includes(fragment)) {
        if (Date.now() > deadline) throw new Error(`stream never sent ${fragment}: ${text}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** A POST whose body is sent in two parts: in flight from its headers until `finish()`. */
function slowPost(url: string, body: string) {
  const req = httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answer = new Promise<{ status: number; connection: string | undefined; body: any }>((resolve, reject) => {
    req.on('response', (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(data) }),
      );
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(body.slice(0, 5));
  return {
    answer,
    finish: () => req.end(body.slice(5)),
  };
}

describe.each(ENGINES)('a graceful stop on %s', (engine) => {
  let database: TestDatabase;
  let p: AppProcess;
  let serviceId: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    p = await startProcess({
      DATABASE_URL: database.url,
      LOKET_SEED_PASSWORD: PASSWORD,
      LOKET_DRAIN_DELAY_MS: String(DRAIN_DELAY_MS),
      LOKET_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    });
    // open around the clock, whatever the hour the test runs at
    const login = await fetch(`${p.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] as string;
    const csrf = ((await (await fetch(`${p.base}/api/auth/csrf`, { headers: { cookie } })).json()) as any).token;
    const weekly = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
    );
    const hours = await fetch(`${p.base}/api/malls/blora/opening-hours`, {
      method: 'PUT',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ weekly }),
    });
    expect(hours.status).toBe(200);
    serviceId = ((await (await fetch(`${p.base}/api/malls/blora/services`)).json()) as any)[0].id;
  }, 120_000);

  afterAll(async () => {
    await p?.stop();
    await database?.drop();
  });

  it('drains: not ready, streams told to reconnect, the request in flight finished, exit 0', async () => {
    const ready = await fetch(`${p.base}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    const display = await followStream(`${p.base}/api/malls/blora/events`);
    await display.until('event: snapshot');
    const before = await fetch(`${p.base}/api/malls/blora/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId }),
    });
    expect(before.status).toBe(201);
    const issuedBefore = ((await before.json()) as any).id as string;
    const inFlight = slowPost(`${p.base}/api/malls/blora/tickets`, JSON.stringify({ serviceId }));
    await new Promise((r) => setTimeout(r, 200));

    const exit = exited(p);
    const told = Date.now();
    p.child.kill('SIGTERM');

    // at once: not ready, though it still answers (for balancers that poll readiness)
    await expect
      .poll(async () => {
        const res = await fetch(`${p.base}/api/health/ready`);
        return { status: res.status, body: await res.json() };
      })
      .toEqual({ status: 503, body: { status: 'not_ready', reason: 'draining' } });
    expect(display.ended()).toBe(false);

    // after the drain delay: the stream is told to reconnect (elsewhere) and ended
    await display.done;
    expect(Date.now() - told).toBeGreaterThanOrEqual(DRAIN_DELAY_MS - 100);
    expect(display.text()).toMatch(/retry: \d+\n\nevent: reconnect\ndata: \{"reason":"draining"\}\n\n$/);
    // and no new connection is taken
    await expect(fetch(`${p.base}/api/health`)).rejects.toThrow();
    expect(p.child.exitCode).toBeNull();

    // the request that was in flight finishes, asking its client to close the connection
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer.status).toBe(201);
    expect(answer.connection).toBe('close');

    const { code, at } = await exit;
    expect(code).toBe(0);
    expect(at - told).toBeLessThan(DRAIN_DELAY_MS + SHUTDOWN_TIMEOUT_MS);
    expect(p.output()).not.toMatch(/killed by timeout|second SIG/);

    // both tickets are stored
    const { db, close } = await openDatabase(database.target);
    try {
      const rows = await db
        .selectFrom('tickets')
        .select(['id', 'status'])
        .where('id', 'in', [issuedBefore, answer.body.id])
        .execute();
      expect(rows.map((r) => r.status).sort()).toEqual(['waiting', 'waiting']);
    } finally {
      await close();
    }
  }, 60_000);
});

describe('a second signal', () => {
  let database: TestDatabase;
  let p: AppProcess;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    p = await startProcess({
      DATABASE_URL: database.url,
      LOKET_SEED_PASSWORD: PASSWORD,
      LOKET_DRAIN_DELAY_MS: '20000',
    });
  }, 120_000);
  afterAll(async () => {
    await p?.stop();
    await database?.drop();
  });

  it('exits at once, without waiting for the drain', async () => {
    const exit = exited(p);
    const told = Date.now();
    p.child.kill('SIGTERM');
    await expect.poll(async () => (await fetch(`${p.base}/api/health/ready`)).status).toBe(503);
    p.child.kill('SIGTERM');
    const { code, at } = await exit;
    expect(code).toBe(1);
    expect(at - told).toBeLessThan(5000);
  }, 30_000);
});

/**
 * Issue #15, point 4: the LISTEN connection of the PostgreSQL bus dropped under load
 * (pg_terminate_backend). Two real app processes take issues and call-next through several
 * counters while the listening backends are terminated twice; every call answered 200 must still
 * reach the display connected to each process (late, or after the display reconnects with
 * Last-Event-ID as a browser's EventSource would), each once, and both processes are ready again.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { channelName } from '../../src/server/events/bus.js';
import { PASSWORD } from '../support/app.js';
import { createTestDatabase, ENGINES, PG_URL, type TestDatabase } from '../support/databases.js';
import {
  addCounters,
  type Call,
  type Display,
  followDisplay,
  missedBy,
  type StaffSession,
  shownTwiceOrWrong,
  signIn,
} from '../support/load.js';
import { type AppProcess, startProcess } from '../support/processes.js';

const EXTRA_COUNTERS = 5;
const LOAD_MS = 7500;
/** when, from the start of the load, the listening backends are terminated */
const KILLS_AT_MS = [1500, 5000];

describe.runIf(ENGINES.includes('postgres'))('the PostgreSQL LISTEN connection dropped under load', () => {
  let database: TestDatabase;
  let a: AppProcess;
  let b: AppProcess;
  let session: StaffSession;
  let serviceId: string;
  let counterIds: string[];
  let listening: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    // no per-address limit on issuing: every ticket of the load comes from this one address
    const env = { DATABASE_URL: database.url, LOKET_SEED_PASSWORD: PASSWORD, LOKET_RATE_LIMITS: 'off' };
    a = await startProcess(env); // migrates and seeds
    b = await startProcess(env);
    const schema = database.target.kind === 'postgres' ? (database.target.schema ?? null) : null;
    listening = `LISTEN ${channelName(schema)}`;
    session = await signIn(a.base);
    const agencies = (await (await fetch(`${a.base}/api/malls/blora/agencies`)).json()) as any;
    const dk = agencies.find((x: any) => x.code === 'dindukcapil');
    serviceId = ((await (await fetch(`${a.base}/api/malls/blora/services?agencyId=${dk.id}`)).json()) as any)[0].id;
    await addCounters(database.target, dk.id, serviceId, EXTRA_COUNTERS);
    // the counters serving the service, the ones just added included
    const counters = (await (await fetch(`${b.base}/api/malls/blora/counters`)).json()) as any;
    counterIds = counters.filter((c: any) => c.serviceIds.includes(serviceId)).map((c: any) => c.id);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('reconnects, and every call reaches the displays on both processes once', async () => {
    expect(counterIds.length).toBeGreaterThanOrEqual(EXTRA_COUNTERS + 1);
    const displays = {
      a: followDisplay(`${a.base}/api/malls/blora/events`),
      b: followDisplay(`${b.base}/api/malls/blora/events`),
    };
    await Promise.all([displays.a.ready, displays.b.ready]);

    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const listeners = async () =>
      (await admin.query('SELECT pid FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()', [listening]))
        .rows;
    // one listening backend per process, its last query the LISTEN
    expect(await listeners()).toHaveLength(2);

    const answered: Call[] = [];
    const killed: number[] = [];
    const readiness: Record<'a' | 'b', Set<string>> = { a: new Set(), b: new Set() };
    const post = (via: AppProcess, path: string, body?: object) => session.post(via.base, path, body);
    const started = Date.now();
    const until = started + LOAD_MS;

    // every counter, through A and B in turn: issue a ticket, call next, start, finish
    const worker = async (counterId: string, w: number) => {
      for (let i = w; Date.now() < until; i++) {
        const via = i % 2 ? a : b;
        const other = i % 2 ? b : a;
        const issued = await post(via, '/api/malls/blora/tickets', { serviceId });
        expect(issued.status).toBe(201);
        const res = await post(other, `/api/malls/blora/counters/${counterId}/call-next`);
        if (res.status !== 200) {
          expect([204, 409]).toContain(res.status);
          continue;
        }
        const body = (await res.json()) as any;
        answered.push({ eventId: '', ticketId: body.ticket.id, number: body.ticket.number, counterId });
        expect((await post(via, `/api/malls/blora/tickets/${body.ticket.id}/start`)).status).toBe(200);
        expect((await post(other, `/api/malls/blora/tickets/${body.ticket.id}/finish`)).status).toBe(200);
      }
    };
    const killer = async () => {
      for (const at of KILLS_AT_MS) {
        await new Promise((r) => setTimeout(r, Math.max(0, started + at - Date.now())));
        const res = await admin.query(
          'SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()',
          [listening],
        );
        killed.push(res.rows.filter((r) => r.done).length);
      }
    };
    const watch = async () => {
      while (Date.now() < until + 3000) {
        for (const [name, p] of [
          ['a', a],
          ['b', b],
        ] as const) {
          const r = (await (await fetch(`${p.base}/api/health/ready`)).json()) as any;
          readiness[name].add(r.status === 'ready' ? 'ready' : r.reason);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await Promise.all([...counterIds.map(worker), killer(), watch()]);

    // both backends were terminated each time, and both processes listen again
    expect(killed).toEqual(KILLS_AT_MS.map(() => 2));
    const deadline = Date.now() + 5000;
    while ((await listeners()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await listeners()).toHaveLength(2);
    await admin.end();

    // every call answered reaches both displays (waiting for late ones and reconnections)
    const missing = (d: Display) => missedBy(d, answered);
    const wait = Date.now() + 8000;
    while ((missing(displays.a).length > 0 || missing(displays.b).length > 0) && Date.now() < wait) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const report = {
      counters: counterIds.length,
      calls: answered.length,
      missedByDisplayA: missing(displays.a).length,
      missedByDisplayB: missing(displays.b).length,
      connectionsA: displays.a.connections(),
      connectionsB: displays.b.connections(),
      resentA: displays.a.calls.length - new Set(displays.a.calls.map((c) => c.eventId)).size,
      resentB: displays.b.calls.length - new Set(displays.b.calls.map((c) => c.eventId)).size,
      readinessA: [...readiness.a],
      readinessB: [...readiness.b],
    };
    console.log('listen-drop', JSON.stringify(report));
    // on a miss, the evidence: where each display resumed (its Last-Event-ID per connection) and
    // the ids of the call events it lacks
    for (const [name, d] of Object.entries(displays)) {
      const lacking = missing(d).map((k) => k.split('@')[0]!);
      if (lacking.length === 0) continue;
      const { db, close } = await openDatabase(database.target);
      const rows = await db
        .selectFrom('ticket_events')
        .select('id')
        .where('type', '=', 'call')
        .where('ticket_id', 'in', lacking)
        .orderBy('id')
        .execute();
      await close();
      console.log(
        `display ${name} resumed after`,
        d.resumes,
        'and lacks',
        rows.map((r) => r.id),
      );
    }
    displays.a.close();
    displays.b.close();
    expect(answered.length).toBeGreaterThan(50);
    expect(report).toMatchObject({ missedByDisplayA: 0, missedByDisplayB: 0 });
    // each call once on each display: a replay may send again a call the display already had (the
    // browser's display drops an event id it has seen), but no call comes as two events, and each
    // shows the number and counter the officer got
    for (const d of [displays.a, displays.b]) expect(shownTwiceOrWrong(d, answered)).toEqual([]);
    // the readiness said `bus` while a listener was down, and both are ready at the end
    expect(readiness.a.has('bus') || readiness.b.has('bus')).toBe(true);
    for (const p of [a, b]) {
      const r = await fetch(`${p.base}/api/health/ready`);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ status: 'ready' });
    }
  }, 60_000);
});

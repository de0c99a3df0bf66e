/**
 * Issue #15, point 4: three real app processes on one PostgreSQL behind the nginx of deploy/
 * (test/support/proxy.ts runs the shipped file), officers issuing and calling through the proxy at
 * every counter of a service while displays follow the mall's stream through it.
 *
 *  1. kill -9 of the process a display is connected to, mid-load, and its restart;
 *  2. then a rolling restart of all three (SIGTERM, back, ready, the next), as an upgrade does.
 *
 * Afterwards: every ticket answered 201 is in the database with its number and no number was
 * given twice; every call answered 200 reached every display once (those whose process died or
 * stopped came back through the proxy to another and resumed after their Last-Event-ID); the only
 * requests that failed were in flight on the killed process when it died, and none failed during
 * the rolling restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { PASSWORD } from '../support/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.js';
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
import { type AppProcess, freePort, startProcess } from '../support/processes.js';
import { NGINX, type NginxProxy, startProxy, unitEnvironment } from '../support/proxy.js';

if (!NGINX && process.env.CI) throw new Error('nginx is required in CI (apt-get install nginx) but was not found');

const EXTRA_COUNTERS = 5;
const DISPLAYS = 3;
/** load before the kill, and after the killed process is back before the rolling restart */
const BEFORE_KILL_MS = 2000;
const AFTER_RESTART_MS = 1500;

interface Sent {
  phase: 'kill' | 'rolling';
  what: string;
  startedAt: number;
  endedAt: number;
  /** the HTTP status, or 0 when the request got no answer at all */
  status: number;
  /** the process(es) nginx tried, from X-Loket-Upstream */
  upstream: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(ENGINES.includes('postgres') && NGINX)(
  'three processes behind nginx: kill -9 and a rolling restart',
  () => {
    let database: TestDatabase;
    const processes: AppProcess[] = [];
    let ports: number[];
    let env: Record<string, string>;
    let proxy: NginxProxy;
    let session: StaffSession;
    let serviceId: string;
    let counterIds: string[];

    beforeAll(async () => {
      database = await createTestDatabase('postgres');
      // run as deployed (the unit's settings: the drain delay), behind the proxy; every request comes
      // from this one address: no per-address limits
      env = {
        ...unitEnvironment(),
        DATABASE_URL: database.url,
        LOKET_SEED_PASSWORD: PASSWORD,
        LOKET_RATE_LIMITS: 'off',
        TRUST_PROXY: '1',
      };
      expect(Number(env.LOKET_DRAIN_DELAY_MS)).toBeGreaterThan(0);
      ports = [await freePort(), await freePort(), await freePort()];
      // one after the other: the first migrates and seeds
      for (const port of ports) processes.push(await startProcess(env, 90_000, port));
      proxy = await startProxy(ports);
      session = await signIn(proxy.base);
      const agencies = (await (await fetch(`${proxy.base}/api/malls/blora/agencies`)).json()) as any[];
      const dk = agencies.find((x) => x.code === 'dindukcapil');
      const services = (await (
        await fetch(`${proxy.base}/api/malls/blora/services?agencyId=${dk.id}`)
      ).json()) as any[];
      serviceId = services[0].id;
      await addCounters(database.target, dk.id, serviceId, EXTRA_COUNTERS);
      // the counters serving the service, the ones just added included (services are cached per
      // process, counters are read from the database)
      const counters = (await (await fetch(`${proxy.base}/api/malls/blora/counters`)).json()) as any[];
      counterIds = counters.filter((c) => c.serviceIds.includes(serviceId)).map((c) => c.id);
    }, 240_000);

    afterAll(async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await proxy?.stop();
      await database?.drop();
    });

    it('loses no ticket, gives no number twice, misses no call; only the killed process’s requests in flight fail', async () => {
      expect(counterIds.length).toBeGreaterThanOrEqual(EXTRA_COUNTERS + 1);
      const displays: Display[] = [];
      for (let i = 0; i < DISPLAYS; i++) displays.push(followDisplay(`${proxy.base}/api/malls/blora/events`));
      await Promise.all(displays.map((d) => d.ready));
      // least_conn spreads the streams: the displays sit on different processes
      const firstUpstreams = displays.map((d) => d.upstreams[0] as string);
      expect(firstUpstreams.every((u) => /^127\.0\.0\.1:\d+$/.test(u))).toBe(true);
      expect(new Set(firstUpstreams).size).toBe(DISPLAYS);

      const sent: Sent[] = [];
      const issued: { id: string; number: string }[] = [];
      const answered: Call[] = [];
      let phase: Sent['phase'] = 'kill';
      let stop = false;

      /** one request through the proxy, recorded; null when it got no answer */
      const send = async (what: string, path: string, body?: object): Promise<Response | null> => {
        const startedAt = Date.now();
        const at = phase;
        try {
          const res = await session.post(proxy.base, path, body);
          sent.push({
            phase: at,
            what,
            startedAt,
            endedAt: Date.now(),
            status: res.status,
            upstream: res.headers.get('x-loket-upstream') ?? '',
          });
          return res;
        } catch {
          sent.push({ phase: at, what, startedAt, endedAt: Date.now(), status: 0, upstream: '' });
          return null;
        }
      };
      const ok = (res: Response | null, ...statuses: number[]) => res !== null && statuses.includes(res.status);

      /** a counter whose call-next said busy (its answer lost in a kill): finish what it holds */
      const release = async (counterId: string) => {
        const res = await session.get(proxy.base, `/api/malls/blora/counters/${counterId}/queue`);
        if (res.status !== 200) return;
        const current = ((await res.json()) as any).current;
        if (!current) return;
        if (current.status === 'called') await send('start', `/api/malls/blora/tickets/${current.id}/start`);
        await send('finish', `/api/malls/blora/tickets/${current.id}/finish`);
      };

      // every counter: issue a ticket, call next, start, finish — each step through the proxy
      const worker = async (counterId: string) => {
        while (!stop) {
          const ticket = await send('issue', '/api/malls/blora/tickets', { serviceId });
          if (ok(ticket, 201)) {
            const body = (await (ticket as Response).json()) as any;
            issued.push({ id: body.id, number: body.number });
          }
          const called = await send('call-next', `/api/malls/blora/counters/${counterId}/call-next`);
          if (!ok(called, 200)) {
            if (ok(called, 409) || called === null || called.status >= 500) await release(counterId);
            continue;
          }
          const t = ((await (called as Response).json()) as any).ticket;
          answered.push({ eventId: '', ticketId: t.id, number: t.number, counterId });
          if (!ok(await send('start', `/api/malls/blora/tickets/${t.id}/start`), 200)) await release(counterId);
          else if (!ok(await send('finish', `/api/malls/blora/tickets/${t.id}/finish`), 200)) await release(counterId);
        }
      };
      const load = Promise.all(counterIds.map(worker));

      // 1. kill -9 the process the first display is on, mid-load; bring it back on its port
      await sleep(BEFORE_KILL_MS);
      const victimAddress = firstUpstreams[0] as string;
      const victim = ports.indexOf(Number(victimAddress.split(':')[1]));
      expect(victim).toBeGreaterThanOrEqual(0);
      const killedAt = Date.now();
      (processes[victim] as AppProcess).child.kill('SIGKILL');
      await new Promise((r) => (processes[victim] as AppProcess).child.once('exit', r));
      const diedAt = Date.now();
      processes[victim] = await startProcess(env, 90_000, ports[victim]);
      await sleep(AFTER_RESTART_MS);

      // 2. the rolling restart: each process stopped (it drains), started again and ready, in turn
      phase = 'rolling';
      const rollingFrom = Date.now();
      /** when each stopping process closes its listener: the signal, then the drain delay */
      const listenerClosed: { address: string; at: number }[] = [];
      for (let i = 0; i < ports.length; i++) {
        listenerClosed.push({ address: `127.0.0.1:${ports[i]}`, at: Date.now() + Number(env.LOKET_DRAIN_DELAY_MS) });
        await (processes[i] as AppProcess).stop();
        processes[i] = await startProcess(env, 90_000, ports[i]);
        for (;;) {
          const ready = await fetch(`${(processes[i] as AppProcess).base}/api/health/ready`);
          if (ready.status === 200) break;
          await sleep(100);
        }
      }
      await sleep(AFTER_RESTART_MS);
      stop = true;
      await load;
      const rollingMs = Date.now() - rollingFrom;

      // every call answered reaches every display (waiting for late ones and reconnections)
      const deadline = Date.now() + 10_000;
      while (displays.some((d) => missedBy(d, answered).length > 0) && Date.now() < deadline) await sleep(100);

      const failed = sent.filter((s) => s.status === 0 || s.status >= 500);
      const report = {
        counters: counterIds.length,
        requests: sent.length,
        ticketsIssued: issued.length,
        calls: answered.length,
        killedProcess: victimAddress,
        failedInKill: failed.filter((s) => s.phase === 'kill').map((s) => `${s.what} ${s.status} via ${s.upstream}`),
        failedInRolling: failed
          .filter((s) => s.phase === 'rolling')
          .map((s) => `${s.what} ${s.status} via ${s.upstream}`),
        rollingRestartMs: rollingMs,
        displays: displays.map((d) => ({
          connections: d.connections(),
          via: d.upstreams,
          resumedAfter: d.resumes.filter(Boolean).length,
          missed: missedBy(d, answered).length,
        })),
      };
      console.log('pg-proxy', JSON.stringify(report));
      if (failed.length > 0) console.log('nginx error log:\n', proxy.errors());
      for (const d of displays) d.close();

      expect(answered.length).toBeGreaterThan(50);
      // the requests that failed were in flight on the killed process when it died: sent to it
      // before it died, answered after the kill (502 by nginx, or cut)
      for (const f of failed.filter((s) => s.phase === 'kill')) {
        expect(f.upstream === '' || f.upstream.split(', ').at(-1) === victimAddress, JSON.stringify(f)).toBe(true);
        expect(f.startedAt).toBeLessThanOrEqual(diedAt);
        expect(f.endedAt).toBeGreaterThanOrEqual(killedAt);
      }
      // and none during the rolling restart but those nginx had connected to a stopping process in
      // the instant it closed its listener (queued, not yet accepted: reset, and a sent POST is not
      // passed on): about one a run here, three listener closes under load. Open-source nginx
      // cannot be told to stop sending first without a reload, which resets its clients' idle
      // connections the same way (tried: six failures in a run); a balancer that polls readiness
      // during the drain delay can.
      const atClose = (f: Sent) =>
        f.status === 502 &&
        listenerClosed.some((c) => f.upstream.split(', ').at(-1) === c.address && Math.abs(f.startedAt - c.at) < 300);
      const rollingFailures = failed.filter((s) => s.phase === 'rolling');
      expect(rollingFailures.filter((f) => !atClose(f)).map((f) => JSON.stringify(f))).toEqual([]);
      expect(rollingFailures.length).toBeLessThanOrEqual(listenerClosed.length);

      // every display saw every call once, with the officer's number; the first display's process
      // was killed and all were restarted: each came back through the proxy after its last event
      for (const d of displays) {
        expect(missedBy(d, answered)).toEqual([]);
        expect(shownTwiceOrWrong(d, answered)).toEqual([]);
        expect(d.connections()).toBeGreaterThanOrEqual(2);
        expect(d.resumes.slice(1).every(Boolean)).toBe(true);
      }

      // every ticket answered 201 is there with its number; no number given twice (prefix and day)
      const { db, close } = await openDatabase(database.target);
      try {
        const ids = issued.map((t) => t.id);
        const rows = [];
        for (let i = 0; i < ids.length; i += 500) {
          rows.push(
            ...(await db
              .selectFrom('tickets')
              .select(['id', 'number'])
              .where('id', 'in', ids.slice(i, i + 500))
              .execute()),
          );
        }
        const stored = new Map(rows.map((r) => [r.id, r.number]));
        const lost = issued.filter((t) => stored.get(t.id) !== t.number);
        expect(lost).toEqual([]);
        const all = await db.selectFrom('tickets').select(['mall_id', 'number', 'service_date']).execute();
        const seen = new Set<string>();
        const twice = all.filter((t) => {
          const k = `${t.mall_id} ${t.service_date} ${t.number}`;
          if (seen.has(k)) return true;
          seen.add(k);
          return false;
        });
        expect(twice).toEqual([]);
      } finally {
        await close();
      }
      // the processes are all back and ready
      for (const p of processes) expect((await fetch(`${p.base}/api/health/ready`)).status).toBe(200);
    }, 240_000);
  },
);

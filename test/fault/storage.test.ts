/**
 * Issue #15, point 4: a database that stores nothing — its disk full, or read-only — while a real
 * app process takes tickets. Every write is answered 503 `storage_unavailable` with Retry-After
 * (not 500, not a hang), readiness says `storage` while liveness stays `ok`, the catalog, a
 * ticket's page and the display are still read; once the storage is fixed tickets are taken again
 * and the process is ready. Afterwards the database holds exactly the tickets answered 201, each
 * whole (its event and visit, its number, its quota count), and nothing of the ones answered 503.
 *
 * The faults are real, not a driver mocked (the machine's root is needed to mount: CI runs as
 * root on this kind of machine):
 * - SQLite, disk full: the database file on a small tmpfs that the test fills with a file of its
 *   own until ENOSPC, and empties to recover; the same process goes on. Before filling, the test's
 *   own connection checkpoints and truncates the WAL (wal_checkpoint(TRUNCATE)), so the next commit
 *   must grow the -wal file and meets the full disk at once; otherwise the WAL's already allocated
 *   space would take a few hundred more tickets first.
 * - SQLite, read-only: the database on an ext4 file system (a loop device) mounted
 *   errors=remount-ro, as Debian mounts its disks, and an ext4 error raised through
 *   /sys/fs/ext4/<dev>/trigger_fs_error: the kernel turns the file system read-only under the
 *   running process, as after a disk's I/O error. SQLite says SQLITE_IOERR_WRITE. Linux does not
 *   let such a file system be made writable again while it is mounted, nor unmounted while the
 *   process holds the file: the fix is to stop the process, unmount, e2fsck, mount and start it.
 *   (A plain `mount -o remount,ro` is refused while the database is open for writing, and
 *   `chattr +i` does not stop writes through a descriptor already open.)
 * - PostgreSQL, read-only: a database of its own set `default_transaction_read_only = on` and its
 *   sessions terminated (pg_terminate_backend), so the app's pool reconnects into read-only
 *   sessions, as after a failover onto a standby; recovery is the RESET and the same termination,
 *   and the same process goes on. PostgreSQL's disk-full (SQLSTATE 53100) cannot be caused here;
 *   it takes the same path (src/server/db/storage-fault.ts and its unit test).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatabaseTarget, openDatabase } from '../../src/server/db/database.js';
import type { StorageFault } from '../../src/server/db/storage-fault.js';
import { PASSWORD } from '../support/app.js';
import { ENGINES, PG_URL } from '../support/databases.js';
import { type AppProcess, startProcess } from '../support/processes.js';

/** tickets asked for at once (one group-commit batch, or a few) */
const BURST = 16;

interface Answered {
  id: string;
  token: string;
  number: string;
  serviceId: string;
  serviceDate: string;
}

interface Answer {
  status: number;
  body: any;
  retryAfter: string | null;
}

async function post(base: string, body: unknown, lang?: 'en'): Promise<Answer> {
  const res = await fetch(`${base}/api/malls/blora/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

async function readiness(base: string) {
  const res = await fetch(`${base}/api/health/ready`);
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
}

/** The display's stream as a TV opens it: its first event is the snapshot, read from the database. */
async function displaySnapshot(base: string): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    const res = await fetch(`${base}/api/malls/blora/events`, {
      headers: { accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!res.ok || !res.body) return false;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: snapshot')) {
      const { value, done } = await reader.read();
      if (done) return false;
      text += value;
    }
    return true;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

interface Case {
  env: Record<string, string>;
  target: DatabaseTarget;
  fault: StorageFault;
  /** the first sentence of the message, in Indonesian and in English */
  saysId: RegExp;
  saysEn: RegExp;
  /** makes the database store nothing; returns once the app could know */
  breakStorage(server: AppProcess): Promise<void>;
  /** the fix; a new process when the fix needs the old one stopped (a file system to check and remount) */
  fixStorage(server: AppProcess): Promise<AppProcess | undefined>;
}

/** The scenario both engines go through; returns what it saw, for the log line. */
async function storageGoesAndComesBack(c: Case, onServer: (s: AppProcess | null) => void) {
  const began = Date.now();
  let server = await startProcess(c.env);
  onServer(server);
  const services = (await (await fetch(`${server.base}/api/malls/blora/services`)).json()) as {
    id: string;
    prefix: string;
    dailyQuota: number | null;
  }[];
  // a few lines of their own numbering, and one service with a daily quota (its count is written too)
  const byPrefix = new Map<string, string>();
  for (const s of services) if (s.dailyQuota === null && !byPrefix.has(s.prefix)) byPrefix.set(s.prefix, s.id);
  const quotaService = services.find((s) => s.dailyQuota !== null && s.dailyQuota >= 3 * BURST);
  expect(byPrefix.size).toBeGreaterThanOrEqual(3);
  expect(quotaService).toBeDefined();
  const serviceIds = [...[...byPrefix.values()].slice(0, 3), (quotaService as { id: string }).id];

  const answered: Answered[] = [];
  const burst = async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) => post(server.base, { serviceId: serviceIds[i % serviceIds.length] })),
    );
    for (const a of answers) if (a.status === 201) answered.push(a.body as Answered);
    return answers;
  };

  // Before: tickets accepted, which must outlive what follows.
  const before = await burst();
  expect(before.map((a) => a.status)).toEqual(before.map(() => 201));

  await c.breakStorage(server);

  // Every write refused, each at once and whole: 503, the code, why, and when to come back.
  const refusingAt = Date.now();
  const refused = await burst();
  const visit = await post(server.base, { serviceIds: serviceIds.slice(0, 2) });
  const english = await post(server.base, { serviceId: serviceIds[0] }, 'en');
  const refusedMs = Date.now() - refusingAt;
  for (const a of [...refused, visit]) {
    expect(a.status, JSON.stringify(a.body)).toBe(503);
    expect(a.retryAfter).toBe('30');
    expect(a.body).toMatchObject({ error: 'storage_unavailable', fault: c.fault, retryAfterSeconds: 30 });
    expect(a.body.message).toMatch(c.saysId);
    expect(a.body.message).toMatch(/ Permintaan Anda belum tersimpan; coba lagi dalam 30 detik\.$/);
  }
  expect(english.status).toBe(503);
  expect(english.body.message).toMatch(c.saysEn);
  expect(english.body.message).toMatch(/ Your request was not saved; try again in 30 seconds\.$/);
  expect(refusedMs).toBeLessThan(10_000);

  // Readiness says why; liveness keeps its contract; reads are served.
  expect(await readiness(server.base)).toEqual({ status: 503, body: { status: 'not_ready', reason: 'storage' } });
  const live = await fetch(`${server.base}/api/health`);
  expect(live.status).toBe(200);
  expect(await live.json()).toEqual({ status: 'ok' });
  expect((await fetch(`${server.base}/api/malls/blora/services`)).status).toBe(200);
  const page = await fetch(`${server.base}/api/tickets/${(answered[0] as Answered).token}`);
  expect(page.status).toBe(200);
  expect(await displaySnapshot(server.base)).toBe(true);

  const fixedAt = Date.now();
  const restarted = await c.fixStorage(server);
  if (restarted) {
    server = restarted;
    onServer(server);
  }

  // The process takes tickets again: refused (503, nothing else) until the fix reaches it.
  const ticketsAt = Date.now();
  let refusedAfterFix = 0;
  for (;;) {
    const a = await post(server.base, { serviceId: serviceIds[0] });
    if (a.status === 201) {
      answered.push(a.body as Answered);
      break;
    }
    expect(a.body.error, JSON.stringify(a.body)).toBe('storage_unavailable');
    refusedAfterFix++;
    expect(Date.now() - ticketsAt, 'no ticket taken within 15 s of the fix').toBeLessThan(15_000);
    await new Promise((r) => setTimeout(r, 200));
  }
  const recoveredMs = Date.now() - ticketsAt;
  const fixMs = ticketsAt - fixedAt;
  // ready again: at once, or once a PostgreSQL listener ended with the sessions listens anew (`bus`)
  const reasons = new Set<string>();
  await expect
    .poll(
      async () => {
        const r = await readiness(server.base);
        if (r.body.reason) reasons.add(r.body.reason);
        return r;
      },
      { timeout: 5000, interval: 100 },
    )
    .toEqual({ status: 200, body: { status: 'ready' } });
  expect([...reasons].filter((r) => r !== 'bus')).toEqual([]);
  const after = await burst();
  expect(after.map((a) => a.status)).toEqual(after.map(() => 201));

  await server.stop();
  onServer(null);
  const rows = await stored(c.target);
  return {
    answered,
    rows,
    refused: refused.length + 2,
    refusedMs,
    refusedAfterFix,
    recoveredMs,
    fixMs,
    seconds: Number(((Date.now() - began) / 1000).toFixed(1)),
  };
}

/** What the database holds afterwards, read with a connection of the test's own. */
async function stored(target: DatabaseTarget) {
  const { db, close } = await openDatabase(target);
  try {
    return {
      tickets: await db
        .selectFrom('tickets')
        .select(['id', 'number', 'prefix', 'seq', 'service_id', 'service_date', 'mall_id'])
        .execute(),
      events: await db.selectFrom('ticket_events').select(['ticket_id', 'type']).execute(),
      visits: await db.selectFrom('visits').select(['ticket_id']).execute(),
      sequences: await db
        .selectFrom('ticket_sequences')
        .select(['mall_id', 'prefix', 'service_date', 'value'])
        .execute(),
      counts: await db.selectFrom('service_day_counts').select(['service_id', 'service_date', 'issued']).execute(),
    };
  } finally {
    await close();
  }
}

type Stored = Awaited<ReturnType<typeof stored>>;

/** Exactly the tickets answered 201, each whole; the numbers' and quotas' counters agree with them. */
function expectExactlyTheAccepted(answered: Answered[], rows: Stored) {
  const byId = new Map(rows.tickets.map((t) => [t.id, t]));
  expect(answered.filter((a) => !byId.has(a.id)).map((a) => a.number)).toEqual([]);
  const accepted = new Set(answered.map((a) => a.id));
  // a ticket answered 503 (or never asked for) left no row
  expect(rows.tickets.filter((t) => !accepted.has(t.id)).map((t) => t.number)).toEqual([]);
  for (const a of answered) {
    expect(byId.get(a.id)).toMatchObject({ number: a.number, service_id: a.serviceId, service_date: a.serviceDate });
  }
  // each ticket whole: its issue event and its visit; no event or visit without its ticket
  const issueEvents = rows.events.filter((e) => e.type === 'issue').map((e) => e.ticket_id);
  expect([...issueEvents].sort()).toEqual([...accepted].sort());
  expect(rows.events.filter((e) => !accepted.has(e.ticket_id))).toEqual([]);
  expect(rows.visits.map((v) => v.ticket_id).sort()).toEqual([...accepted].sort());
  // numbers: none twice, and each day's sequence stands at its last number (a refused batch took none)
  const lines = new Map<string, number[]>();
  for (const t of rows.tickets) {
    const key = `${t.mall_id} ${t.prefix} ${t.service_date}`;
    lines.set(key, [...(lines.get(key) ?? []), Number(t.seq)]);
  }
  for (const s of rows.sequences) {
    const seqs = (lines.get(`${s.mall_id} ${s.prefix} ${s.service_date}`) ?? []).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(Number(s.value)).toBe(seqs.length);
  }
  // a daily quota's count is the tickets stored, so no refused write used up a citizen's place
  expect(rows.counts.length).toBeGreaterThan(0);
  for (const c of rows.counts) {
    const issued = rows.tickets.filter((t) => t.service_id === c.service_id && t.service_date === c.service_date);
    expect(Number(c.issued)).toBe(issued.length);
  }
}

function sh(cmd: string, args: string[]) {
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Writes a file of zeros until the file system has no room left; returns its size. */
function fillUp(file: string): number {
  const fd = openSync(file, 'w');
  let size = 0;
  try {
    for (const chunk of [Buffer.alloc(1 << 20), Buffer.alloc(4096), Buffer.alloc(512)]) {
      try {
        for (;;) size += writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return size;
}

describe('SQLite: the disk full', () => {
  let dir = '';
  let server: AppProcess | null = null;
  let mounted = false;

  afterAll(async () => {
    await server?.stop();
    if (mounted) sh('umount', [dir]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 storage_unavailable while full, keeps serving reads, and takes tickets once there is room', async () => {
    dir = mkdtempSync(join(tmpdir(), 'loket-storage-'));
    const file = join(dir, 'loket.db');
    const filler = join(dir, 'filler');
    // a file system of its own, small enough to fill at once
    sh('mount', ['-t', 'tmpfs', '-o', 'size=48m,mode=0700', 'loket-storage-test', dir]);
    mounted = true;
    let filled = 0;
    const seen = await storageGoesAndComesBack(
      {
        env: {
          DATABASE_URL: `sqlite:${file}`,
          LOKET_SEED_PASSWORD: PASSWORD,
          // the burst comes from one address: the per-address limit would refuse most of it
          LOKET_RATE_LIMITS: 'off',
        },
        target: { kind: 'sqlite', file },
        fault: 'full',
        saysId: /^Penyimpanan basis data penuh, sehingga data baru tidak dapat disimpan\. /,
        saysEn: /^The database's storage is full, so nothing new can be saved\. /,
        async breakStorage() {
          // the WAL moved into the database file and cut to nothing (retried while the app reads)
          const sqlite = new SQLite(file);
          try {
            for (let i = 0; ; i++) {
              const [r] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
              if (r?.busy === 0) break;
              expect(i, 'the WAL could not be checkpointed').toBeLessThan(50);
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
          } finally {
            sqlite.close();
          }
          filled = fillUp(filler);
          expect(statfsSync(dir).bavail).toBe(0);
        },
        async fixStorage() {
          rmSync(filler);
          return undefined;
        },
      },
      (s) => (server = s),
    );
    const sqlite = new SQLite(file, { readonly: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
    console.log(
      `[storage sqlite full] filler ${(filled / 2 ** 20).toFixed(1)} MiB; answered 201: ${seen.answered.length}, ` +
        `stored ${seen.rows.tickets.length}; refused 503: ${seen.refused} in ${seen.refusedMs} ms; ` +
        `after the fix ${seen.refusedAfterFix} more 503 and the first 201 in ${seen.recoveredMs} ms; ${seen.seconds} s`,
    );
    expectExactlyTheAccepted(seen.answered, seen.rows);
  }, 60_000);
});

describe('SQLite: the file system turned read-only by an error', () => {
  let dir = '';
  let server: AppProcess | null = null;
  let mounted = false;

  afterAll(async () => {
    await server?.stop();
    if (mounted) sh('umount', [join(dir, 'mnt')]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 storage_unavailable while read-only, keeps serving reads, and loses nothing accepted', async () => {
    dir = mkdtempSync(join(tmpdir(), 'loket-storage-'));
    const image = join(dir, 'disk.img');
    const mnt = join(dir, 'mnt');
    const file = join(mnt, 'loket.db');
    const env = { DATABASE_URL: `sqlite:${file}`, LOKET_SEED_PASSWORD: PASSWORD, LOKET_RATE_LIMITS: 'off' };
    const mount = () => {
      sh('mount', ['-o', 'loop,errors=remount-ro', image, mnt]);
      mounted = true;
    };
    mkdirSync(mnt);
    writeFileSync(image, '');
    sh('truncate', ['-s', '96M', image]);
    sh('mkfs.ext4', ['-q', '-F', image]);
    mount();
    const seen = await storageGoesAndComesBack(
      {
        env,
        target: { kind: 'sqlite', file },
        // SQLite reports an I/O error (EROFS underneath): the storage fails
        fault: 'failing',
        saysId: /^Penyimpanan basis data sedang bermasalah, sehingga data baru tidak dapat disimpan\. /,
        saysEn: /^The database's storage is failing, so nothing new can be saved\. /,
        async breakStorage() {
          const device = execFileSync('findmnt', ['-no', 'SOURCE', mnt], { encoding: 'utf8' }).trim();
          writeFileSync(`/sys/fs/ext4/${basename(device)}/trigger_fs_error`, '1');
          expect(() => writeFileSync(join(mnt, 'probe'), 'x')).toThrow(/EROFS/);
        },
        async fixStorage(s) {
          await s.stop();
          server = null;
          sh('umount', [mnt]);
          mounted = false;
          // 0: clean, 1: errors corrected
          const fsck = spawnSync('e2fsck', ['-f', '-y', image], { encoding: 'utf8' });
          expect(fsck.status, fsck.stdout + fsck.stderr).toBeLessThanOrEqual(1);
          mount();
          return startProcess(env);
        },
      },
      (s) => (server = s),
    );
    const sqlite = new SQLite(file, { readonly: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
    console.log(
      `[storage sqlite read-only] answered 201: ${seen.answered.length}, stored ${seen.rows.tickets.length}; ` +
        `refused 503: ${seen.refused} in ${seen.refusedMs} ms; stop, e2fsck, mount and start ${seen.fixMs} ms, ` +
        `then ${seen.refusedAfterFix} more 503 and the first 201 in ${seen.recoveredMs} ms; ${seen.seconds} s`,
    );
    expectExactlyTheAccepted(seen.answered, seen.rows);
  }, 60_000);
});

describe.runIf(ENGINES.includes('postgres'))('PostgreSQL: the database read-only', () => {
  const name = `loket_ro_${randomBytes(5).toString('hex')}`;
  const adminUrl = new URL(PG_URL);
  adminUrl.pathname = '/postgres';
  const dbUrl = new URL(PG_URL);
  dbUrl.pathname = `/${name}`;
  let server: AppProcess | null = null;
  let created = false;

  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  /**
   * Ends every session on the database, and returns once they are gone: the app's pool and its
   * listener reconnect. (A query sent on a connection while its end is on the way fails with 500
   * `internal`: that is a lost connection, not a storage fault, and outside this test.)
   */
  const terminate = () =>
    admin(async (c) => {
      // (the call in the select list: a WHERE may be evaluated in any order, and end others' sessions)
      const { rows } = await c.query<{ pid: number }>(
        'SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      const pids = rows.map((r) => r.pid);
      await expect
        .poll(async () => (await c.query('SELECT pid FROM pg_stat_activity WHERE pid = ANY($1)', [pids])).rowCount, {
          timeout: 5000,
          interval: 50,
        })
        .toBe(0);
      // the ends' messages reach the app's sockets
      await new Promise((r) => setTimeout(r, 200));
    });

  afterAll(async () => {
    await server?.stop();
    if (created) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('answers 503 storage_unavailable while read-only, keeps serving reads, and takes tickets once writable', async () => {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    created = true;
    const seen = await storageGoesAndComesBack(
      {
        env: { DATABASE_URL: dbUrl.toString(), LOKET_SEED_PASSWORD: PASSWORD, LOKET_RATE_LIMITS: 'off' },
        target: { kind: 'postgres', url: dbUrl.toString(), schema: null },
        fault: 'read_only',
        saysId: /^Basis data sedang hanya dapat dibaca, sehingga data baru tidak dapat disimpan\. /,
        saysEn: /^The database is read-only for now, so nothing new can be saved\. /,
        async breakStorage(s) {
          await admin((c) => c.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`));
          await terminate();
          // the process lives on, reconnects, and readiness sees the read-only sessions by itself
          await expect
            .poll(async () => (await readiness(s.base)).body, { timeout: 10_000, interval: 100 })
            .toEqual({ status: 'not_ready', reason: 'storage' });
        },
        async fixStorage() {
          await admin((c) => c.query(`ALTER DATABASE ${name} RESET default_transaction_read_only`));
          await terminate();
          return undefined;
        },
      },
      (s) => (server = s),
    );
    console.log(
      `[storage postgres read-only] answered 201: ${seen.answered.length}, stored ${seen.rows.tickets.length}; ` +
        `refused 503: ${seen.refused} in ${seen.refusedMs} ms; after the fix ${seen.refusedAfterFix} more 503 ` +
        `and the first 201 in ${seen.recoveredMs} ms; ${seen.seconds} s`,
    );
    expectExactlyTheAccepted(seen.answered, seen.rows);
  }, 60_000);
});

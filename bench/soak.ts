/**
 * The soak (issue #15, point 5): an accelerated day through the shipped nginx site in front of
 * three real Loket processes on one PostgreSQL, memory and event-loop delay sampled throughout,
 * and each process's live heap after a full collection (a heap snapshot) before and after the day.
 *
 *  - mall: the busiest day of MPP Blora (436 visitors), one mall.
 *  - province: 35 malls on the same three processes, each its own busy day (Blora's 436, the
 *    others 150–436 visitors drawn per mall), the same agencies and hours.
 *
 * Each day runs on a fresh schema: migrated and seeded here (the province's malls copied from
 * the demo mall before any process starts, so no process has cached an older list of malls),
 * then the processes start one after the other, then nginx (test/support/proxy.ts). PostgreSQL
 * whatever BENCH_DB says: several processes need it. Environment:
 *   BENCH_SOAK=mall|province|both      (both)
 *   BENCH_SOAK_SPEED=30                simulated seconds per real second (×30: a 7-hour day in ~15 min)
 *   BENCH_SOAK_MALLS=35                malls of the province day
 *   BENCH_SOAK_VISITORS=436            the busiest mall's visitors (the others 150 up to it)
 *   BENCH_SOAK_DISPLAYS=3              display boards per mall
 *   BENCH_SOAK_SAMPLE_MS=2000          how often each process's /metrics is read
 *   BENCH_SOAK_SEED=15                 the days' seed
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { migrate, openDatabase, parseDatabaseUrl } from '../src/server/db/database.js';
import { Random } from '../src/server/db/seed/random.js';
import { seedDemo } from '../src/server/db/seed/seed.js';
import { startProxy } from '../test/support/proxy.js';
import type { Child } from './children.js';
import { expectOk } from './http.js';
import { type DayOutcome, playDays, type SimClock } from './soak-day.js';
import { retainedHeapMb, snapshotOptions } from './soak-heap.js';
import { copyMall } from './soak-malls.js';
import { type Catalog, OPEN_MIN, planDay } from './soak-plan.js';
import { figuresOf, type ProcessFigures, startSampler } from './soak-sampler.js';

export interface SoakContext {
  /** a fresh PostgreSQL schema */
  newDatabase(): Promise<{ url: string; drop(): Promise<void> }>;
  /** a Loket process on the database, behind a proxy (TRUST_PROXY=1), no rate limits, ready */
  startApp(url: string, name: string, env?: Record<string, string>): Promise<Child>;
  seedPassword: string;
  log(message: string): void;
}

export interface SoakOptions {
  which: 'mall' | 'province' | 'both';
  speed: number;
  malls: number;
  visitors: number;
  displays: number;
  sampleMs: number;
  seed: number;
}

const PROCESSES = 3;
/**
 * Flat: what a process keeps after a full collection (a heap snapshot) grows over the day by less
 * than the warm-up of its bounded caches plus a little per visitor it may have served. The
 * warm-up: 3.4–4.2 MB for one mall; per mall and service state on first use, measured 0.39 MB a
 * mall (35 malls on one process: +13.7 MB after a first round of 30 tickets each, then +0.9 and
 * +0.1 MB after two more). A leak of what each ticket, stream or request touches grows with the
 * visitors; the floors of the sampled heap do not tell (garbage not yet collected stays in them on
 * a busy afternoon), so they are shown for information.
 */
const FLAT = { allowanceMb: 8, mbPerMall: 0.5, bytesPerVisitor: 1024 } as const;
const MIN_VISITORS = 150;
/** nginx connections: every stream holds two (the client's and the upstream's) */
const PROXY_CONNECTIONS = 8192;

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
  return n;
}

export function soakOptions(): SoakOptions {
  const which = (process.env.BENCH_SOAK ?? 'both') as SoakOptions['which'];
  if (!['mall', 'province', 'both'].includes(which)) {
    throw new Error(`BENCH_SOAK must be mall, province or both (got "${which}")`);
  }
  return {
    which,
    speed: envInt('BENCH_SOAK_SPEED', 30),
    malls: envInt('BENCH_SOAK_MALLS', 35),
    visitors: envInt('BENCH_SOAK_VISITORS', 436),
    displays: envInt('BENCH_SOAK_DISPLAYS', 3),
    sampleMs: envInt('BENCH_SOAK_SAMPLE_MS', 2000, 200),
    seed: envInt('BENCH_SOAK_SEED', 15, 0),
  };
}

export interface SoakDay {
  kind: 'mall' | 'province';
  malls: number;
  visitors: number;
  speed: number;
  displaysPerMall: number;
  /** real seconds: setting up (schema, copies, processes, proxy) and the day itself */
  setupSeconds: number;
  daySeconds: number;
  /** simulated hours from opening to the last officer going home */
  simHours: number;
  processes: (ProcessFigures & { flat: boolean })[];
  /** per process: the live heap after a full collection before and after the day */
  retained: Retained[];
  outcome: DayOutcome;
  /** peak open streams over the three processes (sum of loket_event_streams) */
  streamsPeak: number;
  nginx: { errorLines: number; sample: string[] };
  /** answers 5xx and requests that got no answer */
  serverErrors: number;
  flat: boolean;
  met: boolean;
}

export interface Retained {
  name: string;
  beforeMb: number;
  afterMb: number;
  allowedMb: number;
  flat: boolean;
}

export interface SoakResult {
  options: SoakOptions;
  flatCriterion: string;
  days: SoakDay[];
  met: boolean;
}

const r1 = (n: number) => Math.round(n * 10) / 10;
let webBuilt = false;

async function playOne(ctx: SoakContext, o: SoakOptions, kind: 'mall' | 'province'): Promise<SoakDay> {
  const setupBegan = performance.now();
  const slugs =
    kind === 'mall' ? ['blora'] : ['blora', ...Array.from({ length: o.malls - 1 }, (_, i) => `soak-${i + 2}`)];
  const db = await ctx.newDatabase();
  const database = await openDatabase(parseDatabaseUrl(db.url));
  await migrate(database);
  await seedDemo(database.db, { password: ctx.seedPassword, now: Date.now() });
  if (slugs.length > 1) await copyMall(database.db, 'blora', slugs.slice(1));
  await database.close();
  ctx.log(`soak ${kind}: ${slugs.length} mall(s) in the schema; starting ${PROCESSES} processes`);
  if (!webBuilt) {
    // the first start builds the screens (Vite, in the process): not in the measured processes' memory
    await (await ctx.startApp(db.url, 'loket (web build)')).stop();
    webBuilt = true;
  }
  const apps: Child[] = [];
  const snapshotDirs: string[] = [];
  for (let i = 1; i <= PROCESSES; i++) {
    const heap = snapshotOptions();
    snapshotDirs.push(heap.dir);
    apps.push(await ctx.startApp(db.url, `loket ${i} (soak)`, { NODE_OPTIONS: heap.nodeOptions }));
  }
  const proxy = await startProxy(
    apps.map((a) => Number(new URL(a.base).port)),
    { connections: PROXY_CONNECTIONS },
  );
  try {
    const rnd = new Random(o.seed);
    const plans = [];
    for (const [i, slug] of slugs.entries()) {
      const api = `${proxy.base}/api/malls/${slug}`;
      const catalog: Catalog = {
        slug,
        agencies: (await expectOk('GET', `${api}/agencies`)).json(),
        services: (await expectOk('GET', `${api}/services`)).json(),
        counters: (await expectOk('GET', `${api}/counters`)).json(),
      };
      const visitors = i === 0 ? o.visitors : rnd.int(Math.min(MIN_VISITORS, o.visitors), o.visitors);
      plans.push(planDay(catalog, visitors, o.seed + i));
    }
    const visitors = plans.reduce((a, p) => a + p.visitors.length, 0);
    const setupSeconds = r1((performance.now() - setupBegan) / 1000);
    ctx.log(
      `soak ${kind}: ${visitors} visitors in ${slugs.length} mall(s), ${plans.reduce((a, p) => a + p.counters.length, 0)} counters staffed, ×${o.speed} (set up in ${setupSeconds}s)`,
    );

    // what each process keeps before the day (its caches warmed by the catalog reads above)
    const retainedBefore: number[] = [];
    for (const [i, a] of apps.entries()) retainedBefore.push(await retainedHeapMb(a, snapshotDirs[i] as string));

    let clock: SimClock | null = null;
    const sampler = startSampler(
      apps.map((a) => ({ name: a.name, base: a.base })),
      () => clock?.hours() ?? -1,
      o.sampleMs,
      () => proxy.errors().length,
    );
    const dayBegan = performance.now();
    const outcome = await playDays(plans, {
      proxy: proxy.base,
      speed: o.speed,
      password: ctx.seedPassword,
      displaysPerMall: o.displays,
      seed: o.seed,
      log: ctx.log,
      onStart: (c) => {
        clock = c;
      },
    });
    const daySeconds = r1((performance.now() - dayBegan) / 1000);
    await sampler.stop();
    const simHours = (outcome.endMin - OPEN_MIN) / 60;
    const retained: Retained[] = [];
    for (const [i, a] of apps.entries()) {
      const beforeMb = retainedBefore[i] as number;
      const afterMb = await retainedHeapMb(a, snapshotDirs[i] as string);
      const allowedMb =
        FLAT.allowanceMb + FLAT.mbPerMall * slugs.length + (FLAT.bytesPerVisitor * visitors) / PROCESSES / 1024 / 1024;
      retained.push({
        name: a.name,
        beforeMb,
        afterMb,
        allowedMb: r1(allowedMb),
        flat: afterMb - beforeMb < allowedMb,
      });
    }
    const processes = sampler.observed.map((s, i) => ({
      ...figuresOf(s, 0, simHours),
      flat: retained[i]?.flat ?? false,
    }));
    const byTime = new Map<number, number>();
    for (const s of sampler.observed) {
      for (const x of s.samples) byTime.set(x.simHours, (byTime.get(x.simHours) ?? 0) + x.streams);
    }
    const errors = proxy.errors().split('\n').filter(Boolean);
    const serverErrors = Object.values(outcome.requests).reduce(
      (a, byStatus) =>
        a + Object.entries(byStatus).reduce((b, [s, n]) => b + (s === 'error' || Number(s) >= 500 ? n : 0), 0),
      0,
    );
    const flat = processes.every((p) => p.flat);
    return {
      kind,
      malls: slugs.length,
      visitors,
      speed: o.speed,
      displaysPerMall: o.displays,
      setupSeconds,
      daySeconds,
      simHours: r1(simHours),
      processes,
      retained,
      outcome,
      streamsPeak: Math.max(0, ...byTime.values()),
      nginx: { errorLines: errors.length, sample: errors.slice(0, 5) },
      serverErrors,
      flat,
      met: flat && serverErrors === 0 && outcome.displays.missed === 0,
    };
  } finally {
    await proxy.stop();
    for (const a of apps) await a.stop();
    await db.drop();
    for (const dir of snapshotDirs) rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSoak(ctx: SoakContext, o: SoakOptions): Promise<SoakResult> {
  const days: SoakDay[] = [];
  for (const kind of ['mall', 'province'] as const) {
    if (o.which !== 'both' && o.which !== kind) continue;
    days.push(await playOne(ctx, o, kind));
    // each day's figures as soon as it is over (the whole soak is long)
    ctx.log(soakReport({ options: o, flatCriterion: FLAT_CRITERION, days: days.slice(-1), met: false }));
  }
  return {
    options: o,
    flatCriterion: FLAT_CRITERION,
    days,
    met: days.every((d) => d.met),
  };
}

const FLAT_CRITERION = `per process: the live heap after a full collection (a heap snapshot) grows over the day by less than ${FLAT.allowanceMb} MB + ${FLAT.mbPerMall} MB per mall (bounded caches warming) + ${FLAT.bytesPerVisitor} bytes per visitor it may have served (visitors ÷ ${PROCESSES})`;

const pad = (s: string, n: number) => s.padStart(n);

export function soakReport(r: SoakResult): string {
  const lines = ['', `Loket bench — soak: accelerated days through nginx, ${PROCESSES} processes on PostgreSQL`];
  for (const d of r.days) {
    const o = d.outcome;
    lines.push(
      '',
      `${d.kind} day: ${d.malls} mall(s), ${d.visitors} visitors, ×${d.speed}: ${d.simHours} simulated hours in ${d.daySeconds}s (set up ${d.setupSeconds}s); ${d.displaysPerMall} displays per mall, peak ${d.streamsPeak} streams open`,
      "memory: each of 14 windows' floor (lowest sample) at the start, middle and end, the highest sample, and the floors' slope in MB per simulated hour",
      `${'process'.padEnd(18)}${pad('RSS MB start/mid/end (max)', 30)}${pad('slope/h, 2nd half', 19)}${pad('heap MB start/mid/end (max)', 30)}${pad('slope/h, 2nd half', 19)}${pad('loop p99 ms med/max', 21)}${pad('pool max/wait', 15)}   flat`,
    );
    for (const p of d.retained) {
      lines.push(
        `${p.name.padEnd(18)} live heap after a full collection: ${p.beforeMb} MB before the day → ${p.afterMb} MB after (${r1(p.afterMb - p.beforeMb)} MB, allowed < ${p.allowedMb}): ${p.flat ? 'flat' : 'NOT flat'}`,
      );
    }
    for (const p of d.processes) {
      lines.push(
        `${p.name.padEnd(18)}${pad(`${p.rssMb.start}/${p.rssMb.mid}/${p.rssMb.end} (${p.rssMb.max})`, 30)}${pad(`${p.rssMb.slopePerHour}, ${p.rssMb.slopeSecondHalf}`, 19)}${pad(`${p.heapMb.start}/${p.heapMb.mid}/${p.heapMb.end} (${p.heapMb.max})`, 30)}${pad(`${p.heapMb.slopePerHour}, ${p.heapMb.slopeSecondHalf}`, 19)}${pad(`${p.lagP99Ms.median}/${p.lagP99Ms.max}`, 21)}${pad(`${p.pool.totalMax}/${p.pool.waitingMax}`, 15)}   ${p.flat ? 'MET' : 'NOT MET'}`,
      );
    }
    const t = o.tickets;
    lines.push(
      `tickets: ${t.issued} issued (${t.refused} refused), ${t.called} calls, ${t.served} served, ${t.noShow} no-show, ${t.left} left at the end; ${o.surveys} SKM answers`,
      `displays: ${o.displays.count}, ${o.displays.calls} calls, missed deliveries ${o.displays.missed} (goal 0: ${o.displays.missed === 0 ? 'MET' : 'NOT MET'}), ${o.displays.reconnects} reconnections; consoles ${o.consoles.count} (${o.consoles.events} events); phones ${o.phones.followed} followed, ${o.phones.sawCall} saw their call`,
      `requests: ${Object.entries(o.requests)
        .map(
          ([kind, byStatus]) =>
            `${kind} ${Object.entries(byStatus)
              .map(([s, n]) => `${s}×${n}`)
              .join(' ')}`,
        )
        .join('; ')}`,
      `5xx or unanswered: ${d.serverErrors} (goal 0: ${d.serverErrors === 0 ? 'MET' : 'NOT MET'}); nginx error log: ${d.nginx.errorLines} lines`,
    );
    for (const f of o.failures.slice(0, 5)) lines.push(`  ${f.kind} ${f.status} ${f.upstream} ${f.text}`);
    for (const e of d.nginx.sample) lines.push(`  nginx: ${e.slice(0, 200)}`);
  }
  lines.push(`flat: ${r.flatCriterion}`);
  return lines.join('\n');
}

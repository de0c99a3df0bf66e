/**
 * npm run bench: Loket against bare baselines, in the same run, on the same machine and database.
 *
 *  1. Tickets issued per second: autocannon POST /api/malls/blora/tickets on the real app, against
 *     bench/baseline-server.ts (bare Fastify: insert one row and select it back) on the same
 *     database. Goal: app rate ≥ 0.5 × baseline rate.
 *  2. Call → subscriber latency with N display clients on GET /api/malls/blora/events: from sending
 *     POST …/call-next to each client's receipt of the "call" event, against
 *     bench/bare-sse-server.ts (plain node:http broadcast of an event of the same size).
 *     Goal: app p99 ≤ 1.5 × bare p99.
 *  3. A year's SKM report over 200,000 responses (bench/skm.ts): GET /api/malls/blora/skm for
 *     2026 on the real app, against the bare SQL aggregate (COUNT + SUM of each element) over the
 *     same rows, on the same driver; /skm/report is shown beside it.
 *     Goal: median report time ≤ 2 × median bare aggregate time.
 *  4. A year of a busy mall, 400,000 tickets with their events, visits and SKM (bench/perf.ts,
 *     made by src/server/db/seed/history.ts): GET /api/malls/blora/performance for June 2026 and
 *     the agency with most visits, against the bare SQL aggregate (COUNT + SUM of the waits and
 *     service times) over the same visits, on the same driver; the mall-wide month, the PDF and the
 *     year's trend are shown beside it. Goal: median report time ≤ 2 × median bare aggregate time.
 *  5. The release moment of online booking (bench/booking.ts): 2,000 citizens booking tomorrow's
 *     slots of one busy service within seconds, against the bare insert + select route answering
 *     as many requests. Goal: decided bookings/s ≥ 0.5 × the baseline's, no slot overbooked.
 *  6. The wait estimate (bench/estimates.ts): simulated busy days replayed, each with four weeks of
 *     its weekday as history and with the file only, Loket's estimator against the queue-length
 *     baseline on the same tickets. Goals per day (with history): MAE ≤ 0.7 × the baseline's and
 *     ≥ 80 % within ±max(5 min, 25 %). Runs once, whatever BENCH_DB says (no database involved
 *     beyond generating the days).
 *  7. One visit through several services (bench/visits.ts): a busy simulated day where 30 % of
 *     citizens need two or three agencies, as Loket's route (one ticket in every line at once) and
 *     one line at a time, on the same arrivals, service times and counters. Goals: ≥ 30 % less time
 *     in the mall for them, ≤ 5 % longer waits for single-service citizens. Runs once, no database.
 *
 * Each server runs alone in its own child process; the load comes from this process; one
 * measurement at a time. Environment:
 *   BENCH_DB=sqlite|postgres|both   (sqlite)   postgres: postgres://postgres@127.0.0.1:5432/test, schema bench_<random>
 *   BENCH_ONLY=tickets,sse,skm,perf,booking,estimates,visits   the sections to run (all of them)
 *   BENCH_SECONDS=10                seconds per autocannon run (after a short warm-up)
 *   BENCH_CLIENTS=1000,5000         SSE client counts (the server's memory per connection is read at each:
 *                                   the first count's is clean, a later one starts from what the earlier
 *                                   left). One process holds every client and the server all of theirs:
 *                                   both need `ulimit -n` above the count (e.g. 10000 and 19000 under a
 *                                   hard limit of 20000: BENCH_CLIENTS=10000 then BENCH_CLIENTS=19000)
 *   BENCH_CONNECTIONS=16            autocannon connections
 *   BENCH_CALLS=30                  measured calls per client count (after 3 warm-up calls)
 *   BENCH_SPACING_MS=300            time from one call to the next
 *   BENCH_SKM_RESPONSES=200000      SKM questionnaires spread over 2026
 *   BENCH_SKM_TICKETS=200000        done tickets over 2026 (the report's population)
 *   BENCH_SKM_RUNS=7                measured rounds (after 2 warm-up rounds)
 *   BENCH_PERF_TICKETS=400000       tickets over 2026 for the performance report
 *   BENCH_PERF_RUNS=7               measured rounds (after 2 warm-up rounds)
 *   BENCH_BOOKING_CITIZENS=2000     citizens booking at the release moment
 *   BENCH_BOOKING_CONNECTIONS=50    their connections
 *   BENCH_BOOKING_ROUNDS=5          release moments (one day each); the median round's ratio counts
 *   BENCH_PG_URL                    another PostgreSQL server/database
 *   BENCH_STRICT=1                  exit 1 when a goal is not met
 *   BENCH_PROFILE=1                 V8 CPU profile of every server child, in bench/results/profiles/
 *   BENCH_LOG_LEVEL=warn            the app's LOG_LEVEL
 *   BENCH_SOAK*                     the soak's options (bench/soak.ts): BENCH_ONLY=soak runs it, on PostgreSQL
 * Results: printed, and written to bench/results/latest.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { BOOKING_GOAL, type BookingResult, benchBooking } from './booking.js';
import { type Child, cleanupAll, fail, onCleanup, ROOT, startChild } from './children.js';
import { benchEstimates, ESTIMATE_GOALS, type EstimateDay } from './estimates.js';
import { call, closeControl, expectOk } from './http.js';
import { benchPerf, PERF_GOAL, type PerfResult } from './perf.js';
import { benchSkm, SKM_GOAL, type SkmResult } from './skm.js';
import { benchSoak, type SoakResult, soakOptions, soakReport } from './soak.js';
import { eventLoopP99Ms, openPool, type ServerMemory, serverMemory } from './sse.js';
import { benchVisits, CREDIT_MINUTES, VISIT_GOALS, type VisitsResult } from './visits.js';

// ---------------------------------------------------------------------------------------------
// options

type Engine = 'sqlite' | 'postgres';

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
    process.exit(2);
  }
  return n;
}

const dbOption = process.env.BENCH_DB ?? 'sqlite';
if (!['sqlite', 'postgres', 'both'].includes(dbOption)) {
  console.error(`BENCH_DB must be sqlite, postgres or both (got "${dbOption}")`);
  process.exit(2);
}
const ENGINES: Engine[] = dbOption === 'both' ? ['sqlite', 'postgres'] : [dbOption as Engine];
const SECONDS = envInt('BENCH_SECONDS', 10);
const WARMUP_SECONDS = Math.min(3, Math.max(1, Math.round(SECONDS / 5)));
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 16);
const CALLS = envInt('BENCH_CALLS', 30);
const WARMUP_CALLS = 3;
const SPACING_MS = envInt('BENCH_SPACING_MS', 300, 0);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1000,5000').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 1) {
    console.error(`BENCH_CLIENTS must be whole numbers separated by commas (got "${process.env.BENCH_CLIENTS}")`);
    process.exit(2);
  }
  return n;
});
const SECTIONS = ['tickets', 'sse', 'skm', 'perf', 'booking', 'estimates', 'visits', 'soak'] as const;
type Section = (typeof SECTIONS)[number];
const ONLY = new Set<Section>(
  (process.env.BENCH_ONLY ?? SECTIONS.join(',')).split(',').map((s) => {
    const name = s.trim() as Section;
    if (!SECTIONS.includes(name)) {
      console.error(`BENCH_ONLY must name sections among ${SECTIONS.join(', ')} (got "${process.env.BENCH_ONLY}")`);
      process.exit(2);
    }
    return name;
  }),
);
const SKM_RESPONSES = envInt('BENCH_SKM_RESPONSES', 200_000);
const SKM_TICKETS = envInt('BENCH_SKM_TICKETS', 200_000, 0);
const SKM_RUNS = envInt('BENCH_SKM_RUNS', 7);
const PERF_TICKETS = envInt('BENCH_PERF_TICKETS', 400_000);
const PERF_RUNS = envInt('BENCH_PERF_RUNS', 7);
const BOOKING_CITIZENS = envInt('BENCH_BOOKING_CITIZENS', 2000);
const BOOKING_CONNECTIONS = envInt('BENCH_BOOKING_CONNECTIONS', 50);
const BOOKING_ROUNDS = envInt('BENCH_BOOKING_ROUNDS', 5);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STRICT = process.env.BENCH_STRICT === '1';
const SEED_PASSWORD = `bench-${randomBytes(6).toString('hex')}`;
const MALL = 'blora';

const TICKET_GOAL = 0.5;
const SSE_GOAL = 1.5;

// ---------------------------------------------------------------------------------------------
// helpers

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

function log(message: string): void {
  const t = new Date().toISOString().slice(11, 19);
  console.log(`[${t}] ${message}`);
}

interface BenchDatabase {
  engine: Engine;
  url: string;
  /**
   * PostgreSQL: gathers the planner's statistics, as autovacuum does on its own within a minute of
   * a real mall's first tickets. A table created seconds ago has none, and the planner, guessing,
   * may count a line through the wrong index (the mall's whole day instead of one service).
   * SQLite: nothing (its planner keeps no statistics unless asked to).
   */
  analyze(): Promise<void>;
  drop(): Promise<void>;
}

async function newDatabase(engine: Engine, prefix = 'bench'): Promise<BenchDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'loket-bench-'));
    const remove = onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
    return {
      engine,
      url: `sqlite:${join(dir, 'loket.db')}`,
      async analyze() {},
      async drop() {
        remove();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const inSchema = async (statements: (client: pg.Client) => Promise<unknown>) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await statements(client);
    } finally {
      await client.end();
    }
  };
  const dropSchema = () => inSchema((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  // Fail now, with a clear message, when there is no PostgreSQL.
  const probe = new pg.Client({ connectionString: PG_URL });
  try {
    await probe.connect();
    await probe.end();
  } catch (e) {
    return fail(`BENCH_DB=${dbOption} needs PostgreSQL at ${PG_URL}: ${(e as Error).message}`);
  }
  const remove = onCleanup(dropSchema);
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  return {
    engine,
    url: u.toString(),
    analyze: () =>
      inSchema(async (c) => {
        const tables = await c.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [
          schema,
        ]);
        for (const t of tables.rows) await c.query(`ANALYZE ${schema}.${t.tablename}`);
      }),
    async drop() {
      remove();
      await dropSchema();
    },
  };
}

// The app builds the web bundle at start when it is missing or stale; give it a directory of the
// bench's own (built once per run, at the first start) rather than racing others over dist/web.
let webDist: string | null = null;
function benchWebDist(): string {
  if (!webDist) {
    const dir = mkdtempSync(join(tmpdir(), 'loket-bench-web-'));
    onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
    webDist = join(dir, 'web');
  }
  return webDist;
}

function startApp(db: BenchDatabase, env: Record<string, string> = {}): Promise<Child> {
  return startChild(
    `loket app (${db.engine})`,
    'src/server/main.ts',
    ['start'],
    {
      DATABASE_URL: db.url,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      LOKET_SEED_PASSWORD: SEED_PASSWORD,
      LOKET_WEB_DIST: benchWebDist(),
      // an empty database gets the seed only: no demo history under the tickets and SSE figures
      LOKET_DEMO_HISTORY_DAYS: '0',
      // the load generator issues thousands of tickets a second from one address
      LOKET_RATE_LIMITS: 'off',
      ...env,
    },
    '/api/health',
  );
}

// ---------------------------------------------------------------------------------------------
// autocannon (no type declarations shipped; only what we use is typed here)

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { p50: number; p99: number; average: number; max: number };
  requests: { average: number; total: number; sent: number };
}
interface AutocannonInstance {
  on(event: 'tick', fn: (t: { counter: number; bytes: number }) => void): void;
}
type Autocannon = (
  opts: Record<string, unknown>,
  cb: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface LoadResult {
  /** 2xx answers per second over the run */
  rate: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  /** answers (any status) in each second of the run */
  perSecond: number[];
  seconds: number;
}

/** Posts the bodies in turn (round robin), on CONNECTIONS connections, for `seconds`. */
function load(url: string, bodies: string[], seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const perSecond: number[] = [];
    let next = 0;
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodies[0],
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[next++ % bodies.length] }),
          },
        ],
        connections: CONNECTIONS,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
      },
      (err, r) => {
        if (err) return reject(err);
        const statusCodes: Record<string, number> = {};
        for (const [code, s] of Object.entries(r.statusCodeStats)) statusCodes[code] = s.count;
        resolve({
          rate: round(r['2xx'] / r.duration, 1),
          ok: r['2xx'],
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
          statusCodes,
          latencyMs: {
            p50: r.latency.p50,
            p99: r.latency.p99,
            mean: round(r.latency.average),
            max: r.latency.max,
          },
          perSecond,
          seconds: r.duration,
        });
      },
    );
    instance.on('tick', (t) => perSecond.push(t.counter));
  });
}

// ---------------------------------------------------------------------------------------------
// 1. tickets per second

interface TicketsResult {
  /** how many services the tickets were spread over (round robin) */
  services: number;
  serviceId: string;
  serviceName: string;
  connections: number;
  seconds: number;
  bodyBytes: number;
  app: LoadResult;
  baseline: LoadResult;
  ratio: number;
  goal: string;
  met: boolean;
}

async function benchTickets(engine: Engine): Promise<TicketsResult> {
  const db = await newDatabase(engine);
  log(`[${engine}] tickets: starting the app`);
  const app = await startApp(db);
  const services = (await expectOk('GET', `${app.base}/api/malls/${MALL}/services`)).json<
    { id: string; name: string; dailyQuota: number | null }[]
  >();
  const unlimited = services.filter((s) => s.dailyQuota === null);
  const measured = unlimited[0];
  if (!measured) return fail('the demo mall has no service without a daily quota to issue thousands of tickets on');
  // A kiosk's tickets spread over the mall's services; BENCH_ONE_SERVICE=1 puts them all in one
  // line instead (counting the people ahead then walks a line of thousands).
  const spread = process.env.BENCH_ONE_SERVICE === '1' ? [measured] : unlimited;
  const bodies = spread.map((s) => JSON.stringify({ serviceId: s.id }));
  const body = bodies[0] as string;
  const ticketsUrl = `${app.base}/api/malls/${MALL}/tickets`;
  // One request by hand first: a clear message if issuing fails at all.
  await expectOk('POST', ticketsUrl, { body: { serviceId: measured.id } });
  // The warm-up issues like the measured run, so the tables (and PostgreSQL's statistics after
  // analyze) look like a mall's morning, not like one service's.
  log(`[${engine}] tickets: app warm-up ${WARMUP_SECONDS}s, then ${SECONDS}s × ${CONNECTIONS} connections`);
  await load(ticketsUrl, bodies, WARMUP_SECONDS);
  await db.analyze();
  const appResult = await load(ticketsUrl, bodies, SECONDS);
  if (appResult.non2xx > 0) {
    const sample = await call('POST', ticketsUrl, { body: { serviceId: measured.id } });
    log(
      `[${engine}] tickets: ${appResult.non2xx} non-2xx answers; one now: ${sample.status} ${sample.text.slice(0, 300)}`,
    );
  }
  await app.stop();

  log(`[${engine}] tickets: starting the baseline (bare Fastify, insert + select on the same database)`);
  const baseline = await startChild(
    `baseline server (${engine})`,
    'bench/baseline-server.ts',
    [],
    { DATABASE_URL: db.url },
    '/health',
  );
  const baselineUrl = `${baseline.base}/baseline`;
  await expectOk('POST', baselineUrl, { body: { serviceId: measured.id } });
  await load(baselineUrl, bodies, WARMUP_SECONDS);
  await db.analyze();
  const baseResult = await load(baselineUrl, bodies, SECONDS);
  await baseline.stop();
  await db.drop();

  const ratio = round(appResult.rate / baseResult.rate);
  return {
    services: spread.length,
    serviceId: measured.id,
    serviceName: measured.name,
    connections: CONNECTIONS,
    seconds: SECONDS,
    bodyBytes: Buffer.byteLength(body),
    app: appResult,
    baseline: baseResult,
    ratio,
    goal: `app/baseline ≥ ${TICKET_GOAL}`,
    met: ratio >= TICKET_GOAL && appResult.non2xx === 0 && appResult.errors === 0,
  };
}

// ---------------------------------------------------------------------------------------------
// 2. call → subscriber latency

interface LatencyFigures {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  /** client × call deliveries that did not arrive within the wait */
  missing: number;
  /** how long the triggering request (call-next / broadcast) took to answer */
  requestP50: number;
  /** per measured call: first, median and last arrival and the request's answer, ms after sending */
  perCall: { first: number; p50: number; last: number; request: number }[];
}

interface MemoryFigures {
  /** before the clients were opened, and with all of them connected (after a second's rest) */
  before: ServerMemory;
  connected: ServerMemory;
  /** (connected − before) / clients, in KB: what one more display costs the server */
  rssPerClientKb: number;
  heapPerClientKb: number;
}

function memoryFigures(before: ServerMemory, connected: ServerMemory, clients: number): MemoryFigures {
  return {
    before: { rssMb: round(before.rssMb, 1), heapMb: round(before.heapMb, 1) },
    connected: { rssMb: round(connected.rssMb, 1), heapMb: round(connected.heapMb, 1) },
    rssPerClientKb: round(((connected.rssMb - before.rssMb) * 1024) / clients, 1),
    heapPerClientKb: round(((connected.heapMb - before.heapMb) * 1024) / clients, 1),
  };
}

interface SseResult {
  clients: number;
  calls: number;
  spacingMs: number;
  eventBytes: number;
  connectSeconds: { app: number; bare: number };
  /** the server process's memory (a later count starts from what the earlier one left: read the first) */
  memory: { app: MemoryFigures; bare: MemoryFigures };
  /** the app's event-loop delay p99 over the measured calls, ms */
  appEventLoopP99Ms: number;
  app: LatencyFigures;
  bare: LatencyFigures;
  ratioP50: number;
  ratioP99: number;
  goal: string;
  met: boolean;
}

/**
 * Fires WARMUP_CALLS + CALLS triggers, one at a time, ~SPACING_MS apart; a trigger returns the id
 * the clients will see and when its request was sent. Latency = arrival − sentAt, per client.
 */
async function measureCalls(
  pool: Awaited<ReturnType<typeof openPool>>,
  trigger: (i: number) => Promise<{ id: string; sentAt: number; doneAt: number; after?: () => Promise<void> }>,
): Promise<LatencyFigures> {
  const latencies: number[] = [];
  const requestMs: number[] = [];
  const perCall: LatencyFigures['perCall'] = [];
  let missing = 0;
  for (let i = 0; i < WARMUP_CALLS + CALLS; i++) {
    const started = performance.now();
    const t = await trigger(i);
    const arrivals = await pool.arrivals(t.id, 15_000);
    if (i >= WARMUP_CALLS) {
      const these = arrivals.map((at) => at - t.sentAt).sort((a, b) => a - b);
      for (const l of these) latencies.push(l);
      missing += pool.size - arrivals.length;
      requestMs.push(t.doneAt - t.sentAt);
      perCall.push({
        first: round(these[0] ?? Number.NaN, 1),
        p50: round(percentile(these, 50), 1),
        last: round(these[these.length - 1] ?? Number.NaN, 1),
        request: round(t.doneAt - t.sentAt, 1),
      });
    }
    if (t.after) await t.after();
    await sleep(Math.max(0, started + SPACING_MS - performance.now()));
  }
  latencies.sort((a, b) => a - b);
  requestMs.sort((a, b) => a - b);
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? Number.NaN),
    samples: latencies.length,
    missing,
    requestP50: round(percentile(requestMs, 50)),
    perCall,
  };
}

async function benchSse(engine: Engine): Promise<SseResult[]> {
  const db = await newDatabase(engine);
  log(`[${engine}] sse: starting the app`);
  // Measured without shedding: with 10,000 displays a call's broadcast stalls the event loop past
  // the default 1 s, and the officer's next request would be answered 503 (overloaded) instead of
  // timed. The delay is printed (event-loop delay p99): above LOKET_MAX_EVENT_LOOP_DELAY_MS
  // (1000) a production process sheds requests at that count.
  const app = await startApp(db, { LOKET_MAX_EVENT_LOOP_DELAY_MS: '0' });
  const api = `${app.base}/api/malls/${MALL}`;
  const login = await expectOk('POST', `${app.base}/api/auth/login`, {
    body: { username: 'admin', password: SEED_PASSWORD },
  });
  const setCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  if (!cookie) return fail('signing in as admin set no cookie');
  const csrf = (await expectOk('GET', `${app.base}/api/auth/csrf`, { cookie })).json<{ token: string }>().token;

  const agencies = (await expectOk('GET', `${api}/agencies`)).json<{ id: string; code: string; shortName: string }[]>();
  const counters = (await expectOk('GET', `${api}/counters`)).json<
    { id: string; agencyId: string; serviceIds: string[] }[]
  >();
  const services = (await expectOk('GET', `${api}/services`)).json<{ id: string; dailyQuota: number | null }[]>();
  const agency =
    agencies.find((a) => a.code === 'dindukcapil') ??
    agencies.find((a) => /dukcapil/i.test(a.shortName)) ??
    agencies.find((a) => counters.some((c) => c.agencyId === a.id));
  const counter = counters.find((c) => c.agencyId === agency?.id && c.serviceIds.length > 0);
  if (!agency || !counter) return fail('found no Dindukcapil counter in the demo mall');
  const needed = (WARMUP_CALLS + CALLS) * CLIENTS.length;
  const service = services.find(
    (s) => counter.serviceIds.includes(s.id) && (s.dailyQuota === null || s.dailyQuota >= needed),
  );
  if (!service) return fail(`no service of counter ${counter.id} takes ${needed} tickets a day`);
  log(`[${engine}] sse: issuing ${needed} tickets for ${agency.shortName}`);
  for (let i = 0; i < needed; i++) await expectOk('POST', `${api}/tickets`, { body: { serviceId: service.id } });

  const appFigures: {
    clients: number;
    figures: LatencyFigures;
    connectSeconds: number;
    memory: MemoryFigures;
    lagP99Ms: number;
  }[] = [];
  let eventBytes = 0;
  const appMemory = () => serverMemory(app.process.pid as number, `${app.base}/metrics`, true);
  for (const n of CLIENTS) {
    await sleep(1000);
    const before = await appMemory();
    log(`[${engine}] sse: app, opening ${n} display clients`);
    const opened = performance.now();
    const pool = await openPool(`${api}/events`, n);
    const connectSeconds = round((performance.now() - opened) / 1000, 1);
    await sleep(1000);
    const connected = await appMemory();
    log(
      `[${engine}] sse: app, ${n} clients ready in ${connectSeconds}s (RSS ${before.rssMb.toFixed(0)} → ${connected.rssMb.toFixed(0)} MB); ${WARMUP_CALLS}+${CALLS} calls`,
    );
    await eventLoopP99Ms(`${app.base}/metrics`); // the delay is measured from this read on
    const figures = await measureCalls(pool, async () => {
      const r = await expectOk('POST', `${api}/counters/${counter.id}/call-next`, { cookie, csrf });
      if (r.status !== 200) return fail(`call-next answered ${r.status} (nobody waiting?)`);
      const ticketId = r.json<{ ticket: { id: string } }>().ticket.id;
      return {
        id: ticketId,
        sentAt: r.sentAt,
        doneAt: r.doneAt,
        after: async () => {
          await expectOk('POST', `${api}/tickets/${ticketId}/start`, { cookie, csrf });
          await expectOk('POST', `${api}/tickets/${ticketId}/finish`, { cookie, csrf });
        },
      };
    });
    const lagP99Ms = round(await eventLoopP99Ms(`${app.base}/metrics`), 1);
    eventBytes = Math.max(eventBytes, pool.callEventBytes);
    await pool.close();
    appFigures.push({ clients: n, figures, connectSeconds, memory: memoryFigures(before, connected, n), lagP99Ms });
  }
  await app.stop();
  await db.drop();

  log(`[${engine}] sse: starting the bare broadcast server (events of ${eventBytes} bytes)`);
  const bare = await startChild('bare SSE server', 'bench/bare-sse-server.ts', [], {}, '/health');
  const results: SseResult[] = [];
  const bareMemory = () => serverMemory(bare.process.pid as number, `${bare.base}/memory`, false);
  for (const { clients: n, figures: appF, connectSeconds, memory, lagP99Ms } of appFigures) {
    await sleep(1000);
    const before = await bareMemory();
    log(`[${engine}] sse: bare, opening ${n} clients`);
    const opened = performance.now();
    const pool = await openPool(`${bare.base}/events`, n);
    const bareConnect = round((performance.now() - opened) / 1000, 1);
    await sleep(1000);
    const connected = await bareMemory();
    const bareF = await measureCalls(pool, async (i) => {
      const id = `b${i}-${randomBytes(4).toString('hex')}`;
      const r = await expectOk('POST', `${bare.base}/broadcast?id=${id}&bytes=${eventBytes}`);
      return { id, sentAt: r.sentAt, doneAt: r.doneAt };
    });
    if (pool.callEventBytes !== eventBytes)
      log(`note: bare events were ${pool.callEventBytes} bytes, the app's ${eventBytes}`);
    await pool.close();
    const ratioP99 = round(appF.p99 / bareF.p99);
    results.push({
      clients: n,
      calls: CALLS,
      spacingMs: SPACING_MS,
      eventBytes,
      connectSeconds: { app: connectSeconds, bare: bareConnect },
      memory: { app: memory, bare: memoryFigures(before, connected, n) },
      appEventLoopP99Ms: lagP99Ms,
      app: appF,
      bare: bareF,
      ratioP50: round(appF.p50 / bareF.p50),
      ratioP99,
      goal: `app p99 / bare p99 ≤ ${SSE_GOAL}`,
      met: ratioP99 <= SSE_GOAL && appF.missing === 0,
    });
  }
  await bare.stop();
  return results;
}

// ---------------------------------------------------------------------------------------------
// 3. a year's SKM report (bench/skm.ts)

async function runSkm(engine: Engine): Promise<SkmResult> {
  const db = await newDatabase(engine, 'bench_skm');
  const result = await benchSkm(
    { engine, url: db.url, mall: MALL, seedPassword: SEED_PASSWORD, startApp: () => startApp(db), log },
    { responses: SKM_RESPONSES, tickets: SKM_TICKETS, runs: SKM_RUNS },
  );
  await db.drop();
  return result;
}

// ---------------------------------------------------------------------------------------------
// 4. a year of a busy mall: the monthly agency performance report (bench/perf.ts)

async function runPerf(engine: Engine): Promise<PerfResult> {
  const db = await newDatabase(engine, 'bench_perf');
  const result = await benchPerf(
    {
      engine,
      url: db.url,
      mall: MALL,
      seedPassword: SEED_PASSWORD,
      startApp: () => startApp(db),
      analyze: () => db.analyze(),
      log,
    },
    { tickets: PERF_TICKETS, runs: PERF_RUNS },
  );
  await db.drop();
  return result;
}

// ---------------------------------------------------------------------------------------------
// report

interface EngineResult {
  engine: Engine;
  tickets: TicketsResult | null;
  sse: SseResult[];
  skm: SkmResult | null;
  perf: PerfResult | null;
  booking: BookingResult | null;
}

// ---------------------------------------------------------------------------------------------
// 5. the release moment of online booking (bench/booking.ts)

async function runBooking(engine: Engine): Promise<BookingResult> {
  const db = await newDatabase(engine, 'bench_booking');
  const result = await benchBooking(
    {
      engine,
      mall: MALL,
      seedPassword: SEED_PASSWORD,
      startApp: () => startApp(db),
      startBaseline: () =>
        startChild(`baseline server (${engine})`, 'bench/baseline-server.ts', [], { DATABASE_URL: db.url }, '/health'),
      log,
    },
    { citizens: BOOKING_CITIZENS, connections: BOOKING_CONNECTIONS, rounds: BOOKING_ROUNDS },
  );
  await db.drop();
  return result;
}

// ---------------------------------------------------------------------------------------------
// 8. the soak (bench/soak.ts): accelerated days through nginx, on PostgreSQL whatever BENCH_DB says

function runSoak(): Promise<SoakResult> {
  return benchSoak(
    {
      newDatabase: () => newDatabase('postgres', 'bench_soak'),
      startApp: (url, name, env = {}) =>
        startChild(
          name,
          'src/server/main.ts',
          ['start'],
          {
            DATABASE_URL: url,
            LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
            LOKET_SEED_PASSWORD: SEED_PASSWORD,
            LOKET_WEB_DIST: benchWebDist(),
            LOKET_DEMO_HISTORY_DAYS: '0',
            // the whole load comes from one address, through the proxy
            LOKET_RATE_LIMITS: 'off',
            TRUST_PROXY: '1',
            ...env,
          },
          '/api/health/ready',
        ),
      seedPassword: SEED_PASSWORD,
      log,
    },
    soakOptions(),
  );
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r, ri) => {
      const line = r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('   ');
      return ri === 0 ? `${line}\n${'-'.repeat(line.length)}` : line;
    })
    .join('\n');
}

const yes = (met: boolean) => (met ? 'MET' : 'NOT MET');

function report(r: EngineResult): string {
  const rows: string[][] = [['figure', 'loket', 'baseline', 'ratio', 'goal', '']];
  const notes: string[] = [];
  const t = r.tickets;
  if (t) {
    notes.push(
      `tickets: ${t.seconds}s × ${t.connections} connections, ${t.bodyBytes}-byte body, ${t.services === 1 ? `one service "${t.serviceName}"` : `spread over ${t.services} services`}`,
    );
    ticketRows(t, rows);
  }
  for (const s of r.sse) {
    rows.push([
      `call → subscriber p50 ms, ${s.clients} clients`,
      s.app.p50.toFixed(1),
      s.bare.p50.toFixed(1),
      s.ratioP50.toFixed(2),
      '',
      '',
    ]);
    rows.push([
      `call → subscriber p99 ms, ${s.clients} clients`,
      s.app.p99.toFixed(1),
      s.bare.p99.toFixed(1),
      s.ratioP99.toFixed(2),
      `≤ ${SSE_GOAL.toFixed(2)}`,
      yes(s.met),
    ]);
    rows.push([
      '  max ms / missed deliveries',
      `${s.app.max.toFixed(1)} / ${s.app.missing}`,
      `${s.bare.max.toFixed(1)} / ${s.bare.missing}`,
      '',
      '',
      '',
    ]);
    rows.push(['  trigger request p50 ms', s.app.requestP50.toFixed(1), s.bare.requestP50.toFixed(1), '', '', '']);
    rows.push([
      '  all clients connected in s',
      s.connectSeconds.app.toFixed(1),
      s.connectSeconds.bare.toFixed(1),
      '',
      '',
      '',
    ]);
    rows.push([
      '  server RSS MB, before → connected',
      `${s.memory.app.before.rssMb.toFixed(0)} → ${s.memory.app.connected.rssMb.toFixed(0)}`,
      `${s.memory.bare.before.rssMb.toFixed(0)} → ${s.memory.bare.connected.rssMb.toFixed(0)}`,
      '',
      '',
      '',
    ]);
    rows.push([
      '  memory per connection KB, RSS / heap',
      `${s.memory.app.rssPerClientKb.toFixed(1)} / ${s.memory.app.heapPerClientKb.toFixed(1)}`,
      `${s.memory.bare.rssPerClientKb.toFixed(1)} / ${s.memory.bare.heapPerClientKb.toFixed(1)}`,
      (s.memory.app.rssPerClientKb / s.memory.bare.rssPerClientKb).toFixed(2),
      '',
      '',
    ]);
    rows.push(['  event-loop delay p99 ms during the calls', s.appEventLoopP99Ms.toFixed(1), '', '', '', '']);
  }
  if (r.sse[0]) {
    notes.push(
      `SSE: ${r.sse[0].calls} calls (+${WARMUP_CALLS} warm-up) ${r.sse[0].spacingMs} ms apart, ${r.sse[0].eventBytes}-byte events`,
    );
  }
  const k = r.skm;
  if (k) {
    notes.push(
      `SKM: ${k.responses} responses + ${k.tickets} done tickets over 2026 (set up in ${k.setupSeconds}s), median of ${k.runs} rounds after ${k.warmups} warm-up`,
    );
    rows.push([
      'SKM year report ms, GET /skm vs bare SUM',
      k.contract.median.toFixed(1),
      k.bare.median.toFixed(1),
      k.ratio.toFixed(2),
      `≤ ${SKM_GOAL.toFixed(2)}`,
      yes(k.met),
    ]);
    rows.push([
      '  min / max ms',
      `${k.contract.min.toFixed(1)} / ${k.contract.max.toFixed(1)}`,
      `${k.bare.min.toFixed(1)} / ${k.bare.max.toFixed(1)}`,
      '',
      '',
      '',
    ]);
    rows.push([
      'SKM full report ms, GET /skm/report (info)',
      k.full.median.toFixed(1),
      k.bare.median.toFixed(1),
      k.ratioFull.toFixed(2),
      '',
      '',
    ]);
    rows.push(['  bare population count ms (info)', '', k.barePopulation.median.toFixed(1), '', '', '']);
    rows.push(['  answer bytes /skm, /skm/report', `${k.bytes.contract}, ${k.bytes.full}`, '', '', '', '']);
  }
  const p = r.perf;
  if (p) {
    notes.push(
      `perf: ${p.tickets} tickets over 2026 (${p.events} events, ${p.visits} visits, ${p.responses} SKM; generated in ${p.generationSeconds}s, set up in ${p.setupSeconds}s), ${p.agency.shortName} ${p.agency.monthVisits} visits in June, median of ${p.runs} rounds after ${p.warmups} warm-up`,
    );
    perfRows(p, rows);
  }
  const b = r.booking;
  if (b) {
    notes.push(
      `booking: ${b.citizens} citizens at once on ${b.connections} connections for ${b.slots} slots × ${b.placesPerSlot} places (80 % wanting the first 48), ${b.ratios.length} rounds, ratios ${b.ratios.join(' / ')}, the median shown`,
    );
    rows.push([
      'booking release: decided bookings/s',
      b.app.rate.toFixed(1),
      b.baseline.rate.toFixed(1),
      b.ratio.toFixed(2),
      `≥ ${BOOKING_GOAL.toFixed(2)}`,
      yes(b.met),
    ]);
    rows.push([
      '  p50 / p99 ms',
      `${b.app.latencyMs.p50} / ${b.app.latencyMs.p99}`,
      `${b.baseline.latencyMs.p50} / ${b.baseline.latencyMs.p99}`,
      '',
      '',
      '',
    ]);
    rows.push(['  booked / slot_full / errors', `${b.booked} / ${b.full} / ${b.app.errors}`, '', '', '', '']);
    rows.push([
      '  slots over their places / bookings lost',
      `${b.overbooked} / ${b.lost}`,
      '',
      '',
      '0 / 0',
      yes(b.overbooked === 0 && b.lost === 0),
    ]);
  }
  return [`\nLoket bench — ${r.engine} — ${notes.join('; ')}`, table(rows)].join('\n');
}

function perfRows(p: PerfResult, rows: string[][]): void {
  rows.push([
    'agency month report ms, GET /performance vs bare SUM',
    p.report.median.toFixed(1),
    p.bare.median.toFixed(1),
    p.ratio.toFixed(2),
    `≤ ${PERF_GOAL.toFixed(2)}`,
    yes(p.met),
  ]);
  rows.push([
    '  min / max ms',
    `${p.report.min.toFixed(1)} / ${p.report.max.toFixed(1)}`,
    `${p.bare.min.toFixed(1)} / ${p.bare.max.toFixed(1)}`,
    '',
    '',
    '',
  ]);
  const info = (label: string, t: PerfResult['mall']) =>
    rows.push(
      t
        ? [label, t.median.toFixed(1), '', (t.median / p.bare.median).toFixed(2), '', '']
        : [label, 'n/a', '', '', '', ''],
    );
  info('mall month report ms, no agencyId (info)', p.mall);
  info('agency month report PDF ms (info)', p.pdf);
  info('agency year trend by month ms (info)', p.trend);
  rows.push([
    '  answer bytes report, mall, PDF, trend',
    [p.report, p.mall, p.pdf, p.trend].map((t) => (t ? String(t.bytes) : '-')).join(', '),
    '',
    '',
    '',
    '',
  ]);
}

function ticketRows(t: TicketsResult, rows: string[][]): void {
  rows.push([
    'tickets issued / s (2xx)',
    t.app.rate.toFixed(1),
    t.baseline.rate.toFixed(1),
    t.ratio.toFixed(2),
    `≥ ${TICKET_GOAL.toFixed(2)}`,
    yes(t.met),
  ]);
  rows.push([
    '  non-2xx / socket errors',
    `${t.app.non2xx} / ${t.app.errors}`,
    `${t.baseline.non2xx} / ${t.baseline.errors}`,
    '',
    '',
    '',
  ]);
  rows.push([
    '  request latency p50 / p99 ms',
    `${t.app.latencyMs.p50} / ${t.app.latencyMs.p99}`,
    `${t.baseline.latencyMs.p50} / ${t.baseline.latencyMs.p99}`,
    '',
    '',
    '',
  ]);
  // Whole seconds only: autocannon may tick once more, for a partial second, as it stops.
  const first = (x: LoadResult) => x.perSecond[0] ?? 0;
  const last = (x: LoadResult) => x.perSecond[Math.min(x.perSecond.length, t.seconds) - 1] ?? 0;
  rows.push([
    '  answers in 1st s → last s',
    `${first(t.app)} → ${last(t.app)}`,
    `${first(t.baseline)} → ${last(t.baseline)}`,
    '',
    '',
    '',
  ]);
}

// ---------------------------------------------------------------------------------------------

function estimateReport(days: EstimateDay[]): string {
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
  const min = (x: number | null) => (x === null ? '—' : x.toFixed(1));
  const lines = [
    '',
    'Loket bench — wait estimates: simulated busy days replayed (seeds shown), Loket vs the queue-length baseline on the same tickets',
    `${'day'.padEnd(34)}${'counted'.padStart(8)}${'MAE'.padStart(13)}${'ratio'.padStart(7)}${'bias'.padStart(14)}${'within'.padStart(18)}   goal`,
    '-'.repeat(106),
  ];
  for (const d of days) {
    const label = `${d.date} ${d.weekday.slice(0, 3)} seed ${d.seed} ${d.history ? `+${d.history}w` : 'file'}`;
    const met =
      d.history === 0
        ? '(info)'
        : d.maeRatio !== null &&
            d.maeRatio <= ESTIMATE_GOALS.maeRatioAtMost &&
            (d.loket.withinShare ?? 0) >= ESTIMATE_GOALS.withinAtLeast
          ? 'MET'
          : 'NOT MET';
    lines.push(
      `${label.padEnd(34)}${String(d.counted).padStart(8)}${`${min(d.loket.maeMinutes)}/${min(d.baseline.maeMinutes)}`.padStart(13)}${(d.maeRatio?.toFixed(2) ?? '—').padStart(7)}${`${min(d.loket.biasMinutes)}/${min(d.baseline.biasMinutes)}`.padStart(14)}${`${pct(d.loket.withinShare)}/${pct(d.baseline.withinShare)}`.padStart(18)}   ${met}`,
    );
  }
  lines.push(
    `goals with history: MAE ≤ ${ESTIMATE_GOALS.maeRatioAtMost} × the baseline's, within ±max(5 min, 25 %) ≥ ${100 * ESTIMATE_GOALS.withinAtLeast} %; minutes Loket/baseline`,
  );
  return lines.join('\n');
}

function visitsReport(days: VisitsResult[]): string {
  const lines = [
    '',
    'Loket bench — one visit through several services: a simulated busy day, the route (every line at once) vs one line at a time',
    `${'seed'.padEnd(6)}${'citizens'.padStart(9)}${'multi'.padStart(7)}${'their time in the mall, min'.padStart(30)}${'less'.padStart(7)}${'single-service wait, min'.padStart(27)}${'longer'.padStart(8)}   goal`,
    '-'.repeat(104),
  ];
  for (const d of days) {
    lines.push(
      `${String(d.seed).padEnd(6)}${String(d.citizens).padStart(9)}${String(d.multi).padStart(7)}${`${d.multiInMallMinutes.route.toFixed(1)} vs ${d.multiInMallMinutes.oneAtATime.toFixed(1)}`.padStart(30)}${`${(100 * d.multiReduction).toFixed(0)} %`.padStart(7)}${`${d.singleWaitMinutes.route.toFixed(1)} vs ${d.singleWaitMinutes.oneAtATime.toFixed(1)}`.padStart(27)}${`${(100 * d.singleIncrease).toFixed(0)} %`.padStart(8)}   ${d.met ? 'MET' : 'NOT MET'}`,
    );
  }
  lines.push(
    `goals: ≥ ${100 * VISIT_GOALS.multiReductionAtLeast} % less time in the mall for multi-service citizens, single-service waits ≤ ${100 * VISIT_GOALS.singleIncreaseAtMost} % longer`,
    'the trade-off: a later stop keeps at most N minutes of its place when the citizen leaves a counter (0: passes nobody);',
    'multi-service time in the mall less / single-service waits longer, per seed:',
  );
  for (const credit of CREDIT_MINUTES) {
    const cells = days.map((d) => {
      const b = d.bounded.find((x) => x.creditMinutes === credit);
      return b ? `${(100 * b.multiReduction).toFixed(0)} % / ${(100 * b.singleIncrease).toFixed(0)} %` : '';
    });
    lines.push(`  N = ${String(credit).padStart(2)} min   ${cells.map((c) => c.padStart(16)).join('')}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const began = Date.now();
  const cpu = cpus();
  log(
    `Loket bench: ${ENGINES.join(' + ')}, sections ${[...ONLY].join(', ')}, ${SECONDS}s per load run, SSE clients ${CLIENTS.join(', ')}, node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? '?'}`,
  );
  const loadBefore = loadavg().map((l) => round(l));
  if ((loadBefore[0] ?? 0) > cpu.length * 0.5) {
    log(
      `warning: the machine is busy before the bench (load average ${loadBefore.join(', ')} on ${cpu.length} cores); figures will be noisy`,
    );
  }
  const runs: EngineResult[] = [];
  for (const engine of ENGINES) {
    const tickets = ONLY.has('tickets') ? await benchTickets(engine) : null;
    const sse = ONLY.has('sse') ? await benchSse(engine) : [];
    const skm = ONLY.has('skm') ? await runSkm(engine) : null;
    const perf = ONLY.has('perf') ? await runPerf(engine) : null;
    const booking = ONLY.has('booking') ? await runBooking(engine) : null;
    const result: EngineResult = { engine, tickets, sse, skm, perf, booking };
    runs.push(result);
    console.log(report(result));
  }
  let estimates: { days: EstimateDay[]; met: boolean } | null = null;
  if (ONLY.has('estimates')) {
    const days = await benchEstimates(log);
    const judged = days.filter((d) => d.history > 0);
    const met = judged.every(
      (d) =>
        d.maeRatio !== null &&
        d.maeRatio <= ESTIMATE_GOALS.maeRatioAtMost &&
        (d.loket.withinShare ?? 0) >= ESTIMATE_GOALS.withinAtLeast,
    );
    estimates = { days, met };
    console.log(estimateReport(days));
  }
  let visits: { days: VisitsResult[]; met: boolean } | null = null;
  if (ONLY.has('visits')) {
    const days = benchVisits();
    visits = { days, met: days.every((d) => d.met) };
    console.log(visitsReport(days));
  }
  let soak: SoakResult | null = null;
  if (ONLY.has('soak')) {
    soak = await runSoak();
    console.log(soakReport(soak));
  }
  const goalsMet =
    (estimates?.met ?? true) &&
    (soak?.met ?? true) &&
    (visits?.met ?? true) &&
    runs.every(
      (r) =>
        (r.tickets?.met ?? true) &&
        r.sse.every((s) => s.met) &&
        (r.skm?.met ?? true) &&
        (r.perf?.met ?? true) &&
        (r.booking?.met ?? true),
    );
  const out = {
    startedAt: new Date(began).toISOString(),
    elapsedSeconds: round((Date.now() - began) / 1000, 1),
    loadAverage: { before: loadBefore, after: loadavg().map((l) => round(l)) },
    machine: {
      node: process.version,
      platform: process.platform,
      arch: arch(),
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? null,
      memoryBytes: totalmem(),
    },
    options: {
      engines: ENGINES,
      sections: [...ONLY],
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      connections: CONNECTIONS,
      clients: CLIENTS,
      calls: CALLS,
      warmupCalls: WARMUP_CALLS,
      spacingMs: SPACING_MS,
      skmResponses: SKM_RESPONSES,
      skmTickets: SKM_TICKETS,
      skmRuns: SKM_RUNS,
      perfTickets: PERF_TICKETS,
      perfRuns: PERF_RUNS,
      bookingCitizens: BOOKING_CITIZENS,
      bookingConnections: BOOKING_CONNECTIONS,
      bookingRounds: BOOKING_ROUNDS,
    },
    goals: {
      ticketsRatioAtLeast: TICKET_GOAL,
      sseP99RatioAtMost: SSE_GOAL,
      skmReportRatioAtMost: SKM_GOAL,
      perfReportRatioAtMost: PERF_GOAL,
      bookingRatioAtLeast: BOOKING_GOAL,
      estimateMaeRatioAtMost: ESTIMATE_GOALS.maeRatioAtMost,
      estimateWithinAtLeast: ESTIMATE_GOALS.withinAtLeast,
      visitsMultiReductionAtLeast: VISIT_GOALS.multiReductionAtLeast,
      visitsSingleIncreaseAtMost: VISIT_GOALS.singleIncreaseAtMost,
    },
    goalsMet,
    runs,
    estimates,
    visits,
    soak,
  };
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    `\n${goalsMet ? 'All goals met.' : 'Some goals NOT met.'} (${out.elapsedSeconds}s; written to bench/results/latest.json)`,
  );
  closeControl();
  await cleanupAll();
  process.exit(STRICT && !goalsMet ? 1 : 0);
}

main().catch((e: unknown) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e)));

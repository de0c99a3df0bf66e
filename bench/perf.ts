/**
 * 4. A year of a busy mall: the monthly agency performance report against the bare SQL aggregate
 *    over the same rows (issue #5).
 *
 * On a fresh database: migrate, seed the demo mall, and generate 2026 with src/server/db/seed/
 * history.ts sized to BENCH_PERF_TICKETS tickets in all (400,000: ~1.6M events, their visits and
 * SKM questionnaires), then ANALYZE on PostgreSQL. Then, with the real app in its own child
 * process, signed in as the demo `pimpinan` (viewer), in rounds (2 warm-up, then BENCH_PERF_RUNS
 * measured), one request at a time:
 *   - GET /api/malls/blora/performance?period=2026-06&agencyId=<the agency with most visits that month>
 *   - the bare aggregate in this process, on the same driver: SELECT count(*), sum(called_at −
 *     entered_at), sum(finished_at − started_at) FROM visits WHERE mall_id = ? AND agency_id = ?
 *     AND service_date BETWEEN '2026-06-01' AND '2026-06-30'
 *   - for information: the mall-wide month (no agencyId), the agency's month as PDF
 *     (…/performance/report.pdf) and its year trend by month (…/performance/trend?period=2026).
 * Goal: median(agency month report over HTTP) ≤ 2 × median(bare aggregate).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { migrate, openDatabase, parseDatabaseUrl } from '../src/server/db/database.js';
import { seedHistory } from '../src/server/db/seed/history.js';
import { seedDemo } from '../src/server/db/seed/seed.js';
import type { Child } from './children.js';
import { call, expectOk, type Reply } from './http.js';
import type { Timing } from './skm.js';

export const PERF_GOAL = 2.0;
const YEAR_FROM = '2026-01-01';
const YEAR_TO = '2026-12-31';
const PERIOD = '2026-06';
const MONTH_FROM = '2026-06-01';
const MONTH_TO = '2026-06-30';
const WARMUP_ROUNDS = 2;
const VIEWER = 'pimpinan';

export interface PerfOptions {
  /** tickets over 2026 in all */
  tickets: number;
  runs: number;
}

/** What the section needs from run.ts (kept there: the database, the app child, the log). */
export interface PerfContext {
  engine: 'sqlite' | 'postgres';
  url: string;
  mall: string;
  seedPassword: string;
  startApp(): Promise<Child>;
  /** PostgreSQL: ANALYZE every table, as autovacuum soon would after a load this size */
  analyze(): Promise<void>;
  log(message: string): void;
}

/** An informational figure: null when the endpoint is not there (404). */
export interface InfoTiming extends Timing {
  bytes: number;
}

export interface PerfResult {
  tickets: number;
  events: number;
  visits: number;
  responses: number;
  /** seedHistory alone, then the whole set-up (migrate, seed, history, analyze) */
  generationSeconds: number;
  setupSeconds: number;
  runs: number;
  warmups: number;
  agency: { id: string; code: string; shortName: string; monthVisits: number };
  report: InfoTiming;
  bare: Timing;
  ratio: number;
  mall: InfoTiming | null;
  pdf: InfoTiming | null;
  trend: InfoTiming | null;
  goal: string;
  met: boolean;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return {
    median: round(median),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    samples: samples.map((s) => round(s)),
  };
}

const bytesOf = (r: Reply) => Number(r.headers['content-length'] ?? Buffer.byteLength(r.text));

export async function benchPerf(ctx: PerfContext, options: PerfOptions): Promise<PerfResult> {
  const began = performance.now();
  const database = await openDatabase(parseDatabaseUrl(ctx.url));
  try {
    const { db } = database;
    ctx.log(`[${ctx.engine}] perf: migrate, seed, generate ${options.tickets} tickets over ${YEAR_FROM}..${YEAR_TO}`);
    await migrate(database);
    await seedDemo(db, { password: ctx.seedPassword, now: Date.now() });
    const generating = performance.now();
    const made = await seedHistory(db, {
      mallSlug: ctx.mall,
      from: YEAR_FROM,
      to: YEAR_TO,
      // the shape of the days; totalTickets sets the size
      ticketsPerDay: options.tickets / 300,
      totalTickets: options.tickets,
      seed: 2026,
    });
    const generationSeconds = round((performance.now() - generating) / 1000, 1);
    ctx.log(
      `[${ctx.engine}] perf: ${made.tickets} tickets, ${made.events} events, ${made.visits} visits, ${made.responses} SKM in ${generationSeconds}s`,
    );
    if (made.tickets !== options.tickets) throw new Error(`generated ${made.tickets} tickets, not ${options.tickets}`);
    await ctx.analyze();
    const setupSeconds = round((performance.now() - began) / 1000, 1);

    const mall = await db.selectFrom('malls').select('id').where('slug', '=', ctx.mall).executeTakeFirstOrThrow();
    const busiest = await db
      .selectFrom('visits')
      .innerJoin('agencies', 'agencies.id', 'visits.agency_id')
      .select(['agencies.id', 'agencies.code', 'agencies.short_name'])
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('visits.mall_id', '=', mall.id)
      .where('visits.service_date', '>=', MONTH_FROM)
      .where('visits.service_date', '<=', MONTH_TO)
      .groupBy(['agencies.id', 'agencies.code', 'agencies.short_name'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const agency = {
      id: busiest.id,
      code: busiest.code,
      shortName: busiest.short_name,
      monthVisits: Number(busiest.n),
    };

    ctx.log(
      `[${ctx.engine}] perf: data ready in ${setupSeconds}s; ${agency.shortName} has ${agency.monthVisits} visits in ${PERIOD}; starting the app`,
    );
    const app = await ctx.startApp();
    const login = await expectOk('POST', `${app.base}/api/auth/login`, {
      body: { username: VIEWER, password: ctx.seedPassword },
    });
    const cookie = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    if (!cookie) throw new Error(`signing in as ${VIEWER} set no cookie`);

    const api = `${app.base}/api/malls/${ctx.mall}/performance`;
    const reportUrl = `${api}?period=${PERIOD}&agencyId=${agency.id}`;
    const info = {
      mall: `${api}?period=${PERIOD}`,
      pdf: `${api}/report.pdf?period=${PERIOD}&agencyId=${agency.id}`,
      trend: `${api}/trend?period=2026&agencyId=${agency.id}&granularity=month`,
    };
    // The report's rows, summed by hand: the same index range the repository reads.
    const bare = () =>
      sql<{ n: number | string; wait: number | string | null; service: number | string | null }>`
        SELECT count(*) AS n, sum(called_at - entered_at) AS wait, sum(finished_at - started_at) AS service
        FROM visits
        WHERE mall_id = ${mall.id} AND agency_id = ${agency.id} AND service_date BETWEEN ${MONTH_FROM} AND ${MONTH_TO}`.execute(
        db,
      );

    const samples = { report: [] as number[], bare: [] as number[] };
    const infoSamples: Record<keyof typeof info, number[]> = { mall: [], pdf: [], trend: [] };
    const bytes: Record<keyof typeof info | 'report', number> = { report: 0, mall: 0, pdf: 0, trend: 0 };
    const missing = new Set<keyof typeof info>();
    ctx.log(
      `[${ctx.engine}] perf: ${WARMUP_ROUNDS} warm-up + ${options.runs} measured rounds of the agency month, the bare aggregate, and (info) the mall month, the PDF, the trend`,
    );
    for (let r = 0; r < WARMUP_ROUNDS + options.runs; r++) {
      const measured = r >= WARMUP_ROUNDS;
      const report = await expectOk('GET', reportUrl, { cookie, timeoutMs: 120_000 });
      const t = performance.now();
      const sums = await bare();
      const bareMs = performance.now() - t;
      if (r === 0) {
        // The same rows, or the comparison means nothing.
        const body = report.json<{ measures: { visits: number; waitSeconds: { mean: number | null } } }>();
        const n = Number(sums.rows[0]?.n);
        if (body.measures.visits !== n || n !== agency.monthVisits) {
          throw new Error(`visits disagree: report ${body.measures.visits}, bare ${n}, counted ${agency.monthVisits}`);
        }
        ctx.log(
          `[${ctx.engine}] perf: ${agency.shortName} ${PERIOD}: ${n} visits, mean wait ${body.measures.waitSeconds.mean}s`,
        );
      }
      bytes.report = bytesOf(report);
      if (measured) {
        samples.report.push(report.doneAt - report.sentAt);
        samples.bare.push(bareMs);
      }
      for (const key of Object.keys(info) as (keyof typeof info)[]) {
        if (missing.has(key)) continue;
        const reply = await call('GET', info[key], { cookie, timeoutMs: 120_000 });
        if (reply.status === 404 && r === 0) {
          ctx.log(`[${ctx.engine}] perf: ${info[key]} answered 404; left out`);
          missing.add(key);
          continue;
        }
        if (reply.status !== 200)
          throw new Error(`GET ${info[key]} answered ${reply.status}: ${reply.text.slice(0, 500)}`);
        bytes[key] = bytesOf(reply);
        if (measured) infoSamples[key].push(reply.doneAt - reply.sentAt);
      }
    }
    await app.stop();

    const reportTiming = { ...timing(samples.report), bytes: bytes.report };
    const bareTiming = timing(samples.bare);
    const infoTiming = (key: keyof typeof info): InfoTiming | null =>
      missing.has(key) ? null : { ...timing(infoSamples[key]), bytes: bytes[key] };
    const ratio = round(reportTiming.median / bareTiming.median);
    return {
      tickets: made.tickets,
      events: made.events,
      visits: made.visits,
      responses: made.responses,
      generationSeconds,
      setupSeconds,
      runs: options.runs,
      warmups: WARMUP_ROUNDS,
      agency,
      report: reportTiming,
      bare: bareTiming,
      ratio,
      mall: infoTiming('mall'),
      pdf: infoTiming('pdf'),
      trend: infoTiming('trend'),
      goal: `median GET /performance (agency, month) / median bare aggregate ≤ ${PERF_GOAL}`,
      met: ratio <= PERF_GOAL,
    };
  } finally {
    await database.close();
  }
}

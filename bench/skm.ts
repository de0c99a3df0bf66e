/**
 * 3. A year's SKM report against the bare SQL aggregate over the same rows.
 *
 * On a fresh database: migrate, seed the demo mall, bulk-insert BENCH_SKM_RESPONSES paper
 * questionnaires spread over 2026 (the mall's services and agencies, random answers 1–4, random
 * respondent profiles, some suggestions) and BENCH_SKM_TICKETS done tickets (the population the
 * report counts). Then, with the real app in its own child process, in rounds (2 warm-up, then
 * BENCH_SKM_RUNS measured), one after the other:
 *   - GET /api/malls/blora/skm?from=2026-01-01&to=2026-12-31          (the contract endpoint)
 *   - GET /api/malls/blora/skm/report?from=2026-01-01&to=2026-12-31   (the full report)
 *   - the bare aggregate in this process, on the same driver: one SELECT COUNT(*), SUM(each
 *     element) … WHERE mall_id = ? AND service_date BETWEEN ? AND ?
 *   - the bare population count (done tickets of the period), for information: the contract
 *     endpoint runs it too, so it shows where the rest of the time goes.
 * Goal: median(contract endpoint over HTTP) ≤ 2 × median(bare aggregate).
 */
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import { EDUCATIONS, OCCUPATIONS, SEXES, SKM_ELEMENT_KEYS } from '../src/domain/skm.js';
import { type Database, migrate, openDatabase, parseDatabaseUrl } from '../src/server/db/database.js';
import type { DB, NewSkmResponse, NewTicket } from '../src/server/db/schema.js';
import { seedDemo } from '../src/server/db/seed/seed.js';
import { newId } from '../src/server/ids.js';
import type { Child } from './children.js';
import { expectOk } from './http.js';

export const SKM_GOAL = 2.0;
// The domain's own lists, so the bench writes exactly what the app accepts.
const ELEMENTS = SKM_ELEMENT_KEYS;
const SUGGESTIONS = [
  'Antrean lebih cepat',
  'Ruang tunggu kurang sejuk',
  'Petugas ramah, terima kasih',
  'Tambah loket pada hari Senin',
  'Informasi persyaratan di papan kurang jelas',
];
const FROM = '2026-01-01';
const TO = '2026-12-31';
const WARMUP_ROUNDS = 2;

export interface SkmOptions {
  responses: number;
  tickets: number;
  runs: number;
}

/** What the section needs from run.ts (kept there: the database, the app child, the log). */
export interface SkmContext {
  engine: 'sqlite' | 'postgres';
  url: string;
  mall: string;
  seedPassword: string;
  startApp(): Promise<Child>;
  log(message: string): void;
}

export interface Timing {
  /** milliseconds */
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export interface SkmResult {
  responses: number;
  tickets: number;
  runs: number;
  warmups: number;
  setupSeconds: number;
  /** bytes of each answer */
  bytes: { contract: number; full: number };
  contract: Timing;
  full: Timing;
  bare: Timing;
  barePopulation: Timing;
  ratio: number;
  ratioFull: number;
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

/** Small seeded PRNG (mulberry32): the same data every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAYS: string[] = (() => {
  const days: string[] = [];
  for (let t = Date.UTC(2026, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
})();

/** Inserts rows in multi-row INSERTs of `batch`, inside transactions of `perTransaction` rows. */
async function bulkInsert<T extends 'skm_responses' | 'tickets'>(
  db: Kysely<DB>,
  table: T,
  total: number,
  make: (i: number) => T extends 'tickets' ? NewTicket : NewSkmResponse,
  batch: number,
  perTransaction = 50_000,
): Promise<void> {
  for (let start = 0; start < total; start += perTransaction) {
    const end = Math.min(total, start + perTransaction);
    await db.transaction().execute(async (tx) => {
      for (let b = start; b < end; b += batch) {
        const rows = [];
        for (let i = b; i < Math.min(end, b + batch); i++) rows.push(make(i));
        await tx
          .insertInto(table)
          .values(rows as any)
          .execute();
      }
    });
  }
}

async function populate(database: Database, ctx: SkmContext, options: SkmOptions): Promise<void> {
  const { db } = database;
  await migrate(database);
  await seedDemo(db, { password: ctx.seedPassword, now: Date.now() });
  const mall = await db.selectFrom('malls').select('id').where('slug', '=', ctx.mall).executeTakeFirstOrThrow();
  const services = await db
    .selectFrom('services')
    .select(['id', 'agency_id'])
    .where('mall_id', '=', mall.id)
    .orderBy('id')
    .execute();
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
  if (services.length === 0) throw new Error('the demo mall has no services');
  const random = rng(20260101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const answer = () => (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4;
  const batch = 1000; // 24 columns: 24,000 parameters a statement, under both engines' limits

  await bulkInsert(
    db,
    'skm_responses',
    options.responses,
    (): NewSkmResponse => {
      const service = pick(services);
      const day = pick(DAYS);
      const row: NewSkmResponse = {
        id: newId(),
        mall_id: mall.id,
        ticket_id: null,
        service_id: service.id,
        agency_id: service.agency_id,
        counter_id: null,
        officer_id: null,
        service_date: day,
        source: 'paper',
        persyaratan: answer(),
        prosedur: answer(),
        waktu: answer(),
        biaya: answer(),
        produk: answer(),
        kompetensi: answer(),
        perilaku: answer(),
        pengaduan: answer(),
        sarana: answer(),
        sex: pick(SEXES),
        age: 15 + Math.floor(random() * 86),
        education: pick(EDUCATIONS),
        occupation: pick(OCCUPATIONS),
        suggestion: random() < 0.1 ? pick(SUGGESTIONS) : null,
        entered_by: admin?.id ?? null,
        created_at: Date.parse(`${day}T09:00:00+07:00`) + Math.floor(random() * 6 * 3_600_000),
      };
      return row;
    },
    batch,
  );

  // Done tickets, one sequence per day: the population the report counts.
  const perDay = Math.ceil(options.tickets / DAYS.length);
  await bulkInsert(
    db,
    'tickets',
    options.tickets,
    (i): NewTicket => {
      const day = DAYS[Math.floor(i / perDay)] as string;
      const seq = (i % perDay) + 1;
      const service = pick(services);
      const issued = Date.parse(`${day}T08:00:00+07:00`) + seq * 1000;
      return {
        id: newId(),
        mall_id: mall.id,
        service_id: service.id,
        token: `bench-skm-${i}`,
        prefix: 'Z',
        seq,
        number: `Z-${String(seq).padStart(3, '0')}`,
        priority: null,
        status: 'done',
        service_date: day,
        service_hour: 8,
        issued_at: issued,
        arrival_at: issued,
        appointment_at: null,
        called_at: issued + 60_000,
        started_at: issued + 90_000,
        finished_at: issued + 600_000,
        counter_id: null,
        officer_id: null,
        recall_count: 0,
        transferred_from_service_id: null,
        updated_at: issued + 600_000,
      };
    },
    1000,
  );
  // PostgreSQL's autovacuum would analyse (and set the visibility map of) a table this size soon
  // after; do it now so the plans are the ones a running mall gets. SQLite is left as the app
  // leaves it (the app never runs ANALYZE).
  if (database.target.kind === 'postgres') {
    await sql`VACUUM ANALYZE skm_responses`.execute(db);
    await sql`VACUUM ANALYZE tickets`.execute(db);
  }
}

export async function benchSkm(ctx: SkmContext, options: SkmOptions): Promise<SkmResult> {
  const began = performance.now();
  const database = await openDatabase(parseDatabaseUrl(ctx.url));
  try {
    ctx.log(
      `[${ctx.engine}] skm: migrate, seed, insert ${options.responses} responses and ${options.tickets} done tickets over ${FROM}..${TO}`,
    );
    await populate(database, ctx, options);
    const setupSeconds = round((performance.now() - began) / 1000, 1);
    ctx.log(`[${ctx.engine}] skm: data ready in ${setupSeconds}s; starting the app`);
    const app = await ctx.startApp();
    const db = database.db;
    const mall = await db.selectFrom('malls').select('id').where('slug', '=', ctx.mall).executeTakeFirstOrThrow();
    const api = `${app.base}/api/malls/${ctx.mall}`;
    const contractUrl = `${api}/skm?from=${FROM}&to=${TO}`;
    const fullUrl = `${api}/skm/report?from=${FROM}&to=${TO}`;

    // The same statement the repository's sums() compiles to, written out by hand.
    const bareAggregate = () =>
      sql<Record<string, number | string | null>>`
        SELECT COUNT(*) AS respondents, ${sql.join(
          ELEMENTS.map((k) => sql`SUM(${sql.ref(k)}) AS ${sql.ref(k)}`),
          sql`, `,
        )}
        FROM skm_responses
        WHERE mall_id = ${mall.id} AND service_date BETWEEN ${FROM} AND ${TO}`.execute(db);
    const barePopulation = () =>
      sql<{ n: number | string }>`
        SELECT COUNT(*) AS n FROM tickets
        WHERE mall_id = ${mall.id} AND status = 'done' AND service_date BETWEEN ${FROM} AND ${TO}`.execute(db);

    const samples = { contract: [] as number[], full: [] as number[], bare: [] as number[], pop: [] as number[] };
    const bytes = { contract: 0, full: 0 };
    let checked = false;
    ctx.log(
      `[${ctx.engine}] skm: ${WARMUP_ROUNDS} warm-up + ${options.runs} measured rounds of /skm, /skm/report, bare aggregate, bare population`,
    );
    for (let round = 0; round < WARMUP_ROUNDS + options.runs; round++) {
      const measured = round >= WARMUP_ROUNDS;
      const c = await expectOk('GET', contractUrl, { timeoutMs: 120_000 });
      const f = await expectOk('GET', fullUrl, { timeoutMs: 120_000 });
      let t = performance.now();
      const bare = await bareAggregate();
      const bareMs = performance.now() - t;
      t = performance.now();
      const pop = await barePopulation();
      const popMs = performance.now() - t;
      if (!checked) {
        // The figures must agree, or the comparison is not over the same rows.
        const report = c.json<{ respondents: number; population: number; ikm: number | null }>();
        const row = bare.rows[0] ?? {};
        const n = Number(row.respondents);
        const population = Number(pop.rows[0]?.n);
        if (report.respondents !== options.responses || n !== options.responses) {
          throw new Error(
            `respondents disagree: report ${report.respondents}, bare ${n}, inserted ${options.responses}`,
          );
        }
        if (report.population !== options.tickets || population !== options.tickets) {
          throw new Error(
            `population disagrees: report ${report.population}, bare ${population}, inserted ${options.tickets}`,
          );
        }
        const full = f.json<{ respondents: number }>();
        if (full.respondents !== options.responses) throw new Error(`/skm/report respondents ${full.respondents}`);
        ctx.log(
          `[${ctx.engine}] skm: ${report.respondents} respondents, population ${report.population}, IKM ${report.ikm}`,
        );
        checked = true;
      }
      bytes.contract = Buffer.byteLength(c.text);
      bytes.full = Buffer.byteLength(f.text);
      if (measured) {
        samples.contract.push(c.doneAt - c.sentAt);
        samples.full.push(f.doneAt - f.sentAt);
        samples.bare.push(bareMs);
        samples.pop.push(popMs);
      }
    }
    await app.stop();
    const contract = timing(samples.contract);
    const full = timing(samples.full);
    const bare = timing(samples.bare);
    const ratio = round(contract.median / bare.median);
    return {
      responses: options.responses,
      tickets: options.tickets,
      runs: options.runs,
      warmups: WARMUP_ROUNDS,
      setupSeconds,
      bytes,
      contract,
      full,
      bare,
      barePopulation: timing(samples.pop),
      ratio,
      ratioFull: round(full.median / bare.median),
      goal: `median GET /skm (year) / median bare aggregate ≤ ${SKM_GOAL}`,
      met: ratio <= SKM_GOAL,
    };
  } finally {
    await database.close();
  }
}

/**
 * Times each statement of an issuing batch (src/server/modules/queue/issue-write.ts) on both
 * engines, outside HTTP: the demo mall seeded, then batches of walk-in tickets spread over its
 * services without a quota (as `npm run bench` issues them) written as the group commit writes
 * them, one transaction per batch. Prints, for the first and the last batches, each statement's
 * mean time, the transaction's own cost (BEGIN, COMMIT and the JavaScript between statements) and
 * the number of round trips to the database.
 *
 *   node --import tsx bench/issue-statements.ts [sqlite|postgres|both] [tickets=20000] [batch=16]
 *
 * PostgreSQL: postgres://postgres@127.0.0.1:5432/test (BENCH_PG_URL), in a schema of its own.
 */
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, type LogEvent, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { formatTicketNumber } from '../src/domain/queue.js';
import { localTime } from '../src/domain/schedule.js';
import { migrate, openDatabase, postgresPoolConfig } from '../src/server/db/database.js';
import type { DB } from '../src/server/db/schema.js';
import { seedDemo } from '../src/server/db/seed/seed.js';
import { newId, newToken } from '../src/server/ids.js';
import { type TicketToIssue, writeTickets } from '../src/server/modules/queue/issue-write.js';
import { createTestDatabase, type Engine } from '../test/support/databases.js';

const which = process.argv[2] ?? 'both';
const TICKETS = Number(process.argv[3] ?? 20_000);
const BATCH = Number(process.argv[4] ?? 16);
const ENGINES: Engine[] = which === 'both' ? ['sqlite', 'postgres'] : [which as Engine];
const WINDOW = 100;

/** what a statement is, from its SQL */
function label(query: CompiledQuery): string {
  const s = query.sql.replace(/\s+/g, ' ').trim().toLowerCase();
  if (s.startsWith('with "t" as (insert into "tickets"'))
    return 'tickets, events, visits and people ahead (one statement)';
  const m = /^(insert into|update|select .*? from|delete from) "?([a-z_]+)"?/.exec(s);
  if (!m) return s.slice(0, 40);
  const verb = (m[1] as string).startsWith('select') ? 'select' : (m[1] as string);
  return `${verb} ${m[2]}${s.includes('count(*)') ? ' (people ahead)' : ''}`;
}

async function timeEngine(engine: Engine): Promise<void> {
  const target = await createTestDatabase(engine);
  try {
    // migrate and seed through the app's own opening, then time through a Kysely of our own
    const setup = await openDatabase(target.target);
    await migrate(setup);
    await seedDemo(setup.db, { password: 'bench-statements', now: Date.now() });
    await setup.close();

    const timings: { label: string; ms: number }[] = [];
    let lastAhead: CompiledQuery | undefined;
    const log = (e: LogEvent) => {
      const l = label(e.query);
      if (l.includes('people ahead')) lastAhead = e.query;
      timings.push({ label: l, ms: e.queryDurationMillis });
    };
    let db: Kysely<DB>;
    if (target.target.kind === 'sqlite') {
      const sqlite = new SQLite(target.target.file);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('foreign_keys = ON');
      const cache = new Map<string, SQLite.Statement>();
      const database = {
        prepare(text: string) {
          let s = cache.get(text);
          if (!s) {
            s = sqlite.prepare(text);
            cache.set(text, s);
          }
          return s;
        },
        close: () => sqlite.close(),
      };
      db = new Kysely<DB>({ dialect: new SqliteDialect({ database }), log });
    } else {
      db = new Kysely<DB>({
        dialect: new PostgresDialect({ pool: new pg.Pool(postgresPoolConfig(target.target)) }),
        log,
      });
    }

    const mall = await db.selectFrom('malls').select(['id', 'time_zone']).executeTakeFirstOrThrow();
    const services = await db
      .selectFrom('services')
      .select(['id', 'prefix', 'agency_id', 'daily_quota'])
      .where('mall_id', '=', mall.id)
      .where('daily_quota', 'is', null)
      .orderBy('id')
      .execute();
    let next = 0;
    const item = (): TicketToIssue => {
      const s = services[next++ % services.length] as (typeof services)[number];
      const now = Date.now();
      const local = localTime(now, mall.time_zone);
      return {
        mallId: mall.id,
        agencyId: s.agency_id,
        estimate: null,
        ticket: {
          id: newId(),
          service_id: s.id,
          token: newToken(),
          prefix: s.prefix,
          priority: null,
          status: 'waiting',
          service_date: local.date,
          service_hour: local.hour,
          issued_at: now,
          arrival_at: now,
          appointment_at: null,
          called_at: null,
          started_at: null,
          finished_at: null,
          counter_id: null,
          officer_id: null,
          recall_count: 0,
          transferred_from_service_id: null,
          updated_at: now,
          source: 'kiosk',
        },
        quota: null,
        format: (seq) => formatTicketNumber(s.prefix, seq),
        event: {
          type: 'issue',
          fromStatus: null,
          toStatus: 'waiting',
          serviceId: s.id,
          counterId: null,
          actorId: null,
          at: now,
        },
      };
    };

    const batches: { wallMs: number; statements: { label: string; ms: number }[] }[] = [];
    const count = Math.ceil(TICKETS / BATCH);
    for (let b = 0; b < count; b++) {
      const items = Array.from({ length: BATCH }, item);
      timings.length = 0;
      const t0 = performance.now();
      await db.transaction().execute((tx) => writeTickets(tx, items));
      batches.push({ wallMs: performance.now() - t0, statements: [...timings] });
      // PostgreSQL's statistics, as autovacuum gathers them within a minute of a day's first
      // tickets (and the bench after its warm-up): without them the planner counts a line through
      // the mall's whole day
      if (b === WINDOW - 1 && engine === 'postgres') await sql`analyze`.execute(db);
    }

    const report = (title: string, part: typeof batches) => {
      const by = new Map<string, number>();
      let sum = 0;
      for (const b of part) {
        for (const s of b.statements) {
          by.set(s.label, (by.get(s.label) ?? 0) + s.ms);
          sum += s.ms;
        }
      }
      const wall = part.reduce((a, b) => a + b.wallMs, 0);
      const n = part.length;
      const roundTrips = part[0] ? part[0].statements.length : 0;
      console.log(
        `\n[${engine}] ${title}: ${n} batches of ${BATCH}, ${(wall / n).toFixed(2)} ms a batch, ${((wall / n / BATCH) * 1000).toFixed(0)} µs a ticket; ${roundTrips} statements a batch (BEGIN and COMMIT among them: on PostgreSQL each a round trip)`,
      );
      for (const [k, ms] of [...by.entries()].sort((a, b) => b[1] - a[1])) {
        console.log(`  ${(ms / n).toFixed(3).padStart(8)} ms  ${((100 * ms) / wall).toFixed(1).padStart(5)} %  ${k}`);
      }
      console.log(
        `  ${((wall - sum) / n).toFixed(3).padStart(8)} ms  ${((100 * (wall - sum)) / wall).toFixed(1).padStart(5)} %  JavaScript between statements (building the rows, Kysely compiling)`,
      );
    };
    report('first batches', batches.slice(0, WINDOW));
    report(`last batches (${count * BATCH} tickets issued today)`, batches.slice(-WINDOW));

    // how the people-ahead count is planned, at the end
    const compiled = lastAhead as CompiledQuery | undefined;
    if (!compiled) throw new Error('no people-ahead statement was seen');
    let plan: { rows: unknown[] } = { rows: [] };
    if (engine === 'sqlite') plan = await sql.raw(`explain query plan ${inline(compiled)}`).execute(db);
    // (EXPLAIN alone: ANALYZE would run the inserts again)
    else plan = await sql.raw(`explain ${inline(compiled)}`).execute(db);
    console.log(`\n[${engine}] people-ahead plan:`);
    for (const r of plan.rows as Record<string, unknown>[]) console.log(`  ${String(r.detail ?? r['QUERY PLAN'])}`);
    await db.destroy();
  } finally {
    await target.drop();
  }
}

/** The statement with its parameters written in (for EXPLAIN; the values are ids we made). */
function inline(q: CompiledQuery): string {
  let i = 0;
  const params = q.parameters as unknown[];
  const lit = (v: unknown) =>
    v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  return q.sql.replace(/\$(\d+)|\?/g, (_m, n: string | undefined) => lit(n ? params[Number(n) - 1] : params[i++]));
}

for (const engine of ENGINES) await timeEngine(engine);

/**
 * What the demo history (history.ts) lacks of issue #13, added to it after it is written: visits
 * through several services (routes) and applications after the counter (permohonan), so the
 * evaluation has them to show from the first start.
 *
 * Routes are made of the history's own tickets, so every other figure stays as it was: per day,
 * about 12% of the citizens become visits of two agencies (a quarter of them three) by joining a
 * served ticket T1 with a served ticket T2 of another agency (the same priority class, taken no
 * earlier) that was called 1–60 minutes after T1 finished; T3 likewise after T2. The citizen is at
 * one counter at a time, as the live route's hold keeps them. T2 and T3 are rewritten as the live
 * queue writes a visit's stops (src/server/modules/queue/issue-write.ts): the route's id, the
 * head's number and sequence with the prefix "<head's prefix>#k", issued and arrived when the
 * number was taken (their place counted from then), their 'issue' event and visit moved to that
 * instant. The routes row is the head's. Transferred and booked tickets are left alone. The
 * stops' own numbers stay used in their lines' sequences (a gap, as a ticket never printed).
 *
 * Applications: for ~30% of the served tickets of services whose standard time is in days
 * (standardPeriod not null and not the same day: passports, permits, certificates), one opened at
 * the counter when the ticket finished, due by the standard in working days over the mall's
 * calendar (dueDateOf), and taken through the steps at office hours: most ready within the due
 * date, ~15% late, ~5% needing a fix (perlu_perbaikan, with what is missing), ~3% rejected with a
 * reason, a few left stalled; most ready ones collected later. No step after `now`: the recent
 * ones are still open, some of them past their due date today.
 *
 * Deterministic for a seed (ids are UUIDv7s of their rows' instants with the PRNG's bits); only
 * the applications' tokens are truly random, since they open the citizen's page. Runs once, on a
 * freshly seeded mall: a mall that already has routes or applications is left as it is. Written
 * in a few set-based statements (UPDATE … FROM a list of rows), in one transaction.
 */
import { randomBytes } from 'node:crypto';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import {
  type ApplicationStatus,
  OPEN_APPLICATION,
  type StandardPeriod,
  standardPeriod,
} from '../../../domain/application.js';
import { dueDateOf } from '../../../domain/due-date.js';
import { addWorkingDays, isWorkingDay } from '../../../domain/holidays.js';
import type { PriorityClass } from '../../../domain/queue.js';
import { addDays, instantAt, localTime, type Span, type SpecialDay } from '../../../domain/schedule.js';
import { RollupStore } from '../../modules/performance/rollup-store.js';
import type { ApplicationEventsTable, ApplicationsTable, DB, RoutesTable } from '../schema.js';
import { idAt, Random } from './random.js';

export interface HistoryVisitsOptions {
  mallSlug: string;
  /** the history's first and last local date, YYYY-MM-DD, both included */
  from: string;
  to: string;
  /** no application step after this instant */
  now: number;
  /** the PRNG's seed (default 1) */
  seed?: number;
  /** share of a day's citizens whose visit goes through several services (default 0.12) */
  routeShare?: number;
  /** share of the served tickets of services with a standard time in days that open an application (default 0.3) */
  applicationShare?: number;
}

export interface HistoryVisitsResult {
  routes: number;
  /** routes of three stops */
  threeStops: number;
  applications: number;
  applicationEvents: number;
  /** applications still open past their due date today */
  overdueNow: number;
  /** the mall already had routes or applications: nothing was added */
  skipped: boolean;
}

const MINUTE = 60_000;
/** the next stop is called this long after the last one finished, at the least and at the most */
const GAP_MIN = MINUTE;
const GAP_MAX = 60 * MINUTE;
/** share of the routes with a third stop */
const THIRD_STOP = 0.25;
/** of a route's next stop, among the candidates in call order, the first this many are drawn from */
const CANDIDATES = 24;

/** an application's course, drawn once */
const REJECTED = 0.03;
const NEEDS_FIX = 0.05;
const STALLED = 0.01;
const LATE = 0.15;
/** a fix the citizen never brings */
const FIX_ABANDONED = 0.2;
/** ready as finished (a record updated, a product sent) rather than to collect */
const FINISHED = 0.1;
const COLLECTED = 0.75;

const FIX_NOTES = [
  'Fotokopi akta kelahiran belum dilampirkan',
  'Pas foto berlatar belakang merah ukuran 4x6 belum dilampirkan',
  'Surat pengantar dari desa/kelurahan belum ditandatangani kepala desa',
  'Nama pada Kartu Keluarga berbeda dengan ijazah; lampirkan surat keterangan beda nama',
  'Fotokopi KTP-el kurang jelas, mohon lampirkan ulang',
  'Denah lokasi usaha belum dilampirkan',
  'Bukti pelunasan PBB tahun berjalan belum dilampirkan',
  'Surat pernyataan belum bermeterai',
  'Hasil pindai dokumen tidak terbaca, mohon unggah ulang',
  'Surat kuasa bermeterai belum dilampirkan (permohonan diwakilkan)',
];
const REJECT_NOTES = [
  'Persyaratan tidak dilengkapi sampai batas waktu perbaikan',
  'Data pemohon tidak sesuai dengan data kependudukan (Dukcapil)',
  'Lokasi usaha tidak sesuai dengan rencana tata ruang (KKPR)',
  'Pemohon masih memiliki dokumen yang berlaku',
  'Dokumen pendukung tidak dapat diverifikasi keabsahannya',
];

/** office hours by weekday (Date.getUTCDay(), Sunday first), minutes after local midnight: the history's week */
const OFFICE: [number, number][][] = [
  [],
  [[8 * 60, 15 * 60]],
  [[8 * 60, 15 * 60]],
  [[8 * 60, 15 * 60]],
  [[8 * 60, 15 * 60]],
  [
    [8 * 60, 11 * 60],
    [13 * 60, 15 * 60],
  ],
  [],
];

// ---------------------------------------------------------------------------------------------
// set-based writes

type PgType = 'text' | 'integer' | 'bigint';
type Engine = 'sqlite' | 'postgres';

/** SQLite allows 32,766 bound parameters a statement. */
const SQLITE_PARAMETERS = 30_000;
const PG_ROWS_PER_STATEMENT = 10_000;

/**
 * UPDATE table SET columns FROM a list of rows, matched on one column: SQLite's VALUES (3.33+),
 * PostgreSQL's unnest() of one array a column. Each row is [key, ...values]. Returns rows changed.
 */
async function updateFrom(
  db: Kysely<DB>,
  engine: Engine,
  table: keyof DB,
  key: [string, PgType],
  set: [string, PgType][],
  rows: readonly unknown[][],
  /** a further condition on the table's row, e.g. `"type" = 'issue'` */
  where = '',
): Promise<number> {
  const also = where ? ` and "${table}".${where}` : '';
  const columns = [key, ...set];
  const per = engine === 'sqlite' ? Math.floor(SQLITE_PARAMETERS / columns.length) : PG_ROWS_PER_STATEMENT;
  let changed = 0;
  for (let start = 0; start < rows.length; start += per) {
    const chunk = rows.slice(start, start + per);
    let text: string;
    let parameters: unknown[];
    if (engine === 'sqlite') {
      const assignments = set.map(([name], i) => `"${name}" = v.column${i + 2}`).join(', ');
      const one = `(${columns.map(() => '?').join(', ')})`;
      text = `update "${table}" set ${assignments} from (values ${chunk.map(() => one).join(', ')}) as v where "${table}"."${key[0]}" = v.column1${also}`;
      parameters = chunk.flat();
    } else {
      const assignments = set.map(([name], i) => `"${name}" = v.c${i + 1}`).join(', ');
      const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
      const names = columns.map((_, i) => `c${i}`).join(', ');
      text = `update "${table}" set ${assignments} from unnest(${arrays}) as v(${names}) where "${table}"."${key[0]}" = v.c0${also}`;
      parameters = columns.map((_, i) => chunk.map((r) => r[i]));
    }
    const result = await db.executeQuery(CompiledQuery.raw(text, parameters));
    changed += Number(result.numAffectedRows ?? 0);
  }
  return changed;
}

/**
 * INSERT rows (objects, read by the columns' names): multi-row VALUES on SQLite, one unnest()
 * array a column on PostgreSQL.
 */
async function insertRows(
  db: Kysely<DB>,
  engine: Engine,
  table: keyof DB,
  columns: [string, PgType][],
  rows: readonly object[],
): Promise<void> {
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const per = engine === 'sqlite' ? Math.floor(SQLITE_PARAMETERS / columns.length) : PG_ROWS_PER_STATEMENT;
  for (let start = 0; start < rows.length; start += per) {
    const chunk = rows
      .slice(start, start + per)
      .map((row) => columns.map(([name]) => (row as Record<string, unknown>)[name]));
    let text: string;
    let parameters: unknown[];
    if (engine === 'sqlite') {
      const one = `(${columns.map(() => '?').join(', ')})`;
      text = `insert into "${table}" (${names}) values ${chunk.map(() => one).join(', ')}`;
      parameters = chunk.flat();
    } else {
      const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
      text = `insert into "${table}" (${names}) select * from unnest(${arrays})`;
      parameters = columns.map((_, i) => chunk.map((r) => r[i]));
    }
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

const columnsOf = (text: string): [string, PgType][] =>
  text
    .trim()
    .split(/\s+/)
    .map((c) => {
      const [name, type] = c.split(':') as [string, string | undefined];
      return [name, type === 'i' ? 'integer' : type === 'b' ? 'bigint' : 'text'];
    });

const ROUTES = columnsOf('id mall_id head_ticket_id held_ticket_id created_at:b');
const APPLICATIONS = columnsOf(`id mall_id agency_id service_id ticket_id code token status received_date due_date
  ready_date name phone email lang created_by created_at:b updated_at:b`);
const APPLICATION_EVENTS = columnsOf('id application_id mall_id status note actor_id at:b');

// ---------------------------------------------------------------------------------------------

interface Stop {
  id: string;
  agencyId: string;
  prefix: string;
  seq: number;
  number: string;
  priority: PriorityClass | null;
  date: string;
  hour: number;
  issuedAt: number;
  calledAt: number;
  finishedAt: number;
}

interface Step {
  status: ApplicationStatus;
  at: number;
  date: string;
  note: string | null;
}

export async function seedHistoryVisits(db: Kysely<DB>, options: HistoryVisitsOptions): Promise<HistoryVisitsResult> {
  const { from, to, now } = options;
  const seed = options.seed ?? 1;
  const routeShare = options.routeShare ?? 0.12;
  const applicationShare = options.applicationShare ?? 0.3;
  const result: HistoryVisitsResult = {
    routes: 0,
    threeStops: 0,
    applications: 0,
    applicationEvents: 0,
    overdueNow: 0,
    skipped: false,
  };
  const mall = await db
    .selectFrom('malls')
    .select(['id', 'time_zone'])
    .where('slug', '=', options.mallSlug)
    .executeTakeFirst();
  if (!mall) throw new Error(`seedHistoryVisits: no mall "${options.mallSlug}"`);
  const mallId = mall.id;
  const timeZone = mall.time_zone;
  const [route, application] = await Promise.all([
    db.selectFrom('routes').select('id').where('mall_id', '=', mallId).limit(1).executeTakeFirst(),
    db.selectFrom('applications').select('id').where('mall_id', '=', mallId).limit(1).executeTakeFirst(),
  ]);
  if (route || application) return { ...result, skipped: true };
  if (to < from) return result;
  const engine: Engine = db.selectFrom('malls').select('id').where('id', '=', '').compile().sql.includes('$1')
    ? 'postgres'
    : 'sqlite';
  const today = localTime(now, timeZone).date;

  // --- routes: the served tickets that may be a visit's stops, by day
  const [candidates, totals] = await Promise.all([
    db
      .selectFrom('tickets as t')
      .innerJoin('services as s', 's.id', 't.service_id')
      .select([
        't.id',
        's.agency_id',
        't.prefix',
        't.seq',
        't.number',
        't.priority',
        't.service_date',
        't.service_hour',
        't.issued_at',
        't.called_at',
        't.finished_at',
      ])
      .where('t.mall_id', '=', mallId)
      .where('t.service_date', '>=', from)
      .where('t.service_date', '<=', to)
      .where('t.status', '=', 'done')
      .where('t.route_id', 'is', null)
      .where('t.transferred_from_service_id', 'is', null)
      .where('t.appointment_at', 'is', null)
      .where('t.called_at', 'is not', null)
      .where('t.finished_at', 'is not', null)
      .orderBy('t.id')
      .execute(),
    db
      .selectFrom('tickets')
      .select(['service_date', (eb) => eb.fn.countAll<number>().as('n')])
      .where('mall_id', '=', mallId)
      .where('service_date', '>=', from)
      .where('service_date', '<=', to)
      .groupBy('service_date')
      .orderBy('service_date')
      .execute(),
  ]);
  const byDay = new Map<string, Stop[]>();
  for (const c of candidates) {
    const stop: Stop = {
      id: c.id,
      agencyId: c.agency_id,
      prefix: c.prefix,
      seq: Number(c.seq),
      number: c.number,
      priority: c.priority,
      date: c.service_date,
      hour: Number(c.service_hour),
      issuedAt: Number(c.issued_at),
      calledAt: Number(c.called_at),
      finishedAt: Number(c.finished_at),
    };
    const list = byDay.get(stop.date);
    if (list) list.push(stop);
    else byDay.set(stop.date, [stop]);
  }

  const r = new Random(seed ^ 0x7015);
  const routes: { head: Stop; stops: Stop[]; id: string }[] = [];
  for (const { service_date: date, n } of totals) {
    const list = byDay.get(date);
    if (!list || list.length < 2) continue;
    // citizens = tickets − the stops after the first; routes = routeShare × citizens
    const tickets = Number(n) * r.between(0.85, 1.15);
    const target = Math.round((tickets * routeShare) / (1 + routeShare * (1 + THIRD_STOP)));
    const byCall = [...list].sort((a, b) => a.calledAt - b.calledAt || (a.id < b.id ? -1 : 1));
    const used = new Set<string>();
    /** a next stop: another agency's ticket called 1–60 minutes after `last` finished */
    const nextStop = (head: Stop, last: Stop, agencies: readonly string[]): Stop | null => {
      const lo = last.finishedAt + GAP_MIN;
      const hi = last.finishedAt + GAP_MAX;
      let a = 0;
      let b = byCall.length;
      while (a < b) {
        const m = (a + b) >>> 1;
        if ((byCall[m] as Stop).calledAt < lo) a = m + 1;
        else b = m;
      }
      const found: Stop[] = [];
      for (let i = a; i < byCall.length && found.length < CANDIDATES; i++) {
        const c = byCall[i] as Stop;
        if (c.calledAt > hi) break;
        if (used.has(c.id) || agencies.includes(c.agencyId) || c.priority !== head.priority) continue;
        // taken no earlier than the head, and after the last stop: the route's stops in id order
        if (c.issuedAt < head.issuedAt || c.id <= last.id) continue;
        found.push(c);
      }
      if (found.length === 0) return null;
      // the sooner called the likelier: the citizen went there next
      const u = r.next();
      return found[Math.floor(u * u * found.length)] as Stop;
    };
    // the heads tried in a random order
    const order = list.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r.next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let made = 0;
    for (const i of order) {
      if (made >= target) break;
      const head = list[i] as Stop;
      if (used.has(head.id)) continue;
      const second = nextStop(head, head, [head.agencyId]);
      if (!second) continue;
      used.add(head.id);
      used.add(second.id);
      const stops = [second];
      if (r.next() < THIRD_STOP) {
        const third = nextStop(head, second, [head.agencyId, second.agencyId]);
        if (third) {
          used.add(third.id);
          stops.push(third);
        }
      }
      routes.push({ head, stops, id: idAt(head.issuedAt, r) });
      made++;
    }
  }

  const headRows: unknown[][] = [];
  const stopRows: unknown[][] = [];
  const eventRows: unknown[][] = [];
  const visitRows: unknown[][] = [];
  for (const { head, stops, id } of routes) {
    headRows.push([head.id, id, head.prefix, head.seq, head.number, head.issuedAt, head.issuedAt, head.hour]);
    for (const [k, s] of stops.entries()) {
      const eventId = idAt(head.issuedAt, r);
      stopRows.push([
        s.id,
        id,
        `${head.prefix}#${k + 2}`,
        head.seq,
        head.number,
        head.issuedAt,
        head.issuedAt,
        head.hour,
      ]);
      eventRows.push([s.id, eventId, head.issuedAt]);
      visitRows.push([s.id, eventId, head.issuedAt, head.hour]);
    }
    if (stops.length === 2) result.threeStops++;
  }
  result.routes = routes.length;

  // --- applications: the served tickets of services whose standard time is in days
  const services = await db
    .selectFrom('services')
    .select(['id', 'agency_id', 'standard'])
    .where('mall_id', '=', mallId)
    .orderBy('sort_order')
    .execute();
  const periods = new Map<string, StandardPeriod>();
  for (const s of services) {
    const period = standardPeriod((JSON.parse(s.standard) as { duration?: string }).duration ?? '');
    if (period && period.unit !== 'same_day') periods.set(s.id, period);
  }
  const [served, officers, specialRows] = await Promise.all([
    periods.size === 0
      ? Promise.resolve([])
      : db
          .selectFrom('tickets')
          .select(['id', 'service_id', 'service_date', 'finished_at', 'officer_id'])
          .where('mall_id', '=', mallId)
          .where('service_date', '>=', from)
          .where('service_date', '<=', to)
          .where('status', '=', 'done')
          .where('finished_at', 'is not', null)
          .where('service_id', 'in', [...periods.keys()])
          .orderBy('id')
          .execute(),
    db
      .selectFrom('users')
      .select(['id', 'agency_id'])
      .where('mall_id', '=', mallId)
      .where('role', '=', 'officer')
      .orderBy('username')
      .execute(),
    db
      .selectFrom('special_days')
      .select(['date', 'spans', 'note'])
      .where('mall_id', '=', mallId)
      .where('date', '>=', from)
      .where('date', '<=', addDays(today, 400))
      .execute(),
  ]);
  const agencyOf = new Map(services.map((s) => [s.id, s.agency_id]));
  const staffOf = new Map<string, string[]>();
  for (const o of officers) {
    if (!o.agency_id) continue;
    const list = staffOf.get(o.agency_id);
    if (list) list.push(o.id);
    else staffOf.set(o.agency_id, [o.id]);
  }
  const own = new Map<string, SpecialDay>(
    specialRows.map((d) => [d.date, { date: d.date, spans: JSON.parse(d.spans) as Span[], note: d.note }]),
  );
  const specialDay = (date: string) => own.get(date) ?? null;
  const working = new Map<string, boolean>();
  const isWorking = (date: string) => {
    let w = working.get(date);
    if (w === undefined) {
      w = isWorkingDay(date, specialDay(date));
      working.set(date, w);
    }
    return w;
  };
  const nextWorking = (date: string) => {
    let d = addDays(date, 1);
    while (!isWorking(d)) d = addDays(d, 1);
    return d;
  };
  const dues = new Map<string, string>();
  const dueOf = (date: string, period: StandardPeriod) => {
    const key = `${date}/${period.unit}/${'n' in period ? period.n : 0}`;
    let due = dues.get(key);
    if (due === undefined) {
      due = dueDateOf(date, period, specialDay);
      dues.set(key, due);
    }
    return due;
  };
  const midnights = new Map<string, number>();
  const midnightOf = (date: string) => {
    let m = midnights.get(date);
    if (m === undefined) {
      m = instantAt(date, 0, timeZone);
      midnights.set(date, m);
    }
    return m;
  };
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  /** a moment of the date's office hours after `after` (and a few minutes), or null when none is left */
  const momentOn = (date: string, after: number): number | null => {
    if (!isWorking(date)) return null;
    const special = own.get(date);
    const spans: [number, number][] =
      special && special.spans.length > 0
        ? special.spans.map((s) => [minutes(s.open), minutes(s.close)])
        : (OFFICE[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? []);
    const midnight = midnightOf(date);
    const earliest = after + r.between(5, 45) * MINUTE;
    const open: [number, number][] = [];
    let length = 0;
    for (const [a, b] of spans) {
      const start = Math.max(midnight + a * MINUTE, earliest);
      const end = midnight + b * MINUTE;
      if (end > start) {
        open.push([start, end]);
        length += end - start;
      }
    }
    if (length === 0) return null;
    let x = r.next() * length;
    for (const [start, end] of open) {
      if (x < end - start) return Math.round(start + x);
      x -= end - start;
    }
    return Math.round((open[open.length - 1] as [number, number])[1] - 1);
  };
  /** a step on the date (or the next working day with office hours left) after the last one */
  const stepOn = (date: string, after: number): { at: number; date: string } => {
    let d = isWorking(date) ? date : nextWorking(date);
    for (;;) {
      const at = momentOn(d, after);
      if (at !== null) return { at, date: d };
      d = nextWorking(d);
    }
  };
  /** the working days after `date` up to `until`, both as dates */
  const workingDaysBetween = (date: string, until: string): string[] => {
    const out: string[] = [];
    for (let d = addDays(date, 1); d <= until; d = addDays(d, 1)) if (isWorking(d)) out.push(d);
    return out;
  };

  const ar = new Random(seed ^ 0xa991);
  const tokens = randomBytes(16 * Math.ceil(served.length * applicationShare + 64));
  const codes = new Set<string>();
  const applications: {
    row: ApplicationsTable;
    steps: Step[];
    actors: (string | null)[];
  }[] = [];
  for (const t of served) {
    if (ar.next() >= applicationShare) continue;
    const period = periods.get(t.service_id) as StandardPeriod;
    const agencyId = agencyOf.get(t.service_id) as string;
    const officer = t.officer_id;
    const staff = staffOf.get(agencyId) ?? [];
    const received = t.service_date;
    const due = dueOf(received, period);
    const days = workingDaysBetween(received, due);
    const receivedAt = Number(t.finished_at) + Math.round(ar.between(20, 120) * 1000);
    const steps: Step[] = [{ status: 'diterima', at: receivedAt, date: received, note: null }];
    const last = () => steps[steps.length - 1] as Step;
    const step = (status: ApplicationStatus, date: string, note: string | null = null) => {
      const { at, date: on } = stepOn(date, last().at);
      steps.push({ status, at, date: on, note });
    };
    // taken up the same day, or the next working day
    const sameDay = ar.next() < 0.6 ? momentOn(received, receivedAt) : null;
    if (sameDay !== null) steps.push({ status: 'diproses', at: sameDay, date: received, note: null });
    else step('diproses', nextWorking(received));
    const dayOf = (share: number) => days[Math.min(days.length - 1, Math.floor(share * days.length))] ?? received;
    const lateBy = () => ar.int(1, Math.max(2, Math.ceil(days.length / 2)));
    const readyDay = ar.next() < LATE ? addWorkingDays(due, lateBy(), specialDay) : dayOf(ar.between(0.3, 1));
    const u = ar.next();
    let ready: string | null = null;
    if (u < REJECTED) {
      step('ditolak', dayOf(ar.between(0.1, 0.8)), ar.pick(REJECT_NOTES));
    } else if (u < REJECTED + NEEDS_FIX) {
      step('perlu_perbaikan', dayOf(ar.between(0, 0.5)), ar.pick(FIX_NOTES));
      if (ar.next() >= FIX_ABANDONED) {
        const back = addWorkingDays(last().date, ar.int(1, 6), specialDay);
        step('diproses', back);
        const after = addWorkingDays(back, ar.int(1, 3), specialDay);
        // the later of the two dates
        ready = [after, readyDay].sort()[1] as string;
      }
    } else if (u >= REJECTED + NEEDS_FIX + STALLED) {
      ready = readyDay;
    }
    if (ready !== null) {
      const finished = ar.next() < FINISHED;
      step(finished ? 'selesai' : 'siap_diambil', ready);
      if (!finished && ar.next() < COLLECTED) {
        const wait = Math.floor(ar.next() ** 2 * 10);
        step('diambil', wait === 0 ? last().date : addWorkingDays(last().date, wait, specialDay));
      }
    }
    // what had happened by now
    const kept = steps.filter((s) => s.at <= now);
    let code: string;
    do code = `P${ar.int(10_000_000, 99_999_999)}`;
    while (codes.has(code));
    codes.add(code);
    const id = idAt(receivedAt, ar);
    const i = applications.length;
    const actors = kept.map((_, k) => (k === 0 || staff.length === 0 ? officer : ar.pick(staff)));
    applications.push({
      row: {
        id,
        mall_id: mallId,
        agency_id: agencyId,
        service_id: t.service_id,
        ticket_id: t.id,
        code,
        token: tokens.subarray(16 * i, 16 * i + 16).toString('base64url'),
        status: 'diterima',
        received_date: received,
        due_date: due,
        ready_date: null,
        name: null,
        phone: null,
        email: null,
        lang: 'id',
        created_by: officer,
        created_at: receivedAt,
        updated_at: receivedAt,
      },
      steps: kept,
      actors,
    });
  }
  const settle = (a: (typeof applications)[number]) => {
    const last = a.steps[a.steps.length - 1] as Step;
    a.row.status = last.status;
    a.row.updated_at = last.at;
    a.row.ready_date = a.steps.find((s) => s.status === 'siap_diambil' || s.status === 'selesai')?.date ?? null;
  };
  const overdue = (a: (typeof applications)[number]) =>
    OPEN_APPLICATION.includes(a.row.status) && a.row.due_date !== null && today > a.row.due_date;
  for (const a of applications) settle(a);
  // a few files forgotten on a desk: overdue today, if the course drawn left none so
  if (!applications.some(overdue)) {
    const late = applications.filter((a) => a.row.due_date !== null && a.row.due_date < today && a.steps.length > 2);
    for (const a of late.slice(-3)) {
      a.steps = a.steps.slice(0, 2);
      a.actors = a.actors.slice(0, 2);
      settle(a);
    }
  }
  const eventRowsOut: ApplicationEventsTable[] = [];
  for (const a of applications) {
    for (const [k, s] of a.steps.entries()) {
      eventRowsOut.push({
        id: idAt(s.at, ar),
        application_id: a.row.id,
        mall_id: mallId,
        status: s.status,
        note: s.note,
        actor_id: a.actors[k] ?? null,
        at: s.at,
      });
    }
  }
  result.applications = applications.length;
  result.applicationEvents = eventRowsOut.length;
  result.overdueNow = applications.filter(overdue).length;

  // --- written together
  // SQLite: a page cache that holds the indexes being changed (the default 2 MB makes each a read), restored after
  const cache =
    engine === 'sqlite'
      ? Number((await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0]?.cache_size)
      : null;
  if (cache !== null) await sql`pragma cache_size = -262144`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      if (routes.length > 0) {
        const routeRows: RoutesTable[] = routes.map(({ head, id }) => ({
          id,
          mall_id: mallId,
          head_ticket_id: head.id,
          held_ticket_id: null,
          created_at: head.issuedAt,
        }));
        await insertRows(tx, engine, 'routes', ROUTES, routeRows);
        const stops = await updateFrom(
          tx,
          engine,
          'tickets',
          ['id', 'text'],
          [
            ['route_id', 'text'],
            ['prefix', 'text'],
            ['seq', 'integer'],
            ['number', 'text'],
            ['issued_at', 'bigint'],
            ['arrival_at', 'bigint'],
            ['service_hour', 'integer'],
          ],
          [...headRows, ...stopRows],
        );
        const events = await updateFrom(
          tx,
          engine,
          'ticket_events',
          ['ticket_id', 'text'],
          [
            ['id', 'text'],
            ['at', 'bigint'],
          ],
          eventRows,
          `"type" = 'issue'`,
        );
        const visits = await updateFrom(
          tx,
          engine,
          'visits',
          ['ticket_id', 'text'],
          [
            ['id', 'text'],
            ['entered_at', 'bigint'],
            ['hour', 'integer'],
          ],
          visitRows,
          `"transferred_in" = 0`,
        );
        if (stops !== headRows.length + stopRows.length || events !== eventRows.length) {
          throw new Error('seedHistoryVisits: a route stop was not where it was read');
        }
        if (visits !== visitRows.length) throw new Error("seedHistoryVisits: a stop's visit is not its issue event's");
      }
      await insertRows(
        tx,
        engine,
        'applications',
        APPLICATIONS,
        applications.map((a) => a.row),
      );
      await insertRows(tx, engine, 'application_events', APPLICATION_EVENTS, eventRowsOut);
    });
  } finally {
    if (cache !== null) await sql.raw(`pragma cache_size = ${Number.isFinite(cache) ? cache : -2000}`).execute(db);
  }
  // the days' visits changed: tallies stored for them before are not theirs
  await new RollupStore(db).forget(mallId, from, to);
  return result;
}

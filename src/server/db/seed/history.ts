/**
 * A plausible traffic history for a seeded mall: weeks or years of tickets with every event, visit
 * and SKM questionnaire the live queue would have written, for the demo, the reports and the bench.
 *
 * The week is fixed, whatever the mall's opening hours say: Monday–Thursday 08:00–15:00, Friday
 * 08:00–11:00 and 13:00–15:00, Saturday 08:00–12:00 at half volume, Sunday closed. Arrivals peak
 * 09:00–11:00, Mondays are the busiest, a few days are quiet. The first working day after a closed
 * day (Monday) opens with a rush: 10–15% of its citizens queued at the doors take their tickets in
 * the first ten minutes, and its first two hours are busier still. Agencies draw citizens by weight
 * (Dindukcapil most, then Samsat, BPJS Kesehatan, DPMPTSP, Polres, Imigrasi …), services within an
 * agency by weight, ~8% are priority tickets. A service's daily quota turns further citizens away.
 *
 * Each day is a small discrete-event simulation of the whole mall: a free counter calls the next
 * ticket it may serve by the live rule (src/domain/pick-next.ts), serves it and calls again, so
 * waits grow in the morning peak. Served times: a lognormal around the service's standard
 * (durationMinutes, else 10 minutes) with the service's own spread (sigma 0.3–0.8, cut at 2.5
 * sigma), and 3–7% complicated cases (per service) taking 2–4 times an ordinary case's mean.
 * Counters have days of their own (each its habits, around these means): ~15% start 15–60 minutes
 * late, ~10% leave 30–120 minutes before closing (they finish the ticket they hold and call nobody
 * more; the last counter of a service serves what only it can serve, then goes, and the service
 * issues no more tickets that day), and on a full weekday ~30% take a 15–30 minute break around
 * midday (they stop calling, then resume). Officers still there serve whoever is waiting at closing
 * time. Where an agency's counters could not serve its share of the mall in the standard's time,
 * its service times are scaled down so that an average weekday keeps its counters ~70% busy of the
 * time they are there (the mean of each service's spread and complicated cases included).
 * Outcomes: 2–6% no-show by service (call, recall(s), no-show), ~1% cancelled while waiting, ~1.5%
 * transferred to another service of the same or another agency (a second visit there), the rest
 * served to the end. Every ticket ends in a final state.
 *
 * The rows are those the queue writes (src/server/modules/queue): tickets numbered per prefix and
 * day, their events, their visits by foldVisits (the rule the queue keeps them by), the day's
 * ticket_sequences and service_day_counts, and SKM questionnaires for a share of the served
 * tickets. Deterministic for a seed, ids included: every id is a UUIDv7 of its own row's instant,
 * so ORDER BY id is time order. Only the ticket tokens are truly random, since they open the
 * ticket page. Rows go in as multi-row INSERTs (SQLite) or unnest() arrays (PostgreSQL), a few
 * thousand tickets per transaction, without the foreign key checks (SQLite: PRAGMA foreign_keys
 * off for the load, then as it was; PostgreSQL: session_replication_role = replica, superusers
 * only): every id written was read from the same database.
 */
import { randomBytes } from 'node:crypto';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { type Candidate, type PickPolicy, type PickReason, pickNext } from '../../../domain/pick-next.js';
import { formatTicketNumber, type PriorityClass, type TicketStatus } from '../../../domain/queue.js';
import { localTime } from '../../../domain/schedule.js';
import { pickPolicy, type QueueSettings, withDefaults } from '../../../domain/settings.js';
import {
  EDUCATIONS,
  type Education,
  OCCUPATIONS,
  type Occupation,
  SKM_ELEMENT_KEYS,
  type SkmAnswer,
  type SkmElement,
} from '../../../domain/skm.js';
import { foldVisits, type VisitEvent } from '../../../domain/visits.js';
import { RollupStore } from '../../modules/performance/rollup-store.js';
import type { DB, TicketEventType } from '../schema.js';
import { idAt, Random } from './random.js';

export interface HistoryOptions {
  mallSlug: string;
  /** first and last local date, YYYY-MM-DD, both included */
  from: string;
  to: string;
  /** mean tickets on a full weekday (Monday–Thursday) */
  ticketsPerDay: number;
  /** when given, exactly this many tickets over the range: the days keep their shape, scaled */
  totalTickets?: number;
  /** the PRNG's seed (default 1) */
  seed?: number;
  /** share of the served (done) tickets whose citizen answers the SKM, 0–1 (default 0.3) */
  skmShare?: number;
  /** when given, days from this instant's local date on are left out: the history ends yesterday */
  now?: number;
}

export interface HistoryResult {
  tickets: number;
  events: number;
  visits: number;
  responses: number;
  /** days with tickets */
  days: number;
}

// ---------------------------------------------------------------------------------------------
// the shape of the traffic

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface DayShape {
  /** [open, close) in minutes after local midnight */
  spans: [number, number][];
  /** volume against the mean full weekday */
  volume: number;
}

const WEEKDAY = (volume: number): DayShape => ({ spans: [[8 * 60, 15 * 60]], volume });
/** by Date.getUTCDay(): Sunday first */
const WEEK: (DayShape | null)[] = [
  null,
  WEEKDAY(1.12),
  WEEKDAY(1.0),
  WEEKDAY(0.97),
  WEEKDAY(0.91),
  {
    spans: [
      [8 * 60, 11 * 60],
      [13 * 60, 15 * 60],
    ],
    volume: 0.7,
  },
  { spans: [[8 * 60, 12 * 60]], volume: 0.5 },
];
/** arrivals by local hour: the morning peak */
const HOUR_WEIGHT: Record<number, number> = { 8: 0.9, 9: 1.5, 10: 1.5, 11: 1.15, 12: 0.75, 13: 0.85, 14: 0.55 };
/** January and July (school year, new documents) busier; Ramadan, Lebaran and December quieter */
const MONTH_VOLUME = [1.04, 1.0, 0.93, 0.97, 1.0, 1.03, 1.1, 1.02, 1.0, 1.0, 0.98, 0.93];
const QUIET_DAY_CHANCE = 0.03;

/** Relative draw of each agency by code; an agency not listed draws 1. */
const AGENCY_WEIGHT: Record<string, number> = {
  dindukcapil: 30,
  samsat: 12,
  bpjskes: 9,
  dpmptsp: 8,
  polres: 7,
  imigrasi: 6,
  bpjstk: 4,
  bankjateng: 4,
  kpp: 3,
  bpn: 3,
  pln: 2.5,
  pdam: 2.5,
  kemenag: 2.5,
  dinperinnaker: 2,
  pablora: 2,
  dinsos: 2,
  bppkad: 2,
  dinkesda: 1.5,
  taspen: 1.5,
  pos: 1.5,
  dpupr: 1,
  pnblora: 1,
  dishub: 1,
  kejari: 0.7,
  dindagkop: 0.7,
  dp4: 0.7,
  disdik: 0.7,
  baznas: 0.6,
  dlh: 0.5,
};

const PRIORITIES: [PriorityClass, number][] = [
  ['lansia', 0.045],
  ['disabilitas', 0.01],
  ['ibu_hamil', 0.012],
  ['anak', 0.013],
];
/** each service's share of citizens who do not come when called (call, recall(s), no-show), drawn once */
const NO_SHOW = [0.02, 0.06] as const;
/** a citizen who gives up waiting and has the ticket cancelled (kept out of the counters' lines meanwhile) */
const IMPATIENT = 0.01;
const TRANSFER = 0.015;
/** a transfer goes to another service of the same agency this often, else to another agency */
const TRANSFER_SAME_AGENCY = 0.65;
/** the counter time a weekday's mean load may take of an agency's counters' hours */
const TARGET_UTILISATION = 0.7;
const DEFAULT_SERVICE_MINUTES = 10;
/** served time median against the standard, and its spread: each service's own lognormal sigma */
const SERVICE_MEDIAN_OF_STANDARD = 0.7;
const SERVICE_SIGMA = [0.3, 0.8] as const;
/** an ordinary case's lognormal is cut at this many sigmas above the median (no case takes all day) */
const SERVICE_Z_MAX = 2.5;
/**
 * each service's share of complicated cases (a missing document, a data correction), and their
 * served time against an ordinary case's mean
 */
const COMPLICATED = [0.03, 0.07] as const;
const COMPLICATED_FACTOR = [2, 4] as const;
const MIN_SERVICE_MS = 45_000;
/** seconds from a counter's call to the citizen at the desk, from it to starting, from one finish to the next call */
const CALL_S = [3, 20] as const;
const WALK_S = [15, 60] as const;
const NEXT_S = [3, 15] as const;
const OVERHEAD_MINUTES = (CALL_S[0] + CALL_S[1] + WALK_S[0] + WALK_S[1] + NEXT_S[0] + NEXT_S[1]) / 2 / 60;
/**
 * A counter's day. Minutes after opening of its first call; a late one's (its chance drawn per
 * counter around the mean); minutes before closing that an early leaver goes; a full weekday's
 * midday break, its start (minutes after local midnight) and length.
 */
const START_MINUTES = [0, 15] as const;
const LATE_START = 0.15;
const LATE_MINUTES = [15, 60] as const;
const EARLY_LEAVE = 0.1;
const EARLY_MINUTES = [30, 120] as const;
const MIDDAY_BREAK = 0.3;
const BREAK_AT = [11.5 * 60, 13 * 60] as const;
const BREAK_MINUTES = [15, 30] as const;
/** a break not begun this long after its time (a long case at the desk) is skipped */
const BREAK_LATEST_MINUTES = 45;
/** A counter's propensity to each of them: the mean chance times this, drawn per counter. */
const HABIT = [0.3, 1.7] as const;
/**
 * The first working day after a closed day (Monday): a spike of citizens who queued before the
 * doors opened, in the first minutes, and a busier first two hours.
 */
const RUSH_SPIKE = [0.1, 0.15] as const;
const RUSH_SPIKE_MINUTES = 10;
const RUSH_HOUR_WEIGHT = [1.6, 1.3] as const;

const mid = (range: readonly [number, number]) => (range[0] + range[1]) / 2;

// ---------------------------------------------------------------------------------------------
// randomness

/** The standard normal's distribution function (Abramowitz–Stegun 7.1.26, error < 1e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * The mean of an ordinary case against the median: a lognormal exp(sigma·Z) with Z cut at
 * SERVICE_Z_MAX, i.e. exp(sigma²/2)·Φ(k − sigma) + exp(sigma·k)·(1 − Φ(k)).
 */
function ordinaryMean(sigma: number): number {
  const k = SERVICE_Z_MAX;
  return Math.exp((sigma * sigma) / 2) * normalCdf(k - sigma) + Math.exp(sigma * k) * (1 - normalCdf(k));
}

function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

// ---------------------------------------------------------------------------------------------
// dates

function* datesBetween(from: string, to: string): Generator<{ date: string; weekday: number; month: number }> {
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += DAY) {
    const d = new Date(t);
    yield { date: d.toISOString().slice(0, 10), weekday: d.getUTCDay(), month: d.getUTCMonth() };
  }
}

/** The instant of a local midnight, from the zone's offset at that day's noon. */
function localMidnight(date: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const probe = utcMidnight + 12 * HOUR;
  const local = localTime(probe, timeZone);
  const offset = Date.parse(`${local.date}T00:00:00Z`) + local.minuteOfDay * MINUTE - probe;
  return utcMidnight - offset;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------------------------------------
// the mall as the simulation sees it

interface SimService {
  id: string;
  agency: SimAgency;
  prefix: string;
  quota: number | null;
  /** median served time, ms, after the agency's scaling, and the mean of an ordinary case */
  medianMs: number;
  meanMs: number;
  /** the spread of the served time (lognormal sigma) */
  sigma: number;
  /** share of complicated cases, COMPLICATED_FACTOR times longer */
  complicated: number;
  /** share of no-shows */
  noShow: number;
  free: boolean;
  servedBy: SimCounter[];
  /** today: its counters that have not left (late ones and those on a break included) */
  present: number;
  /** today: transferred tickets on their way to its line */
  incoming: number;
  waiting: Ticket[];
}

interface SimAgency {
  id: string;
  code: string;
  weight: number;
  services: SimService[];
  serviceCum: number[];
  /** the agency's first officer: who cancels a waiting ticket at the citizen's request */
  officerId: string | null;
  /** SKM: how this agency's citizens rate it, around 0 */
  quality: number;
}

interface SimCounter {
  id: string;
  officerId: string | null;
  services: SimService[];
  /** started its day and holds no ticket */
  idle: boolean;
  idleSince: number;
  /** newest first: whether each recent call was a priority ticket */
  recent: { priority: boolean }[];
  /** its habits, drawn once: the chance of a late start, an early leave, a midday break */
  lateChance: number;
  earlyChance: number;
  breakChance: number;
  /** today: from this instant it calls only the lines no other counter is left for, then goes */
  leaveAt: number;
  /** today: its break (ms), due once the break's time has come and taken at its next free moment before breakUntil */
  breakMs: number;
  breakDue: boolean;
  breakUntil: number;
  /** today: it has left */
  gone: boolean;
}

type Plan = 'done' | 'no_show' | 'impatient' | 'transfer';

interface Event {
  id: string;
  type: TicketEventType;
  from: TicketStatus | null;
  to: TicketStatus;
  serviceId: string;
  counterId: string | null;
  actorId: string | null;
  at: number;
  data: string | null;
}

interface Ticket extends Candidate {
  token: string;
  prefix: string;
  seq: number;
  service: SimService;
  date: string;
  hour: number;
  issuedAt: number;
  plan: Plan;
  status: TicketStatus;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  counterId: string | null;
  officerId: string | null;
  recallCount: number;
  transferredFrom: string | null;
  updatedAt: number;
  events: Event[];
}

const REASON_DATA: Record<PickReason, string> = {
  max_wait: JSON.stringify({ reason: 'max_wait' }),
  appointment: JSON.stringify({ reason: 'appointment' }),
  priority: JSON.stringify({ reason: 'priority' }),
  regular: JSON.stringify({ reason: 'regular' }),
};

// ---------------------------------------------------------------------------------------------
// the rows and how they are written

type PgType = 'text' | 'integer' | 'bigint';
interface TableSpec {
  name: 'tickets' | 'ticket_events' | 'visits' | 'skm_responses';
  columns: [string, PgType][];
}

const cols = (text: string): [string, PgType][] =>
  text
    .trim()
    .split(/\s+/)
    .map((c) => {
      const [name, type] = c.split(':') as [string, string | undefined];
      return [name, (type === 'i' ? 'integer' : type === 'b' ? 'bigint' : 'text') as PgType];
    });

const TICKETS: TableSpec = {
  name: 'tickets',
  columns: cols(`id mall_id service_id token prefix seq:i number priority status service_date service_hour:i
    issued_at:b arrival_at:b appointment_at:b called_at:b started_at:b finished_at:b counter_id officer_id
    recall_count:i transferred_from_service_id updated_at:b`),
};
const EVENTS: TableSpec = {
  name: 'ticket_events',
  columns: cols('id mall_id ticket_id type from_status to_status service_id counter_id actor_id at:b data'),
};
const VISITS: TableSpec = {
  name: 'visits',
  columns: cols(`id mall_id ticket_id agency_id service_id service_date hour:i priority transferred_in:i
    entered_at:b called_at:b started_at:b finished_at:b ended_at:b counter_id officer_id recalls:i outcome`),
};
const RESPONSES: TableSpec = {
  name: 'skm_responses',
  columns: cols(`id mall_id ticket_id service_id agency_id counter_id officer_id service_date source
    ${SKM_ELEMENT_KEYS.map((k) => `${k}:i`).join(' ')} sex age:i education occupation suggestion entered_by created_at:b`),
};

type Row = unknown[];
interface Batch {
  tickets: Row[];
  events: Row[];
  visits: Row[];
  responses: Row[];
}
const emptyBatch = (): Batch => ({ tickets: [], events: [], visits: [], responses: [] });

const byId = (a: Row, b: Row) => ((a[0] as string) < (b[0] as string) ? -1 : 1);

/** SQLite allows 32,766 bound parameters a statement (500 rows × 25 columns); more rows are no faster. */
const SQLITE_ROWS_PER_STATEMENT = 500;
const PG_ROWS_PER_STATEMENT = 10_000;
/**
 * Tickets (with their events, visits and questionnaires) per transaction. SQLite: ~5,000 keep the
 * write lock under a second, so another process on the same file (npm start's second process)
 * waits well within its busy timeout; PostgreSQL's readers and writers do not wait on it.
 */
const TICKETS_PER_TRANSACTION = { sqlite: 5_000, postgres: 20_000 } as const;

class Writer {
  private readonly statements = new Map<string, string>();
  constructor(
    private readonly engine: 'sqlite' | 'postgres',
    /** PostgreSQL: skip the foreign key triggers in the load's transactions (a superuser only) */
    private readonly skipTriggers: boolean,
  ) {}

  async write(db: Kysely<DB>, batch: Batch): Promise<void> {
    await db.transaction().execute(async (tx) => {
      if (this.skipTriggers) await sql`set local session_replication_role = replica`.execute(tx);
      // parents first: events, visits and questionnaires reference their ticket
      await this.insert(tx, TICKETS, batch.tickets.sort(byId));
      await this.insert(tx, EVENTS, batch.events.sort(byId));
      await this.insert(tx, VISITS, batch.visits.sort(byId));
      await this.insert(tx, RESPONSES, batch.responses.sort(byId));
    });
  }

  private async insert(db: Kysely<DB>, table: TableSpec, rows: Row[]): Promise<void> {
    const per = this.engine === 'sqlite' ? SQLITE_ROWS_PER_STATEMENT : PG_ROWS_PER_STATEMENT;
    for (let start = 0; start < rows.length; start += per) {
      const chunk = rows.slice(start, start + per);
      await db.executeQuery(CompiledQuery.raw(this.statement(table, chunk.length), this.parameters(table, chunk)));
    }
  }

  private statement(table: TableSpec, rows: number): string {
    const key = `${table.name}/${this.engine === 'sqlite' ? rows : 0}`;
    let text = this.statements.get(key);
    if (!text) {
      const names = table.columns.map(([name]) => `"${name}"`).join(', ');
      if (this.engine === 'sqlite') {
        const one = `(${table.columns.map(() => '?').join(', ')})`;
        text = `insert into "${table.name}" (${names}) values ${Array.from({ length: rows }, () => one).join(', ')}`;
      } else {
        // one array parameter per column: a statement of any length parses the same
        const arrays = table.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
        text = `insert into "${table.name}" (${names}) select * from unnest(${arrays})`;
      }
      this.statements.set(key, text);
    }
    return text;
  }

  private parameters(table: TableSpec, rows: Row[]): unknown[] {
    if (this.engine === 'sqlite') {
      const flat: unknown[] = [];
      for (const row of rows) for (const value of row) flat.push(value);
      return flat;
    }
    return table.columns.map((_, i) => rows.map((r) => r[i]));
  }
}

// ---------------------------------------------------------------------------------------------
// SKM answers and respondents

const ELEMENT_BIAS: Record<SkmElement, number> = {
  persyaratan: 0,
  prosedur: 0,
  waktu: -0.15,
  biaya: 0,
  produk: 0.05,
  kompetensi: 0.05,
  perilaku: 0.1,
  pengaduan: -0.1,
  sarana: -0.05,
};
const EDUCATION_CUM = cumulative([0.1, 0.15, 0.42, 0.09, 0.2, 0.035, 0.005]);
const OCCUPATION_CUM = cumulative([0.1, 0.02, 0.02, 0.3, 0.25, 0.03, 0.28]);
const PRAISE = [
  'Pelayanan cepat dan petugas ramah, terima kasih.',
  'Sudah bagus, pertahankan.',
  'Petugas sangat membantu menjelaskan persyaratan.',
  'Mantap, tidak perlu bolak-balik ke kantor dinas.',
  'Ruang tunggu nyaman dan bersih.',
  'Semoga pelayanan seperti ini terus dipertahankan.',
];
const COMPLAINTS = [
  'Antrean terlalu lama pada pagi hari, mohon tambah petugas.',
  'Mohon tambah loket pada hari Senin.',
  'Informasi persyaratan di papan kurang jelas.',
  'Ruang tunggu panas, AC kurang dingin.',
  'Kursi tunggu kurang, banyak yang berdiri.',
  'Sistem sempat gangguan sehingga menunggu lama.',
  'Parkir sempit dan kurang teratur.',
  'Nomor antrean yang dipanggil kurang terdengar.',
];

function answer(x: number): SkmAnswer {
  return Math.min(4, Math.max(1, Math.round(x))) as SkmAnswer;
}

// ---------------------------------------------------------------------------------------------

export async function seedHistory(db: Kysely<DB>, options: HistoryOptions): Promise<HistoryResult> {
  const { from, mallSlug } = options;
  let to = options.to;
  if (!LOCAL_DATE.test(from) || !LOCAL_DATE.test(to)) throw new Error('seedHistory: from and to must be YYYY-MM-DD');
  if (!(options.ticketsPerDay >= 0)) throw new Error('seedHistory: ticketsPerDay must be a number ≥ 0');
  const skmShare = options.skmShare ?? 0.3;
  if (!(skmShare >= 0 && skmShare <= 1)) throw new Error('seedHistory: skmShare must be from 0 to 1');
  const seed = options.seed ?? 1;
  const result: HistoryResult = { tickets: 0, events: 0, visits: 0, responses: 0, days: 0 };

  const mall = await db
    .selectFrom('malls')
    .select(['id', 'time_zone', 'settings'])
    .where('slug', '=', mallSlug)
    .executeTakeFirst();
  if (!mall) throw new Error(`seedHistory: no mall "${mallSlug}"`);
  const mallId = mall.id;
  const timeZone = mall.time_zone;
  if (options.now !== undefined) {
    const today = localTime(options.now, timeZone).date;
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
    if (yesterday < to) to = yesterday;
  }
  if (to < from) return result;

  const settings = withDefaults(JSON.parse(mall.settings) as Partial<QueueSettings>);
  const policy: PickPolicy = pickPolicy(settings);
  const recalls = Math.max(1, settings.recallsBeforeNoShow);
  const engine = db.selectFrom('malls').select('id').where('id', '=', '').compile().sql.includes('$1')
    ? 'postgres'
    : 'sqlite';

  // --- the mall
  const [agencyRows, serviceRows, counterRows, links, officers, sequences, dayCounts] = await Promise.all([
    db.selectFrom('agencies').select(['id', 'code']).where('mall_id', '=', mallId).orderBy('sort_order').execute(),
    db
      .selectFrom('services')
      .select(['id', 'agency_id', 'prefix', 'daily_quota', 'standard'])
      .where('mall_id', '=', mallId)
      .where('active', '=', 1)
      .orderBy('sort_order')
      .execute(),
    db
      .selectFrom('counters')
      .select(['id', 'agency_id'])
      .where('mall_id', '=', mallId)
      .where('active', '=', 1)
      .orderBy('number')
      .execute(),
    db.selectFrom('counter_services').select(['counter_id', 'service_id']).where('mall_id', '=', mallId).execute(),
    db
      .selectFrom('users')
      .select(['id', 'agency_id'])
      .where('mall_id', '=', mallId)
      .where('role', '=', 'officer')
      .where('active', '=', 1)
      .orderBy('username')
      .execute(),
    db
      .selectFrom('ticket_sequences')
      .select(['prefix', 'service_date', 'value'])
      .where('mall_id', '=', mallId)
      .where('service_date', '>=', from)
      .where('service_date', '<=', to)
      .execute(),
    db
      .selectFrom('service_day_counts')
      .select(['service_id', 'service_date', 'issued'])
      .where('mall_id', '=', mallId)
      .where('service_date', '>=', from)
      .where('service_date', '<=', to)
      .execute(),
  ]);

  const setup = new Random(seed ^ 0x5eed);
  const agencies = new Map<string, SimAgency>();
  for (const a of agencyRows) {
    agencies.set(a.id, {
      id: a.id,
      code: a.code,
      weight: AGENCY_WEIGHT[a.code] ?? 1,
      services: [],
      serviceCum: [],
      officerId: officers.find((o) => o.agency_id === a.id)?.id ?? null,
      quality: 0.2 * setup.normal(),
    });
  }
  const services = new Map<string, SimService>();
  for (const s of serviceRows) {
    const agency = agencies.get(s.agency_id);
    if (!agency) continue;
    const standard = JSON.parse(s.standard) as { durationMinutes?: number | null; feeRupiah?: number | null };
    const minutes = standard.durationMinutes ?? DEFAULT_SERVICE_MINUTES;
    services.set(s.id, {
      id: s.id,
      agency,
      prefix: s.prefix,
      quota: s.daily_quota === null ? null : Number(s.daily_quota),
      medianMs: minutes * SERVICE_MEDIAN_OF_STANDARD * MINUTE,
      meanMs: 0,
      sigma: setup.between(SERVICE_SIGMA[0], SERVICE_SIGMA[1]),
      complicated: setup.between(COMPLICATED[0], COMPLICATED[1]),
      noShow: setup.between(NO_SHOW[0], NO_SHOW[1]),
      free: standard.feeRupiah === 0,
      servedBy: [],
      present: 0,
      incoming: 0,
      waiting: [],
    });
  }
  const counters: SimCounter[] = [];
  const byCounter = new Map<string, SimCounter>();
  const agencyOfficers = (agencyId: string) => officers.filter((o) => o.agency_id === agencyId).map((o) => o.id);
  const perAgency = new Map<string, number>();
  for (const c of counterRows) {
    // each counter has an officer of its agency; several officers take the counters in turn
    const staff = agencyOfficers(c.agency_id);
    const n = perAgency.get(c.agency_id) ?? 0;
    perAgency.set(c.agency_id, n + 1);
    const counter: SimCounter = {
      id: c.id,
      officerId: staff.length > 0 ? (staff[n % staff.length] as string) : null,
      services: [],
      idle: false,
      idleSince: 0,
      recent: [],
      lateChance: LATE_START * setup.between(HABIT[0], HABIT[1]),
      earlyChance: EARLY_LEAVE * setup.between(HABIT[0], HABIT[1]),
      breakChance: MIDDAY_BREAK * setup.between(HABIT[0], HABIT[1]),
      leaveAt: Number.POSITIVE_INFINITY,
      breakMs: 0,
      breakDue: false,
      breakUntil: 0,
      gone: false,
    };
    byCounter.set(c.id, counter);
  }
  for (const link of links) {
    const counter = byCounter.get(link.counter_id);
    const service = services.get(link.service_id);
    if (!counter || !service) continue;
    counter.services.push(service);
    service.servedBy.push(counter);
  }
  for (const c of byCounter.values()) if (c.services.length > 0) counters.push(c);

  // Services a citizen can be served at; each agency draws its first services the most.
  for (const s of services.values()) if (s.servedBy.length > 0) s.agency.services.push(s);
  const eligible = [...agencies.values()].filter((a) => a.services.length > 0 && a.weight > 0);
  if (eligible.length === 0) throw new Error(`seedHistory: mall "${mallSlug}" has no service with a counter`);
  const serviceWeights = new Map<SimService, number>();
  for (const a of eligible) {
    const weights = a.services.map((_, i) => setup.between(0.6, 1.4) / (i + 1) ** 0.9);
    for (const [i, s] of a.services.entries()) serviceWeights.set(s, weights[i] as number);
    a.serviceCum = cumulative(weights);
  }
  const agencyCum = cumulative(eligible.map((a) => a.weight));
  // a transfer needs somewhere to go
  const canTransfer = eligible.length > 1 || (eligible[0] as SimAgency).services.length > 1;
  const totalWeight = agencyCum[agencyCum.length - 1] as number;

  // --- each day's volume, drawn first so that a total can be met exactly
  const volumeRandom = new Random(seed ^ 0x0f0100e);
  const days: { date: string; shape: DayShape; rush: boolean; expected: number; tickets: number }[] = [];
  for (const { date, weekday, month } of datesBetween(from, to)) {
    const shape = WEEK[weekday];
    if (!shape) continue;
    // the first working day after a closed day (the week's Monday) opens with a rush
    const rush = WEEK[(weekday + 6) % 7] === null;
    const quiet = volumeRandom.next() < QUIET_DAY_CHANCE ? volumeRandom.between(0.3, 0.6) : 1;
    const noise = Math.max(0.5, 1 + 0.06 * volumeRandom.normal());
    const expected = options.ticketsPerDay * shape.volume * (MONTH_VOLUME[month] as number) * quiet * noise;
    days.push({ date, shape, rush, expected, tickets: 0 });
  }
  const expectedTotal = days.reduce((sum, d) => sum + d.expected, 0);
  const scale = options.totalTickets !== undefined && expectedTotal > 0 ? options.totalTickets / expectedTotal : 1;
  if (options.totalTickets !== undefined && expectedTotal === 0 && options.totalTickets > 0) {
    throw new Error('seedHistory: totalTickets needs ticketsPerDay > 0 and at least one open day');
  }
  // largest remainder, so the days add up to the total
  const scaled = days.map((d) => d.expected * scale);
  for (const [i, d] of days.entries()) d.tickets = Math.floor(scaled[i] as number);
  if (options.totalTickets !== undefined) {
    let short = options.totalTickets - days.reduce((sum, d) => sum + d.tickets, 0);
    const order = days.map((_, i) => i).sort((a, b) => ((scaled[b] as number) % 1) - ((scaled[a] as number) % 1));
    for (const i of order) {
      if (short <= 0) break;
      (days[i] as { tickets: number }).tickets++;
      short--;
    }
  } else {
    for (const [i, d] of days.entries()) d.tickets = Math.round(scaled[i] as number);
  }

  // --- counters too few for their agency's share: shorter service, ~70% busy on a mean weekday
  const weekdayMean = options.ticketsPerDay * scale;
  const weekdayMinutes = 7 * 60;
  const meanComplicated = mid(COMPLICATED_FACTOR);
  /** the minutes a counter is at its desk on a full weekday: less its start, a late start, an early leave, a break */
  const presentMinutes = (c: SimCounter) =>
    weekdayMinutes -
    mid(START_MINUTES) -
    c.lateChance * (mid(LATE_MINUTES) - mid(START_MINUTES)) -
    c.earlyChance * mid(EARLY_MINUTES) -
    c.breakChance * mid(BREAK_MINUTES);
  for (const s of services.values()) s.meanMs = s.medianMs * ordinaryMean(s.sigma);
  for (const a of eligible) {
    const arrivals = (weekdayMean * a.weight) / totalWeight;
    const total = a.serviceCum[a.serviceCum.length - 1] as number;
    // an ordinary case's mean, and a complicated case meanComplicated times that
    const meanMinutes = a.services.reduce(
      (sum, s) =>
        sum +
        ((serviceWeights.get(s) as number) / total) * (s.meanMs / MINUTE) * (1 + s.complicated * (meanComplicated - 1)),
      0,
    );
    const countersOf = new Set(a.services.flatMap((s) => s.servedBy));
    const minutes = [...countersOf].reduce((sum, c) => sum + presentMinutes(c), 0);
    // the minutes a counter may give each citizen, less the calling and walking around the service
    const perCitizen = (minutes * TARGET_UTILISATION) / arrivals - OVERHEAD_MINUTES;
    if (meanMinutes > perCitizen) {
      const factor = Math.max(perCitizen, 1) / meanMinutes;
      for (const s of a.services) {
        s.medianMs *= factor;
        s.meanMs *= factor;
      }
    }
  }

  // --- the days
  const seqs = new Map(sequences.map((s) => [`${s.prefix}\u0000${s.service_date}`, Number(s.value)]));
  const counts = new Map(dayCounts.map((c) => [`${c.service_id}\u0000${c.service_date}`, Number(c.issued)]));
  const touchedSeqs = new Set<string>();
  const touchedCounts = new Set<string>();
  const sim = new Random(seed);
  // The foreign key checks are most of a bulk load's time (PostgreSQL runs a trigger per key per
  // row), and every id written here was read from this database: they are skipped where allowed.
  const skipTriggers =
    engine === 'postgres' &&
    (await sql<{ su: string }>`select current_setting('is_superuser') as su`.execute(db)).rows[0]?.su === 'on';
  const writer = new Writer(engine, skipTriggers);
  let batch = emptyBatch();
  let inFlight: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const flush = async () => {
    const full = batch;
    batch = emptyBatch();
    await inFlight;
    if (failure) throw failure;
    inFlight = writer.write(db, full).catch((e: unknown) => {
      failure = e;
    });
  };

  // SQLite, for the bulk load only: a page cache that holds the indexes being filled (the default
  // 2 MB makes every index insert a read once the tables grow), and no foreign key lookups, a
  // sixth of the time (every id written was read from this database above). Both are restored.
  const before =
    engine === 'sqlite'
      ? {
          cache: Number((await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0]?.cache_size),
          foreignKeys: Number(
            (await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0]?.foreign_keys,
          ),
        }
      : null;
  if (before) {
    await sql`pragma cache_size = -262144`.execute(db);
    await sql`pragma foreign_keys = OFF`.execute(db);
  }
  try {
    for (const day of days) {
      if (day.tickets === 0) continue;
      const midnight = localMidnight(day.date, timeZone);
      const localDateHour = (at: number) =>
        at >= midnight && at < midnight + DAY
          ? { date: day.date, hour: Math.floor((at - midnight) / HOUR) }
          : (({ date, hour }) => ({ date, hour }))(localTime(at, timeZone));
      const tickets = simulateDay(day.date, day.shape, day.rush, day.tickets, midnight, localDateHour);
      if (tickets.length > 0) result.days++;
      for (const t of tickets) rowsOf(t, localDateHour);
      if (batch.tickets.length >= TICKETS_PER_TRANSACTION[engine]) await flush();
      // let a PostgreSQL write in flight make progress between days
      if (engine === 'postgres') await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (batch.tickets.length > 0) await flush();
    await inFlight;
    if (failure) throw failure;
  } finally {
    await inFlight;
    if (before) {
      await sql.raw(`pragma cache_size = ${Number.isFinite(before.cache) ? before.cache : -2000}`).execute(db);
      await sql.raw(`pragma foreign_keys = ${before.foreignKeys === 1 ? 'ON' : 'OFF'}`).execute(db);
    }
  }

  // --- numbering and quota counts as the queue keeps them
  const seqRows = [...touchedSeqs].map((key) => {
    const [prefix, date] = key.split('\u0000') as [string, string];
    return { mall_id: mallId, prefix, service_date: date, value: seqs.get(key) as number };
  });
  const countRows = [...touchedCounts].map((key) => {
    const [serviceId, date] = key.split('\u0000') as [string, string];
    return { mall_id: mallId, service_id: serviceId, service_date: date, issued: counts.get(key) as number };
  });
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < seqRows.length; i += 1000) {
      await tx
        .insertInto('ticket_sequences')
        .values(seqRows.slice(i, i + 1000))
        .onConflict((oc) =>
          oc.columns(['mall_id', 'prefix', 'service_date']).doUpdateSet({ value: sql`excluded.value` }),
        )
        .execute();
    }
    for (let i = 0; i < countRows.length; i += 1000) {
      await tx
        .insertInto('service_day_counts')
        .values(countRows.slice(i, i + 1000))
        .onConflict((oc) => oc.columns(['service_id', 'service_date']).doUpdateSet({ issued: sql`excluded.issued` }))
        .execute();
    }
  });
  // Days written behind the queue's back: tallies stored for them before are not theirs.
  await new RollupStore(db).forget(mallId, from, to);
  return result;

  // -------------------------------------------------------------------------------------------

  /** One day of the whole mall, event by event; every ticket ends in a final state. */
  function simulateDay(
    date: string,
    shape: DayShape,
    rush: boolean,
    volume: number,
    midnight: number,
    localDateHour: (at: number) => { date: string; hour: number },
  ): Ticket[] {
    const r = sim;
    const openMinute = (shape.spans[0] as [number, number])[0];
    const closeMinute = (shape.spans[shape.spans.length - 1] as [number, number])[1];
    // arrivals: an hour by the day's weights, a moment within it; a rush day's first two hours
    // busier, and a share of its citizens at the doors when they open
    const hours: number[] = [];
    const hourWeights: number[] = [];
    for (const [open, close] of shape.spans) {
      for (let m = open; m < close; m += 60) {
        hours.push(m);
        const rushWeight = rush ? (RUSH_HOUR_WEIGHT[Math.floor((m - openMinute) / 60)] ?? 1) : 1;
        hourWeights.push((HOUR_WEIGHT[Math.floor(m / 60)] ?? 0.5) * rushWeight * (Math.min(close, m + 60) - m));
      }
    }
    const hourCum = cumulative(hourWeights);
    const arrivals: number[] = [];
    const spike = rush ? Math.round(volume * r.between(RUSH_SPIKE[0], RUSH_SPIKE[1])) : 0;
    for (let i = 0; i < spike; i++) {
      // most of the queue at the door takes its tickets in the first minutes
      const u = r.next();
      arrivals.push(Math.round(midnight + (openMinute + RUSH_SPIKE_MINUTES * u * u) * MINUTE));
    }
    for (let i = spike; i < volume; i++) {
      const h = hours[r.weighted(hourCum)] as number;
      const end = shape.spans.find(([o, c]) => h >= o && h < c)?.[1] ?? h + 60;
      arrivals.push(Math.round(midnight + (h + r.next() * (Math.min(end, h + 60) - h)) * MINUTE));
    }
    arrivals.sort((a, b) => a - b);

    const heap = new EventHeap();
    for (const at of arrivals) heap.push(at, { kind: 'arrive' });
    const open = midnight + openMinute * MINUTE;
    const close = midnight + closeMinute * MINUTE;
    // a midday break only on a day open through midday (not Friday's two spans, not Saturday)
    const breaks = shape.spans.length === 1 && openMinute < BREAK_AT[0] && closeMinute > BREAK_AT[1] + 60;
    for (const s of services.values()) {
      s.present = s.servedBy.length;
      s.incoming = 0;
    }
    for (const c of counters) {
      c.idle = false;
      c.recent = [];
      c.gone = false;
      c.breakDue = false;
      c.breakMs = 0;
      c.breakUntil = 0;
      c.leaveAt = Number.POSITIVE_INFINITY;
      const late = r.next() < c.lateChance;
      const start = Math.round(
        open +
          (late ? r.between(LATE_MINUTES[0], LATE_MINUTES[1]) : r.between(START_MINUTES[0], START_MINUTES[1])) * MINUTE,
      );
      heap.push(start, { kind: 'free', counter: c });
      if (r.next() < c.earlyChance) {
        const leaveAt = Math.round(close - r.between(EARLY_MINUTES[0], EARLY_MINUTES[1]) * MINUTE);
        // a short day's early leaver still works an hour
        if (leaveAt >= start + HOUR) {
          c.leaveAt = leaveAt;
          heap.push(leaveAt, { kind: 'depart', counter: c });
        }
      }
      if (breaks && r.next() < c.breakChance) {
        c.breakMs = Math.round(r.between(BREAK_MINUTES[0], BREAK_MINUTES[1]) * MINUTE);
        const at = Math.round(midnight + r.between(BREAK_AT[0], BREAK_AT[1]) * MINUTE);
        c.breakUntil = at + BREAK_LATEST_MINUTES * MINUTE;
        heap.push(at, { kind: 'break', counter: c });
      }
    }
    const tokens = randomBytes(16 * volume);
    const made: Ticket[] = [];

    const event = (
      t: Ticket,
      type: TicketEventType,
      at: number,
      to: TicketStatus,
      counterId: string | null,
      actorId: string | null,
      data: string | null = null,
    ) => {
      t.events.push({
        id: idAt(at, r),
        type,
        from: t.status,
        to,
        serviceId: t.service.id,
        counterId,
        actorId,
        at,
        data,
      });
      t.status = to;
      t.updatedAt = at;
    };

    const dispatch = (c: SimCounter, now: number) => {
      const candidates: Ticket[] = [];
      if (now >= c.leaveAt) {
        // leaving: it serves only the lines no other counter is left for (and the tickets on their
        // way to them), then goes; such a service then issues no more tickets today
        let expected = false;
        for (const s of c.services) {
          if (s.present > 1) continue;
          for (const t of s.waiting) candidates.push(t);
          if (s.incoming > 0) expected = true;
        }
        if (candidates.length === 0 && !expected) {
          c.idle = false;
          c.gone = true;
          for (const s of c.services) s.present--;
          // a line it leaves behind is another counter's, which may be idle
          for (const s of c.services) if (s.waiting.length > 0) wake(s, now);
          return;
        }
      } else if (c.breakDue && now < c.breakUntil) {
        c.breakDue = false;
        c.idle = false;
        heap.push(now + c.breakMs, { kind: 'free', counter: c });
        return;
      } else {
        c.breakDue = false;
        for (const s of c.services) for (const t of s.waiting) candidates.push(t);
      }
      const pick = pickNext(candidates, c.recent, policy, now);
      if (!pick) {
        c.idle = true;
        c.idleSince = now;
        return;
      }
      c.idle = false;
      const t = pick.ticket as Ticket;
      const line = t.service.waiting;
      line.splice(line.indexOf(t), 1);
      c.recent.unshift({ priority: t.priority !== null });
      if (c.recent.length > policy.priorityPerRegular + 1) c.recent.pop();

      let at = Math.round(now + r.between(CALL_S[0], CALL_S[1]) * 1000);
      event(t, 'call', at, 'called', c.id, c.officerId, REASON_DATA[pick.reason]);
      t.calledAt = at;
      t.counterId = c.id;
      t.officerId = c.officerId;
      t.recallCount = 0;
      if (t.plan === 'no_show') {
        for (let i = 0; i < recalls; i++) {
          at += Math.round(r.between(40, 100) * 1000);
          event(t, 'recall', at, 'called', c.id, c.officerId);
          t.recallCount++;
        }
        at += Math.round(r.between(45, 120) * 1000);
        event(t, 'no_show', at, 'no_show', c.id, c.officerId);
      } else {
        at += Math.round(r.between(WALK_S[0], WALK_S[1]) * 1000);
        event(t, 'start', at, 'serving', c.id, c.officerId);
        t.startedAt = at;
        const s = t.service;
        const served =
          r.next() < s.complicated
            ? s.meanMs * r.between(COMPLICATED_FACTOR[0], COMPLICATED_FACTOR[1])
            : Math.max(MIN_SERVICE_MS, s.medianMs * Math.exp(s.sigma * Math.min(SERVICE_Z_MAX, r.normal())));
        const target = t.plan === 'transfer' ? transferTarget(s) : null;
        if (target) {
          at += Math.round(served * r.between(0.2, 0.6));
          target.incoming++;
          const data = JSON.stringify({ fromServiceId: t.service.id, fromCounterId: c.id });
          t.transferredFrom = t.service.id;
          t.service = target;
          event(t, 'transfer', at, 'waiting', c.id, c.officerId, data);
          t.counterId = null;
          t.officerId = null;
          t.calledAt = null;
          t.startedAt = null;
          t.recallCount = 0;
          t.plan = 'done';
          heap.push(at, { kind: 'join', ticket: t });
        } else {
          at += Math.round(served);
          event(t, 'finish', at, 'done', c.id, c.officerId);
          t.finishedAt = at;
        }
      }
      heap.push(at + Math.round(r.between(NEXT_S[0], NEXT_S[1]) * 1000), { kind: 'free', counter: c });
    };

    /** a line has a ticket: its idle counter that has waited longest calls (a leaving one only if it is the last) */
    function wake(s: SimService, now: number): void {
      let best: SimCounter | null = null;
      for (const c of s.servedBy) {
        if (c.idle && (best === null || c.idleSince < best.idleSince) && (now < c.leaveAt || s.present === 1)) best = c;
      }
      if (best) dispatch(best, now);
    }

    /** a citizen joins a line */
    const join = (t: Ticket, now: number) => {
      t.service.waiting.push(t);
      wake(t.service, now);
    };

    for (let item = heap.pop(); item; item = heap.pop()) {
      const [now, what] = item;
      if (what.kind === 'free') {
        dispatch(what.counter, now);
      } else if (what.kind === 'join') {
        what.ticket.service.incoming--;
        join(what.ticket, now);
      } else if (what.kind === 'depart') {
        // an idle counter goes now (or serves the last of the lines only it serves); a busy one when free
        if (what.counter.idle) dispatch(what.counter, now);
      } else if (what.kind === 'break') {
        const c = what.counter;
        if (c.gone || now >= c.leaveAt) continue;
        c.breakDue = true;
        if (c.idle) dispatch(c, now);
      } else if (what.kind === 'leave') {
        const t = what.ticket;
        event(t, 'cancel', now, 'cancelled', null, t.service.agency.officerId);
      } else {
        const service = drawService(date);
        if (!service) continue;
        const seqKey = `${service.prefix}\u0000${date}`;
        const seq = (seqs.get(seqKey) ?? 0) + 1;
        seqs.set(seqKey, seq);
        touchedSeqs.add(seqKey);
        const x = r.next();
        let priority: PriorityClass | null = null;
        let sum = 0;
        for (const [p, share] of PRIORITIES) {
          sum += share;
          if (x < sum) {
            priority = p;
            break;
          }
        }
        const y = r.next();
        const noShow = service.noShow;
        const plan: Plan =
          y < noShow
            ? 'no_show'
            : y < noShow + IMPATIENT
              ? 'impatient'
              : y < noShow + IMPATIENT + TRANSFER && canTransfer
                ? 'transfer'
                : 'done';
        const t: Ticket = {
          id: idAt(now, r),
          arrivalAt: now,
          priority,
          appointmentAt: null,
          token: tokens.subarray(16 * made.length, 16 * made.length + 16).toString('base64url'),
          prefix: service.prefix,
          seq,
          service,
          date,
          hour: localDateHour(now).hour,
          issuedAt: now,
          plan,
          status: 'waiting',
          calledAt: null,
          startedAt: null,
          finishedAt: null,
          counterId: null,
          officerId: null,
          recallCount: 0,
          transferredFrom: null,
          updatedAt: now,
          events: [],
        };
        t.events.push({
          id: idAt(now, r),
          type: 'issue',
          from: null,
          to: 'waiting',
          serviceId: service.id,
          counterId: null,
          actorId: null,
          at: now,
          data: null,
        });
        made.push(t);
        if (plan === 'impatient') heap.push(Math.round(now + r.between(2, 20) * MINUTE), { kind: 'leave', ticket: t });
        else join(t, now);
      }
    }
    // every line has had a counter to the end of the day (a leaving one serves what only it can)
    for (const s of services.values()) {
      if (s.waiting.length > 0) throw new Error(`seedHistory: ${date}: tickets left waiting for service ${s.id}`);
    }
    return made;
  }

  /**
   * A service for the next citizen, under its quota for the day and with a counter left; null when
   * all draws were full or closed.
   */
  function drawService(date: string): SimService | null {
    for (let attempt = 0; attempt < 20; attempt++) {
      const agency = eligible[sim.weighted(agencyCum)] as SimAgency;
      const service = agency.services[sim.weighted(agency.serviceCum)] as SimService;
      if (service.present === 0) continue;
      if (service.quota === null) return service;
      const key = `${service.id}\u0000${date}`;
      const issued = counts.get(key) ?? 0;
      if (issued >= service.quota) continue;
      counts.set(key, issued + 1);
      touchedCounts.add(key);
      return service;
    }
    return null;
  }

  /**
   * Another service with a counter left: of the same agency mostly, else of another agency (only
   * when there is another); null when the draws found none open, and the ticket is served where it is.
   */
  function transferTarget(from: SimService): SimService | null {
    const own = from.agency;
    const sameAgency = own.services.length > 1 && (eligible.length === 1 || sim.next() < TRANSFER_SAME_AGENCY);
    for (let attempt = 0; attempt < 100; attempt++) {
      const agency = sameAgency ? own : (eligible[sim.weighted(agencyCum)] as SimAgency);
      if (!sameAgency && agency === own) continue;
      const s = agency.services[sim.weighted(agency.serviceCum)] as SimService;
      if (s !== from && s.present > 0) return s;
    }
    return null;
  }

  function rowsOf(t: Ticket, localDateHour: (at: number) => { date: string; hour: number }): void {
    batch.tickets.push([
      t.id,
      mallId,
      t.service.id,
      t.token,
      t.prefix,
      t.seq,
      formatTicketNumber(t.prefix, t.seq),
      t.priority,
      t.status,
      t.date,
      t.hour,
      t.issuedAt,
      t.arrivalAt,
      null,
      t.calledAt,
      t.startedAt,
      t.finishedAt,
      t.counterId,
      t.officerId,
      t.recallCount,
      t.transferredFrom,
      t.updatedAt,
    ]);
    for (const e of t.events) {
      batch.events.push([e.id, mallId, t.id, e.type, e.from, e.to, e.serviceId, e.counterId, e.actorId, e.at, e.data]);
    }
    const visits = foldVisits(t.events as VisitEvent[], { ticketId: t.id, priority: t.priority, localDateHour });
    for (const v of visits) {
      batch.visits.push([
        v.id,
        mallId,
        t.id,
        (services.get(v.serviceId) as SimService).agency.id,
        v.serviceId,
        v.date,
        v.hour,
        v.priority,
        v.transferredIn ? 1 : 0,
        v.enteredAt,
        v.calledAt,
        v.startedAt,
        v.finishedAt,
        v.endedAt,
        v.counterId,
        v.officerId,
        v.recalls,
        v.outcome,
      ]);
    }
    result.tickets++;
    result.events += t.events.length;
    result.visits += visits.length;
    if (t.status === 'done' && sim.next() < skmShare) {
      batch.responses.push(response(t, visits[visits.length - 1]?.calledAt ?? t.issuedAt));
      result.responses++;
    }
  }

  /** A citizen's questionnaire: mostly 3–4, some 2, rarely 1; a long wait shows in "waktu". */
  function response(t: Ticket, calledAt: number): Row {
    const r = sim;
    const waitMinutes = (calledAt - t.arrivalAt) / MINUTE;
    const waitEffect = waitMinutes > 30 ? -0.3 : waitMinutes > 15 ? -0.1 : 0.05;
    const mood = 0.3 * r.normal() + t.service.agency.quality;
    const answers = SKM_ELEMENT_KEYS.map((key) => {
      if (r.next() < 0.004) return 1;
      if (key === 'biaya' && t.service.free) return r.next() < 0.92 ? 4 : 3;
      const x = 3.32 + mood + ELEMENT_BIAS[key] + (key === 'waktu' ? 2 * waitEffect : waitEffect) + 0.42 * r.normal();
      return answer(x);
    });
    const mean = answers.reduce((a, b) => a + b, 0) / answers.length;
    const lansia = t.priority === 'lansia';
    const age = lansia ? Math.round(r.between(60, 84)) : Math.min(75, Math.max(17, Math.round(38 + 12 * r.normal())));
    const sex = t.priority === 'ibu_hamil' ? 'P' : r.next() < 0.52 ? 'L' : 'P';
    const education = EDUCATIONS[r.weighted(EDUCATION_CUM)] as Education;
    const occupation: Occupation =
      age < 24 && r.next() < 0.55
        ? 'PELAJAR_MAHASISWA'
        : lansia && r.next() < 0.7
          ? 'LAINNYA'
          : (OCCUPATIONS[r.weighted(OCCUPATION_CUM)] as Occupation);
    const suggestion = r.next() < 0.1 ? r.pick(mean < 3 ? COMPLAINTS : r.next() < 0.5 ? PRAISE : COMPLAINTS) : null;
    const createdAt = (t.finishedAt as number) + Math.round(r.between(1, 15) * MINUTE);
    return [
      idAt(createdAt, r),
      mallId,
      t.id,
      t.service.id,
      t.service.agency.id,
      t.counterId,
      t.officerId,
      t.date,
      'ticket',
      ...answers,
      sex,
      age,
      education,
      occupation,
      suggestion,
      null,
      createdAt,
    ];
  }
}

// ---------------------------------------------------------------------------------------------

type HeapItem =
  | { kind: 'arrive' }
  | { kind: 'free'; counter: SimCounter }
  | { kind: 'join'; ticket: Ticket }
  | { kind: 'leave'; ticket: Ticket }
  | { kind: 'depart'; counter: SimCounter }
  | { kind: 'break'; counter: SimCounter };

/** A binary min-heap on (time, insertion order): events at one instant in the order they came. */
class EventHeap {
  private readonly items: [number, number, HeapItem][] = [];
  private order = 0;

  push(at: number, item: HeapItem): void {
    const items = this.items;
    items.push([at, this.order++, item]);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as [number, number, HeapItem], items[parent] as [number, number, HeapItem])) break;
      [items[i], items[parent]] = [items[parent] as [number, number, HeapItem], items[i] as [number, number, HeapItem]];
      i = parent;
    }
  }

  pop(): [number, HeapItem] | undefined {
    const items = this.items;
    const top = items[0];
    if (!top) return undefined;
    const last = items.pop() as [number, number, HeapItem];
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const rr = l + 1;
        let m = i;
        if (l < items.length && before(items[l] as [number, number, HeapItem], items[m] as [number, number, HeapItem]))
          m = l;
        if (
          rr < items.length &&
          before(items[rr] as [number, number, HeapItem], items[m] as [number, number, HeapItem])
        )
          m = rr;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as [number, number, HeapItem], items[i] as [number, number, HeapItem]];
        i = m;
      }
    }
    return [top[0], top[2]];
  }
}

function before(a: [number, number, unknown], b: [number, number, unknown]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

// ---------------------------------------------------------------------------------------------

/** The demo's mean tickets on a full weekday: a busy regency mall, ~20 citizens a counter a day. */
export const DEMO_TICKETS_PER_DAY = 900;

/**
 * The demo's history: the `days` local days before today at the mall (today is the live queue's).
 * Returns what was written and the dates it covers.
 */
export async function seedRecentHistory(
  db: Kysely<DB>,
  options: { mallSlug: string; days: number; now: number; ticketsPerDay?: number; seed?: number },
): Promise<HistoryResult & { from: string; to: string }> {
  const mall = await db.selectFrom('malls').select('time_zone').where('slug', '=', options.mallSlug).executeTakeFirst();
  if (!mall) throw new Error(`seedRecentHistory: no mall "${options.mallSlug}"`);
  const today = Date.parse(`${localTime(options.now, mall.time_zone).date}T00:00:00Z`);
  const day = (n: number) => new Date(today - n * DAY).toISOString().slice(0, 10);
  const from = day(options.days);
  const to = day(1);
  const result = await seedHistory(db, {
    mallSlug: options.mallSlug,
    from,
    to,
    ticketsPerDay: options.ticketsPerDay ?? DEMO_TICKETS_PER_DAY,
    seed: options.seed ?? 1,
    now: options.now,
  });
  return { ...result, from, to };
}

/**
 * Replaying a recorded day: the estimate each citizen would have been shown on arrival, made from
 * what was known by then only. Pure: rows in, estimates out (the CLI reads and writes the files).
 *
 * Input, one day: `id,service,arrival,start,end,counter`, times HH:MM:SS; `start` empty means the
 * citizen left without being served at `end`; `counter` names who served. Two optional columns,
 * `priority` (a class, or empty) and `appointment` (HH:MM:SS of a booked slot), let a day recorded
 * by Loket keep what its call-next rule used. At each arrival the state is built by the live
 * queue's own builder (lineStateAt), which ignores every start and end later than that moment, so
 * the file after it changes nothing: cut a file at T and the rows before T keep their estimates.
 * Earlier days can be given as history, as the live queue reads its own.
 */
import { baselineWait, type EstimateOutcome, estimateWaits } from './estimate.js';
import {
  type KnownCounter,
  lineStateAt,
  type ObservedVisit,
  priorsFromHistory,
  type ServicePrior,
  usualStarts,
} from './estimate-state.js';
import type { PickPolicy } from './pick-next.js';
import { PRIORITY_CLASSES, type PriorityClass } from './queue.js';
import { DEFAULT_QUEUE_SETTINGS, pickPolicy } from './settings.js';

export interface ReplayRow {
  id: string;
  service: string;
  /** ms after midnight */
  arrival: number;
  start: number | null;
  end: number | null;
  counter: string | null;
  priority: PriorityClass | null;
  appointment: number | null;
}

export interface ReplayEstimate {
  id: string;
  /** null when none could be made (no counter seen serving the service yet) */
  estimateSeconds: number | null;
  lowSeconds: number | null;
  highSeconds: number | null;
}

export class ReplayInputError extends Error {}

const REQUIRED = ['id', 'service', 'arrival', 'start', 'end', 'counter'] as const;
const TIME = /^(\d{1,2}):([0-5]\d):([0-5]\d)$/;

function parseTime(text: string, line: number, column: string): number | null {
  if (text === '') return null;
  const m = TIME.exec(text);
  if (!m || Number(m[1]) > 47) {
    throw new ReplayInputError(`line ${line}: ${column} "${text}" is not a time HH:MM:SS`);
  }
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
}

/** Splits one CSV line, with double-quoted fields where a value holds a comma. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

export function parseVisitsCsv(text: string): ReplayRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = fields(lines[0] ?? '').map((h) => h.toLowerCase());
  const col = new Map(header.map((h, i) => [h, i]));
  const missing = REQUIRED.filter((c) => !col.has(c));
  if (missing.length > 0) {
    throw new ReplayInputError(`line 1: the header lacks ${missing.join(', ')} (expected ${REQUIRED.join(',')})`);
  }
  const rows: ReplayRow[] = [];
  const ids = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const f = fields(raw);
    const get = (name: string) => f[col.get(name) ?? -1] ?? '';
    const line = i + 1;
    const id = get('id');
    if (id === '') throw new ReplayInputError(`line ${line}: id is empty`);
    if (ids.has(id)) throw new ReplayInputError(`line ${line}: id "${id}" appears twice`);
    ids.add(id);
    const service = get('service');
    if (service === '') throw new ReplayInputError(`line ${line}: service is empty`);
    const arrival = parseTime(get('arrival'), line, 'arrival');
    if (arrival === null) throw new ReplayInputError(`line ${line}: arrival is empty`);
    const start = parseTime(get('start'), line, 'start');
    const end = parseTime(get('end'), line, 'end');
    if (start !== null && start < arrival) throw new ReplayInputError(`line ${line}: start is before arrival`);
    if (end !== null && end < (start ?? arrival)) {
      throw new ReplayInputError(`line ${line}: end is before ${start === null ? 'arrival' : 'start'}`);
    }
    const counter = get('counter') || null;
    if (start !== null && counter === null) throw new ReplayInputError(`line ${line}: a served row names its counter`);
    const p = get('priority');
    if (p !== '' && !(PRIORITY_CLASSES as readonly string[]).includes(p)) {
      throw new ReplayInputError(`line ${line}: priority "${p}" is not one of ${PRIORITY_CLASSES.join(', ')}`);
    }
    rows.push({
      id,
      service,
      arrival,
      start,
      end,
      counter,
      priority: p === '' ? null : (p as PriorityClass),
      appointment: parseTime(get('appointment'), line, 'appointment'),
    });
  }
  return rows;
}

export interface ReplayOptions {
  /** the queue-length estimator's answers instead of Loket's */
  baseline?: boolean;
  policy?: PickPolicy;
  runs?: number;
  /**
   * Earlier days, known before this one: what the live queue reads from its history (each
   * service's times, no-shows and priority walk-ins at this weekday and hour). None: the file only.
   */
  history?: readonly (readonly ReplayRow[])[];
}

const HOUR = 3_600_000;

/** The history's priors at an hour of the day, as the live queue reads them: that hour and the two beside it. */
function historyPriors(days: readonly (readonly ReplayRow[])[], hour: number) {
  const hours = [hour - 1, hour, hour + 1];
  const visits = days.flatMap((rows, day) =>
    rows
      .filter((r) => hours.includes(Math.floor(r.arrival / HOUR)))
      .map((r) => ({
        serviceId: r.service,
        priority: r.priority,
        calledAt: r.start,
        endedAt: r.end,
        outcome: r.start === null ? 'cancelled' : 'done',
        hourKey: `${day}/${Math.floor(r.arrival / HOUR)}`,
      })),
  );
  return priorsFromHistory(visits, days.length, hours.length);
}

const toVisit = (r: ReplayRow): ObservedVisit => ({
  id: r.id,
  serviceId: r.service,
  arrivalAt: r.arrival,
  priority: r.priority,
  appointmentAt: r.appointment,
  calledAt: r.start,
  endedAt: r.end,
  counterId: r.counter,
  noShow: false,
});

/** Each row's estimate as it would have been shown at its arrival, in the rows' order. */
export function replayEstimates(rows: readonly ReplayRow[], options: ReplayOptions = {}): ReplayEstimate[] {
  const policy = options.policy ?? pickPolicy(DEFAULT_QUEUE_SETTINGS);
  const order = rows.map((r, i) => ({ r, i })).sort((a, b) => a.r.arrival - b.r.arrival || a.i - b.i);
  const visits = order.map(({ r }) => toVisit(r));
  const out: ReplayEstimate[] = new Array(rows.length);
  // The counters of earlier days and the services each served: as the catalog tells the live queue.
  const historyCounters = options.history?.length ? countersServed(options.history.flat()) : null;
  const starts = options.history?.length ? usualStarts(options.history.map(firstCalls)) : undefined;
  const priorsAt = new Map<number, Map<string, ServicePrior>>();
  const priorsOf = (now: number) => {
    if (!options.history?.length) return undefined;
    const hour = Math.floor(now / HOUR);
    let p = priorsAt.get(hour);
    if (!p) {
      p = historyPriors(options.history, hour);
      priorsAt.set(hour, p);
    }
    return p;
  };
  // rows arriving at the same instant are estimated together, from the same state
  for (let k = 0; k < order.length; ) {
    const now = (order[k] as { r: ReplayRow }).r.arrival;
    let end = k;
    while (end < order.length && (order[end] as { r: ReplayRow }).r.arrival === now) end++;
    const group = order.slice(k, end);
    const priors = priorsOf(now);
    const known = visits.slice(0, end);
    const counters = historyCounters && countersKnownAt(historyCounters, known, now);
    const state = lineStateAt({
      now,
      visits: known,
      policy,
      focus: [...new Set(group.map(({ r }) => r.service))],
      ...(priors ? { priors } : {}),
      ...(counters ? { counters } : {}),
      ...(starts ? { usualStarts: starts } : {}),
    });
    const targets = group.map(({ r }) => ({ ticketId: r.id }));
    const results: EstimateOutcome[] | (number | null)[] = options.baseline
      ? targets.map((t) => baselineWait(state, t))
      : estimateWaits(state, targets, options.runs !== undefined ? { runs: options.runs } : {});
    group.forEach(({ r, i }, j) => {
      const result = results[j];
      const seconds = (ms: number | undefined | null) =>
        ms === undefined || ms === null ? null : Math.round(ms / 1000);
      if (typeof result === 'number' || result === null) {
        out[i] = {
          id: r.id,
          estimateSeconds: seconds(result),
          lowSeconds: seconds(result),
          highSeconds: seconds(result),
        };
      } else {
        const e = (result as EstimateOutcome).estimate;
        out[i] = {
          id: r.id,
          estimateSeconds: seconds(e?.waitMs),
          lowSeconds: seconds(e?.lowMs),
          highSeconds: seconds(e?.highMs),
        };
      }
    });
    k = end;
  }
  return out;
}

/** Each counter of these rows and the services it served. */
function countersServed(rows: readonly ReplayRow[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.counter === null || r.start === null) continue;
    const set = out.get(r.counter) ?? new Set<string>();
    set.add(r.service);
    out.set(r.counter, set);
  }
  return out;
}

/** Each counter's first call of a day (ms after its midnight). */
function firstCalls(rows: readonly ReplayRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.counter === null || r.start === null) continue;
    out.set(r.counter, Math.min(out.get(r.counter) ?? Number.POSITIVE_INFINITY, r.start));
  }
  return out;
}

/** The earlier days' counters with what they serve, and today's calls until now added. */
function countersKnownAt(
  earlier: ReadonlyMap<string, Set<string>>,
  today: readonly ObservedVisit[],
  now: number,
): KnownCounter[] {
  const served = new Map([...earlier].map(([id, set]) => [id, new Set(set)]));
  for (const v of today) {
    if (v.counterId === null || v.calledAt === null || v.calledAt > now) continue;
    const set = served.get(v.counterId) ?? new Set<string>();
    set.add(v.serviceId);
    served.set(v.counterId, set);
  }
  return [...served].map(([id, set]) => ({ id, serviceIds: [...set].sort(), presence: null }));
}

const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function estimatesCsv(estimates: readonly ReplayEstimate[]): string {
  const lines = ['id,estimate_seconds,low_seconds,high_seconds'];
  for (const e of estimates) {
    const n = (x: number | null) => (x === null ? '' : String(x));
    lines.push([csvField(e.id), n(e.estimateSeconds), n(e.lowSeconds), n(e.highSeconds)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The rows back as a visits file (what the bench and the tests write and replay). */
export function visitsCsv(rows: readonly ReplayRow[]): string {
  const t = (ms: number | null) => {
    if (ms === null) return '';
    const s = Math.round(ms / 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  };
  const lines = ['id,service,arrival,start,end,counter,priority,appointment'];
  for (const r of rows) {
    lines.push(
      [
        csvField(r.id),
        csvField(r.service),
        t(r.arrival),
        t(r.start),
        t(r.end),
        csvField(r.counter ?? ''),
        r.priority ?? '',
        t(r.appointment),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

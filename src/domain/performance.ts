/**
 * Service performance from visits (src/domain/visits.ts): volumes, waiting and service times,
 * the standard time kept, counters staffed, busy hours, and the staffing the arrivals call for.
 * Pure: tallies of visits (src/domain/tally.ts) in, figures out.
 *
 * Times are seconds. Median and 90th percentile interpolate between ranks like Excel's MEDIAN and
 * PERCENTILE.INC, so the XLSX export's own formulas give the same figures.
 */
import type { PriorityClass } from './queue.js';
import { addDays } from './schedule.js';
import { countersNeeded } from './staffing.js';
import type { Tally } from './tally.js';
import type { VisitOutcome } from './visits.js';

export interface VisitFact {
  agencyId: string;
  serviceId: string;
  counterId: string | null;
  officerId: string | null;
  /** the local date and hour the visit joined the line */
  date: string;
  hour: number;
  priority: PriorityClass | null;
  transferredIn: boolean;
  enteredAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  outcome: VisitOutcome;
}

export interface Spread {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

export interface Measures {
  /** every visit that joined a line in the period */
  visits: number;
  /** new tickets (visits opened by issuing, not by a transfer in) */
  issued: number;
  transferredIn: number;
  served: number;
  noShow: number;
  cancelled: number;
  /** sent on to another service */
  transferred: number;
  /** not finished yet: waiting, called or being served */
  open: number;
  /** issue (or transfer in) → first call, over visits that were called */
  waitSeconds: Spread;
  /** start → finish, over visits served to the end */
  serviceSeconds: Spread;
  /** served visits whose service states its time in minutes, and those served within it */
  withinStandard: { measured: number; within: number; share: number | null };
  counters: {
    /** counters that called at least one ticket */
    active: number;
    /** mean counters active per day with any activity */
    perDay: number | null;
    /** sum over counters and days of the clock hours in which the counter called, started or finished */
    hoursStaffed: number;
  };
  /** arrivals per local hour 0–23 */
  arrivalsByHour: number[];
  /** the (up to) three hours with most arrivals, most first */
  busiestHours: { hour: number; arrivals: number }[];
  /** days with at least one arrival */
  days: number;
}

export interface MeasureOptions {
  /** the service's standard time in minutes (jangka waktu), null when not given in minutes */
  standardMinutes(serviceId: string): number | null;
  /**
   * Hours since 1970 on the mall's wall clock for an instant: the hour of day is h % 24 and the
   * day floor(h / 24). Numbers, not date strings, because this runs for every visit of a report.
   */
  localHour(at: number): number;
}

/** Value at fraction p (0–1) of sorted values, interpolating between ranks (PERCENTILE.INC). */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

export function spread(values: number[]): Spread {
  // a typed array sorts numerically, several times faster than Array#sort with a comparator
  const sorted = Float64Array.from(values).sort() as unknown as number[];
  let sum = 0;
  for (const v of values) sum += v;
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : null,
    median: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
  };
}

/** Spread of times kept in milliseconds, ascending, given in seconds. */
export function spreadOfSortedMs(ms: Float64Array): Spread {
  let sum = 0;
  for (let i = 0; i < ms.length; i++) sum += ms[i] as number;
  const at = (p: number) => {
    const v = percentile(ms, p);
    return v === null ? null : v / 1000;
  };
  return { count: ms.length, mean: ms.length ? sum / ms.length / 1000 : null, median: at(0.5), p90: at(0.9) };
}

/** The figures of a tally (src/domain/tally.ts): the visits of one unit over a period. */
export function measuresOf(t: Tally): Measures {
  let counterDays = 0;
  let hoursStaffed = 0;
  const activeDays = new Set<number>();
  for (const hours of t.counterHours.values()) {
    hoursStaffed += hours.length;
    const own = new Set<number>();
    for (const h of hours) own.add(Math.floor(h / 24));
    counterDays += own.size;
    for (const d of own) activeDays.add(d);
  }
  const arrivalsByHour = byHourOfDay(t.arrivals);
  return {
    visits: t.visits,
    issued: t.visits - t.transferredIn,
    transferredIn: t.transferredIn,
    served: t.served,
    noShow: t.noShow,
    cancelled: t.cancelled,
    transferred: t.transferred,
    open: t.open,
    waitSeconds: t.spreads?.wait ?? spreadOfSortedMs(t.waitMs),
    serviceSeconds: t.spreads?.service ?? spreadOfSortedMs(t.serviceMs),
    withinStandard: { measured: t.measured, within: t.within, share: t.measured ? t.within / t.measured : null },
    counters: {
      active: t.counterHours.size,
      perDay: activeDays.size ? counterDays / activeDays.size : null,
      hoursStaffed,
    },
    arrivalsByHour,
    busiestHours: busiest(arrivalsByHour, 3),
    days: t.days,
  };
}

/** Arrivals by weekday × hour folded to arrivals by hour of day. */
function byHourOfDay(arrivals: readonly number[]): number[] {
  const out = Array.from({ length: 24 }, () => 0);
  for (let i = 0; i < arrivals.length; i++) out[i % 24] = (out[i % 24] ?? 0) + (arrivals[i] ?? 0);
  return out;
}

function busiest(byHour: readonly number[], n: number): { hour: number; arrivals: number }[] {
  return byHour
    .map((arrivals, hour) => ({ hour, arrivals }))
    .filter((h) => h.arrivals > 0)
    .sort((a, b) => b.arrivals - a.arrivals || a.hour - b.hour)
    .slice(0, n);
}

/** Facts grouped by a key, in first-seen order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Calendar buckets for trends and the heat map (dates are YYYY-MM-DD, read on UTC midnights)

export { addDays };

const DAY_MS = 86_400_000;

/** 0 = Monday … 6 = Sunday, as Indonesian calendars start the week. */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The date n days after (or before) a date. */

/** The last day of the date's month. */
export function lastOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The Monday that starts the date's week. */
export function weekStart(date: string): string {
  return addDays(date, -weekdayOf(date));
}

export type Granularity = 'week' | 'month';

export function bucketOf(date: string, granularity: Granularity): string {
  return granularity === 'month' ? date.slice(0, 7) : weekStart(date);
}

/** Every bucket from the first date to the last, so a quiet week shows as zero, not a gap. */
export function bucketsBetween(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = [];
  let day = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  while (day <= end) {
    const key = bucketOf(new Date(day).toISOString().slice(0, 10), granularity);
    if (out.at(-1) !== key) out.push(key);
    day += DAY_MS;
  }
  return out;
}

/** Arrivals by weekday (rows, Monday first) and local hour (columns). */
export function heatMap(t: Pick<Tally, 'arrivals'>): number[][] {
  return Array.from({ length: 7 }, (_, day) => t.arrivals.slice(day * 24, day * 24 + 24));
}

// ---------------------------------------------------------------------------------------------
// Staffing: counters the arrivals call for, hour by hour, beside the counters that were open

export interface StaffingHour {
  hour: number;
  /** mean arrivals in this hour per day with any arrival at the unit */
  arrivalsPerHour: number;
  /** mean service time over the unit's served visits, minutes */
  meanServiceMinutes: number | null;
  /** Erlang C: counters for an expected wait within the target; null without a service time */
  countersNeeded: number | null;
  expectedWaitMinutes: number | null;
  /** mean counters that called, started or finished in this hour, per day */
  countersOpen: number;
}

export function staffingByHour(t: Tally, options: { targetWaitMinutes: number }): StaffingHour[] {
  const days = t.days;
  const service = t.spreads?.service ?? spreadOfSortedMs(t.serviceMs);
  const meanServiceMinutes = service.mean === null ? null : service.mean / 60;
  const arrivals = byHourOfDay(t.arrivals);
  // per hour of day, the (counter, day) pairs active in it: each local hour is one such pair
  const open = Array.from({ length: 24 }, () => 0);
  for (const hours of t.counterHours.values()) for (const h of hours) open[h % 24] = (open[h % 24] ?? 0) + 1;
  const hours: StaffingHour[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const countersOpen = days ? (open[hour] as number) / days : 0;
    const arrivalsPerHour = days ? (arrivals[hour] as number) / days : 0;
    if (arrivalsPerHour === 0 && countersOpen === 0) continue;
    const advice =
      meanServiceMinutes !== null && meanServiceMinutes > 0
        ? countersNeeded({ arrivalsPerHour, meanServiceMinutes, targetWaitMinutes: options.targetWaitMinutes })
        : null;
    hours.push({
      hour,
      arrivalsPerHour,
      meanServiceMinutes,
      countersNeeded: advice ? advice.counters : null,
      expectedWaitMinutes: advice ? advice.expectedWaitMinutes : null,
      countersOpen,
    });
  }
  return hours;
}

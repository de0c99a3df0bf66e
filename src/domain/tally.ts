/**
 * Tallies: the visits of one unit (the mall, an agency, service, counter or officer) over one span
 * of days, summed up so that every measure of src/domain/performance.ts still comes out exactly.
 * Counts add; waiting and service times are kept whole and sorted, because a median or a 90th
 * percentile cannot be added up from parts; the counters' active hours are kept as sets.
 *
 * A closed day is tallied once and stored (the rollups); a period's figures merge the tallies of
 * its days, or of its whole months, instead of reading every visit again.
 */
import {
  type MeasureOptions,
  type Measures,
  measuresOf,
  type Spread,
  type VisitFact,
  weekdayOf,
} from './performance.js';
import { SKM_ELEMENT_KEYS, type Sums, zeroSums } from './skm.js';

export interface TimeSpreads {
  wait: Spread;
  service: Spread;
}

export interface Survey {
  respondents: number;
  sums: Sums;
}

export interface Tally {
  /** every visit that joined a line */
  visits: number;
  transferredIn: number;
  served: number;
  noShow: number;
  cancelled: number;
  transferred: number;
  /** not finished: waiting, called or being served */
  open: number;
  /** days with at least one arrival */
  days: number;
  /** issue (or transfer in) → first call, milliseconds, ascending */
  waitMs: Float64Array;
  /** start → finish of visits served to the end, milliseconds, ascending */
  serviceMs: Float64Array;
  /**
   * Set instead of the times when a stored tally was read without them: their spreads, computed
   * when it was stored. Enough for one span's figures; such a tally cannot be merged.
   */
  spreads?: TimeSpreads;
  /** served visits whose service states its time in minutes, and those served within it */
  measured: number;
  within: number;
  /** arrivals by weekday (0 = Monday) × 24 + local hour */
  arrivals: number[];
  /** per counter, the local hours (hours since 1970 on the mall's clock) in which it called, started or finished; ascending */
  counterHours: Map<string, number[]>;
  /** the SKM questionnaires of the same unit and span */
  survey: Survey;
}

export function emptySurvey(): Survey {
  return { respondents: 0, sums: zeroSums() };
}

export function emptyTally(): Tally {
  return {
    visits: 0,
    transferredIn: 0,
    served: 0,
    noShow: 0,
    cancelled: 0,
    transferred: 0,
    open: 0,
    days: 0,
    waitMs: new Float64Array(0),
    serviceMs: new Float64Array(0),
    measured: 0,
    within: 0,
    arrivals: Array.from({ length: 7 * 24 }, () => 0),
    counterHours: new Map(),
    survey: emptySurvey(),
  };
}

/** A typed array sorts numerically, several times faster than Array#sort with a comparator. */
function sorted(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

export function tallyVisits(facts: readonly VisitFact[], options: MeasureOptions): Tally {
  const t = emptyTally();
  const waits: number[] = [];
  const services: number[] = [];
  const dates = new Set<string>();
  const hours = new Map<string, Set<number>>();
  // weekday per date, looked up once per date rather than per visit
  const weekdays = new Map<string, number>();
  for (const f of facts) {
    t.visits += 1;
    if (f.transferredIn) t.transferredIn += 1;
    if (f.outcome === 'done') t.served += 1;
    else if (f.outcome === 'no_show') t.noShow += 1;
    else if (f.outcome === 'cancelled') t.cancelled += 1;
    else if (f.outcome === 'transferred') t.transferred += 1;
    else t.open += 1;
    dates.add(f.date);
    let weekday = weekdays.get(f.date);
    if (weekday === undefined) {
      weekday = weekdayOf(f.date);
      weekdays.set(f.date, weekday);
    }
    const slot = weekday * 24 + f.hour;
    t.arrivals[slot] = (t.arrivals[slot] ?? 0) + 1;
    if (f.calledAt !== null) waits.push(f.calledAt - f.enteredAt);
    if (f.outcome === 'done' && f.startedAt !== null && f.finishedAt !== null) {
      const ms = f.finishedAt - f.startedAt;
      services.push(ms);
      const standard = options.standardMinutes(f.serviceId);
      if (standard !== null) {
        t.measured += 1;
        if (ms <= standard * 60_000) t.within += 1;
      }
    }
    if (f.counterId !== null && f.calledAt !== null) {
      let own = hours.get(f.counterId);
      if (!own) {
        own = new Set();
        hours.set(f.counterId, own);
      }
      own.add(options.localHour(f.calledAt));
      if (f.startedAt !== null) own.add(options.localHour(f.startedAt));
      if (f.finishedAt !== null) own.add(options.localHour(f.finishedAt));
    }
  }
  t.days = dates.size;
  t.waitMs = sorted(waits);
  t.serviceMs = sorted(services);
  for (const [counter, own] of hours)
    t.counterHours.set(
      counter,
      [...own].sort((a, b) => a - b),
    );
  return t;
}

function mergeSorted(parts: Float64Array[]): Float64Array {
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? new Float64Array(0);
  let length = 0;
  for (const p of nonEmpty) length += p.length;
  const out = new Float64Array(length);
  let offset = 0;
  for (const p of nonEmpty) {
    out.set(p, offset);
    offset += p.length;
  }
  return out.sort();
}

/**
 * One tally for the same unit over several spans that do not overlap (days, whole months): the
 * days add up, so a tally must not be merged with another of the same day.
 */
export function mergeTallies(tallies: readonly Tally[]): Tally {
  if (tallies.length === 1) return tallies[0] as Tally;
  if (tallies.some((p) => p.spreads)) throw new Error('a tally read without its times cannot be merged');
  const t = emptyTally();
  const hours = new Map<string, Set<number>>();
  for (const p of tallies) {
    t.visits += p.visits;
    t.transferredIn += p.transferredIn;
    t.served += p.served;
    t.noShow += p.noShow;
    t.cancelled += p.cancelled;
    t.transferred += p.transferred;
    t.open += p.open;
    t.days += p.days;
    t.measured += p.measured;
    t.within += p.within;
    for (let i = 0; i < t.arrivals.length; i++) t.arrivals[i] = (t.arrivals[i] ?? 0) + (p.arrivals[i] ?? 0);
    for (const [counter, list] of p.counterHours) {
      let own = hours.get(counter);
      if (!own) {
        own = new Set();
        hours.set(counter, own);
      }
      for (const h of list) own.add(h);
    }
    addSurvey(t.survey, p.survey);
  }
  t.waitMs = mergeSorted(tallies.map((p) => p.waitMs));
  t.serviceMs = mergeSorted(tallies.map((p) => p.serviceMs));
  for (const [counter, own] of hours)
    t.counterHours.set(
      counter,
      [...own].sort((a, b) => a - b),
    );
  return t;
}

export function addSurvey(into: Survey, add: Survey): void {
  into.respondents += add.respondents;
  for (const key of SKM_ELEMENT_KEYS) into.sums[key] += add.sums[key];
}

/** Figures straight from visits: the tally of them, measured. */
export function measure(facts: readonly VisitFact[], options: MeasureOptions): Measures {
  return measuresOf(tallyVisits(facts, options));
}

// ---------------------------------------------------------------------------------------------
// Tallies per day and unit: what a closed day stores, and what today or a narrow unit computes

export const DIMENSIONS = ['mall', 'agency', 'service', 'counter', 'officer'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface UnitTally {
  date: string;
  dim: Dimension;
  /** the agency the visits belong to ('' for the whole mall) */
  agencyId: string;
  unitId: string;
  tally: Tally;
}

/** SKM questionnaires of one day and one (service, counter, officer), summed. */
export interface SurveyGroup extends Survey {
  date: string;
  agencyId: string;
  serviceId: string;
  counterId: string | null;
  officerId: string | null;
}

interface UnitRef {
  agencyId: string;
  serviceId: string;
  counterId: string | null;
  officerId: string | null;
}

/** The (agency, unit) a visit or questionnaire counts for in a dimension; null: none (no counter yet). */
function unitOf(mallId: string, dim: Dimension, r: UnitRef): [string, string] | null {
  switch (dim) {
    case 'mall':
      return ['', mallId];
    case 'agency':
      return [r.agencyId, r.agencyId];
    case 'service':
      return [r.agencyId, r.serviceId];
    case 'counter':
      return r.counterId === null ? null : [r.agencyId, r.counterId];
    case 'officer':
      return r.officerId === null ? null : [r.agencyId, r.officerId];
  }
}

/** Every (day, dimension, unit) tally of the visits and questionnaires given. */
export function tallyUnits(
  mallId: string,
  facts: readonly VisitFact[],
  surveys: readonly SurveyGroup[],
  dims: readonly Dimension[],
  options: MeasureOptions,
): UnitTally[] {
  const groups = new Map<
    string,
    { date: string; dim: Dimension; agencyId: string; unitId: string; facts: VisitFact[] }
  >();
  const groupFor = (date: string, dim: Dimension, unit: [string, string]) => {
    const key = `${date}|${dim}|${unit[0]}|${unit[1]}`;
    let g = groups.get(key);
    if (!g) {
      g = { date, dim, agencyId: unit[0], unitId: unit[1], facts: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const f of facts) {
    for (const dim of dims) {
      const unit = unitOf(mallId, dim, f);
      if (unit) groupFor(f.date, dim, unit).facts.push(f);
    }
  }
  const surveyed = new Map<string, Survey>();
  for (const s of surveys) {
    for (const dim of dims) {
      const unit = unitOf(mallId, dim, s);
      if (!unit) continue;
      const g = groupFor(s.date, dim, unit);
      const key = `${g.date}|${dim}|${g.agencyId}|${g.unitId}`;
      let survey = surveyed.get(key);
      if (!survey) {
        survey = emptySurvey();
        surveyed.set(key, survey);
      }
      addSurvey(survey, s);
    }
  }
  const out: UnitTally[] = [];
  for (const [key, g] of groups) {
    const tally = tallyVisits(g.facts, options);
    const survey = surveyed.get(key);
    if (survey) tally.survey = survey;
    out.push({ date: g.date, dim: g.dim, agencyId: g.agencyId, unitId: g.unitId, tally });
  }
  return out;
}

/**
 * The tallies of a period, per span and unit: what every performance figure is computed from.
 *
 * For the whole mall or one agency the period is cut into whole closed months, closed days and
 * today. Closed spans come from the rollups (rollup-store.ts), tallied and stored the first time a
 * report needs them; today is tallied from its visits as it happens. A narrower unit (a service, a
 * counter, an officer) has few enough visits to tally straight from them.
 */
import { addDays, lastOfMonth, type MeasureOptions, type VisitFact } from '../../../domain/performance.js';
import { localTime } from '../../../domain/schedule.js';
import {
  DIMENSIONS,
  type Dimension,
  mergeTallies,
  type SurveyGroup,
  type Tally,
  tallyUnits,
  type UnitTally,
} from '../../../domain/tally.js';
import type { Mall } from '../../plugins/tenant.js';
import type { VisitFilter } from './repository.js';
import { monthOf, type RollupStore, type SpanRef, spanKey } from './rollup-store.js';

export interface TallySources {
  facts(mallId: string, filter: VisitFilter): Promise<VisitFact[]>;
  surveys(mallId: string, filter: VisitFilter): Promise<SurveyGroup[]>;
}

export interface TallyRequest {
  filter: VisitFilter;
  dims: readonly Dimension[];
  /** use whole months' tallies where the period holds them (not for weekly trends) */
  months: boolean;
  options: MeasureOptions;
}

/** The closed days from..to as whole months (when asked) and the days left over. */
export function closedSpans(from: string, to: string, months: boolean): SpanRef[] {
  const out: SpanRef[] = [];
  let day = from;
  while (day <= to) {
    const month = monthOf(day);
    const last = lastOfMonth(month);
    if (months && day === month && last <= to) {
      out.push({ span: 'month', start: month });
      day = addDays(last, 1);
      continue;
    }
    out.push({ span: 'day', start: day });
    day = addDays(day, 1);
  }
  return out;
}

function daysOf(month: string): string[] {
  const out: string[] = [];
  for (let day = month, last = lastOfMonth(month); day <= last; day = addDays(day, 1)) out.push(day);
  return out;
}

export class PeriodTallies {
  constructor(
    private readonly sources: TallySources,
    private readonly store: RollupStore,
    private readonly now: () => number,
  ) {}

  /** Tallies per (span start, dimension, unit) covering the request's period; date is the span's start. */
  async tallies(mall: Mall, request: TallyRequest): Promise<UnitTally[]> {
    const { filter, dims, options } = request;
    if (filter.serviceId || filter.counterId || filter.officerId) {
      const [facts, surveys] = await Promise.all([
        this.sources.facts(mall.id, filter),
        this.sources.surveys(mall.id, filter),
      ]);
      return tallyUnits(mall.id, facts, surveys, dims, options);
    }
    const today = localTime(this.now(), mall.timeZone).date;
    const closedTo = filter.to < today ? filter.to : addDays(today, -1);
    const spans = filter.from <= closedTo ? closedSpans(filter.from, closedTo, request.months) : [];
    const computed = await this.ensureStored(mall, spans, options);
    const stored = spans.filter((s) => !computed.has(spanKey(s)));
    const live = filter.from <= today && today <= filter.to;
    // One stored span and nothing else: its figures are stored whole, and its times need not be read.
    const times = spans.length + (live ? 1 : 0) > 1;
    const out: UnitTally[] = await this.store.read(mall.id, stored, dims, { agencyId: filter.agencyId, times });
    const wanted = (u: Omit<UnitTally, 'date'>) =>
      dims.includes(u.dim) && (filter.agencyId === undefined || u.agencyId === filter.agencyId);
    for (const [key, units] of computed) {
      const date = key.slice(key.indexOf('|') + 1);
      for (const u of units) if (wanted(u)) out.push({ ...u, date });
    }
    if (live) {
      const todayOnly = { ...filter, from: today, to: today };
      const [facts, surveys] = await Promise.all([
        this.sources.facts(mall.id, todayOnly),
        this.sources.surveys(mall.id, todayOnly),
      ]);
      out.push(...tallyUnits(mall.id, facts, surveys, dims, options));
    }
    return out;
  }

  /**
   * Tallies and stores the spans that are not stored and current. Returns the tallies of spans
   * that changed while being tallied (not stored, but right as of now), by span key.
   */
  private async ensureStored(
    mall: Mall,
    spans: readonly SpanRef[],
    options: MeasureOptions,
  ): Promise<Map<string, Omit<UnitTally, 'date'>[]>> {
    const computed = new Map<string, Omit<UnitTally, 'date'>[]>();
    if (spans.length === 0) return computed;
    const current = await this.store.current(mall.id, spans);
    for (const span of spans) {
      if (current.has(spanKey(span))) continue;
      const units =
        span.span === 'day'
          ? await this.storeDay(mall, span.start, options)
          : await this.storeMonth(mall, span.start, options);
      if (units) computed.set(spanKey(span), units);
    }
    return computed;
  }

  /** Tallies a closed day of the whole mall in every dimension; the tallies if they could not be stored. */
  private async storeDay(mall: Mall, date: string, options: MeasureOptions) {
    const ref: SpanRef = { span: 'day', start: date };
    const generation = await this.store.begin(mall.id, ref);
    if (generation === null) return null;
    const filter = { from: date, to: date };
    const [facts, surveys] = await Promise.all([
      this.sources.facts(mall.id, filter),
      this.sources.surveys(mall.id, filter),
    ]);
    const units = tallyUnits(mall.id, facts, surveys, DIMENSIONS, options);
    return (await this.store.save(mall.id, ref, generation, units)) ? null : units;
  }

  /** A closed month from its days' stored tallies, each unit's merged. */
  private async storeMonth(mall: Mall, month: string, options: MeasureOptions) {
    const ref: SpanRef = { span: 'month', start: month };
    const generation = await this.store.begin(mall.id, ref);
    if (generation === null) return null;
    const days = daysOf(month).map((start): SpanRef => ({ span: 'day', start }));
    const computed = await this.ensureStored(mall, days, options);
    const parts: Omit<UnitTally, 'date'>[] = await this.store.read(
      mall.id,
      days.filter((d) => !computed.has(spanKey(d))),
      DIMENSIONS,
      { times: true },
    );
    for (const units of computed.values()) parts.push(...units);
    const byUnit = new Map<string, { dim: Dimension; agencyId: string; unitId: string; tallies: Tally[] }>();
    for (const p of parts) {
      const key = `${p.dim}|${p.agencyId}|${p.unitId}`;
      const entry = byUnit.get(key);
      if (entry) entry.tallies.push(p.tally);
      else byUnit.set(key, { dim: p.dim, agencyId: p.agencyId, unitId: p.unitId, tallies: [p.tally] });
    }
    const units = [...byUnit.values()].map((u) => ({
      dim: u.dim,
      agencyId: u.agencyId,
      unitId: u.unitId,
      tally: mergeTallies(u.tallies),
    }));
    return (await this.store.save(mall.id, ref, generation, units)) ? null : units;
  }
}

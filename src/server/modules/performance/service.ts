/**
 * Evaluation use cases: a unit's performance over a period with its breakdown, today's live board,
 * trends, the ranking of agencies, the heat map of arrivals, staffing advice, and the periodic
 * PDF/XLSX reports. The figures are src/domain/performance.ts over the period's tallies
 * (period-tallies.ts: stored for closed days and months, live for today), which carry the SKM
 * questionnaires too; the SKM service's scope check (period and unit) is shared, so both reports
 * read a query the same way. The live board and the XLSX's visit list read the visits themselves.
 */
import type {
  HeatMap,
  Ikm,
  LiveBoard,
  PerformanceQuery,
  PerformanceReport,
  Ranking,
  RankingMeasure,
  RankingQuery,
  Staffing,
  StaffingQuery,
  Trend,
  TrendQuery,
  UnitSummary,
} from '../../../api/performance.js';
import type { SkmUnit } from '../../../api/skm.js';
import { type Actor, canEvaluate } from '../../../domain/access.js';
import {
  addDays,
  bucketOf,
  bucketsBetween,
  type Granularity,
  groupBy,
  heatMap,
  lastOfMonth,
  type MeasureOptions,
  type Measures,
  measuresOf,
  staffingByHour,
} from '../../../domain/performance.js';
import { localTime } from '../../../domain/schedule.js';
import { computeIkm } from '../../../domain/skm.js';
import { exportFileName, formatPeriodId, type Period, periodDays } from '../../../domain/skm-report.js';
import {
  type Dimension,
  emptyTally,
  mergeTallies,
  type Survey,
  type Tally,
  type UnitTally,
} from '../../../domain/tally.js';
import { AppError } from '../../errors.js';
import type { Mall } from '../../plugins/tenant.js';
import type { ExportFile } from '../../send-file.js';
import { TtlCache } from '../../ttl-cache.js';
import type { ReportScope, SkmService } from '../skm/service.js';
import type { VisitExportRow } from './export-types.js';
import { renderPerformancePdf } from './pdf.js';
import type { PeriodTallies } from './period-tallies.js';
import type { CatalogNames, PerformanceRepository, VisitFilter } from './repository.js';
import { renderPerformanceXlsx } from './xlsx.js';

/** A counter counts as open on the live board when it held a ticket or acted this recently. */
const OPEN_WINDOW_MS = 30 * 60_000;
const CATALOG_TTL_MS = 30_000;

function ikmOf(survey: Survey): Ikm {
  const r = computeIkm(survey.sums, survey.respondents);
  return r.noData
    ? { respondents: survey.respondents, ikm: null, grade: null }
    : { respondents: survey.respondents, ikm: r.ikm, grade: r.grade };
}

type Level = SkmUnit['level'];

/** The dimension a unit's own figures are tallied in, and those its breakdown lists. */
const LEVELS: Record<Level, { dim: Dimension; breakdown: Dimension[] }> = {
  mall: { dim: 'mall', breakdown: ['agency'] },
  agency: { dim: 'agency', breakdown: ['service', 'counter', 'officer'] },
  service: { dim: 'service', breakdown: ['counter', 'officer'] },
  counter: { dim: 'counter', breakdown: ['officer'] },
  officer: { dim: 'officer', breakdown: [] },
};

function unitIdOf(mall: Mall, unit: SkmUnit): string {
  switch (unit.level) {
    case 'mall':
      return mall.id;
    case 'agency':
      return unit.agency?.id ?? '';
    case 'service':
      return unit.service?.id ?? '';
    case 'counter':
      return unit.counter?.id ?? '';
    case 'officer':
      return unit.officer?.id ?? '';
  }
}

const unitKey = (dim: Dimension, id: string) => `${dim}|${id}`;

/** Each unit's tallies over the period merged into one, by unitKey. */
function mergeByUnit(units: readonly UnitTally[]): Map<string, Tally> {
  const lists = groupBy(units, (u) => unitKey(u.dim, u.unitId));
  return new Map([...lists].map(([key, list]) => [key, mergeTallies(list.map((u) => u.tally))]));
}

/**
 * Hours since 1970 on the mall's wall clock (MeasureOptions.localHour), with the zone's offset
 * looked up once per quarter hour of real time: every real UTC offset is a multiple of 15 minutes.
 */
export function localClock(timeZone: string): (at: number) => number {
  const offsets = new Map<number, number>();
  return (at) => {
    const key = Math.floor(at / 900_000);
    let offset = offsets.get(key);
    if (offset === undefined) {
      const t = localTime(key * 900_000, timeZone);
      offset = Date.parse(`${t.date}T00:00:00Z`) + t.minuteOfDay * 60_000 - key * 900_000;
      offsets.set(key, offset);
    }
    return Math.floor((at + offset) / 3_600_000);
  };
}

function summaryOf(id: string, name: string, m: Measures, ikm: Ikm, shortName?: string): UnitSummary {
  return {
    id,
    name,
    ...(shortName !== undefined ? { shortName } : {}),
    issued: m.issued,
    visits: m.visits,
    served: m.served,
    noShow: m.noShow,
    cancelled: m.cancelled,
    transferred: m.transferred,
    waitMeanSeconds: m.waitSeconds.mean,
    waitMedianSeconds: m.waitSeconds.median,
    waitP90Seconds: m.waitSeconds.p90,
    serviceMeanSeconds: m.serviceSeconds.mean,
    withinStandardShare: m.withinStandard.share,
    ikm: ikm.ikm,
    grade: ikm.grade,
  };
}

/** The value a ranking orders by, and whether lower is better. */
const RANKING: Record<RankingMeasure, { value: (s: UnitSummary) => number | null; lowerIsBetter: boolean }> = {
  waitMean: { value: (s) => s.waitMeanSeconds, lowerIsBetter: true },
  waitP90: { value: (s) => s.waitP90Seconds, lowerIsBetter: true },
  serviceMean: { value: (s) => s.serviceMeanSeconds, lowerIsBetter: true },
  served: { value: (s) => (s.visits > 0 ? s.served : null), lowerIsBetter: false },
  withinStandard: { value: (s) => s.withinStandardShare, lowerIsBetter: false },
  noShowRate: {
    value: (s) => (s.served + s.noShow > 0 ? s.noShow / (s.served + s.noShow) : null),
    lowerIsBetter: true,
  },
  ikm: { value: (s) => s.ikm, lowerIsBetter: false },
};

export class PerformanceService {
  private readonly catalogs = new TtlCache<CatalogNames & { mallId: string }>(CATALOG_TTL_MS);

  constructor(
    private readonly repo: PerformanceRepository,
    private readonly skm: SkmService,
    private readonly periods: PeriodTallies,
    private readonly now: () => number,
  ) {}

  /** After a catalog change (the bus's catalog.changed): read the names afresh. */
  forgetCatalog(mallId: string): void {
    this.catalogs.deleteWhere((c) => c.mallId === mallId);
  }

  private async catalog(mallId: string): Promise<CatalogNames> {
    const cached = this.catalogs.get(mallId);
    if (cached) return cached;
    const fresh = { ...(await this.repo.catalog(mallId)), mallId };
    this.catalogs.set(mallId, fresh);
    return fresh;
  }

  /** The scope of a query, checked (400/404 as the SKM report), and who may see it (403). */
  private async scope(mall: Mall, staff: Actor, query: PerformanceQuery): Promise<ReportScope> {
    const scope = await this.skm.scope(mall, query);
    if (!canEvaluate(staff, mall.id, scope.unit.agency?.id ?? null)) throw new AppError('forbidden');
    return scope;
  }

  private options(mall: Mall, catalog: CatalogNames): MeasureOptions {
    const standards = new Map(catalog.services.map((s) => [s.id, s.standardMinutes]));
    return { standardMinutes: (id) => standards.get(id) ?? null, localHour: localClock(mall.timeZone) };
  }

  private period(p: Period) {
    return { from: p.from, to: p.to, days: periodDays(p), label: formatPeriodId(p) };
  }

  /**
   * Tallies and stores the closed days and months of the last year, so the first report of a
   * long period after an upgrade or a restore does not wait for them. Safe to run anywhere, any
   * time: what is stored and current is left alone.
   */
  async prepareStoredTallies(mall: Mall): Promise<void> {
    const today = localTime(this.now(), mall.timeZone).date;
    // the catalog read afresh, not kept: the requests' cache fills with what they read
    const options = this.options(mall, await this.repo.catalog(mall.id));
    const filter = { from: twelveMonthsBefore(today), to: today };
    await this.periods.tallies(mall, { filter, dims: ['mall'], months: true, options });
  }

  /** The tallies of a period in these dimensions (of the filter's agency, or the whole mall). */
  private async tallies(mall: Mall, filter: VisitFilter, dims: readonly Dimension[], months: boolean) {
    const options = this.options(mall, await this.catalog(mall.id));
    return this.periods.tallies(mall, { filter, dims, months, options });
  }

  async report(mall: Mall, staff: Actor, query: PerformanceQuery): Promise<PerformanceReport> {
    const scope = await this.scope(mall, staff, query);
    return (await this.reportOf(mall, scope)).report;
  }

  private async reportOf(mall: Mall, { filter, unit }: ReportScope) {
    const level = LEVELS[unit.level];
    const [catalog, units] = await Promise.all([
      this.catalog(mall.id),
      this.tallies(mall, filter, [level.dim, ...level.breakdown], true),
    ]);
    const merged = mergeByUnit(units);
    const tallyOf = (dim: Dimension, id: string) => merged.get(unitKey(dim, id));
    const rows = <T extends { id: string; name: string }>(
      list: T[],
      dim: Dimension,
      keepEmpty: boolean,
      shortName?: (u: T) => string,
    ): UnitSummary[] =>
      list
        .filter((u) => keepEmpty || (tallyOf(dim, u.id)?.visits ?? 0) > 0)
        .map((u) => {
          const t = tallyOf(dim, u.id) ?? emptyTally();
          return summaryOf(u.id, u.name, measuresOf(t), ikmOf(t.survey), shortName ? shortName(u) : undefined);
        });
    const breakdown: PerformanceReport['breakdown'] = { agencies: [], services: [], counters: [], officers: [] };
    if (unit.level === 'mall') {
      breakdown.agencies = rows(catalog.agencies, 'agency', true, (a) => a.shortName);
    } else if (unit.level === 'agency' || unit.level === 'service') {
      const services = catalog.services.filter((s) =>
        unit.level === 'agency' ? s.agencyId === unit.agency?.id : s.id === unit.service?.id,
      );
      breakdown.services = rows(services, 'service', unit.level === 'agency');
      breakdown.counters = rows(catalog.counters, 'counter', false);
      breakdown.officers = rows(catalog.officers, 'officer', false);
    } else if (unit.level === 'counter') {
      breakdown.officers = rows(catalog.officers, 'officer', false);
    }
    const total = tallyOf(level.dim, unitIdOf(mall, unit)) ?? emptyTally();
    const report: PerformanceReport = {
      unit,
      period: this.period(filter),
      measures: measuresOf(total),
      ikm: ikmOf(total.survey),
      breakdown,
    };
    return { report, catalog };
  }

  /** Whether the staff member may follow the live board (403 otherwise). */
  checkLive(mall: Mall, staff: Actor): void {
    if (!canEvaluate(staff, mall.id, null)) throw new AppError('forbidden');
  }

  async live(mall: Mall, staff: Actor): Promise<LiveBoard> {
    this.checkLive(mall, staff);
    const now = this.now();
    const date = localTime(now, mall.timeZone).date;
    const [catalog, facts] = await Promise.all([
      this.catalog(mall.id),
      this.repo.facts(mall.id, { from: date, to: date }),
    ]);
    const byAgency = groupBy(facts, (f) => f.agencyId);
    const countersOf = groupBy(catalog.counters, (c) => c.agencyId);
    const totals = { waiting: 0, served: 0, issued: 0, countersOpen: 0 };
    const allWaits: number[] = [];
    const agencies = catalog.agencies.map((a) => {
      const list = byAgency.get(a.id) ?? [];
      const waiting = list.filter((f) => f.outcome === 'waiting');
      const longest = waiting.length ? (now - Math.min(...waiting.map((f) => f.enteredAt))) / 1000 : null;
      const waits = list.flatMap((f) => (f.calledAt !== null ? [(f.calledAt - f.enteredAt) / 1000] : []));
      allWaits.push(...waits);
      const open = new Set<string>();
      for (const f of list) {
        if (f.counterId === null) continue;
        const last = Math.max(f.calledAt ?? 0, f.startedAt ?? 0, f.finishedAt ?? 0);
        if (f.outcome === 'called' || f.outcome === 'serving' || now - last <= OPEN_WINDOW_MS) open.add(f.counterId);
      }
      const served = list.filter((f) => f.outcome === 'done').length;
      const mean = waits.length ? waits.reduce((s, w) => s + w, 0) / waits.length : null;
      const threshold = a.thresholdMinutes ?? mall.settings.waitWarningMinutes;
      totals.waiting += waiting.length;
      totals.served += served;
      totals.issued += list.length;
      totals.countersOpen += open.size;
      return {
        id: a.id,
        name: a.name,
        shortName: a.shortName,
        color: a.color,
        waiting: waiting.length,
        longestWaitSeconds: longest,
        served,
        issued: list.length,
        countersOpen: open.size,
        counters: countersOf.get(a.id)?.length ?? 0,
        waitMeanSeconds: mean,
        thresholdMinutes: threshold,
        warning: (longest !== null && longest > threshold * 60) || (mean !== null && mean > threshold * 60),
      };
    });
    return {
      at: now,
      date,
      totals: {
        ...totals,
        waitMeanSeconds: allWaits.length ? allWaits.reduce((s, w) => s + w, 0) / allWaits.length : null,
      },
      agencies,
    };
  }

  async trend(mall: Mall, staff: Actor, query: TrendQuery): Promise<Trend> {
    const { filter, unit } = await this.scope(mall, staff, query);
    const granularity: Granularity = query.granularity ?? 'month';
    const dim = LEVELS[unit.level].dim;
    const units = await this.tallies(mall, filter, [dim], granularity === 'month');
    const id = unitIdOf(mall, unit);
    const buckets = groupBy(
      units.filter((u) => u.dim === dim && u.unitId === id),
      (u) => bucketOf(u.date, granularity),
    );
    const keys = bucketsBetween(filter.from, filter.to, granularity);
    const points = keys.map((key) => {
      const t = mergeTallies((buckets.get(key) ?? []).map((u) => u.tally));
      const m = measuresOf(t);
      const ikm = ikmOf(t.survey);
      const bounds = bucketBounds(key, granularity, filter);
      return {
        key,
        ...bounds,
        issued: m.issued,
        visits: m.visits,
        served: m.served,
        noShow: m.noShow,
        waitMeanSeconds: m.waitSeconds.mean,
        waitP90Seconds: m.waitSeconds.p90,
        serviceMeanSeconds: m.serviceSeconds.mean,
        withinStandardShare: m.withinStandard.share,
        ikm: ikm.ikm,
        grade: ikm.grade,
      };
    });
    return { unit, period: this.period(filter), granularity, points };
  }

  async ranking(mall: Mall, staff: Actor, query: RankingQuery): Promise<Ranking> {
    // Every agency's summary line: mall-level, so agency admins may see it too.
    const { filter } = await this.scope(mall, staff, {
      ...(query.period !== undefined ? { period: query.period } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
    });
    const measureName: RankingMeasure = query.measure ?? 'ikm';
    const [catalog, units] = await Promise.all([this.catalog(mall.id), this.tallies(mall, filter, ['agency'], true)]);
    const merged = mergeByUnit(units);
    const rule = RANKING[measureName];
    const lines = catalog.agencies.map((a) => {
      const t = merged.get(unitKey('agency', a.id)) ?? emptyTally();
      const agency = summaryOf(a.id, a.name, measuresOf(t), ikmOf(t.survey), a.shortName);
      return { agency, value: rule.value(agency) };
    });
    lines.sort((x, y) => {
      if (x.value === null || y.value === null) return x.value === null ? (y.value === null ? 0 : 1) : -1;
      return rule.lowerIsBetter ? x.value - y.value : y.value - x.value;
    });
    // Standard competition ranking: equal values share a rank (1, 2, 2, 4).
    const rows = lines.map((line, i) => ({ ...line, rank: null as number | null, position: i }));
    for (const [i, row] of rows.entries()) {
      if (row.value === null) continue;
      const prev = rows[i - 1];
      row.rank = prev && prev.value === row.value ? prev.rank : i + 1;
    }
    return {
      period: this.period(filter),
      measure: measureName,
      rows: rows.map(({ rank, value, agency }) => ({ rank, value, agency })),
    };
  }

  async heatMap(mall: Mall, staff: Actor, query: PerformanceQuery): Promise<HeatMap> {
    const { filter, unit } = await this.scope(mall, staff, query);
    const grid = heatMap(await this.unitTally(mall, filter, unit));
    return { unit, period: this.period(filter), grid, max: Math.max(0, ...grid.flat()) };
  }

  /** The unit's own tallies over the period, merged. */
  private async unitTally(mall: Mall, filter: VisitFilter, unit: SkmUnit): Promise<Tally> {
    const dim = LEVELS[unit.level].dim;
    const id = unitIdOf(mall, unit);
    const units = await this.tallies(mall, filter, [dim], true);
    return mergeTallies(units.filter((u) => u.dim === dim && u.unitId === id).map((u) => u.tally));
  }

  async staffing(mall: Mall, staff: Actor, query: StaffingQuery): Promise<Staffing> {
    const { filter, unit } = await this.scope(mall, staff, query);
    return this.staffingFor(mall, unit, filter, query.targetWaitMinutes);
  }

  /**
   * The periodic report (monthly, quarterly, semester … any period) as a PDF for the Bupati's desk,
   * or as a workbook with every visit behind it.
   */
  async exportFile(mall: Mall, staff: Actor, query: PerformanceQuery, format: 'pdf' | 'xlsx'): Promise<ExportFile> {
    const scope = await this.scope(mall, staff, query);
    const { filter, unit } = scope;
    const { report, catalog } = await this.reportOf(mall, scope);
    const [trend, staffing] = await Promise.all([
      this.trend(mall, staff, {
        ...unitQuery(query),
        from: twelveMonthsBefore(filter.to),
        to: filter.to,
        granularity: 'month',
      }),
      unit.agency
        ? this.staffingFor(mall, unit, filter)
        : Promise.resolve({
            unit,
            period: report.period,
            targetWaitMinutes: mall.settings.waitWarningMinutes,
            hours: [],
          }),
    ]);
    const input = { report, trend, staffing, generatedAt: this.now(), timeZone: mall.timeZone };
    const fileName = exportFileName(mall.slug, unit.agency?.code ?? null, filter, format, 'kinerja');
    if (format === 'pdf') return { fileName, body: await renderPerformancePdf(input) };
    const names = {
      agency: new Map(catalog.agencies.map((a) => [a.id, a.name])),
      service: new Map(catalog.services.map((s) => [s.id, s.name])),
      counter: new Map(catalog.counters.map((c) => [c.id, c.name])),
      officer: new Map(catalog.officers.map((o) => [o.id, o.name])),
      standard: new Map(catalog.services.map((s) => [s.id, s.standardMinutes])),
    };
    const facts = await this.repo.facts(mall.id, filter);
    const rows: VisitExportRow[] = facts.map((f) => {
      const serviceSeconds =
        f.outcome === 'done' && f.startedAt !== null && f.finishedAt !== null
          ? (f.finishedAt - f.startedAt) / 1000
          : null;
      const standard = names.standard.get(f.serviceId) ?? null;
      return {
        date: f.date,
        hour: f.hour,
        agency: names.agency.get(f.agencyId) ?? f.agencyId,
        service: names.service.get(f.serviceId) ?? f.serviceId,
        counter: f.counterId ? (names.counter.get(f.counterId) ?? f.counterId) : null,
        officer: f.officerId ? (names.officer.get(f.officerId) ?? f.officerId) : null,
        priority: f.priority,
        transferredIn: f.transferredIn,
        enteredAt: f.enteredAt,
        calledAt: f.calledAt,
        startedAt: f.startedAt,
        finishedAt: f.finishedAt,
        outcome: f.outcome,
        waitSeconds: f.calledAt !== null ? (f.calledAt - f.enteredAt) / 1000 : null,
        serviceSeconds,
        withinStandard: serviceSeconds !== null && standard !== null ? serviceSeconds <= standard * 60 : null,
      };
    });
    rows.sort((a, b) => a.enteredAt - b.enteredAt);
    return { fileName, body: await renderPerformanceXlsx({ ...input, rows }) };
  }

  /** Staffing advice for an agency (or the service's, counter's or officer's agency). */
  async staffingFor(mall: Mall, unit: SkmUnit, filter: Period, targetWaitMinutes?: number): Promise<Staffing> {
    const agencyId = unit.agency?.id;
    if (!agencyId) {
      throw new AppError('validation', {
        field: 'agencyId',
        problemId: 'saran jumlah loket dihitung per instansi: pilih instansinya',
        problemEn: 'staffing advice is per agency: choose the agency',
      });
    }
    const [catalog, units] = await Promise.all([
      this.catalog(mall.id),
      this.tallies(mall, { from: filter.from, to: filter.to, agencyId }, ['agency'], true),
    ]);
    const agency = catalog.agencies.find((a) => a.id === agencyId);
    const target = targetWaitMinutes ?? agency?.thresholdMinutes ?? mall.settings.waitWarningMinutes;
    const hours = staffingByHour(mergeTallies(units.map((u) => u.tally)), { targetWaitMinutes: target });
    return { unit, period: this.period(filter), targetWaitMinutes: target, hours };
  }
}

/** The unit part of a query (the period is replaced). */
function unitQuery(q: PerformanceQuery): PerformanceQuery {
  const { agencyId, serviceId, counterId, officerId } = q;
  return {
    ...(agencyId !== undefined ? { agencyId } : {}),
    ...(serviceId !== undefined ? { serviceId } : {}),
    ...(counterId !== undefined ? { counterId } : {}),
    ...(officerId !== undefined ? { officerId } : {}),
  };
}

/** The first day of the month eleven months before the date's: twelve months ending with it. */
function twelveMonthsBefore(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 12, 1));
  return first.toISOString().slice(0, 10);
}

/** A bucket's first and last day, clipped to the period. */
function bucketBounds(key: string, granularity: Granularity, period: Period): { from: string; to: string } {
  let from: string;
  let to: string;
  if (granularity === 'month') {
    from = `${key}-01`;
    to = lastOfMonth(from);
  } else {
    from = key;
    to = addDays(key, 6);
  }
  return { from: from < period.from ? period.from : from, to: to > period.to ? period.to : to };
}

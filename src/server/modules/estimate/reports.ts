/**
 * What the estimates' history tells: the typical wait by weekday and hour (when to come, for
 * citizens), and how often the estimates given came true against the queue-length baseline (for
 * staff), per service and week.
 */
import type { EstimateAccuracy, EstimateAccuracyQuery, TypicalWait } from '../../../api/estimate.js';
import type { SkmUnit } from '../../../api/skm.js';
import { type Actor, canEvaluate } from '../../../domain/access.js';
import { type Accuracy, accuracy, type EstimatePair } from '../../../domain/estimate.js';
import { addDays, localTime, WEEKDAYS, weekdayOf } from '../../../domain/schedule.js';
import { typicalWaits } from '../../../domain/typical-wait.js';
import { AppError } from '../../errors.js';
import type { Mall } from '../../plugins/tenant.js';
import { TtlCache } from '../../ttl-cache.js';
import type { EstimateRepository, GivenEstimate } from './repository.js';

const TYPICAL_WEEKS = 8;
const ACCURACY_DAYS = 7;
const TYPICAL_TTL_MS = 10 * 60_000;

export interface EstimateReportsDeps {
  now: () => number;
  /** a report's period and unit, checked as every report checks them (400, 404) */
  scope(
    mall: Mall,
    query: EstimateAccuracyQuery,
  ): Promise<{
    filter: { from: string; to: string; agencyId?: string | undefined; serviceId?: string | undefined };
    unit: SkmUnit;
  }>;
}

type Figures = Omit<Accuracy, 'count'>;

/** Loket's and the baseline's figures over the same tickets: those both gave an estimate for. */
function compared(rows: readonly GivenEstimate[]) {
  const mine: EstimatePair[] = [];
  const base: EstimatePair[] = [];
  for (const r of rows) {
    if (r.kind !== 'issue' || r.baseline_ms === null) continue;
    const actualMs = r.called_at - r.given_at;
    mine.push({ estimateMs: r.wait_ms, actualMs });
    base.push({ estimateMs: r.baseline_ms, actualMs });
  }
  const { count, ...figures } = accuracy(mine);
  const { count: _, ...baseline } = accuracy(base);
  return { count, ...figures, baseline: baseline as Figures };
}

/** The Monday of a date's week. */
const mondayOf = (date: string) => addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)));

export class EstimateReports {
  private readonly typical = new TtlCache<TypicalWait>(TYPICAL_TTL_MS);

  constructor(
    private readonly repo: EstimateRepository,
    private readonly deps: EstimateReportsDeps,
  ) {}

  async typicalWait(mall: Mall, serviceId: string): Promise<TypicalWait> {
    const today = localTime(this.deps.now(), mall.timeZone).date;
    const key = `${mall.id}/${serviceId}/${today}`;
    const cached = this.typical.get(key);
    if (cached) return cached;
    if (!(await this.repo.serviceNames(mall.id, serviceId)).length)
      throw new AppError('service_not_found', { serviceId });
    const from = addDays(today, -7 * TYPICAL_WEEKS);
    const to = addDays(today, -1);
    const [waits, given] = await Promise.all([
      this.repo.waits(mall.id, serviceId, from, to),
      this.repo.given(mall.id, { from: addDays(today, -ACCURACY_DAYS), to: today, serviceId }),
    ]);
    const issued = compared(given);
    const answer: TypicalWait = {
      serviceId,
      from,
      to,
      cells: typicalWaits(waits),
      accuracy: { days: ACCURACY_DAYS, count: issued.count, withinShare: issued.withinShare },
    };
    this.typical.set(key, answer);
    return answer;
  }

  async accuracy(mall: Mall, staff: Actor, query: EstimateAccuracyQuery): Promise<EstimateAccuracy> {
    const { filter, unit } = await this.deps.scope(mall, query);
    if (!canEvaluate(staff, mall.id, unit.agency?.id ?? null)) throw new AppError('forbidden');
    const [rows, names] = await Promise.all([
      this.repo.given(mall.id, filter),
      this.repo.serviceNames(mall.id, filter.serviceId),
    ]);
    const byService = new Map<string, GivenEstimate[]>();
    const byWeek = new Map<string, GivenEstimate[]>();
    for (const r of rows) {
      byService.set(r.service_id, [...(byService.get(r.service_id) ?? []), r]);
      const week = mondayOf(r.service_date);
      byWeek.set(week, [...(byWeek.get(week) ?? []), r]);
    }
    const name = new Map(names.map((n) => [n.id, n]));
    const last = accuracy(
      rows.filter((r) => r.kind === 'last').map((r) => ({ estimateMs: r.wait_ms, actualMs: r.called_at - r.given_at })),
    );
    return {
      unit,
      period: { from: filter.from, to: filter.to },
      ...compared(rows),
      last,
      services: [...byService.entries()]
        .map(([serviceId, list]) => {
          const n = name.get(serviceId);
          return {
            serviceId,
            serviceName: n?.name ?? serviceId,
            agencyId: n?.agency_id ?? list[0]?.agency_id ?? '',
            agencyShortName: n?.agency_short_name ?? '',
            ...compared(list),
          };
        })
        .filter((s) => s.count > 0)
        .sort((a, b) => b.count - a.count),
      weeks: [...byWeek.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([monday, list]) => ({ from: monday, to: addDays(monday, 6), ...compared(list) })),
    };
  }
}

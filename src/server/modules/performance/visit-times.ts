/**
 * The evaluation of whole visits: time in the mall from the number taken to the last service done,
 * per number of services done in the visit, and per week of the period. An agency's or a service's
 * figures are the visits that passed through it (their whole stay, with the other agencies' stops).
 */
import type { VisitTimes, VisitTimesQuery } from '../../../api/performance.js';
import type { SkmUnit } from '../../../api/skm.js';
import { type Actor, canEvaluate } from '../../../domain/access.js';
import { addDays, WEEKDAYS, weekdayOf } from '../../../domain/schedule.js';
import { summarizeVisitTimes, type VisitTime, visitTimesOf } from '../../../domain/visit-time.js';
import { AppError } from '../../errors.js';
import type { Mall } from '../../plugins/tenant.js';
import type { PerformanceRepository, VisitStopRow } from './repository.js';

export interface VisitTimeReportsDeps {
  /** a report's period and unit, checked as every report checks them (400, 404) */
  scope(
    mall: Mall,
    query: VisitTimesQuery,
  ): Promise<{
    filter: { from: string; to: string; agencyId?: string | undefined; serviceId?: string | undefined };
    unit: SkmUnit;
  }>;
}

const mondayOf = (date: string) => addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)));

export class VisitTimeReports {
  constructor(
    private readonly repo: PerformanceRepository,
    private readonly deps: VisitTimeReportsDeps,
  ) {}

  async figures(mall: Mall, staff: Actor, query: VisitTimesQuery): Promise<VisitTimes> {
    const { filter, unit } = await this.deps.scope(mall, query);
    if (!canEvaluate(staff, mall.id, unit.agency?.id ?? null)) throw new AppError('forbidden');
    const stops = await this.repo.visitStops(mall.id, filter);
    const passedThrough = (s: VisitStopRow) =>
      (!filter.agencyId || s.agencyId === filter.agencyId) && (!filter.serviceId || s.serviceId === filter.serviceId);
    const visitIds = new Set(stops.filter(passedThrough).map((s) => s.visitId));
    // a visit's week is its first stop's day
    const weekOf = new Map<string, string>();
    for (const s of stops) {
      if (!visitIds.has(s.visitId)) continue;
      const known = weekOf.get(s.visitId);
      if (known === undefined || s.date < known) weekOf.set(s.visitId, s.date);
    }
    const all = visitTimesOf(stops.filter((s) => visitIds.has(s.visitId)));
    const times = new Map<string, VisitTime[]>();
    for (const t of all) {
      const week = mondayOf(weekOf.get(t.visitId) ?? filter.from);
      const list = times.get(week);
      if (list) list.push(t);
      else times.set(week, [t]);
    }
    return {
      period: { from: filter.from, to: filter.to },
      ...summarizeVisitTimes(all),
      weeks: [...times]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([monday, list]) => {
          const { byStops: _, ...whole } = summarizeVisitTimes(list);
          const { byStops: __, ...multiStop } = summarizeVisitTimes(list.filter((t) => t.stops >= 2));
          return { from: monday, to: addDays(monday, 6), ...whole, multiStop };
        }),
    };
  }
}

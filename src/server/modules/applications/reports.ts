/**
 * The evaluation of applications: received, ready, ready within the standard time, still open and
 * overdue today, and the days it took — per agency, per service and per week of the period.
 */
import type { ApplicationFigures, ApplicationFiguresQuery } from '../../../api/applications.js';
import type { SkmUnit } from '../../../api/skm.js';
import { type Actor, canEvaluate } from '../../../domain/access.js';
import { type ApplicationFact, tallyApplications } from '../../../domain/application.js';
import { addDays, localTime, WEEKDAYS, weekdayOf } from '../../../domain/schedule.js';
import { AppError } from '../../errors.js';
import type { Mall } from '../../plugins/tenant.js';
import type { ApplicationRepository } from './repository.js';

export interface ApplicationReportsDeps {
  now: () => number;
  /** a report's period and unit, checked as every report checks them (400, 404) */
  scope(
    mall: Mall,
    query: ApplicationFiguresQuery,
  ): Promise<{
    filter: { from: string; to: string; agencyId?: string | undefined; serviceId?: string | undefined };
    unit: SkmUnit;
  }>;
}

type FactRow = Awaited<ReturnType<ApplicationRepository['facts']>>[number];

const fact = (r: FactRow): ApplicationFact => ({
  status: r.status,
  receivedDate: r.received_date,
  dueDate: r.due_date,
  readyDate: r.ready_date,
});

function groupBy<K>(rows: readonly FactRow[], key: (r: FactRow) => K): Map<K, FactRow[]> {
  const out = new Map<K, FactRow[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

export class ApplicationReports {
  constructor(
    private readonly repo: ApplicationRepository,
    private readonly deps: ApplicationReportsDeps,
  ) {}

  async figures(mall: Mall, staff: Actor, query: ApplicationFiguresQuery): Promise<ApplicationFigures> {
    const { filter, unit } = await this.deps.scope(mall, query);
    if (!canEvaluate(staff, mall.id, unit.agency?.id ?? null)) throw new AppError('forbidden');
    const today = localTime(this.deps.now(), mall.timeZone).date;
    const rows = await this.repo.facts(mall.id, filter);
    const tally = (list: readonly FactRow[]) => tallyApplications(list.map(fact), today);
    const mondayOf = (date: string) => addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)));
    return {
      period: { from: filter.from, to: filter.to },
      ...tally(rows),
      agencies: [...groupBy(rows, (r) => r.agency_id)].map(([agencyId, list]) => ({
        agencyId,
        agencyShortName: list[0]?.agency_short_name ?? '',
        ...tally(list),
      })),
      services: [...groupBy(rows, (r) => r.service_id)].map(([serviceId, list]) => ({
        serviceId,
        serviceName: list[0]?.service_name ?? '',
        agencyId: list[0]?.agency_id ?? '',
        ...tally(list),
      })),
      weeks: [...groupBy(rows, (r) => mondayOf(r.received_date))]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([monday, list]) => ({ from: monday, to: addDays(monday, 6), ...tally(list) })),
    };
  }
}

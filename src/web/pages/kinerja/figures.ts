/** Small sums and orders over the figures of whole visits and of applications that the screen shows. */
import type { VisitTimes } from '../../../api/performance';

type StopRow = VisitTimes['byStops'][number];

/**
 * The visits of two services or more in one: how many, and their mean time in the mall (the means
 * per number of services weighted by their visits; a median or P90 cannot be put together so).
 */
export function multiStopMean(byStops: readonly StopRow[]): { visits: number; meanMinutes: number | null } {
  let visits = 0;
  let minutes = 0;
  for (const row of byStops) {
    if (row.stops < 2 || row.meanMinutes === null || row.visits === 0) continue;
    visits += row.visits;
    minutes += row.visits * row.meanMinutes;
  }
  return { visits, meanMinutes: visits === 0 ? null : minutes / visits };
}

/** A share 0–1 as a percentage for a chart (one decimal), or a gap. */
export const percentPoint = (share: number | null): number | null =>
  share === null ? null : Math.round(share * 1000) / 10;

interface Urgency {
  overdueNow: number;
  received: number;
}

/** Rows of the applications' tables: the most overdue first, then the busiest. */
export const byUrgency = (a: Urgency, b: Urgency) => b.overdueNow - a.overdueNow || b.received - a.received;

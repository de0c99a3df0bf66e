/**
 * The estimates the demo history's citizens would have been given at the kiosk, so the evaluation
 * has their accuracy to show from the first start: each of the last days replayed (src/domain/
 * replay.ts, the live estimator from what was known at each arrival, with the same weekday of the
 * weeks before as its history) and stored as the live queue stores them (ticket_estimates, 'issue'),
 * beside the baseline's answer. A replay knows no opening hours or bookings: the same as the
 * demo history, which has neither.
 */
import type { Kysely } from 'kysely';
import { type ReplayRow, replayEstimates } from '../../../domain/replay.js';
import { addDays, instantAt, localTime } from '../../../domain/schedule.js';
import type { DB } from '../schema.js';

const HISTORY_WEEKS = 4;
/** fewer plays than the live queue's 100: the figures are a demo's, and the start is not kept waiting long */
const RUNS = 40;
const ROWS_PER_INSERT = 400;

/**
 * A stored day's visits as replay rows (times after the day's local midnight), beside the visits
 * themselves: what a replay of that day reads.
 */
export async function replayDay(db: Kysely<DB>, mallId: string, timeZone: string, date: string) {
  const visits = await db
    .selectFrom('visits')
    .select([
      'id',
      'ticket_id',
      'agency_id',
      'service_id',
      'entered_at',
      'called_at',
      'ended_at',
      'counter_id',
      'priority',
      'transferred_in',
    ])
    .where('mall_id', '=', mallId)
    .where('service_date', '=', date)
    .orderBy('entered_at')
    .execute();
  const base = instantAt(date, 0, timeZone);
  const rows: ReplayRow[] = visits.map((v) => ({
    id: v.id,
    service: v.service_id,
    arrival: Number(v.entered_at) - base,
    start: v.called_at === null ? null : Number(v.called_at) - base,
    end: v.ended_at === null ? null : Number(v.ended_at) - base,
    counter: v.called_at === null ? null : v.counter_id,
    priority: v.priority,
    appointment: null,
  }));
  return { visits, rows };
}

export async function seedHistoryEstimates(
  db: Kysely<DB>,
  options: { mallSlug: string; days: number; now: number },
): Promise<{ days: number; estimates: number }> {
  const mall = await db
    .selectFrom('malls')
    .select(['id', 'time_zone'])
    .where('slug', '=', options.mallSlug)
    .executeTakeFirst();
  if (!mall) throw new Error(`seedHistoryEstimates: no mall "${options.mallSlug}"`);
  const today = localTime(options.now, mall.time_zone).date;
  const dayRows = (date: string) => replayDay(db, mall.id, mall.time_zone, date);
  let stored = 0;
  let days = 0;
  for (let k = options.days; k >= 1; k--) {
    const date = addDays(today, -k);
    const day = await dayRows(date);
    if (day.rows.length === 0) continue;
    const history: ReplayRow[][] = [];
    for (let w = HISTORY_WEEKS; w >= 1; w--) history.push((await dayRows(addDays(date, -7 * w))).rows);
    const loket = replayEstimates(day.rows, { history, runs: RUNS });
    const baseline = replayEstimates(day.rows, { history, baseline: true });
    const values = day.visits.flatMap((v, i) => {
      const e = loket[i];
      // the estimate given at the kiosk: the ticket's first visit
      if (v.transferred_in === 1 || !e || e.estimateSeconds === null) return [];
      const b = baseline[i]?.estimateSeconds ?? null;
      return [
        {
          ticket_id: v.ticket_id,
          kind: 'issue' as const,
          mall_id: mall.id,
          service_id: v.service_id,
          agency_id: v.agency_id,
          service_date: date,
          given_at: Number(v.entered_at),
          wait_ms: e.estimateSeconds * 1000,
          low_ms: (e.lowSeconds ?? e.estimateSeconds) * 1000,
          high_ms: (e.highSeconds ?? e.estimateSeconds) * 1000,
          baseline_ms: b === null ? null : b * 1000,
        },
      ];
    });
    for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
      await db
        .insertInto('ticket_estimates')
        .values(values.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) => oc.columns(['ticket_id', 'kind']).doNothing())
        .execute();
    }
    stored += values.length;
    days++;
  }
  return { days, estimates: stored };
}

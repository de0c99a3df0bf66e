/**
 * 6. How good the wait estimate is (issue #12): simulated busy days replayed, Loket's estimator
 *    against the queue-length baseline on the same tickets.
 *
 * Each day is made by the demo history's simulation (src/server/db/seed/history.ts: the whole mall,
 * the live call-next rule, long-tailed service times, counters opening late or leaving early, a
 * Monday rush, no-shows) on an in-memory SQLite database with its own seed, printed. Its visits
 * become the replay's rows (arrival = joined the line, start = the call, end = left the counter or
 * the line, the counter, the priority), and both estimators are replayed over them exactly as
 * `npm run loket -- replay-estimates` does: at each arrival, from what was known then. A row counts
 * when it was called and both estimators gave an estimate. Figures per day, not tuned to one.
 * Goals: MAE ≤ 0.7 × the baseline's, and ≥ 80 % within ±max(5 min, 25 %).
 */
import { performance } from 'node:perf_hooks';
import { type Accuracy, accuracy, type EstimatePair } from '../src/domain/estimate.js';
import { type ReplayRow, replayEstimates } from '../src/domain/replay.js';
import { addDays } from '../src/domain/schedule.js';
import { migrate, openDatabase } from '../src/server/db/database.js';
import { DEMO_TICKETS_PER_DAY, seedHistory } from '../src/server/db/seed/history.js';
import { replayDay } from '../src/server/db/seed/history-estimates.js';
import { seedDemo } from '../src/server/db/seed/seed.js';

export const ESTIMATE_GOALS = { maeRatioAtMost: 0.7, withinAtLeast: 0.8 };

export interface EstimateDay {
  date: string;
  weekday: string;
  seed: number;
  /** weeks of the same weekday known before the day (0: the file only) */
  history: number;
  tickets: number;
  /** rows with a call and an estimate from both */
  counted: number;
  /** rows neither could estimate (no counter seen serving the service yet) */
  without: number;
  meanWaitMinutes: number;
  loket: Accuracy;
  baseline: Accuracy;
  maeRatio: number | null;
  replaySeconds: number;
}

/** A simulated day of the demo mall as replay rows (times after the day's local midnight), with
 * the same weekday of the weeks before it: its history. */
export async function simulatedDay(
  date: string,
  seed: number,
  ticketsPerDay: number,
  weeksBefore = 0,
): Promise<{ rows: ReplayRow[]; history: ReplayRow[][] }> {
  const database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  try {
    await migrate(database);
    const now = Date.parse(`${date}T00:00:00Z`) - (7 * weeksBefore + 30) * 86_400_000;
    await seedDemo(database.db, { password: 'bench-estimates-2026', now });
    const first = addDays(date, -7 * weeksBefore);
    await seedHistory(database.db, { mallSlug: 'blora', from: first, to: date, ticketsPerDay, seed, skmShare: 0 });
    const mall = await database.db.selectFrom('malls').select(['id', 'time_zone']).executeTakeFirstOrThrow();
    const dayRows = async (day: string) => (await replayDay(database.db, mall.id, mall.time_zone, day)).rows;
    const history: ReplayRow[][] = [];
    for (let k = weeksBefore; k >= 1; k--) history.push(await dayRows(addDays(date, -7 * k)));
    return { rows: await dayRows(date), history };
  } finally {
    await database.close();
  }
}

export function scoreDay(rows: readonly ReplayRow[], history: readonly ReplayRow[][] = []) {
  const loket = replayEstimates(rows, { history });
  const baseline = replayEstimates(rows, { baseline: true, history });
  const pairs: Record<'loket' | 'baseline', EstimatePair[]> = { loket: [], baseline: [] };
  let without = 0;
  let waits = 0;
  rows.forEach((r, i) => {
    const a = loket[i]?.estimateSeconds;
    const b = baseline[i]?.estimateSeconds;
    if (a == null || b == null) {
      without++;
      return;
    }
    if (r.start === null) return;
    const actualMs = r.start - r.arrival;
    waits += actualMs;
    pairs.loket.push({ estimateMs: a * 1000, actualMs });
    pairs.baseline.push({ estimateMs: b * 1000, actualMs });
  });
  return {
    loket: accuracy(pairs.loket),
    baseline: accuracy(pairs.baseline),
    counted: pairs.loket.length,
    without,
    meanWaitMinutes: pairs.loket.length > 0 ? waits / pairs.loket.length / 60_000 : 0,
  };
}

const DAYS: { date: string; seed: number; volume: number }[] = [
  // a Monday (the rush), a Tuesday, a Thursday and a Friday (its prayer break), each its own seed
  { date: '2026-03-02', seed: 101, volume: 1.15 },
  { date: '2026-05-12', seed: 202, volume: 1.15 },
  { date: '2026-07-16', seed: 303, volume: 1.2 },
  { date: '2026-09-11', seed: 404, volume: 1.2 },
];

/** weeks of the same weekday before each day, its history (as the live queue reads eight) */
const HISTORY_WEEKS = 4;

export async function benchEstimates(log: (m: string) => void): Promise<EstimateDay[]> {
  const out: EstimateDay[] = [];
  for (const d of DAYS) {
    const { rows, history } = await simulatedDay(
      d.date,
      d.seed,
      Math.round(DEMO_TICKETS_PER_DAY * d.volume),
      HISTORY_WEEKS,
    );
    const weekday = new Date(`${d.date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
    for (const withHistory of [true, false]) {
      const started = performance.now();
      const score = scoreDay(rows, withHistory ? history : []);
      const replaySeconds = (performance.now() - started) / 1000;
      const day: EstimateDay = {
        date: d.date,
        weekday,
        seed: d.seed,
        history: withHistory ? history.length : 0,
        tickets: rows.length,
        ...score,
        maeRatio:
          score.loket.maeMinutes !== null && score.baseline.maeMinutes
            ? score.loket.maeMinutes / score.baseline.maeMinutes
            : null,
        replaySeconds,
      };
      log(
        `[estimates] ${d.date} (${weekday}, seed ${d.seed}, ${withHistory ? `${history.length} weeks of history` : 'the file only'}): ${rows.length} visits, ${score.counted} counted, mean wait ${score.meanWaitMinutes.toFixed(1)} min; ` +
          `MAE ${fmt(score.loket.maeMinutes)} vs ${fmt(score.baseline.maeMinutes)} min (ratio ${fmt(day.maeRatio, 2)}), ` +
          `within ${pct(score.loket.withinShare)} vs ${pct(score.baseline.withinShare)}, bias ${fmt(score.loket.biasMinutes)} vs ${fmt(score.baseline.biasMinutes)} (${replaySeconds.toFixed(1)} s)`,
      );
      out.push(day);
    }
  }
  return out;
}

const fmt = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(0)} %`);

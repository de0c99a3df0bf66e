/**
 * The typical wait by weekday and hour, from the waits of past weeks: when it is best to come.
 * Pure: waits in, one cell per weekday and hour that saw visits out.
 */
import { quantile } from './estimate.js';
import { WEEKDAYS, type Weekday, weekdayOf } from './schedule.js';

export interface PastWait {
  /** the local date and hour the citizen joined the line */
  date: string;
  hour: number;
  waitMs: number;
}

export interface TypicalWaitCell {
  weekday: Weekday;
  hour: number;
  visits: number;
  medianMinutes: number;
  p80Minutes: number;
}

const MINUTE = 60_000;

export function typicalWaits(waits: readonly PastWait[]): TypicalWaitCell[] {
  const cells = new Map<string, { weekday: Weekday; hour: number; waits: number[] }>();
  for (const w of waits) {
    const weekday = weekdayOf(w.date);
    const key = `${weekday}/${w.hour}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { weekday, hour: w.hour, waits: [] };
      cells.set(key, cell);
    }
    cell.waits.push(Math.max(0, w.waitMs));
  }
  return [...cells.values()]
    .sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || a.hour - b.hour)
    .map((c) => {
      const sorted = c.waits.sort((a, b) => a - b);
      return {
        weekday: c.weekday,
        hour: c.hour,
        visits: sorted.length,
        medianMinutes: Math.round((quantile(sorted, 0.5) / MINUTE) * 10) / 10,
        p80Minutes: Math.round((quantile(sorted, 0.8) / MINUTE) * 10) / 10,
      };
    });
}

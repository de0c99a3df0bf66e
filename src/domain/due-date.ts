/**
 * An application's due date: its service's standard period from the day it was received, in
 * working days where the standard says so. Pure; apart from application.ts because the holiday
 * calendar (date-holidays) it reads is heavy for a screen that only needs the steps.
 */
import type { StandardPeriod } from './application.js';
import { addWorkingDays } from './holidays.js';
import { addDays, type SpecialDay } from './schedule.js';

/**
 * When an application received on `date` is due: N working days after it (weekends, national
 * holidays and the mall's own closed days — cuti bersama entered as special days — not counted),
 * N calendar days, N months, or the same day.
 */
export function dueDateOf(
  date: string,
  period: StandardPeriod,
  specialDay: (date: string) => SpecialDay | null,
): string {
  switch (period.unit) {
    case 'working_days':
      return addWorkingDays(date, period.n, specialDay);
    case 'days':
      return addDays(date, period.n);
    case 'months': {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const month = m - 1 + period.n;
      const year = y + Math.floor(month / 12);
      const mm = (month % 12) + 1;
      // the same day of the month, or the month's last day when it has no such day (31 Jan + 1)
      const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
      return `${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
    }
    case 'same_day':
      return date;
  }
}

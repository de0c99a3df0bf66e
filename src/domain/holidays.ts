/**
 * Indonesia's national holidays (hari libur nasional) and working days (hari kerja), pure.
 *
 * The dates come from date-holidays, a kept library: fixed dates, Easter's, and the Islamic,
 * Chinese and Balinese ones by its own calculation. Two limits, said where they matter: the
 * government fixes the Islamic dates each year by sighting (SKB 3 Menteri), so a computed date
 * can be a day off; and cuti bersama (collective leave) is decided yearly and is not in the
 * library. A mall enters both as its own special days, which always win over this list.
 */
import Holidays from 'date-holidays';
import { addDays, type SpecialDay, weekdayOf } from './schedule.js';

// The library's Indonesian name for 27 Rajab is wrong ("Maulid Nabi Muhammad"): it is Isra Mikraj.
const NAME_BY_RULE: Record<string, string> = { '27 Rajab': 'Isra Mikraj Nabi Muhammad' };

const byYear = new Map<number, Map<string, string>>();

/** The national public holidays of a year: local date (YYYY-MM-DD) → name in Indonesian. */
export function nationalHolidays(year: number): ReadonlyMap<string, string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Map();
    const calendar = new Holidays('ID', { languages: ['id'], types: ['public'] });
    for (const h of calendar.getHolidays(year)) {
      const date = h.date.slice(0, 10);
      const name = NAME_BY_RULE[h.rule] ?? h.name;
      // two holidays on one date (it happens): name both
      const other = days.get(date);
      days.set(date, other && other !== name ? `${other}; ${name}` : name);
    }
    byYear.set(year, days);
  }
  return days;
}

/** The national holiday on a date, or null. */
export function nationalHoliday(date: string): string | null {
  return nationalHolidays(Number(date.slice(0, 4))).get(date) ?? null;
}

/**
 * The hours that hold on a date, as a special day, when they differ from the weekday's: the mall's
 * own special day first; else, when the mall closes on national holidays, the holiday (closed).
 */
export function specialDayOn(
  date: string,
  own: SpecialDay | null,
  closedOnNationalHolidays: boolean,
): SpecialDay | null {
  if (own) return own;
  if (!closedOnNationalHolidays) return null;
  const name = nationalHoliday(date);
  return name ? { date, spans: [], note: name } : null;
}

/**
 * A government working day (hari kerja): Monday to Friday, not a national holiday, and not a day
 * the mall closed. Deadlines in working days (SP4N-LAPOR's, a service's standard time) count these.
 */
export function isWorkingDay(date: string, own: SpecialDay | null): boolean {
  const weekday = weekdayOf(date);
  if (weekday === 'sat' || weekday === 'sun') return false;
  if (own) return own.spans.length > 0;
  return nationalHoliday(date) === null;
}

/**
 * The date `n` working days after `from` (n ≥ 1; `from` itself does not count), the way a
 * deadline "within 5 working days" is read. `specialDay` gives the mall's own days.
 */
export function addWorkingDays(from: string, n: number, specialDay: (date: string) => SpecialDay | null): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let date = from;
  for (let left = n; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, specialDay(date))) left--;
  }
  return date;
}

/**
 * Opening hours and the mall's local time. Pure: instants in, local parts out; the time zone is
 * the mall's IANA name, resolved by the platform's Intl data.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:mm", 00:00–23:59 for an opening, up to 24:00 for a closing */
export interface Span {
  open: string;
  close: string;
}
export type WeeklyHours = Record<Weekday, Span[]>;

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  weekday: Weekday;
  hour: number;
  /** minutes since local midnight */
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localTime(instant: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const hour = Number(parts.hour);
  const weekday = (parts.weekday ?? '').toLowerCase().slice(0, 3) as Weekday;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    hour,
    minuteOfDay: hour * 60 + Number(parts.minute),
  };
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of "HH:mm"; "24:00" only where allowEnd; null when malformed. */
export function parseClock(value: string, allowEnd = false): number | null {
  if (allowEnd && value === '24:00') return 24 * 60;
  const m = CLOCK.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export interface HoursProblem {
  /** where, e.g. "weekly.fri[1].close" */
  path: string;
  code: 'bad_clock' | 'close_before_open' | 'overlap';
}

/** Everything wrong with a week of hours; empty when it is good. Spans of a day may come in any order. */
export function validateWeeklyHours(weekly: WeeklyHours): HoursProblem[] {
  const problems: HoursProblem[] = [];
  for (const day of WEEKDAYS) {
    const spans: { open: number; close: number; i: number }[] = [];
    (weekly[day] ?? []).forEach((span, i) => {
      const open = parseClock(span.open);
      const close = parseClock(span.close, true);
      if (open === null) problems.push({ path: `weekly.${day}[${i}].open`, code: 'bad_clock' });
      if (close === null) problems.push({ path: `weekly.${day}[${i}].close`, code: 'bad_clock' });
      if (open === null || close === null) return;
      if (close <= open) problems.push({ path: `weekly.${day}[${i}].close`, code: 'close_before_open' });
      else spans.push({ open, close, i });
    });
    spans.sort((a, b) => a.open - b.open);
    // Compare with the latest close so far: a long span can overlap several later ones.
    let latestClose = -1;
    for (const span of spans) {
      if (span.open < latestClose) problems.push({ path: `weekly.${day}[${span.i}].open`, code: 'overlap' });
      latestClose = Math.max(latestClose, span.close);
    }
  }
  return problems;
}

export function isOpenAt(weekly: WeeklyHours, at: Pick<LocalTime, 'weekday' | 'minuteOfDay'>): boolean {
  return (weekly[at.weekday] ?? []).some((span) => {
    const open = parseClock(span.open);
    const close = parseClock(span.close, true);
    return open !== null && close !== null && at.minuteOfDay >= open && at.minuteOfDay < close;
  });
}

export const CLOSED_WEEK: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

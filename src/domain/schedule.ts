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

// formatToParts is the slow part of issuing a ticket: the answer is the same for a whole minute.
const lastMinute = new Map<string, { minute: number; time: LocalTime }>();

export function localTime(instant: number, timeZone: string): LocalTime {
  const minute = Math.floor(instant / 60_000);
  const last = lastMinute.get(timeZone);
  if (last?.minute === minute) return { ...last.time };
  const time = computeLocalTime(instant, timeZone);
  lastMinute.set(timeZone, { minute, time });
  return { ...time };
}

function computeLocalTime(instant: number, timeZone: string): LocalTime {
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
  return WEEKDAYS.flatMap((day) => validateSpans(weekly[day] ?? [], `weekly.${day}`));
}

/** Everything wrong with one day's spans (paths start with `path`, e.g. "spans[1].close"). */
export function validateSpans(day: readonly Span[], path: string): HoursProblem[] {
  const problems: HoursProblem[] = [];
  const spans: { open: number; close: number; i: number }[] = [];
  day.forEach((span, i) => {
    const open = parseClock(span.open);
    const close = parseClock(span.close, true);
    if (open === null) problems.push({ path: `${path}[${i}].open`, code: 'bad_clock' });
    if (close === null) problems.push({ path: `${path}[${i}].close`, code: 'bad_clock' });
    if (open === null || close === null) return;
    if (close <= open) problems.push({ path: `${path}[${i}].close`, code: 'close_before_open' });
    else spans.push({ open, close, i });
  });
  spans.sort((a, b) => a.open - b.open);
  // Compare with the latest close so far: a long span can overlap several later ones.
  let latestClose = -1;
  for (const span of spans) {
    if (span.open < latestClose) problems.push({ path: `${path}[${span.i}].open`, code: 'overlap' });
    latestClose = Math.max(latestClose, span.close);
  }
  return problems;
}

/** Whether one day's spans hold the minute; a malformed span never opens. */
export function isOpenDuring(spans: readonly Span[], minuteOfDay: number): boolean {
  return spans.some((span) => {
    const open = parseClock(span.open);
    const close = parseClock(span.close, true);
    return open !== null && close !== null && minuteOfDay >= open && minuteOfDay < close;
  });
}

export function isOpenAt(weekly: WeeklyHours, at: Pick<LocalTime, 'weekday' | 'minuteOfDay'>): boolean {
  return isOpenDuring(weekly[at.weekday] ?? [], at.minuteOfDay);
}

/**
 * A date whose hours differ from its weekday's: a holiday (no spans: closed all day), or other
 * hours (Ramadan's shorter days, a cuti bersama morning), with a note saying why.
 */
export interface SpecialDay {
  /** the local date, YYYY-MM-DD */
  date: string;
  /** empty: closed all day */
  spans: Span[];
  /** "Idul Fitri 1448 H", "Ramadan" */
  note: string;
}

/** The hours of a local date: its special day when it has one, else its weekday's weekly hours. */
export function hoursOn(
  weekly: WeeklyHours,
  special: SpecialDay | null | undefined,
  at: Pick<LocalTime, 'date' | 'weekday'>,
): Span[] {
  if (special && special.date === at.date) return special.spans;
  return weekly[at.weekday] ?? [];
}

/** Whether the mall is open at a local time, its special day (if any) taking the weekday's place. */
export function isOpenOn(weekly: WeeklyHours, special: SpecialDay | null | undefined, at: LocalTime): boolean {
  return isOpenDuring(hoursOn(weekly, special, at), at.minuteOfDay);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Epoch days of a real calendar date "YYYY-MM-DD"; null for anything else ("2026-02-30"). */
function epochDay(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : null;
}

export function isValidDate(date: string): boolean {
  return epochDay(date) !== null;
}

/** The weekday of a calendar date (time zones do not matter: it is already local). */
export function weekdayOf(date: string): Weekday {
  const day = epochDay(date);
  if (day === null) throw new RangeError(`not a date: ${date}`);
  // 1970-01-01 was a Thursday.
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7] as Weekday;
}

/**
 * The dates from `from` to `to`, both included, in order; only those on `weekdays` when given.
 * Empty when `to` is before `from`; throws on a malformed date.
 */
export function datesBetween(from: string, to: string, weekdays?: readonly Weekday[]): string[] {
  const start = epochDay(from);
  const end = epochDay(to);
  if (start === null || end === null) throw new RangeError(`not a date: ${start === null ? from : to}`);
  const dates: string[] = [];
  for (let d = start; d <= end; d++) {
    const date = new Date(d * DAY_MS).toISOString().slice(0, 10);
    if (!weekdays || weekdays.includes(weekdayOf(date))) dates.push(date);
  }
  return dates;
}

/** The date n days after (before, when negative) a date. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The instant at which the zone's clock shows this date and minute. Indonesia's zones keep no
 * daylight saving; elsewhere a skipped or repeated hour resolves to one of its instants.
 */
export function instantAt(date: string, minuteOfDay: number, timeZone: string): number {
  let t = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
  for (let i = 0; i < 3; i++) {
    const shown = localTime(t, timeZone);
    const off = daysFrom(date, shown.date) * 1440 + shown.minuteOfDay - minuteOfDay;
    if (off === 0) break;
    t -= off * 60_000;
  }
  return t;
}

export const CLOSED_WEEK: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

/** How Indonesia names its zones on a clock (WIB, WITA, WIT); null for any other zone. */
export function zoneName(timeZone: string | undefined): string | null {
  const names: Record<string, string> = {
    'Asia/Jakarta': 'WIB',
    'Asia/Pontianak': 'WIB',
    'Asia/Makassar': 'WITA',
    'Asia/Jayapura': 'WIT',
  };
  return (timeZone && names[timeZone]) || null;
}

/**
 * Online booking's rules, pure: a service's booking rules, the slots of a day, when booking for a
 * day opens, whether a slot may still be booked, and the check-in window around a slot.
 * Times are the mall's local clock (a date and minutes since midnight); instants only where a
 * caller hands them in.
 */
import { addDays, parseClock, type Span } from './schedule.js';

export interface BookingRules {
  enabled: boolean;
  /** length of one slot, minutes */
  slotMinutes: number;
  /** citizens one slot serves, walk-ins included */
  capacity: number;
  /** the share of each slot kept for walk-ins, 0–1 */
  walkInShare: number;
  /** how many days ahead a citizen may book (0: today only) */
  daysAhead: number;
  /** "HH:MM": booking for a day opens at this hour, daysAhead days before it */
  opensAt: string;
  /** check-in opens this many minutes before the slot … */
  checkInBeforeMinutes: number;
  /** … and closes this many minutes after its start */
  checkInAfterMinutes: number;
  /** the service asks for the NIK (one booking per NIK instead of per phone) */
  askNik: boolean;
  /** citizens may join today's queue from their phone without standing at the kiosk */
  onlineQueue: boolean;
}

export const DEFAULT_BOOKING_RULES: BookingRules = {
  enabled: false,
  slotMinutes: 30,
  capacity: 6,
  walkInShare: 0.5,
  daysAhead: 7,
  opensAt: '06:00',
  checkInBeforeMinutes: 30,
  checkInAfterMinutes: 15,
  askNik: false,
  onlineQueue: false,
};

/** Places of one slot that may be booked: the capacity less the walk-ins' share, rounded down. */
export function bookablePerSlot(rules: Pick<BookingRules, 'capacity' | 'walkInShare'>): number {
  // the epsilon keeps 10 × (1 − 0.3) = 6.999… at 7
  return Math.max(0, Math.floor(rules.capacity * (1 - rules.walkInShare) + 1e-9));
}

export interface Slot {
  /** "HH:MM" */
  start: string;
  end: string;
  /** minutes since local midnight */
  startMinute: number;
  endMinute: number;
}

export const clock = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The slots of a day with these opening spans: back to back from each span's opening, each whole
 * inside its span, so a break (Friday prayer) or the closing never falls inside a slot.
 */
export function slotsOfDay(spans: readonly Span[], slotMinutes: number): Slot[] {
  if (!(slotMinutes > 0)) return [];
  const ranges = spans
    .map((s) => ({ open: parseClock(s.open), close: parseClock(s.close, true) }))
    .filter((r): r is { open: number; close: number } => r.open !== null && r.close !== null && r.close > r.open)
    .sort((a, b) => a.open - b.open);
  const slots: Slot[] = [];
  let from = 0;
  for (const r of ranges) {
    // overlapping spans (refused by validation, but be safe): never offer a slot twice
    for (let t = Math.max(r.open, from); t + slotMinutes <= r.close; t += slotMinutes) {
      slots.push({ start: clock(t), end: clock(t + slotMinutes), startMinute: t, endMinute: t + slotMinutes });
    }
    from = Math.max(from, r.close);
  }
  return slots;
}

/** The local moment: a date and minutes since its midnight. */
export interface LocalMoment {
  date: string;
  minuteOfDay: number;
}

/** The local moment booking for a date opens: opensAt, daysAhead days before it. */
export function bookingOpensAt(date: string, rules: Pick<BookingRules, 'daysAhead' | 'opensAt'>): LocalMoment {
  return { date: addDays(date, -rules.daysAhead), minuteOfDay: parseClock(rules.opensAt) ?? 0 };
}

const before = (a: LocalMoment, b: LocalMoment) =>
  a.date < b.date || (a.date === b.date && a.minuteOfDay < b.minuteOfDay);

export type BookingRefusal =
  /** booking is off for the service */
  | 'disabled'
  /** the slot has begun or the day is over */
  | 'past'
  /** booking for that day has not opened yet (too far ahead, or before opensAt) */
  | 'not_open_yet';

/** Whether a slot starting at `startMinute` on `date` may be booked at `now`; null when it may. */
export function bookingRefusal(
  now: LocalMoment,
  date: string,
  startMinute: number,
  rules: BookingRules,
): BookingRefusal | null {
  if (!rules.enabled) return 'disabled';
  if (!before(now, { date, minuteOfDay: startMinute })) return 'past';
  if (before(now, bookingOpensAt(date, rules))) return 'not_open_yet';
  return null;
}

/** The instants a booking may check in between, from its slot's start instant. */
export function checkInWindow(
  slotStartAt: number,
  rules: Pick<BookingRules, 'checkInBeforeMinutes' | 'checkInAfterMinutes'>,
): { from: number; until: number } {
  return {
    from: slotStartAt - rules.checkInBeforeMinutes * 60_000,
    until: slotStartAt + rules.checkInAfterMinutes * 60_000,
  };
}

export type CheckInVerdict = 'ok' | 'too_early' | 'too_late';

export function checkInVerdict(now: number, window: { from: number; until: number }): CheckInVerdict {
  if (now < window.from) return 'too_early';
  if (now > window.until) return 'too_late';
  return 'ok';
}

/** Problems with booking rules as an admin typed them (field → code); empty when good. */
export function validateBookingRules(rules: BookingRules): { field: keyof BookingRules; code: string }[] {
  const problems: { field: keyof BookingRules; code: string }[] = [];
  if (parseClock(rules.opensAt) === null) problems.push({ field: 'opensAt', code: 'bad_clock' });
  if (rules.enabled && bookablePerSlot(rules) === 0) problems.push({ field: 'walkInShare', code: 'no_bookable_place' });
  return problems;
}

export interface BookingFact {
  date: string;
  serviceId: string;
  /** as stored, a booking still 'booked' after its window already counted as a no-show */
  status: 'booked' | 'checked_in' | 'cancelled' | 'no_show';
}

export interface BookingFigures {
  /** bookings made and not cancelled */
  booked: number;
  checkedIn: number;
  noShow: number;
  cancelled: number;
  /** places that could be booked (slots × places per slot) */
  capacity: number;
  /** no-shows among the bookings whose day has come: noShow ÷ (checkedIn + noShow); null with none */
  noShowRate: number | null;
  /** booked ÷ capacity; null without capacity */
  usedShare: number | null;
}

/** The booking figures of a group of bookings against the places that were offered. */
export function bookingFigures(facts: readonly BookingFact[], capacity: number): BookingFigures {
  let checkedIn = 0;
  let noShow = 0;
  let cancelled = 0;
  let open = 0;
  for (const f of facts) {
    if (f.status === 'checked_in') checkedIn++;
    else if (f.status === 'no_show') noShow++;
    else if (f.status === 'cancelled') cancelled++;
    else open++;
  }
  const booked = checkedIn + noShow + open;
  const decided = checkedIn + noShow;
  return {
    booked,
    checkedIn,
    noShow,
    cancelled,
    capacity,
    noShowRate: decided > 0 ? noShow / decided : null,
    usedShare: capacity > 0 ? booked / capacity : null,
  };
}

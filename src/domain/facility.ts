/**
 * The mall's facilities (issue #14, point 6): the directory and the rooms that agencies and the
 * public may book (the auditorium, the meeting room). Pure: whether a requested time fits a room's
 * hours and the booking rules, the steps a booking may take, and overlap of two times (the database
 * enforces it too, see migration 0019; this is for the friendly answer and the calendar).
 */
import {
  daysFrom,
  hoursOn,
  isValidDate,
  parseClock,
  type Span,
  type SpecialDay,
  type WeeklyHours,
  weekdayOf,
} from './schedule.js';

export const FACILITY_BOOKING_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type FacilityBookingStatus = (typeof FACILITY_BOOKING_STATUSES)[number];

/** A booking that holds its time: a request waiting for the admin, or an approved one. */
export const ACTIVE_BOOKING: readonly FacilityBookingStatus[] = ['pending', 'approved'];

/** Pending → approved | rejected (the mall admin decides); pending or approved → cancelled. */
const NEXT: Record<FacilityBookingStatus, readonly FacilityBookingStatus[]> = {
  pending: ['approved', 'rejected', 'cancelled'],
  approved: ['cancelled'],
  rejected: [],
  cancelled: [],
};

export function allowedSteps(from: FacilityBookingStatus): readonly FacilityBookingStatus[] {
  return NEXT[from];
}

export function canStep(from: FacilityBookingStatus, to: FacilityBookingStatus): boolean {
  return NEXT[from].includes(to);
}

export interface RoomRules {
  /** the shortest booking, minutes */
  minMinutes: number;
  /** the longest booking, minutes (one day's event) */
  maxMinutes: number;
  /** start and end fall on this grid, minutes (a calendar that reads at a glance) */
  stepMinutes: number;
  /** how far ahead a room can be requested, days */
  daysAhead: number;
}

export const ROOM_RULES: RoomRules = { minMinutes: 30, maxMinutes: 10 * 60, stepMinutes: 15, daysAhead: 90 };

export type TimeRefusal =
  | { field: 'date'; code: 'bad_date' | 'past' | 'too_far' }
  | { field: 'start' | 'end'; code: 'bad_clock' | 'off_grid' }
  | { field: 'end'; code: 'end_before_start' | 'too_short' | 'too_long' }
  | { field: 'start'; code: 'started' }
  | { field: 'date'; code: 'closed' }
  | { field: 'start' | 'end'; code: 'outside_hours'; hours: Span[] };

export interface RequestedTime {
  date: string;
  start: string;
  end: string;
}

/**
 * Why a requested time cannot be booked, or null when it can: a real date, today or later but not
 * too far ahead, a start before the end on the grid, within the room's hours that day (one span:
 * a meeting does not straddle the lunch break), not already begun.
 */
export function timeRefusal(
  req: RequestedTime,
  room: { hours: WeeklyHours; special?: SpecialDay | null },
  now: { date: string; minuteOfDay: number },
  rules: RoomRules = ROOM_RULES,
): TimeRefusal | null {
  if (!isValidDate(req.date)) return { field: 'date', code: 'bad_date' };
  const start = parseClock(req.start);
  const end = parseClock(req.end, true);
  if (start === null) return { field: 'start', code: 'bad_clock' };
  if (end === null) return { field: 'end', code: 'bad_clock' };
  if (start % rules.stepMinutes !== 0) return { field: 'start', code: 'off_grid' };
  if (end % rules.stepMinutes !== 0) return { field: 'end', code: 'off_grid' };
  if (end <= start) return { field: 'end', code: 'end_before_start' };
  if (end - start < rules.minMinutes) return { field: 'end', code: 'too_short' };
  if (end - start > rules.maxMinutes) return { field: 'end', code: 'too_long' };
  if (req.date < now.date) return { field: 'date', code: 'past' };
  if (daysFrom(now.date, req.date) > rules.daysAhead) return { field: 'date', code: 'too_far' };
  const spans = hoursOn(room.hours, room.special ?? null, { date: req.date, weekday: weekdayOf(req.date) });
  if (spans.length === 0) return { field: 'date', code: 'closed' };
  const fits = spans.some((s) => {
    const open = parseClock(s.open);
    const close = parseClock(s.close, true);
    return open !== null && close !== null && start >= open && end <= close;
  });
  if (!fits) {
    const startsInside = spans.some((s) => {
      const open = parseClock(s.open);
      const close = parseClock(s.close, true);
      return open !== null && close !== null && start >= open && start < close;
    });
    return { field: startsInside ? 'end' : 'start', code: 'outside_hours', hours: spans };
  }
  if (req.date === now.date && start < now.minuteOfDay) return { field: 'start', code: 'started' };
  return null;
}

/** Two half-open times [start, end) overlap; one ending as the other starts does not. */
export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Shown occupancy: how many are in now, out of how many fit, or null where nobody counts. */
export function occupancyLevel(count: number | null, capacity: number | null): 'free' | 'busy' | 'full' | null {
  if (count === null || capacity === null || capacity <= 0) return null;
  if (count >= capacity) return 'full';
  return count / capacity >= 0.7 ? 'busy' : 'free';
}

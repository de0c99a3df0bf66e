import { describe, expect, it } from 'vitest';
import { allowedSteps, canStep, occupancyLevel, overlaps, ROOM_RULES, timeRefusal } from './facility.js';
import type { WeeklyHours } from './schedule.js';

const day = [{ open: '07:30', close: '16:00' }];
const HOURS: WeeklyHours = {
  mon: day,
  tue: day,
  wed: day,
  thu: day,
  fri: [
    { open: '07:30', close: '11:00' },
    { open: '13:00', close: '16:00' },
  ],
  sat: [{ open: '08:00', close: '12:00' }],
  sun: [],
};
const room = { hours: HOURS };
/** Monday 30 November 2026, 09:00 */
const now = { date: '2026-11-30', minuteOfDay: 9 * 60 };
const ask = (date: string, start: string, end: string) => timeRefusal({ date, start, end }, room, now);

describe('a requested room time', () => {
  it('fits within one span of the day', () => {
    expect(ask('2026-12-01', '09:00', '12:00')).toBeNull();
    expect(ask('2026-12-01', '07:30', '16:00')).toBeNull();
    expect(ask('2026-12-04', '13:00', '15:30')).toBeNull();
    expect(ask('2026-12-05', '08:00', '12:00')).toBeNull();
  });

  it('refuses an end at or before the start, too short or too long', () => {
    expect(ask('2026-12-01', '10:00', '10:00')).toEqual({ field: 'end', code: 'end_before_start' });
    expect(ask('2026-12-01', '11:00', '10:00')).toEqual({ field: 'end', code: 'end_before_start' });
    expect(ask('2026-12-01', '10:00', '10:15')).toEqual({ field: 'end', code: 'too_short' });
    const long = timeRefusal({ date: '2026-12-01', start: '08:00', end: '16:00' }, room, now, {
      ...ROOM_RULES,
      maxMinutes: 4 * 60,
    });
    expect(long).toEqual({ field: 'end', code: 'too_long' });
  });

  it('refuses times off the 15-minute grid and malformed ones', () => {
    expect(ask('2026-12-01', '09:10', '10:00')).toEqual({ field: 'start', code: 'off_grid' });
    expect(ask('2026-12-01', '09:00', '10:05')).toEqual({ field: 'end', code: 'off_grid' });
    expect(ask('2026-12-01', '9:00', '10:00')).toEqual({ field: 'start', code: 'bad_clock' });
    expect(ask('2026-02-30', '09:00', '10:00')).toEqual({ field: 'date', code: 'bad_date' });
  });

  it("refuses outside the room's hours, across the Friday break, and a closed day", () => {
    expect(ask('2026-12-01', '07:00', '09:00')).toMatchObject({ field: 'start', code: 'outside_hours' });
    expect(ask('2026-12-01', '15:00', '17:00')).toMatchObject({ field: 'end', code: 'outside_hours' });
    expect(ask('2026-12-04', '10:00', '14:00')).toMatchObject({ field: 'end', code: 'outside_hours' });
    expect(ask('2026-12-06', '09:00', '10:00')).toEqual({ field: 'date', code: 'closed' });
    const holiday = timeRefusal(
      { date: '2026-12-01', start: '09:00', end: '10:00' },
      {
        hours: HOURS,
        special: { date: '2026-12-01', spans: [], note: 'Libur' },
      },
      now,
    );
    expect(holiday).toEqual({ field: 'date', code: 'closed' });
  });

  it('refuses the past, a start already gone today, and too far ahead', () => {
    expect(ask('2026-11-27', '09:00', '10:00')).toEqual({ field: 'date', code: 'past' });
    expect(ask('2026-11-30', '08:00', '10:00')).toEqual({ field: 'start', code: 'started' });
    expect(ask('2026-11-30', '09:00', '10:00')).toBeNull();
    expect(ask('2027-03-01', '09:00', '10:00')).toEqual({ field: 'date', code: 'too_far' });
  });
});

describe('a room booking', () => {
  it('goes pending → approved | rejected, and pending or approved → cancelled, never back', () => {
    expect(canStep('pending', 'approved')).toBe(true);
    expect(canStep('pending', 'rejected')).toBe(true);
    expect(canStep('pending', 'cancelled')).toBe(true);
    expect(canStep('approved', 'cancelled')).toBe(true);
    expect(canStep('approved', 'rejected')).toBe(false);
    expect(canStep('approved', 'pending')).toBe(false);
    expect(allowedSteps('rejected')).toEqual([]);
    expect(allowedSteps('cancelled')).toEqual([]);
  });

  it('overlaps another only when they share time; touching ends do not', () => {
    expect(overlaps({ start: 9, end: 12 }, { start: 11, end: 13 })).toBe(true);
    expect(overlaps({ start: 9, end: 12 }, { start: 10, end: 11 })).toBe(true);
    expect(overlaps({ start: 9, end: 12 }, { start: 12, end: 13 })).toBe(false);
    expect(overlaps({ start: 12, end: 13 }, { start: 9, end: 12 })).toBe(false);
  });
});

describe('occupancy', () => {
  it('is free, busy from 70 %, full at capacity, unknown where not counted', () => {
    expect(occupancyLevel(6, 15)).toBe('free');
    expect(occupancyLevel(11, 15)).toBe('busy');
    expect(occupancyLevel(15, 15)).toBe('full');
    expect(occupancyLevel(null, 15)).toBeNull();
    expect(occupancyLevel(3, null)).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BookingRules,
  bookablePerSlot,
  bookingFigures,
  bookingOpensAt,
  bookingRefusal,
  checkInVerdict,
  checkInWindow,
  DEFAULT_BOOKING_RULES,
  slotsOfDay,
} from './booking.js';
import { postponedArrival } from './pick-next.js';
import { addDays, instantAt, localTime, parseClock, type Span } from './schedule.js';

const RULES: BookingRules = { ...DEFAULT_BOOKING_RULES, enabled: true, daysAhead: 7, opensAt: '06:00' };
const clockOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Sorted, non-overlapping opening spans of a day, on 5-minute marks. */
const spansArb: fc.Arbitrary<Span[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 288 }), { minLength: 0, maxLength: 8 })
  .map((marks) => {
    const sorted = [...marks].sort((a, b) => a - b);
    const spans: Span[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      spans.push({
        open: clockOf((sorted[i] as number) * 5),
        close: (sorted[i + 1] as number) === 288 ? '24:00' : clockOf((sorted[i + 1] as number) * 5),
      });
    }
    return spans;
  });

describe('slots of a day', () => {
  it('lie whole inside one opening span, back to back from its opening, never in a break', () => {
    fc.assert(
      fc.property(spansArb, fc.integer({ min: 5, max: 240 }), (spans, length) => {
        const slots = slotsOfDay(spans, length);
        const ranges = spans.map((s) => ({
          open: parseClock(s.open) as number,
          close: parseClock(s.close, true) as number,
        }));
        for (const slot of slots) {
          expect(slot.endMinute - slot.startMinute).toBe(length);
          const span = ranges.find((r) => slot.startMinute >= r.open && slot.endMinute <= r.close);
          expect(span, `${slot.start}–${slot.end} in ${JSON.stringify(spans)}`).toBeDefined();
          expect((slot.startMinute - (span as { open: number }).open) % length).toBe(0);
        }
        // as many as fit: every span holds floor(length of span / slot length) of them
        const expected = ranges.reduce((n, r) => n + Math.floor((r.close - r.open) / length), 0);
        expect(slots).toHaveLength(expected);
        // in order, none twice
        for (let i = 1; i < slots.length; i++) {
          expect((slots[i] as { startMinute: number }).startMinute).toBeGreaterThanOrEqual(
            (slots[i - 1] as { endMinute: number }).endMinute,
          );
        }
      }),
    );
  });

  it('Friday prayer: 08:00–11:30 and 13:00–15:00 in 30 minutes', () => {
    const slots = slotsOfDay(
      [
        { open: '13:00', close: '15:00' },
        { open: '08:00', close: '11:30' },
      ],
      30,
    );
    expect(slots.map((s) => s.start)).toEqual([
      '08:00',
      '08:30',
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '13:00',
      '13:30',
      '14:00',
      '14:30',
    ]);
    expect(slotsOfDay([], 30)).toEqual([]);
    expect(slotsOfDay([{ open: '08:00', close: '08:20' }], 30)).toEqual([]);
  });
});

describe('places per slot', () => {
  it('capacity less the walk-ins share, rounded down, never negative and never more than the capacity', () => {
    expect(bookablePerSlot({ capacity: 10, walkInShare: 0.3 })).toBe(7);
    expect(bookablePerSlot({ capacity: 4, walkInShare: 0.5 })).toBe(2);
    expect(bookablePerSlot({ capacity: 5, walkInShare: 0.5 })).toBe(2);
    expect(bookablePerSlot({ capacity: 6, walkInShare: 1 })).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (capacity, share) => {
        const n = bookablePerSlot({ capacity, walkInShare: share });
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(capacity);
        // the walk-ins keep at least their share
        expect(capacity - n).toBeGreaterThanOrEqual(capacity * share - 1e-6);
      }),
    );
  });
});

describe('the booking horizon', () => {
  const date = '2026-12-10';
  it('opens at opensAt, daysAhead days before, and closes when the slot begins', () => {
    expect(bookingOpensAt(date, RULES)).toEqual({ date: '2026-12-03', minuteOfDay: 360 });
    expect(bookingRefusal({ date: '2026-12-03', minuteOfDay: 359 }, date, 540, RULES)).toBe('not_open_yet');
    expect(bookingRefusal({ date: '2026-12-03', minuteOfDay: 360 }, date, 540, RULES)).toBeNull();
    expect(bookingRefusal({ date: '2026-12-02', minuteOfDay: 600 }, date, 540, RULES)).toBe('not_open_yet');
    expect(bookingRefusal({ date, minuteOfDay: 539 }, date, 540, RULES)).toBeNull();
    expect(bookingRefusal({ date, minuteOfDay: 540 }, date, 540, RULES)).toBe('past');
    expect(bookingRefusal({ date: '2026-12-11', minuteOfDay: 0 }, date, 540, RULES)).toBe('past');
    expect(bookingRefusal({ date, minuteOfDay: 0 }, date, 540, { ...RULES, enabled: false })).toBe('disabled');
    // Jakarta's MPP: same-day booking opening at 06:00
    const sameDay = { ...RULES, daysAhead: 0 };
    expect(bookingRefusal({ date, minuteOfDay: 5 * 60 + 59 }, date, 540, sameDay)).toBe('not_open_yet');
    expect(bookingRefusal({ date, minuteOfDay: 6 * 60 }, date, 540, sameDay)).toBeNull();
    expect(bookingRefusal({ date: '2026-12-09', minuteOfDay: 23 * 60 }, date, 540, sameDay)).toBe('not_open_yet');
  });

  it('refuses exactly the slots before their opening moment or already begun', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3, max: 20 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 1439 }),
        (dayOffset, nowMinute, startMinute, daysAhead, opens) => {
          const rules = { ...RULES, daysAhead, opensAt: clockOf(opens) };
          const now = { date: addDays(date, -dayOffset), minuteOfDay: nowMinute };
          const r = bookingRefusal(now, date, startMinute, rules);
          const nowKey = -dayOffset * 1440 + nowMinute;
          const begun = nowKey >= startMinute;
          const opened = nowKey >= -daysAhead * 1440 + opens;
          expect(r).toBe(begun ? 'past' : opened ? null : 'not_open_yet');
        },
      ),
    );
  });
});

describe('check-in window', () => {
  it('from the minutes before to the minutes after the slot start, both included', () => {
    const start = instantAt('2026-12-01', 9 * 60, 'Asia/Jakarta');
    expect(start).toBe(Date.UTC(2026, 11, 1, 2, 0));
    const window = checkInWindow(start, { checkInBeforeMinutes: 30, checkInAfterMinutes: 15 });
    expect(checkInVerdict(window.from - 1, window)).toBe('too_early');
    expect(checkInVerdict(window.from, window)).toBe('ok');
    expect(checkInVerdict(start + 15 * 60_000, window)).toBe('ok');
    expect(checkInVerdict(start + 15 * 60_000 + 1, window)).toBe('too_late');
  });

  it('instantAt is the inverse of localTime in every Indonesian zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 1439 }),
        (zone, day, minute) => {
          const date = addDays('2025-01-01', day);
          const at = instantAt(date, minute, zone);
          expect(localTime(at, zone)).toMatchObject({ date, minuteOfDay: minute });
        },
      ),
    );
  });
});

describe('booking figures', () => {
  it('counts and rates', () => {
    const f = (status: 'booked' | 'checked_in' | 'cancelled' | 'no_show') => ({
      date: '2026-12-01',
      serviceId: 's',
      status,
    });
    expect(bookingFigures([f('checked_in'), f('checked_in'), f('no_show'), f('cancelled'), f('booked')], 10)).toEqual({
      booked: 4,
      checkedIn: 2,
      noShow: 1,
      cancelled: 1,
      capacity: 10,
      noShowRate: 1 / 3,
      usedShare: 0.4,
    });
    expect(bookingFigures([], 0)).toMatchObject({ booked: 0, noShowRate: null, usedShare: null });
  });
});

describe('I need more time', () => {
  const t = (id: string, arrivalAt: number, priority: 'lansia' | null = null) => ({
    id,
    arrivalAt,
    priority,
    appointmentAt: null,
  });
  it('moves the ticket just behind the ticket N places back, or to the end of its class', () => {
    const line = [t('a', 1), t('b', 2), t('c', 3), t('d', 4), t('p', 0, 'lansia')];
    expect(postponedArrival(line[0] as never, line, 2)).toBe(4);
    expect(postponedArrival(line[0] as never, line, 9)).toBe(5);
    expect(postponedArrival(line[3] as never, line, 3)).toBe(4);
  });
  it('places it behind exactly min(N, behind) tickets of its class, and never earlier', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        (arrivals, pick, places) => {
          const line = arrivals.map((a, i) => t(`t${String(i).padStart(2, '0')}`, a));
          const mine = line[pick % line.length] as ReturnType<typeof t>;
          const behindBefore = line.filter((o) => o.arrivalAt > mine.arrivalAt).length;
          const moved = { ...mine, arrivalAt: postponedArrival(mine, line, places) };
          expect(moved.arrivalAt).toBeGreaterThanOrEqual(mine.arrivalAt);
          const others = line.filter((o) => o.id !== mine.id);
          const passed = others.filter((o) => o.arrivalAt > mine.arrivalAt && o.arrivalAt < moved.arrivalAt).length;
          expect(passed).toBe(Math.min(places, behindBefore));
        },
      ),
    );
  });
});

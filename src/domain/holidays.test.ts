import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, nationalHoliday, nationalHolidays, specialDayOn } from './holidays.js';
import { addDays, datesBetween, type SpecialDay } from './schedule.js';

const none = () => null;

describe('national holidays', () => {
  it('knows the fixed ones, the moving ones, and says the right name for 27 Rajab', () => {
    expect(nationalHoliday('2026-08-17')).toContain('Kemerdekaan');
    expect(nationalHoliday('2026-12-25')).toBe('Hari Raya Natal');
    expect(nationalHoliday('2026-01-01')).toBe('Hari tahun baru');
    expect(nationalHoliday('2026-06-01')).toBe('Hari Lahir Pancasila');
    expect(nationalHoliday('2026-01-16')).toBe('Isra Mikraj Nabi Muhammad');
    expect(nationalHoliday('2026-03-20')).toBe('Hari Raya Idul Fitri');
    expect(nationalHoliday('2026-11-30')).toBeNull();
    // every year has its fifteen-odd days
    for (const year of [2026, 2027, 2030]) expect(nationalHolidays(year).size).toBeGreaterThanOrEqual(14);
  });

  it("a mall's own special day wins; without one a holiday closes the mall only when it says so", () => {
    const open: SpecialDay = { date: '2026-12-25', spans: [{ open: '08:00', close: '12:00' }], note: 'Layanan Natal' };
    expect(specialDayOn('2026-12-25', open, true)).toBe(open);
    expect(specialDayOn('2026-12-25', null, true)).toEqual({ date: '2026-12-25', spans: [], note: 'Hari Raya Natal' });
    expect(specialDayOn('2026-12-25', null, false)).toBeNull();
    expect(specialDayOn('2026-12-24', null, true)).toBeNull();
  });
});

describe('working days', () => {
  it('skip weekends, national holidays and the days the mall closed', () => {
    // Thursday 24 December 2026: Friday is Christmas, then the weekend
    expect(addWorkingDays('2026-12-24', 1, none)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-24', 0, none)).toBe('2026-12-24');
    const cutiBersama = (date: string): SpecialDay | null =>
      date === '2026-12-28' ? { date, spans: [], note: 'Cuti bersama' } : null;
    expect(addWorkingDays('2026-12-24', 1, cutiBersama)).toBe('2026-12-29');
    // a holiday the mall opens on is a working day for it
    const opensChristmas = (date: string): SpecialDay | null =>
      date === '2026-12-25' ? { date, spans: [{ open: '08:00', close: '12:00' }], note: 'Buka' } : null;
    expect(addWorkingDays('2026-12-24', 1, opensChristmas)).toBe('2026-12-25');
    expect(isWorkingDay('2026-12-26', null)).toBe(false);
    expect(() => addWorkingDays('2026-12-24', -1, none)).toThrow(RangeError);
  });

  it('n working days later is a working day after the start, with exactly n working days up to it', () => {
    const day = fc
      .record({ y: fc.integer({ min: 2025, max: 2030 }), d: fc.integer({ min: 0, max: 364 }) })
      .map(({ y, d }) => addDays(`${y}-01-01`, d));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), fc.array(day, { maxLength: 10 }), (from, n, closed) => {
        const shut = new Set(closed);
        const own = (date: string): SpecialDay | null => (shut.has(date) ? { date, spans: [], note: 'Tutup' } : null);
        const due = addWorkingDays(from, n, own);
        expect(due > from).toBe(true);
        expect(isWorkingDay(due, own(due))).toBe(true);
        const between = datesBetween(addDays(from, 1), due).filter((d) => isWorkingDay(d, own(d)));
        expect(between.length).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});

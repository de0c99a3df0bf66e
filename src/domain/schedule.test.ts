import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOSED_WEEK,
  isOpenAt,
  isValidTimeZone,
  localTime,
  parseClock,
  validateWeeklyHours,
  WEEKDAYS,
  type WeeklyHours,
} from './schedule.js';

describe('localTime', () => {
  it.each([
    // 17:30 UTC on Friday is already Saturday across Indonesia
    ['2026-11-27T17:30:00Z', 'Asia/Jakarta', '2026-11-28', 'sat', 0, 30],
    ['2026-11-27T17:30:00Z', 'Asia/Makassar', '2026-11-28', 'sat', 1, 90],
    ['2026-11-27T17:30:00Z', 'Asia/Jayapura', '2026-11-28', 'sat', 2, 150],
    // a minute before midnight in Jakarta, already past it further east
    ['2026-11-27T16:59:00Z', 'Asia/Jakarta', '2026-11-27', 'fri', 23, 23 * 60 + 59],
    ['2026-11-27T16:59:00Z', 'Asia/Makassar', '2026-11-28', 'sat', 0, 59],
    ['2026-11-27T14:59:00Z', 'Asia/Jayapura', '2026-11-27', 'fri', 23, 23 * 60 + 59],
    ['2026-11-27T15:00:00Z', 'Asia/Jayapura', '2026-11-28', 'sat', 0, 0],
    // midnight exactly is hour 0, not 24
    ['2026-11-27T17:00:00Z', 'Asia/Jakarta', '2026-11-28', 'sat', 0, 0],
    // a morning, and the turn of the year
    ['2026-03-02T00:30:00Z', 'Asia/Jakarta', '2026-03-02', 'mon', 7, 7 * 60 + 30],
    ['2026-12-31T17:05:00Z', 'Asia/Jakarta', '2027-01-01', 'fri', 0, 5],
    ['2026-12-31T17:05:00Z', 'UTC', '2026-12-31', 'thu', 17, 17 * 60 + 5],
    // 2028 is a leap year
    ['2028-02-28T20:00:00Z', 'Asia/Jayapura', '2028-02-29', 'tue', 5, 5 * 60],
  ])('%s in %s is %s (%s) %i:xx', (iso, zone, date, weekday, hour, minuteOfDay) => {
    expect(localTime(Date.parse(iso), zone)).toEqual({ date, weekday, hour, minuteOfDay });
  });

  it.each([
    ['Asia/Jakarta', 7],
    ['Asia/Pontianak', 7],
    ['Asia/Makassar', 8],
    ['Asia/Jayapura', 9],
  ])('agrees with UTC+offset arithmetic in %s (no DST in Indonesia)', (zone, offsetHours) => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') }),
        (instant) => {
          const shifted = new Date(instant + offsetHours * 3_600_000);
          const date = shifted.toISOString().slice(0, 10);
          const weekday = WEEKDAYS[(shifted.getUTCDay() + 6) % 7];
          const hour = shifted.getUTCHours();
          expect(localTime(instant, zone)).toEqual({
            date,
            weekday,
            hour,
            minuteOfDay: hour * 60 + shifted.getUTCMinutes(),
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

const FRIDAY_BREAK: WeeklyHours = {
  ...CLOSED_WEEK,
  mon: [{ open: '07:30', close: '16:00' }],
  fri: [
    { open: '07:30', close: '11:00' },
    { open: '13:00', close: '16:00' },
  ],
  sat: [{ open: '08:00', close: '24:00' }],
};

const hm = (h: number, m: number) => h * 60 + m;

describe('isOpenAt', () => {
  it.each([
    ['fri', hm(7, 29), false],
    ['fri', hm(7, 30), true],
    ['fri', hm(10, 59), true],
    ['fri', hm(11, 0), false], // Friday prayers
    ['fri', hm(12, 30), false],
    ['fri', hm(12, 59), false],
    ['fri', hm(13, 0), true],
    ['fri', hm(15, 59), true],
    ['fri', hm(16, 0), false],
    ['mon', hm(12, 0), true],
    ['mon', hm(16, 0), false],
    ['sat', hm(7, 59), false],
    ['sat', hm(8, 0), true],
    ['sat', hm(23, 59), true], // open until 24:00
    ['sun', hm(10, 0), false],
    ['tue', hm(10, 0), false],
  ] as const)('%s at minute %i → %s', (weekday, minuteOfDay, open) => {
    expect(isOpenAt(FRIDAY_BREAK, { weekday, minuteOfDay })).toBe(open);
  });

  it('works from an instant through localTime', () => {
    // Friday 2026-11-27 in Jakarta: 04:30Z is 11:30 local (break), 06:30Z is 13:30 local (open)
    expect(isOpenAt(FRIDAY_BREAK, localTime(Date.parse('2026-11-27T04:30:00Z'), 'Asia/Jakarta'))).toBe(false);
    expect(isOpenAt(FRIDAY_BREAK, localTime(Date.parse('2026-11-27T06:30:00Z'), 'Asia/Jakarta'))).toBe(true);
    // the same instant is 12:30 in Makassar (break) and 13:30 in Jakarta (open)
    expect(isOpenAt(FRIDAY_BREAK, localTime(Date.parse('2026-11-27T04:30:00Z'), 'Asia/Makassar'))).toBe(false);
    expect(isOpenAt(FRIDAY_BREAK, localTime(Date.parse('2026-11-27T05:30:00Z'), 'Asia/Makassar'))).toBe(true);
  });

  it('is never open in a closed week', () => {
    for (const weekday of WEEKDAYS) {
      for (let m = 0; m < 24 * 60; m += 7) expect(isOpenAt(CLOSED_WEEK, { weekday, minuteOfDay: m })).toBe(false);
    }
  });

  it('ignores a malformed span rather than opening', () => {
    const week: WeeklyHours = { ...CLOSED_WEEK, mon: [{ open: '8:00', close: '17:00' }] };
    expect(isOpenAt(week, { weekday: 'mon', minuteOfDay: hm(9, 0) })).toBe(false);
  });
});

describe('parseClock', () => {
  it.each([
    ['00:00', false, 0],
    ['07:30', false, 450],
    ['23:59', false, 1439],
    ['24:00', false, null],
    ['24:00', true, 1440],
    ['24:01', true, null],
    ['23:60', false, null],
    ['7:30', false, null],
    ['07:30:00', false, null],
    ['', false, null],
  ] as const)('%j (allowEnd %s) → %j', (value, allowEnd, expected) => {
    expect(parseClock(value, allowEnd)).toBe(expected);
  });
});

describe('validateWeeklyHours', () => {
  it('finds nothing wrong with good hours, in any order, touching spans included', () => {
    expect(validateWeeklyHours(FRIDAY_BREAK)).toEqual([]);
    expect(validateWeeklyHours(CLOSED_WEEK)).toEqual([]);
    const reversed: WeeklyHours = {
      ...CLOSED_WEEK,
      fri: [
        { open: '13:00', close: '16:00' },
        { open: '07:30', close: '13:00' },
      ],
    };
    expect(validateWeeklyHours(reversed)).toEqual([]);
  });

  it('reports a bad clock with its path', () => {
    const week: WeeklyHours = {
      ...CLOSED_WEEK,
      mon: [{ open: '7:30', close: '16:00' }],
      wed: [
        { open: '07:30', close: '11:00' },
        { open: '13:00', close: '25:00' },
      ],
      thu: [{ open: '24:00', close: '24:00' }],
    };
    expect(validateWeeklyHours(week)).toEqual([
      { path: 'weekly.mon[0].open', code: 'bad_clock' },
      { path: 'weekly.wed[1].close', code: 'bad_clock' },
      { path: 'weekly.thu[0].open', code: 'bad_clock' },
    ]);
  });

  it('reports both ends when both are bad', () => {
    const week: WeeklyHours = { ...CLOSED_WEEK, sun: [{ open: 'pagi', close: 'sore' }] };
    expect(validateWeeklyHours(week)).toEqual([
      { path: 'weekly.sun[0].open', code: 'bad_clock' },
      { path: 'weekly.sun[0].close', code: 'bad_clock' },
    ]);
  });

  it('accepts 24:00 as a closing time only', () => {
    const week: WeeklyHours = { ...CLOSED_WEEK, sat: [{ open: '20:00', close: '24:00' }] };
    expect(validateWeeklyHours(week)).toEqual([]);
  });

  it('reports a close before, or at, the open', () => {
    const week: WeeklyHours = {
      ...CLOSED_WEEK,
      tue: [{ open: '16:00', close: '07:30' }],
      fri: [
        { open: '07:30', close: '11:00' },
        { open: '13:00', close: '13:00' },
      ],
    };
    expect(validateWeeklyHours(week)).toEqual([
      { path: 'weekly.tue[0].close', code: 'close_before_open' },
      { path: 'weekly.fri[1].close', code: 'close_before_open' },
    ]);
  });

  it('reports an overlap at the later span, whatever the order given', () => {
    const inOrder: WeeklyHours = {
      ...CLOSED_WEEK,
      fri: [
        { open: '07:30', close: '11:30' },
        { open: '11:00', close: '16:00' },
      ],
    };
    expect(validateWeeklyHours(inOrder)).toEqual([{ path: 'weekly.fri[1].open', code: 'overlap' }]);
    const reversed: WeeklyHours = {
      ...CLOSED_WEEK,
      fri: [
        { open: '11:00', close: '16:00' },
        { open: '07:30', close: '11:30' },
      ],
    };
    expect(validateWeeklyHours(reversed)).toEqual([{ path: 'weekly.fri[0].open', code: 'overlap' }]);
  });

  it('reports problems on several days together', () => {
    const week: WeeklyHours = {
      ...CLOSED_WEEK,
      mon: [{ open: '08:00', close: '08:00' }],
      sun: [
        { open: '08:00', close: '12:00' },
        { open: '08:00', close: '09:00' },
      ],
    };
    expect(validateWeeklyHours(week)).toEqual([
      { path: 'weekly.mon[0].close', code: 'close_before_open' },
      { path: 'weekly.sun[1].open', code: 'overlap' },
    ]);
  });

  it('rejects any week with two overlapping spans (at least one problem reported)', () => {
    const clock = fc.integer({ min: 0, max: 24 * 60 - 1 });
    const span = fc
      .tuple(clock, fc.integer({ min: 1, max: 24 * 60 }))
      .map(([open, len]) => ({ open, close: Math.min(open + len, 24 * 60) }));
    const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    fc.assert(
      fc.property(fc.array(span, { maxLength: 5 }), (spans) => {
        const overlapping = spans.some((a, i) => spans.some((b, j) => i < j && a.open < b.close && b.open < a.close));
        const week: WeeklyHours = {
          ...CLOSED_WEEK,
          wed: spans.map((s) => ({ open: fmt(s.open), close: fmt(s.close) })),
        };
        const problems = validateWeeklyHours(week);
        expect(problems.every((p) => p.code === 'overlap' && p.path.startsWith('weekly.wed['))).toBe(true);
        expect(problems.length > 0).toBe(overlapping);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isValidTimeZone', () => {
  it.each(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Asia/Pontianak', 'UTC'])('%s is valid', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each(['Asia/Bandung', 'Mars/Olympus', 'WIB', ''])('%j is not', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });

  it('an invalid zone stays invalid when asked again', () => {
    expect(isValidTimeZone('Asia/Surabaya')).toBe(false);
    expect(isValidTimeZone('Asia/Surabaya')).toBe(false);
  });
});

describe('validateWeeklyHours with a long span', () => {
  it('reports every span a long one overlaps, not only the next', () => {
    const weekly = {
      mon: [
        { open: '08:00', close: '17:00' },
        { open: '09:00', close: '10:00' },
        { open: '11:00', close: '12:00' },
      ],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    };
    expect(validateWeeklyHours(weekly)).toEqual([
      { path: 'weekly.mon[1].open', code: 'overlap' },
      { path: 'weekly.mon[2].open', code: 'overlap' },
    ]);
  });
});

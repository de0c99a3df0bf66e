import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOSED_WEEK,
  datesBetween,
  hoursOn,
  isOpenAt,
  isOpenDuring,
  isOpenOn,
  isValidDate,
  isValidTimeZone,
  localTime,
  parseClock,
  type SpecialDay,
  validateSpans,
  validateWeeklyHours,
  WEEKDAYS,
  type WeeklyHours,
  weekdayOf,
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

describe('special days', () => {
  // Friday 27 November 2026 in Blora
  const friday = (h: number, m: number) => localTime(Date.UTC(2026, 10, 27, h - 7, m), 'Asia/Jakarta');
  const closed: SpecialDay = { date: '2026-11-27', spans: [], note: 'Libur nasional' };
  const short: SpecialDay = { date: '2026-11-27', spans: [{ open: '08:00', close: '12:00' }], note: 'Ramadan' };

  it('a date without a special day keeps its weekday hours', () => {
    expect(hoursOn(FRIDAY_BREAK, null, friday(9, 0))).toEqual(FRIDAY_BREAK.fri);
    expect(isOpenOn(FRIDAY_BREAK, null, friday(9, 0))).toBe(true);
    expect(isOpenOn(FRIDAY_BREAK, undefined, friday(12, 0))).toBe(false); // Friday prayer break
  });

  it('a closed special day closes the whole date, whatever the weekday says', () => {
    expect(hoursOn(FRIDAY_BREAK, closed, friday(9, 0))).toEqual([]);
    for (let h = 0; h < 24; h++) expect(isOpenOn(FRIDAY_BREAK, closed, friday(h, 30))).toBe(false);
  });

  it('other hours replace the weekday hours, breaks included', () => {
    expect(hoursOn(FRIDAY_BREAK, short, friday(9, 0))).toEqual(short.spans);
    expect(isOpenOn(FRIDAY_BREAK, short, friday(7, 45))).toBe(false); // weekly opens 07:30
    expect(isOpenOn(FRIDAY_BREAK, short, friday(11, 30))).toBe(true); // weekly breaks 11:00–13:00
    expect(isOpenOn(FRIDAY_BREAK, short, friday(12, 0))).toBe(false);
    expect(isOpenOn(FRIDAY_BREAK, short, friday(14, 0))).toBe(false);
  });

  it('can open a date the week keeps closed', () => {
    const sunday = localTime(Date.UTC(2026, 10, 29, 3, 0), 'Asia/Jakarta');
    expect(isOpenAt(FRIDAY_BREAK, sunday)).toBe(false);
    const open: SpecialDay = {
      date: '2026-11-29',
      spans: [{ open: '08:00', close: '12:00' }],
      note: 'Pelayanan Minggu',
    };
    expect(isOpenOn(FRIDAY_BREAK, open, sunday)).toBe(true);
  });

  it('a special day of another date changes nothing', () => {
    const saturday = localTime(Date.UTC(2026, 10, 28, 3, 0), 'Asia/Jakarta');
    expect(hoursOn(FRIDAY_BREAK, closed, saturday)).toEqual(FRIDAY_BREAK.sat);
  });

  it('follows the local date, not UTC: 06:30 WIT on the holiday is still the evening before in UTC', () => {
    const holiday: SpecialDay = { date: '2026-11-28', spans: [], note: 'Libur' };
    const papua = localTime(Date.parse('2026-11-27T21:30:00Z'), 'Asia/Jayapura');
    expect(papua.date).toBe('2026-11-28');
    expect(isOpenOn({ ...CLOSED_WEEK, sat: [{ open: '06:00', close: '12:00' }] }, holiday, papua)).toBe(false);
    expect(isOpenOn({ ...CLOSED_WEEK, sat: [{ open: '06:00', close: '12:00' }] }, null, papua)).toBe(true);
  });

  it('isOpenDuring: closing minute excluded, 24:00 until midnight', () => {
    const spans = [{ open: '08:00', close: '24:00' }];
    expect(isOpenDuring(spans, hm(8, 0))).toBe(true);
    expect(isOpenDuring(spans, hm(23, 59))).toBe(true);
    expect(isOpenDuring([{ open: '08:00', close: '12:00' }], hm(12, 0))).toBe(false);
    expect(isOpenDuring([], hm(9, 0))).toBe(false);
  });

  it('validateSpans names the span that is wrong', () => {
    expect(validateSpans(short.spans, 'spans')).toEqual([]);
    expect(
      validateSpans(
        [
          { open: '08:00', close: '12:00' },
          { open: '11:00', close: '13:00' },
          { open: '14:00', close: '13:00' },
          { open: '8:00', close: '09:00' },
        ],
        'spans',
      ),
    ).toEqual([
      { path: 'spans[2].close', code: 'close_before_open' },
      { path: 'spans[3].open', code: 'bad_clock' },
      { path: 'spans[1].open', code: 'overlap' },
    ]);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-11-30', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['2026-4-01', false],
    ['26-04-01', false],
    ['', false],
  ])('%j is a date: %s', (date, valid) => {
    expect(isValidDate(date)).toBe(valid);
  });

  it('weekdayOf agrees with localTime at local noon', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), (days) => {
        const noon = Date.UTC(1990, 0, 1, 5) + days * 86_400_000; // 12:00 WIB
        const local = localTime(noon, 'Asia/Jakarta');
        expect(weekdayOf(local.date)).toBe(local.weekday);
      }),
      { numRuns: 300 },
    );
  });

  it('datesBetween lists every date in between, both ends included, across months and leap days', () => {
    expect(datesBetween('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(datesBetween('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(datesBetween('2026-11-30', '2026-11-30')).toEqual(['2026-11-30']);
    expect(datesBetween('2026-12-01', '2026-11-30')).toEqual([]);
  });

  it('datesBetween keeps only the given weekdays (Ramadan on working days only)', () => {
    // Mon 30 Nov – Sun 13 Dec 2026
    expect(datesBetween('2026-11-30', '2026-12-13', ['fri'])).toEqual(['2026-12-04', '2026-12-11']);
    expect(datesBetween('2026-11-30', '2026-12-06', ['mon', 'tue', 'wed', 'thu'])).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
    expect(() => datesBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

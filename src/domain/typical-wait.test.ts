import { describe, expect, it } from 'vitest';
import { typicalWaits } from './typical-wait.js';

const MIN = 60_000;

describe('the typical wait by weekday and hour', () => {
  it('gives each weekday and hour its median and 80th percentile, Monday first', () => {
    const cells = typicalWaits([
      // Monday 30 Nov and 23 Nov at 09: waits 10, 20, 30, 40, 50 minutes
      ...[10, 20, 30].map((m) => ({ date: '2026-11-30', hour: 9, waitMs: m * MIN })),
      ...[40, 50].map((m) => ({ date: '2026-11-23', hour: 9, waitMs: m * MIN })),
      // Sunday (a special opening) and a Tuesday at 14
      { date: '2026-11-29', hour: 10, waitMs: 3 * MIN },
      { date: '2026-12-01', hour: 14, waitMs: 7.5 * MIN },
      { date: '2026-12-01', hour: 14, waitMs: -MIN }, // a clock skew never makes a wait negative
    ]);
    expect(cells).toEqual([
      // 80th percentile of 10…50: rank 3.2 → 40 + 0.2 × 10
      { weekday: 'mon', hour: 9, visits: 5, medianMinutes: 30, p80Minutes: 42 },
      { weekday: 'tue', hour: 14, visits: 2, medianMinutes: 3.8, p80Minutes: 6 },
      { weekday: 'sun', hour: 10, visits: 1, medianMinutes: 3, p80Minutes: 3 },
    ]);
    expect(typicalWaits([])).toEqual([]);
  });
});

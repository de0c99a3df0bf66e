import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketsBetween, heatMap, percentile, type VisitFact, weekdayOf, weekStart } from './performance.js';
import { measure, tallyVisits } from './tally.js';
import { VISIT_OUTCOMES } from './visits.js';

describe('percentile', () => {
  it('interpolates between ranks like Excel PERCENTILE.INC and MEDIAN', () => {
    // Excel: =PERCENTILE.INC({1,2,3,4},0.9) = 3.7; =MEDIAN({1,2,3,4}) = 2.5; =PERCENTILE.INC({15,20,35,40,50},0.4) = 29
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 10);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('calendar buckets', () => {
  it('starts weeks on Monday and lists every bucket of a period', () => {
    expect(weekdayOf('2026-11-30')).toBe(0); // a Monday
    expect(weekdayOf('2026-11-29')).toBe(6); // a Sunday
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(bucketsBetween('2026-01-15', '2026-04-02', 'month')).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(bucketsBetween('2026-11-25', '2026-12-08', 'week')).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
  });
});

const fact = fc.record({
  agencyId: fc.constantFrom('a1', 'a2'),
  serviceId: fc.constantFrom('s1', 's2'),
  counterId: fc.option(fc.constantFrom('c1', 'c2'), { nil: null }),
  officerId: fc.constant(null),
  date: fc.constantFrom('2026-11-30', '2026-12-01'),
  hour: fc.integer({ min: 0, max: 23 }),
  priority: fc.constant(null),
  transferredIn: fc.boolean(),
  enteredAt: fc.integer({ min: 0, max: 1e6 }),
  calledAt: fc.option(fc.integer({ min: 1e6, max: 2e6 }), { nil: null }),
  startedAt: fc.option(fc.integer({ min: 2e6, max: 3e6 }), { nil: null }),
  finishedAt: fc.option(fc.integer({ min: 3e6, max: 4e6 }), { nil: null }),
  outcome: fc.constantFrom(...VISIT_OUTCOMES),
}) as fc.Arbitrary<VisitFact>;

describe('measure', () => {
  const options = {
    standardMinutes: (id: string) => (id === 's1' ? 30 : null),
    localHour: (at: number) => Math.floor(at / 3_600_000),
  };
  it('accounts for every visit once, and keeps the spreads ordered', () => {
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 60 }), (facts) => {
        const m = measure(facts, options);
        expect(m.served + m.noShow + m.cancelled + m.transferred + m.open).toBe(m.visits);
        expect(m.issued + m.transferredIn).toBe(m.visits);
        expect(m.arrivalsByHour.reduce((s, n) => s + n, 0)).toBe(m.visits);
        for (const s of [m.waitSeconds, m.serviceSeconds]) {
          if (s.count === 0) expect(s.mean).toBeNull();
          else expect(s.median as number).toBeLessThanOrEqual(s.p90 as number);
        }
        expect(m.withinStandard.within).toBeLessThanOrEqual(m.withinStandard.measured);
        expect(
          heatMap(tallyVisits(facts, options))
            .flat()
            .reduce((s, n) => s + n, 0),
        ).toBe(m.visits);
      }),
    );
  });
});

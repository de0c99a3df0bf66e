import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countersNeeded,
  DEFAULT_MAX_COUNTERS,
  erlangC,
  expectedWait,
  offeredLoad,
  type StaffingRequest,
  serviceLevel,
} from './staffing.js';

const NUM_RUNS = 200;

/**
 * Erlang C straight from the textbook sum, C = (Aⁿ/n!·n/(n−A)) / (Σₖ<ₙ Aᵏ/k! + Aⁿ/n!·n/(n−A)), in
 * logarithms so it survives n = 500. An independent route to the same number, for n > A.
 */
function erlangCBySum(n: number, a: number): number {
  if (a === 0) return 0;
  const logTerms: number[] = [];
  let logFactorial = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) logFactorial += Math.log(k);
    logTerms.push(k * Math.log(a) - logFactorial);
  }
  logFactorial += Math.log(n);
  const logTail = n * Math.log(a) - logFactorial + Math.log(n / (n - a));
  const top = Math.max(logTail, ...logTerms);
  const sum = logTerms.reduce((s, t) => s + Math.exp(t - top), 0);
  const tail = Math.exp(logTail - top);
  return tail / (sum + tail);
}

/** The rule countersNeeded promises, checked through the single-n functions. */
function meets(n: number, r: StaffingRequest): boolean {
  if (n <= offeredLoad(r.arrivalsPerHour, r.meanServiceMinutes)) return false;
  return r.targetShare === undefined
    ? expectedWait(n, r.arrivalsPerHour, r.meanServiceMinutes) <= r.targetWaitMinutes
    : serviceLevel(n, r.arrivalsPerHour, r.meanServiceMinutes, r.targetWaitMinutes) >= r.targetShare;
}

// The call-centre worked example (Call Centre Helper, "Erlang C Formula – Made Simple With an Easy
// Worked Example"): 100 calls per half hour, AHT 180 s, 80% answered within 20 s. That is 200
// arrivals an hour at 3 minutes each, 10 Erlangs, a 1/3-minute target.
const EXAMPLE = { arrivalsPerHour: 200, meanServiceMinutes: 3, targetWaitMinutes: 20 / 60 };

describe('published values', () => {
  // CRAN package ErlangC 0.1.0 (Damonsoul), README, calculate_agents() on the example above: its
  // $process table, printed by R to 7 significant digits, ASA in seconds.
  // https://cran.r-project.org/package=ErlangC
  const CRAN_ERLANGC = [
    { n: 11, c: 0.6821182, sl: 0.3896138, asaSeconds: 122.78127684408 },
    { n: 12, c: 0.4493882, sl: 0.640158, asaSeconds: 40.4449401868444 },
    { n: 13, c: 0.2852705, sl: 0.7955948, asaSeconds: 17.1162271821896 },
    { n: 14, c: 0.1741319, sl: 0.88835, asaSeconds: 7.83593701177724 },
  ];

  it.each(CRAN_ERLANGC)('A = 10 Erlangs, $n servers: C, service level and mean wait (CRAN ErlangC)', (row) => {
    const { arrivalsPerHour, meanServiceMinutes, targetWaitMinutes } = EXAMPLE;
    expect(offeredLoad(arrivalsPerHour, meanServiceMinutes)).toBe(10);
    expect(erlangC(row.n, 10)).toBeCloseTo(row.c, 7);
    expect(serviceLevel(row.n, arrivalsPerHour, meanServiceMinutes, targetWaitMinutes)).toBeCloseTo(row.sl, 7);
    expect(expectedWait(row.n, arrivalsPerHour, meanServiceMinutes) * 60).toBeCloseTo(row.asaSeconds, 9);
  });

  it('80% within 20 s needs 14 counters (CRAN ErlangC; pyworkforce README)', () => {
    // pyworkforce (rodrigo-arenas/pyworkforce) README, ErlangC(transactions=100, asa=20/60, aht=3,
    // interval=30).required_positions(service_level=0.8): raw_positions 14, service_level
    // 0.8883500191794669, waiting_probability 0.1741319335950498. https://pypi.org/project/pyworkforce/
    const advice = countersNeeded({ ...EXAMPLE, targetShare: 0.8 });
    expect(advice.counters).toBe(14);
    expect(advice.targetMet).toBe(true);
    expect(advice.load).toBe(10);
    expect(advice.withinTargetShare).toBeCloseTo(0.8883500191794669, 12);
    expect(advice.probabilityOfWaiting).toBeCloseTo(0.1741319335950498, 12);
    expect(advice.expectedWaitMinutes * 60).toBeCloseTo(7.83593701177724, 9);
  });

  it('a mean wait of at most 20 s needs 13 counters (CRAN ErlangC ASA column: 40.4 s at 12, 17.1 s at 13)', () => {
    const advice = countersNeeded(EXAMPLE);
    expect(advice.counters).toBe(13);
    expect(advice.expectedWaitMinutes * 60).toBeCloseTo(17.1162271821896, 9);
  });

  // Cengage Learning "Multiple Server Queueing Model" spreadsheet (Anderson, Sweeney, Williams,
  // An Introduction to Management Science), λ = 10 and μ = 12 an hour, so S = 5 minutes: the row
  // "Probability arrival has to wait" reads 0.245, 0.058, 0.011, 0.002 for 2–5 servers, and
  // "Average time waiting for service" 0.018 hours with 2 servers. Three decimals, as printed.
  it.each([
    { n: 2, c: 0.245 },
    { n: 3, c: 0.058 },
    { n: 4, c: 0.011 },
    { n: 5, c: 0.002 },
  ])('λ = 10/h, μ = 12/h, $n servers: P(wait) rounds to $c (Cengage template)', ({ n, c }) => {
    expect(erlangC(n, offeredLoad(10, 5)).toFixed(3)).toBe(c.toFixed(3));
  });

  it('λ = 10/h, μ = 12/h, 2 servers: mean wait rounds to 0.018 hours (Cengage template)', () => {
    expect((expectedWait(2, 10, 5) / 60).toFixed(3)).toBe('0.018');
  });

  it('M/M/2, λ = 5/h, μ = 3/h: mean time in queue rounds to 0.758 hours (Jensen, ORMM)', () => {
    // P. Jensen, Operations Research Models and Methods (UT Austin), queue problem "finite_infinite",
    // Queue 1. Only the queue time is used: that page's P(0) 0.901 and time in system 1.901 are
    // evidently misprints of 0.091 and 1.091 (1/11, and 0.758 + 1/3).
    // http://www.me.utexas.edu/~jensen/ORMM/problems/units/queue/question/finite_infinite.html
    expect((expectedWait(2, 5, 20) / 60).toFixed(3)).toBe('0.758');
  });
});

describe('erlangC', () => {
  it('is 1 when servers do not exceed the load', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(3, 7.5)).toBe(1);
    expect(erlangC(0, 0)).toBe(1);
  });

  it('is 0 with no load and at least one server', () => {
    expect(erlangC(1, 0)).toBe(0);
    expect(erlangC(40, 0)).toBe(0);
  });

  it('stays finite and inside (0, 1) at 500 servers and 400 Erlangs, where Aⁿ/n! would overflow', () => {
    for (const n of [401, 420, 450, 500]) {
      const c = erlangC(n, 400);
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThan(1);
      expect(c).toBeCloseTo(erlangCBySum(n, 400), 9);
    }
  });

  it('refuses servers that are not a whole number ≥ 0, and loads that are negative or not finite', () => {
    expect(() => erlangC(-1, 2)).toThrow(RangeError);
    expect(() => erlangC(2.5, 2)).toThrow(RangeError);
    expect(() => erlangC(Number.NaN, 2)).toThrow(RangeError);
    expect(() => erlangC(3, -0.1)).toThrow(RangeError);
    expect(() => erlangC(3, Number.NaN)).toThrow(RangeError);
    expect(() => erlangC(3, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  const serversArb = fc.integer({ min: 0, max: 500 });
  const loadArb = fc.double({ min: 0, max: 400, noNaN: true });

  it('property: is a probability for up to 500 servers and 400 Erlangs', () => {
    fc.assert(
      fc.property(serversArb, loadArb, (n, a) => {
        const c = erlangC(n, a);
        return Number.isFinite(c) && c >= 0 && c <= 1;
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('property: never rises as servers are added', () => {
    fc.assert(
      fc.property(serversArb, loadArb, (n, a) => erlangC(n + 1, a) <= erlangC(n, a)),
      { numRuns: NUM_RUNS },
    );
  });

  it('property: agrees with the textbook sum wherever the queue is stable', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, fraction) => {
        const a = fraction * n * 0.999;
        expect(erlangC(n, a)).toBeCloseTo(erlangCBySum(n, a), 9);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('expectedWait and serviceLevel', () => {
  it('an unstable queue waits forever and serves nobody within target', () => {
    expect(expectedWait(10, 200, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(serviceLevel(10, 200, 3, 5)).toBe(0);
    expect(expectedWait(0, 1, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('with nobody arriving nobody waits, whatever the counters', () => {
    expect(expectedWait(0, 0, 10)).toBe(0);
    expect(expectedWait(3, 0, 0)).toBe(0);
    expect(serviceLevel(0, 0, 10, 0)).toBe(1);
  });

  it('a zero target is the share served at once, 1 − C', () => {
    expect(serviceLevel(12, 200, 3, 0)).toBeCloseTo(1 - erlangC(12, 10), 15);
  });

  it('refuses bad inputs with a RangeError', () => {
    expect(() => expectedWait(3, -1, 3)).toThrow(RangeError);
    expect(() => expectedWait(3, Number.NaN, 3)).toThrow(RangeError);
    expect(() => expectedWait(3, 10, 0)).toThrow(/must be > 0 when anyone arrives/);
    expect(() => expectedWait(3, 10, -2)).toThrow(RangeError);
    expect(() => expectedWait(1.5, 10, 2)).toThrow(RangeError);
    expect(() => serviceLevel(3, 10, 2, -1)).toThrow(RangeError);
    expect(() => serviceLevel(3, 10, 2, Number.NaN)).toThrow(RangeError);
  });
});

describe('countersNeeded', () => {
  it('advises no counter when nobody is expected', () => {
    expect(countersNeeded({ arrivalsPerHour: 0, meanServiceMinutes: 12, targetWaitMinutes: 5 })).toEqual({
      counters: 0,
      expectedWaitMinutes: 0,
      probabilityOfWaiting: 0,
      withinTargetShare: 1,
      load: 0,
      targetMet: true,
    });
  });

  it('opens at least one counter, even for a trickle with a lax target', () => {
    const advice = countersNeeded({ arrivalsPerHour: 1, meanServiceMinutes: 5, targetWaitMinutes: 60 });
    expect(advice.counters).toBe(1);
    expect(advice.targetMet).toBe(true);
  });

  it('never settles for an unstable queue, even with a target share of 0', () => {
    const advice = countersNeeded({ ...EXAMPLE, targetShare: 0 });
    expect(advice.counters).toBe(11);
    expect(advice.withinTargetShare).toBeGreaterThan(0);
  });

  it('returns the cap and its figures when the target cannot be met', () => {
    const unreachable = countersNeeded({ ...EXAMPLE, targetShare: 1, maxCounters: 30 });
    expect(unreachable.counters).toBe(30);
    expect(unreachable.targetMet).toBe(false);
    expect(unreachable.probabilityOfWaiting).toBe(erlangC(30, 10));
    expect(unreachable.withinTargetShare).toBe(serviceLevel(30, 200, 3, 20 / 60));

    const overloaded = countersNeeded({ ...EXAMPLE, maxCounters: 8 });
    expect(overloaded).toEqual({
      counters: 8,
      expectedWaitMinutes: Number.POSITIVE_INFINITY,
      probabilityOfWaiting: 1,
      withinTargetShare: 0,
      load: 10,
      targetMet: false,
    });
  });

  it('searches up to 1000 counters unless told', () => {
    expect(DEFAULT_MAX_COUNTERS).toBe(1000);
    expect(countersNeeded({ arrivalsPerHour: 6000, meanServiceMinutes: 6, targetWaitMinutes: 0 }).counters).toBe(1000);
  });

  it('refuses bad inputs with a RangeError', () => {
    const ok = { arrivalsPerHour: 30, meanServiceMinutes: 10, targetWaitMinutes: 5 };
    expect(() => countersNeeded({ ...ok, arrivalsPerHour: -1 })).toThrow(RangeError);
    expect(() => countersNeeded({ ...ok, arrivalsPerHour: Number.NaN })).toThrow(RangeError);
    expect(() => countersNeeded({ ...ok, meanServiceMinutes: 0 })).toThrow(/must be > 0 when anyone arrives/);
    expect(() => countersNeeded({ ...ok, meanServiceMinutes: Number.NaN })).toThrow(RangeError);
    expect(() => countersNeeded({ ...ok, targetWaitMinutes: -5 })).toThrow(RangeError);
    expect(() => countersNeeded({ ...ok, targetShare: 1.2 })).toThrow(RangeError);
    expect(() => countersNeeded({ ...ok, targetShare: Number.NaN })).toThrow(RangeError);
    expect(() => countersNeeded({ ...ok, maxCounters: 0 })).toThrow(RangeError);
    expect(() => countersNeeded({ ...ok, maxCounters: 2.5 })).toThrow(RangeError);
    // Nobody arriving: a zero service time is harmless, a negative one is still wrong.
    expect(countersNeeded({ ...ok, arrivalsPerHour: 0, meanServiceMinutes: 0 }).counters).toBe(0);
    expect(() => countersNeeded({ ...ok, arrivalsPerHour: 0, meanServiceMinutes: -1 })).toThrow(RangeError);
  });

  const requestArb: fc.Arbitrary<StaffingRequest> = fc.record(
    {
      arrivalsPerHour: fc.double({ min: 0.1, max: 600, noNaN: true }),
      meanServiceMinutes: fc.double({ min: 0.5, max: 60, noNaN: true }),
      targetWaitMinutes: fc.double({ min: 0, max: 60, noNaN: true }),
      targetShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
      maxCounters: fc.integer({ min: 1, max: 1000 }),
    },
    { requiredKeys: ['arrivalsPerHour', 'meanServiceMinutes', 'targetWaitMinutes'] },
  );

  it('property: the advice meets the target and one counter fewer does not', () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const advice = countersNeeded(r);
        const cap = r.maxCounters ?? DEFAULT_MAX_COUNTERS;
        expect(advice.counters).toBeGreaterThanOrEqual(1);
        expect(advice.counters).toBeLessThanOrEqual(cap);
        expect(advice.targetMet).toBe(meets(advice.counters, r));
        if (!advice.targetMet) expect(advice.counters).toBe(cap);
        if (advice.counters > 1) expect(meets(advice.counters - 1, r)).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('property: the figures are those of the single-n functions at the advised count', () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const a = countersNeeded(r);
        expect(a.load).toBe(offeredLoad(r.arrivalsPerHour, r.meanServiceMinutes));
        expect(a.probabilityOfWaiting).toBe(erlangC(a.counters, a.load));
        expect(a.expectedWaitMinutes).toBe(expectedWait(a.counters, r.arrivalsPerHour, r.meanServiceMinutes));
        expect(a.withinTargetShare).toBe(
          serviceLevel(a.counters, r.arrivalsPerHour, r.meanServiceMinutes, r.targetWaitMinutes),
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('property: zero arrivals means zero counters, whatever the targets', () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const advice = countersNeeded({ ...r, arrivalsPerHour: 0 });
        expect(advice.counters).toBe(0);
        expect(advice.expectedWaitMinutes).toBe(0);
        expect(advice.withinTargetShare).toBe(1);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

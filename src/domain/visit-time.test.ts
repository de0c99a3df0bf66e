import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketStatus } from './queue.js';
import { summarizeVisitTimes, type VisitStopFact, visitTimesOf } from './visit-time.js';

const MIN = 60_000;
const at = (minute: number) => Date.UTC(2026, 11, 7, 1, 0) + minute * MIN;

describe('time in the mall per visit', () => {
  it('runs from the number taken to the last service done, over every stop of a route', () => {
    const facts: VisitStopFact[] = [
      // a plain ticket: taken 0, served until 25
      { visitId: 'a', takenAt: at(0), status: 'done', finishedAt: at(25) },
      // a route of three: KK done at 40, BPJS done at 70, Samsat a no-show (its finish does not count)
      { visitId: 'r', takenAt: at(5), status: 'done', finishedAt: at(40) },
      { visitId: 'r', takenAt: at(5), status: 'done', finishedAt: at(70) },
      { visitId: 'r', takenAt: at(5), status: 'no_show', finishedAt: at(90) },
      // a stop added at a counter later counts from the number first taken
      { visitId: 's', takenAt: at(10), status: 'done', finishedAt: at(30) },
      { visitId: 's', takenAt: at(28), status: 'done', finishedAt: at(60) },
      // still waiting somewhere: not over yet
      { visitId: 'w', takenAt: at(0), status: 'done', finishedAt: at(20) },
      { visitId: 'w', takenAt: at(0), status: 'waiting', finishedAt: null },
      // never served: not a stay
      { visitId: 'n', takenAt: at(0), status: 'no_show', finishedAt: at(30) },
      { visitId: 'c', takenAt: at(0), status: 'cancelled', finishedAt: null },
    ];
    const times = visitTimesOf(facts);
    expect(times.sort((x, y) => x.minutes - y.minutes)).toEqual([
      { visitId: 'a', stops: 1, minutes: 25 },
      { visitId: 's', stops: 2, minutes: 50 },
      { visitId: 'r', stops: 2, minutes: 65 },
    ]);
    const summary = summarizeVisitTimes(times);
    expect(summary).toMatchObject({ visits: 3, medianMinutes: 50 });
    expect(summary.meanMinutes).toBeCloseTo(140 / 3, 9);
    expect(summary.byStops).toEqual([
      { stops: 1, visits: 1, meanMinutes: 25, medianMinutes: 25, p90Minutes: 25 },
      { stops: 2, visits: 2, meanMinutes: 57.5, medianMinutes: 57.5, p90Minutes: 63.5 },
    ]);
  });

  it('counts every finished visit once, in exactly one group of stops', () => {
    const status = fc.constantFrom<TicketStatus>('waiting', 'called', 'done', 'done', 'no_show', 'cancelled');
    const stop = fc.record({
      visitId: fc.constantFrom('v1', 'v2', 'v3', 'v4', 'v5'),
      takenAt: fc.integer({ min: 0, max: 100 }).map(at),
      status,
      finish: fc.integer({ min: 0, max: 200 }),
    });
    fc.assert(
      fc.property(fc.array(stop, { maxLength: 20 }), (stops) => {
        const facts = stops.map((s) => ({
          visitId: s.visitId,
          takenAt: s.takenAt,
          status: s.status,
          finishedAt: s.status === 'waiting' || s.status === 'called' ? null : s.takenAt + s.finish * MIN,
        }));
        const times = visitTimesOf(facts);
        const finished = new Set(facts.map((f) => f.visitId));
        for (const f of facts) if (f.status === 'waiting' || f.status === 'called') finished.delete(f.visitId);
        const served = [...finished].filter((v) => facts.some((f) => f.visitId === v && f.status === 'done'));
        expect(times).toHaveLength(served.length);
        for (const t of times) expect(t.minutes).toBeGreaterThanOrEqual(0);
        const summary = summarizeVisitTimes(times);
        expect(summary.byStops.reduce((n, g) => n + g.visits, 0)).toBe(summary.visits);
      }),
    );
  });
});

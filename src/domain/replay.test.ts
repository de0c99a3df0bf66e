import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimatesCsv,
  parseVisitsCsv,
  ReplayInputError,
  type ReplayRow,
  replayEstimates,
  visitsCsv,
} from './replay.js';

const MIN = 60_000;
const at = (h: number, m: number, s = 0) => ((h * 60 + m) * 60 + s) * 1000;

const COUNTERS: Record<string, string[]> = { L1: ['A', 'B'], L2: ['B', 'C'], L3: ['A'] };

/**
 * A day played by a plain first-come rule: arrivals from 08:00, each counter when free takes the
 * earliest citizen of its services; some leave unserved. Good enough to replay, and random.
 */
const dayArb = fc
  .array(
    fc.record({
      arriveSecond: fc.integer({ min: 0, max: 4 * 3600 }),
      service: fc.constantFrom('A', 'B', 'C'),
      minutes: fc.integer({ min: 1, max: 20 }),
      leavesAfter: fc.option(fc.integer({ min: 1, max: 60 }), { freq: 8 }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((people) => {
    const sorted = people
      .map((p, i) => ({ ...p, id: `v${String(i).padStart(3, '0')}` }))
      .sort((a, b) => a.arriveSecond - b.arriveSecond);
    const free = new Map(Object.keys(COUNTERS).map((c) => [c, at(8, 0)]));
    const rows: ReplayRow[] = [];
    for (const p of sorted) {
      const arrival = at(8, 0) + p.arriveSecond * 1000;
      const able = Object.entries(COUNTERS).filter(([, s]) => s.includes(p.service));
      const [counter, freeAt] = able
        .map(([c]) => [c, Math.max(free.get(c) as number, arrival)] as const)
        .sort((a, b) => a[1] - b[1])[0] as readonly [string, number];
      const leaves = p.leavesAfter === null ? null : arrival + p.leavesAfter * MIN;
      if (leaves !== null && leaves < freeAt) {
        rows.push({
          id: p.id,
          service: p.service,
          arrival,
          start: null,
          end: leaves,
          counter: null,
          priority: null,
          appointment: null,
        });
        continue;
      }
      const end = freeAt + p.minutes * MIN;
      free.set(counter, end + 20_000);
      rows.push({
        id: p.id,
        service: p.service,
        arrival,
        start: freeAt,
        end,
        counter,
        priority: null,
        appointment: null,
      });
    }
    return rows;
  });

const RUNS = 8;

describe('replaying a recorded day', () => {
  it('reads the visits file and names the line and column of what is wrong', () => {
    const rows = parseVisitsCsv(
      'id,service,arrival,start,end,counter\nv1,KTP,08:01:00,08:05:30,08:15:00,L1\n"v,2",KTP,08:02:00,,08:40:00,\n',
    );
    expect(rows).toEqual([
      {
        id: 'v1',
        service: 'KTP',
        arrival: at(8, 1),
        start: at(8, 5, 30),
        end: at(8, 15),
        counter: 'L1',
        priority: null,
        appointment: null,
      },
      {
        id: 'v,2',
        service: 'KTP',
        arrival: at(8, 2),
        start: null,
        end: at(8, 40),
        counter: null,
        priority: null,
        appointment: null,
      },
    ]);
    const bad = (text: string) => () => parseVisitsCsv(text);
    expect(bad('id,service,arrival\n')).toThrow(/line 1: the header lacks start, end, counter/);
    expect(bad('id,service,arrival,start,end,counter\nv1,KTP,8.01,,,\n')).toThrow(
      /line 2: arrival "8.01" is not a time/,
    );
    expect(bad('id,service,arrival,start,end,counter\nv1,KTP,08:10:00,08:05:00,08:20:00,L1\n')).toThrow(
      /line 2: start is before arrival/,
    );
    expect(bad('id,service,arrival,start,end,counter\nv1,K,08:00:00,,,\nv1,K,08:01:00,,,\n')).toThrow(
      /line 3: id "v1" appears twice/,
    );
    expect(bad('id,service,arrival,start,end,counter\nv1,K,08:00:00,08:01:00,08:02:00,\n')).toThrow(ReplayInputError);
  });

  it('estimates each arrival from the counters seen so far; none before any counter served the service', () => {
    const rows: ReplayRow[] = [
      {
        id: 'a',
        service: 'A',
        arrival: at(8, 0),
        start: at(8, 0),
        end: at(8, 10),
        counter: 'L1',
        priority: null,
        appointment: null,
      },
      {
        id: 'b',
        service: 'A',
        arrival: at(8, 1),
        start: at(8, 10),
        end: at(8, 20),
        counter: 'L1',
        priority: null,
        appointment: null,
      },
      {
        id: 'c',
        service: 'A',
        arrival: at(8, 2),
        start: at(8, 20),
        end: at(8, 30),
        counter: 'L1',
        priority: null,
        appointment: null,
      },
      {
        id: 'd',
        service: 'B',
        arrival: at(8, 3),
        start: null,
        end: at(8, 9),
        counter: null,
        priority: null,
        appointment: null,
      },
    ];
    const out = replayEstimates(rows, { runs: RUNS });
    expect(out[0]?.estimateSeconds).toBeNull(); // at 08:00 nobody had been called yet
    expect(out[3]).toEqual({ id: 'd', estimateSeconds: null, lowSeconds: null, highSeconds: null });
    // at 08:01 L1 is busy with a since 08:00; b waits for what is left of it
    expect(out[1]?.estimateSeconds).toBeGreaterThan(0);
    expect(out[2]?.estimateSeconds).toBeGreaterThan(out[1]?.estimateSeconds as number);
    const base = replayEstimates(rows, { baseline: true });
    // (people ahead + 1) × mean ÷ counters: c has one ahead, b none
    expect(base[2]?.estimateSeconds).toBeGreaterThan(base[1]?.estimateSeconds as number);
    expect(estimatesCsv(out).split('\n')[0]).toBe('id,estimate_seconds,low_seconds,high_seconds');
    expect(estimatesCsv(out).split('\n')[4]).toBe('d,,,');
  });

  it('the file after a moment changes nothing before it: cut at T, the earlier rows keep their estimates', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 4 * 3600 }), fc.boolean(), (rows, cutSecond, baseline) => {
        const cut = at(8, 0) + cutSecond * 1000;
        const full = replayEstimates(rows, { runs: RUNS, baseline });
        const kept = rows.filter((r) => r.arrival < cut);
        const fromCut = replayEstimates(kept, { runs: RUNS, baseline });
        // also as a file written at T: what had not happened by then is blank
        const blanked = kept.map((r) => ({
          ...r,
          start: r.start !== null && r.start < cut ? r.start : null,
          end: r.end !== null && r.end < cut ? r.end : null,
          counter: r.start !== null && r.start < cut ? r.counter : null,
        }));
        const fromBlank = replayEstimates(blanked, { runs: RUNS, baseline });
        const before = full.filter((_, i) => (rows[i] as ReplayRow).arrival < cut);
        expect(fromCut).toEqual(before);
        expect(fromBlank).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('writes a day back as a visits file that reads the same', () => {
    fc.assert(
      fc.property(dayArb, (rows) => {
        const rounded = rows.map((r) => ({ ...r }));
        expect(parseVisitsCsv(visitsCsv(rounded))).toEqual(rounded);
      }),
      { numRuns: 30 },
    );
  });
});

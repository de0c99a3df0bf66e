import { describe, expect, it } from 'vitest';
import {
  AWAY_AFTER_MS,
  BREAK_MS,
  IDLE_LIMIT_MS,
  LATE_GRACE_MS,
  lineStateAt,
  type ObservedVisit,
  usualStarts,
} from './estimate-state.js';
import type { PickPolicy } from './pick-next.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 7, 3, 0);
const policy: PickPolicy = { priorityPerRegular: 2, maxWaitMs: 45 * MIN };

const visit = (id: string, extra: Partial<ObservedVisit>): ObservedVisit => ({
  id,
  serviceId: 'ktp',
  arrivalAt: NOW - 60 * MIN,
  priority: null,
  appointmentAt: null,
  calledAt: null,
  endedAt: null,
  counterId: null,
  noShow: false,
  ...extra,
});

/** served at `counter`: called `calledAgo` minutes ago, held `minutes` */
const served = (id: string, counter: string, calledAgo: number, minutes: number, extra: Partial<ObservedVisit> = {}) =>
  visit(id, {
    arrivalAt: NOW - (calledAgo + 5) * MIN,
    calledAt: NOW - calledAgo * MIN,
    endedAt: NOW - (calledAgo - minutes) * MIN,
    counterId: counter,
    ...extra,
  });

describe("the estimator's view of the hall", () => {
  it('reads nothing that happened after now', () => {
    const visits = [
      served('a', 'L1', 30, 10),
      visit('b', { arrivalAt: NOW - 10 * MIN, calledAt: NOW + 5 * MIN, endedAt: NOW + 15 * MIN, counterId: 'L1' }),
      visit('c', { arrivalAt: NOW + MIN }),
    ];
    const erased = [visits[0] as ObservedVisit, visit('b', { arrivalAt: NOW - 10 * MIN })];
    expect(lineStateAt({ now: NOW, visits, policy })).toEqual(lineStateAt({ now: NOW, visits: erased, policy }));
    const s = lineStateAt({ now: NOW, visits, policy });
    expect(s.waiting.map((t) => t.id)).toEqual(['b']);
  });

  it('counts a counter as open while it holds a ticket or was active lately, and as away once someone waited on it in vain', () => {
    const busy = visit('x', { arrivalAt: NOW - 40 * MIN, calledAt: NOW - 3 * MIN, counterId: 'L1' });
    const recent = served('y', 'L2', 8, 6); // free for 2 minutes
    const idle = served('z', 'L3', 30, 10, { serviceId: 'kk' }); // free for 20 minutes, nobody for kk waits
    const waitingKtp = visit('w', { arrivalAt: NOW - 2 * MIN });
    let s = lineStateAt({ now: NOW, visits: [busy, recent, idle, waitingKtp], policy });
    expect(s.counters.map((c) => c.id).sort()).toEqual(['L1', 'L2', 'L3']);
    expect(s.counters.find((c) => c.id === 'L1')?.busy).toEqual({ since: NOW - 3 * MIN, serviceId: 'ktp' });

    // a KTP ticket has waited longer than AWAY_AFTER_MS while L2 sat free: L2 has left its desk
    const longWait = visit('w', { arrivalAt: NOW - AWAY_AFTER_MS - MIN });
    const l2Idle = served('y', 'L2', 20, 6);
    s = lineStateAt({ now: NOW, visits: [busy, l2Idle, idle, longWait], policy });
    expect(s.counters.map((c) => c.id).sort()).toEqual(['L1', 'L3']);

    // quiet for longer than the idle limit: not counted on
    const old = served('o', 'L4', IDLE_LIMIT_MS / MIN + 20, 5);
    expect(lineStateAt({ now: NOW, visits: [old], policy }).counters).toEqual([]);
  });

  it('what an officer said wins: open, on a break (back after BREAK_MS), closed', () => {
    const visits = [served('a', 'L1', 200, 5), served('b', 'L2', 3, 2), served('c', 'L3', 3, 2)];
    const s = lineStateAt({
      now: NOW,
      visits,
      policy,
      counters: [
        { id: 'L1', serviceIds: ['ktp'], presence: { state: 'open', since: NOW - 300 * MIN } },
        { id: 'L2', serviceIds: ['ktp', 'kk'], presence: { state: 'break', since: NOW - 5 * MIN } },
        { id: 'L3', serviceIds: ['ktp'], presence: { state: 'closed', since: NOW - MIN } },
        { id: 'L4', serviceIds: ['kk'], presence: null },
      ],
    });
    expect(s.counters.map((c) => [c.id, c.availableFrom, c.serviceIds])).toEqual([
      ['L1', NOW, ['ktp']],
      ['L2', NOW - 5 * MIN + BREAK_MS, ['ktp', 'kk']],
    ]);
  });

  it("learns each service's times from today's visits, topped up from the history or the standard while few", () => {
    const visits = [served('a', 'L1', 60, 4), served('b', 'L1', 50, 6), served('c', 'L1', 40, 8)];
    const s = lineStateAt({
      now: NOW,
      visits,
      policy,
      priors: new Map([
        ['ktp', { occupancy: [20 * MIN, 20 * MIN], noShowShare: 0.1, leaveShare: 0, priorityPerHour: 2 }],
      ]),
      standardMinutes: new Map([['akta', 30]]),
      counters: [{ id: 'L1', serviceIds: ['ktp', 'akta'], presence: { state: 'open', since: NOW } }],
    });
    const ktp = s.services.get('ktp');
    expect(ktp?.occupancy).toHaveLength(20);
    expect(ktp?.occupancy.slice(0, 3)).toEqual([4 * MIN, 6 * MIN, 8 * MIN]);
    expect(ktp?.occupancy.slice(3).every((x) => x === 20 * MIN)).toBe(true);
    // no no-show in three calls, against the history's 10 % weighted as ten calls
    expect(ktp?.noShowShare).toBeCloseTo((0 + 0.1 * 10) / (3 + 10), 10);
    expect(ktp?.priorityPerHour).toBe(2);
    const akta = s.services.get('akta');
    const median = akta ? (akta.occupancy[9]! + akta.occupancy[10]!) / 2 : 0;
    expect(Math.abs(median - 30 * MIN)).toBeLessThan(2_000);
  });

  it("reads the gap between one ticket and the next call, and each counter's pace", () => {
    const visits = [
      served('a', 'L1', 60, 10),
      served('b', 'L1', 49.5, 10), // called 30 s after a ended
      served('c', 'L1', 39, 10), // 30 s after b
      served('d', 'L2', 60, 20),
      served('e', 'L2', 39.5, 20), // 30 s
    ];
    const s = lineStateAt({ now: NOW, visits, policy });
    expect(s.callGapMs).toBe(30_000);
    const pace = (id: string) => s.counters.find((c) => c.id === id)?.pace ?? 0;
    expect(pace('L2')).toBeGreaterThan(1);
    expect(pace('L1')).toBeLessThan(1);
  });

  it('keeps only what shares counters with the focus', () => {
    const visits = [
      served('a', 'L1', 30, 10, { serviceId: 'ktp' }),
      served('b', 'L1', 15, 10, { serviceId: 'kk' }),
      served('c', 'L9', 10, 5, { serviceId: 'paspor' }),
      visit('w1', { serviceId: 'kk', arrivalAt: NOW - MIN }),
      visit('w2', { serviceId: 'paspor', arrivalAt: NOW - MIN }),
    ];
    const s = lineStateAt({ now: NOW, visits, policy, focus: ['ktp'] });
    expect([...s.services.keys()].sort()).toEqual(['kk', 'ktp']);
    expect(s.counters.map((c) => c.id)).toEqual(['L1']);
    expect(s.waiting.map((t) => t.id)).toEqual(['w1']);
  });
});

describe('counters not seen yet today', () => {
  it('are expected at the time they usually start, until well past it', () => {
    const starts = usualStarts([
      new Map([
        ['L1', 8 * 60 * MIN],
        ['L2', 9 * 60 * MIN],
      ]),
      new Map([
        ['L1', 8 * 60 * MIN + 10 * MIN],
        ['L2', 9 * 60 * MIN],
      ]),
      new Map([['L1', 8 * 60 * MIN + 20 * MIN]]),
      new Map([['L3', 7 * 60 * MIN]]),
    ]);
    // L1 on all four days (median of three), L2 on two of four (half: kept), L3 once (occasional)
    expect(starts).toEqual(
      new Map([
        ['L1', 8 * 60 * MIN + 10 * MIN],
        ['L2', 9 * 60 * MIN],
      ]),
    );
    const known = [
      { id: 'L1', serviceIds: ['ktp'], presence: null },
      { id: 'L2', serviceIds: ['ktp'], presence: null },
    ];
    const at = (now: number) =>
      lineStateAt({
        now,
        visits: [],
        policy,
        counters: known,
        usualStarts: new Map([
          ['L1', NOW + 10 * MIN],
          ['L2', NOW - LATE_GRACE_MS - MIN],
        ]),
      }).counters.map((c) => [c.id, c.availableFrom]);
    // L1 is coming in ten minutes; L2 should have come long ago: not today
    expect(at(NOW)).toEqual([['L1', NOW + 10 * MIN]]);
    expect(at(NOW + 15 * MIN)).toEqual([['L1', NOW + 15 * MIN]]);
    expect(at(NOW + 10 * MIN + LATE_GRACE_MS)).toEqual([]);
  });
});

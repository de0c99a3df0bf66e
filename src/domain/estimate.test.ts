import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  baselineWait,
  type EstimateCounter,
  type EstimateTicket,
  estimateWaits,
  type LineState,
  type ServiceModel,
} from './estimate.js';
import { byArrival, type PickPolicy, pickNext } from './pick-next.js';
import { PRIORITY_CLASSES } from './queue.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 7, 2, 0); // 09:00 WIB
const policy: PickPolicy = { priorityPerRegular: 2, maxWaitMs: 45 * MIN };

/** A service that always takes exactly `minutes`, nobody leaves or fails to come. */
const fixed = (minutes: number, extra: Partial<ServiceModel> = {}): ServiceModel => ({
  occupancy: [minutes * MIN],
  noShowShare: 0,
  noShowMs: 2 * MIN,
  leaveShare: 0,
  priorityPerHour: 0,
  ...extra,
});

const counter = (id: string, serviceIds: string[], extra: Partial<EstimateCounter> = {}): EstimateCounter => ({
  id,
  serviceIds,
  busy: null,
  availableFrom: NOW,
  recentCalls: [],
  pace: 1,
  ...extra,
});

const ticket = (
  id: string,
  serviceId: string,
  minutesAgo: number,
  extra: Partial<EstimateTicket> = {},
): EstimateTicket => ({
  id,
  serviceId,
  arrivalAt: NOW - minutesAgo * MIN,
  priority: null,
  appointmentAt: null,
  ...extra,
});

const state = (extra: Partial<LineState>): LineState => ({
  now: NOW,
  waiting: [],
  counters: [],
  services: new Map([['ktp', fixed(10)]]),
  callGapMs: 0,
  policy,
  spans: [],
  expected: [],
  ...extra,
});

const minutes = (ms: number | undefined) => (ms === undefined ? undefined : ms / MIN);
const waitOf = (s: LineState, target: Parameters<typeof estimateWaits>[1][number]) =>
  minutes(estimateWaits(s, [target], { runs: 20 })[0]?.estimate?.waitMs);

describe('the wait estimate', () => {
  it('plays the line forward: three ahead of ten minutes at one counter is thirty minutes', () => {
    const s = state({
      waiting: [ticket('a', 'ktp', 9), ticket('b', 'ktp', 6), ticket('c', 'ktp', 3)],
      counters: [counter('L1', ['ktp'])],
    });
    const [e] = estimateWaits(s, [{ serviceId: 'ktp', priority: null }], { runs: 10 });
    expect(e?.estimate).toEqual({ waitMs: 30 * MIN, lowMs: 30 * MIN, highMs: 30 * MIN, callAt: NOW + 30 * MIN });
    // a waiting ticket's own estimate: the third one waits for two
    expect(waitOf(s, { ticketId: 'c' })).toBe(20);
    // two counters halve it (rounded up to whole services)
    expect(
      waitOf(
        { ...s, counters: [counter('L1', ['ktp']), counter('L2', ['ktp'])] },
        { serviceId: 'ktp', priority: null },
      ),
    ).toBe(10);
  });

  it('counts what a busy counter has left of its ticket, and the gap before its next call', () => {
    const s = state({
      waiting: [ticket('a', 'ktp', 1)],
      counters: [counter('L1', ['ktp'], { busy: { since: NOW - 4 * MIN, serviceId: 'ktp' } })],
      callGapMs: 30_000,
    });
    // 6 minutes left of the ticket held, +30 s, then a's 10 minutes +30 s
    expect(waitOf(s, { ticketId: 'a' })).toBe(6.5);
    expect(waitOf(s, { serviceId: 'ktp', priority: null })).toBe(17);
  });

  it('a counter shared with another service serves both lines in arrival order', () => {
    const s = state({
      services: new Map([
        ['ktp', fixed(10)],
        ['kk', fixed(20)],
      ]),
      waiting: [ticket('kk1', 'kk', 10), ticket('ktp1', 'ktp', 5)],
      counters: [counter('L1', ['ktp', 'kk'])],
    });
    expect(waitOf(s, { ticketId: 'ktp1' })).toBe(20);
    expect(waitOf(s, { serviceId: 'kk', priority: null })).toBe(30);
    // the baseline sees only its own line: (0 + 1) × 10 ÷ 1
    expect(minutes(baselineWait(s, { ticketId: 'ktp1' }) ?? undefined)).toBe(10);
  });

  it('a priority ticket goes first up to the ratio; a booked ticket goes first once due', () => {
    const s = state({
      waiting: [
        ticket('r1', 'ktp', 20),
        ticket('r2', 'ktp', 15),
        ticket('b1', 'ktp', 5, { appointmentAt: NOW + 5 * MIN }),
      ],
      counters: [counter('L1', ['ktp'])],
    });
    expect(waitOf(s, { serviceId: 'ktp', priority: 'lansia' })).toBe(0);
    // r1 at 0, then b1 is due at 10, then r2
    expect(waitOf(s, { ticketId: 'b1' })).toBe(10);
    expect(waitOf(s, { ticketId: 'r2' })).toBe(20);
  });

  it('a booking still to come goes before a walk-in once due', () => {
    const s = state({
      waiting: [ticket('r1', 'ktp', 20)],
      counters: [counter('L1', ['ktp'])],
      expected: [{ serviceId: 'ktp', appointmentAt: NOW + 5 * MIN, showShare: 1 }],
    });
    // r1 0–10, the booking (due at 5) 10–20, then the new walk-in
    expect(waitOf(s, { serviceId: 'ktp', priority: null })).toBe(20);
    expect(
      waitOf({ ...s, expected: [{ ...s.expected[0]!, showShare: 0 }] }, { serviceId: 'ktp', priority: null }),
    ).toBe(10);
  });

  it("counters call nobody in a break between the day's spans", () => {
    const s = state({
      waiting: [ticket('a', 'ktp', 1), ticket('b', 'ktp', 0)],
      counters: [counter('L1', ['ktp'])],
      spans: [
        { from: NOW - 60 * MIN, to: NOW + 5 * MIN },
        { from: NOW + 60 * MIN, to: NOW + 240 * MIN },
      ],
    });
    expect(waitOf(s, { ticketId: 'b' })).toBe(60);
  });

  it('a counter on a break calls from its return; one that is back sooner helps', () => {
    const s = state({
      waiting: [ticket('a', 'ktp', 1)],
      counters: [counter('L1', ['ktp'], { availableFrom: NOW + 15 * MIN })],
    });
    expect(waitOf(s, { ticketId: 'a' })).toBe(15);
    expect(minutes(baselineWait(s, { ticketId: 'a' }) ?? undefined)).toBeUndefined();
  });

  it('says why there is no estimate', () => {
    const s = state({ waiting: [ticket('a', 'ktp', 1)], counters: [counter('L1', ['kk'])] });
    expect(estimateWaits(s, [{ ticketId: 'a' }, { ticketId: 'zz' }, { serviceId: 'ktp', priority: null }])).toEqual([
      { estimate: null, reason: 'no_counter_open' },
      { estimate: null, reason: 'not_waiting' },
      { estimate: null, reason: 'no_counter_open' },
    ]);
  });

  it('spreads a range around the point when service times vary, and is the same for the same state', () => {
    const varied: ServiceModel = { ...fixed(10), occupancy: [3, 5, 7, 9, 10, 12, 15, 20, 30, 45].map((m) => m * MIN) };
    const s = state({
      services: new Map([['ktp', varied]]),
      waiting: Array.from({ length: 6 }, (_, i) => ticket(`t${i}`, 'ktp', 30 - i)),
      counters: [counter('L1', ['ktp']), counter('L2', ['ktp'])],
    });
    const [a] = estimateWaits(s, [{ serviceId: 'ktp', priority: null }]);
    const [b] = estimateWaits(s, [{ serviceId: 'ktp', priority: null }]);
    expect(a).toEqual(b);
    const e = a?.estimate;
    expect(e && e.lowMs < e.waitMs && e.waitMs < e.highMs).toBe(true);
  });

  it('the baseline is (people ahead + 1) × mean service time ÷ counters serving', () => {
    const s = state({
      services: new Map([['ktp', { ...fixed(10), occupancy: [6 * MIN, 14 * MIN] }]]),
      waiting: [ticket('a', 'ktp', 9), ticket('b', 'ktp', 6), ticket('p', 'ktp', 1, { priority: 'lansia' })],
      counters: [counter('L1', ['ktp']), counter('L2', ['ktp']), counter('L3', ['kk'])],
    });
    expect(minutes(baselineWait(s, { serviceId: 'ktp', priority: null }) ?? undefined)).toBe(20);
    expect(minutes(baselineWait(s, { ticketId: 'p' }) ?? undefined)).toBe(5);
  });
});

// ── properties over random states ──────────────────────────────────────

const SERVICES = ['ktp', 'kk', 'akta'];

const modelArb = fc.record({
  occupancy: fc
    .array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 })
    .map((m) => m.map((x) => x * MIN).sort((a, b) => a - b)),
  noShowShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
  noShowMs: fc.integer({ min: 0, max: 5 * MIN }),
  leaveShare: fc.double({ min: 0, max: 0.2, noNaN: true }),
  priorityPerHour: fc.double({ min: 0, max: 6, noNaN: true }),
});

const ticketArb = fc.record({
  serviceId: fc.constantFrom(...SERVICES),
  minutesAgo: fc.integer({ min: 0, max: 120 }),
  priority: fc.option(fc.constantFrom(...PRIORITY_CLASSES), { freq: 4 }),
  appointmentIn: fc.option(fc.integer({ min: -30, max: 120 }), { freq: 6 }),
});

const counterArb = fc.record({
  serviceIds: fc.subarray(SERVICES, { minLength: 1 }),
  busyMinutes: fc.option(fc.integer({ min: 0, max: 90 })),
  backIn: fc.option(fc.integer({ min: 1, max: 60 }), { freq: 5 }),
  pace: fc.double({ min: 0.6, max: 1.8, noNaN: true }),
  streak: fc.integer({ min: 0, max: 3 }),
});

const stateArb = fc
  .record({
    models: fc.tuple(modelArb, modelArb, modelArb),
    tickets: fc.array(ticketArb, { maxLength: 25 }),
    counters: fc.array(counterArb, { maxLength: 4 }),
    gap: fc.integer({ min: 0, max: 2 * MIN }),
    bookings: fc.array(
      fc.record({ serviceId: fc.constantFrom(...SERVICES), inMinutes: fc.integer({ min: -20, max: 180 }) }),
      {
        maxLength: 4,
      },
    ),
    breakAt: fc.option(fc.integer({ min: 0, max: 180 })),
  })
  .map(
    (g): LineState => ({
      now: NOW,
      services: new Map(SERVICES.map((id, i) => [id, g.models[i] as ServiceModel])),
      waiting: g.tickets.map((t, i) => ({
        id: `t${String(i).padStart(2, '0')}`,
        serviceId: t.serviceId,
        arrivalAt: NOW - t.minutesAgo * MIN,
        priority: t.priority,
        appointmentAt: t.appointmentIn === null ? null : NOW + t.appointmentIn * MIN,
      })),
      counters: g.counters.map((c, i) => ({
        id: `L${i}`,
        serviceIds: c.serviceIds,
        busy:
          c.busyMinutes === null ? null : { since: NOW - c.busyMinutes * MIN, serviceId: c.serviceIds[0] as string },
        availableFrom: c.backIn === null ? NOW : NOW + c.backIn * MIN,
        recentCalls: Array.from({ length: c.streak }, () => ({ priority: true })),
        pace: c.pace,
      })),
      callGapMs: g.gap,
      policy,
      spans:
        g.breakAt === null
          ? []
          : [
              { from: NOW - 60 * MIN, to: NOW + g.breakAt * MIN },
              { from: NOW + (g.breakAt + 45) * MIN, to: NOW + 600 * MIN },
            ],
      expected: g.bookings.map((b) => ({
        serviceId: b.serviceId,
        appointmentAt: NOW + b.inMinutes * MIN,
        showShare: 0.8,
      })),
    }),
  );

const RUNS = 12;

describe('the wait estimate, for any state', () => {
  it('gives minutes that are whole numbers ≥ 0 with low ≤ point ≤ high, or says why not', () => {
    fc.assert(
      fc.property(
        stateArb,
        fc.constantFrom(...SERVICES),
        fc.option(fc.constantFrom(...PRIORITY_CLASSES)),
        (s, serviceId, priority) => {
          const targets = [{ serviceId, priority }, ...s.waiting.map((t) => ({ ticketId: t.id }))];
          for (const outcome of estimateWaits(s, targets, { runs: RUNS })) {
            if (outcome.estimate === null) {
              expect(['no_counter_open', 'not_waiting']).toContain(outcome.reason);
              continue;
            }
            const { waitMs, lowMs, highMs, callAt } = outcome.estimate;
            for (const x of [waitMs, lowMs, highMs]) {
              expect(Number.isFinite(x)).toBe(true);
              expect(x).toBeGreaterThanOrEqual(0);
            }
            expect(lowMs).toBeLessThanOrEqual(waitMs);
            expect(waitMs).toBeLessThanOrEqual(highMs);
            expect(callAt).toBe(NOW + waitMs);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

/**
 * Where the call-next rule itself is monotone — counters alike (the same services, the same pace),
 * regular walk-ins in arrival order — the estimate must be too. Outside it the rule is not, and
 * the estimate shows what the rule would do (see the anomalies below).
 */
const alikeArb = fc
  .record({
    model: modelArb.map((m) => ({ ...m, priorityPerHour: 0 })),
    serves: fc.subarray(SERVICES, { minLength: 1 }),
    tickets: fc.array(
      fc.record({ serviceId: fc.constantFrom(...SERVICES), minutesAgo: fc.integer({ min: 0, max: 120 }) }),
      {
        maxLength: 25,
      },
    ),
    busy: fc.array(fc.option(fc.integer({ min: 0, max: 90 })), { minLength: 1, maxLength: 4 }),
    gap: fc.integer({ min: 0, max: 2 * MIN }),
  })
  .map(
    (g): LineState => ({
      now: NOW,
      services: new Map(SERVICES.map((id) => [id, g.model])),
      waiting: g.tickets
        .filter((t) => g.serves.includes(t.serviceId))
        .map((t, i) => ticket(`t${String(i).padStart(2, '0')}`, t.serviceId, t.minutesAgo)),
      counters: g.busy.map((b, i) =>
        counter(`L${i}`, g.serves, {
          busy: b === null ? null : { since: NOW - b * MIN, serviceId: g.serves[0] as string },
        }),
      ),
      callGapMs: g.gap,
      policy: { ...policy, maxWaitMs: 24 * 60 * MIN },
      spans: [],
      expected: [],
    }),
  );

describe('the wait estimate where the rule is monotone', () => {
  it('one more person ahead never shortens a wait', () => {
    fc.assert(
      fc.property(alikeArb, fc.nat(), fc.integer({ min: 1, max: 120 }), (s, which, minutesAgo) => {
        const serviceId = s.counters[0]?.serviceIds[which % (s.counters[0]?.serviceIds.length ?? 1)] as string;
        const target = { serviceId, priority: null };
        const before = estimateWaits(s, [target], { runs: RUNS })[0]?.estimate?.waitMs as number;
        const more = { ...s, waiting: [...s.waiting, ticket('zz-ahead', serviceId, minutesAgo)] };
        const after = estimateWaits(more, [target], { runs: RUNS })[0]?.estimate?.waitMs as number;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('one more counter never lengthens a wait', () => {
    fc.assert(
      fc.property(alikeArb, fc.nat(), (s, which) => {
        const serves = s.counters[0]?.serviceIds as string[];
        const target = { serviceId: serves[which % serves.length] as string, priority: null };
        const before = estimateWaits(s, [target], { runs: RUNS })[0]?.estimate?.waitMs as number;
        const more = { ...s, counters: [...s.counters, counter('L-extra', serves)] };
        const after = estimateWaits(more, [target], { runs: RUNS })[0]?.estimate?.waitMs as number;
        expect(after).toBeLessThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('counters that serve different services can make one more person ahead shorten a wait, as the rule does', () => {
    // L1 serves KTP and akta, L0 only KTP. Without the extra akta citizen, L1 takes the KTP ticket
    // (2 min) and the new akta citizen waits for it; with one, L1 takes that short akta ticket
    // first, L0 takes the KTP ticket, and L1 is free for the newcomer sooner.
    const s = state({
      services: new Map([
        ['ktp', fixed(2)],
        ['akta', fixed(1)],
      ]),
      waiting: [ticket('t00', 'ktp', 0)],
      counters: [
        counter('L0', ['ktp'], { busy: { since: NOW, serviceId: 'ktp' } }),
        counter('L1', ['ktp', 'akta'], { busy: { since: NOW - MIN, serviceId: 'ktp' } }),
      ],
    });
    const target = { serviceId: 'akta', priority: null };
    const more = { ...s, waiting: [...s.waiting, ticket('a0', 'akta', 1)] };
    expect(waitOf(s, target)).toBe(3);
    expect(waitOf(more, target)).toBe(2);
  });
});

describe('accuracy', () => {
  it('MAE, bias and the share within ±max(5 min, 25 %)', () => {
    const a = accuracy([
      { estimateMs: 10 * MIN, actualMs: 12 * MIN }, // −2, within 5
      { estimateMs: 60 * MIN, actualMs: 40 * MIN }, // +20, allowed 10: out
      { estimateMs: 30 * MIN, actualMs: 36 * MIN }, // −6, allowed 9: within
    ]);
    expect(a.count).toBe(3);
    expect(a.maeMinutes).toBeCloseTo(28 / 3, 10);
    expect(a.biasMinutes).toBeCloseTo(12 / 3, 10);
    expect(a.withinShare).toBeCloseTo(2 / 3, 10);
    expect(accuracy([])).toEqual({ count: 0, maeMinutes: null, biasMinutes: null, withinShare: null });
  });
});

describe('the lines of a play', () => {
  it('show the call-next rule only the first regular, the first priority and the booked tickets: the same pick as the whole line', () => {
    fc.assert(
      fc.property(
        fc.array(ticketArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.boolean(), { maxLength: 3 }),
        fc.integer({ min: 0, max: 180 }),
        (raw, recent, later) => {
          const all = raw.map((t, i) =>
            ticket(`t${String(i).padStart(2, '0')}`, t.serviceId, t.minutesAgo, {
              priority: t.priority,
              appointmentAt: t.appointmentIn === null ? null : NOW + t.appointmentIn * MIN,
            }),
          );
          const first = (list: EstimateTicket[]) => [...list].sort(byArrival)[0];
          const heads = [
            first(all.filter((t) => t.appointmentAt === null && t.priority === null)),
            first(all.filter((t) => t.appointmentAt === null && t.priority !== null)),
            ...all.filter((t) => t.appointmentAt !== null),
          ].filter((t): t is EstimateTicket => t !== undefined);
          const calls = recent.map((priority) => ({ priority }));
          const at = NOW + later * MIN;
          expect(pickNext(heads, calls, policy, at)).toEqual(pickNext(all, calls, policy, at));
        },
      ),
      { numRuns: 500 },
    );
  });
});

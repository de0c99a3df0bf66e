/**
 * Property tests of the queue core: a small in-memory mall (services, counters serving subsets of
 * them, a clock) driven by random operations, every decision taken by pickNext and checkTransition
 * exactly as the repository does it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, type PickPolicy, type PickReason, pickNext, postponedArrival } from './pick-next.js';
import {
  checkTransition,
  formatTicketNumber,
  isHeldByCounter,
  PRIORITY_CLASSES,
  type PriorityClass,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type TicketAction,
  type TicketStatus,
  type TransitionResult,
} from './queue.js';
import { localTime } from './schedule.js';

const MIN = 60_000;
const TZ = 'Asia/Jakarta';
const START = Date.parse('2026-03-02T00:00:00Z'); // Monday 07:00 in Jakarta
const PREFIXES = ['A', 'B', 'C', 'D'] as const;
const NUM_RUNS = 150;

// ---------------------------------------------------------------------------------------------
// Scenario

type Op =
  | { k: 'issue'; service: number; priority: PriorityClass | null }
  | { k: 'call'; counter: number }
  | { k: 'recall'; counter: number }
  | { k: 'start'; counter: number }
  | { k: 'finish'; counter: number }
  | { k: 'noShow'; counter: number; recallFirst: boolean }
  | { k: 'cancel'; ticket: number; fitting: boolean }
  | { k: 'reactivate'; ticket: number; fitting: boolean }
  | { k: 'transfer'; ticket: number; fitting: boolean; shift: number }
  | { k: 'postpone'; ticket: number; fitting: boolean; places: number };

interface Step {
  /** the clock advances by this much before the operation */
  dt: number;
  op: Op;
}

interface Arrival {
  service: number;
  priority: PriorityClass | null;
}

interface Scenario {
  nServices: number;
  /** the services each counter serves, non-empty */
  counters: number[][];
  policy: PickPolicy;
  recallsBeforeNoShow: number;
  steps: Step[];
  /** arrivals that keep coming while the counters drain the queue */
  lateArrivals: Arrival[];
  drainStepMs: number;
}

const priorityArb: fc.Arbitrary<PriorityClass | null> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: fc.constantFrom(...PRIORITY_CLASSES), weight: 2 },
);

function arrivalArb(nServices: number): fc.Arbitrary<Arrival> {
  return fc.record({ service: fc.integer({ min: 0, max: nServices - 1 }), priority: priorityArb });
}

const dtArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 20 },
  { arbitrary: fc.integer({ min: 1, max: 5 * MIN }), weight: 50 },
  { arbitrary: fc.integer({ min: 5 * MIN, max: 40 * MIN }), weight: 10 },
  // now and then the night passes: tickets of yesterday meet today's date
  { arbitrary: fc.integer({ min: 8 * 60 * MIN, max: 20 * 60 * MIN }), weight: 1 },
);

function opArb(nServices: number): fc.Arbitrary<Op> {
  const counter = fc.nat();
  const ticket = fc.nat();
  /** pick among the tickets the action plausibly fits, or among all (which exercises refusals) */
  const fitting = fc.boolean();
  return fc.oneof(
    { arbitrary: arrivalArb(nServices).map((a): Op => ({ k: 'issue', ...a })), weight: 6 },
    { arbitrary: counter.map((c): Op => ({ k: 'call', counter: c })), weight: 6 },
    { arbitrary: counter.map((c): Op => ({ k: 'recall', counter: c })), weight: 1 },
    { arbitrary: counter.map((c): Op => ({ k: 'start', counter: c })), weight: 4 },
    { arbitrary: counter.map((c): Op => ({ k: 'finish', counter: c })), weight: 4 },
    {
      arbitrary: fc.record({ counter, recallFirst: fc.boolean() }).map((r): Op => ({ k: 'noShow', ...r })),
      weight: 1,
    },
    { arbitrary: fc.record({ ticket, fitting }).map((r): Op => ({ k: 'cancel', ...r })), weight: 1 },
    { arbitrary: fc.record({ ticket, fitting }).map((r): Op => ({ k: 'reactivate', ...r })), weight: 1 },
    {
      arbitrary: fc.record({ ticket, fitting, shift: fc.nat() }).map((r): Op => ({ k: 'transfer', ...r })),
      weight: 1,
    },
    {
      arbitrary: fc
        .record({ ticket, fitting, places: fc.integer({ min: 1, max: 5 }) })
        .map((r): Op => ({ k: 'postpone', ...r })),
      weight: 1,
    },
  );
}

const policyArb: fc.Arbitrary<PickPolicy> = fc.record({
  priorityPerRegular: fc.integer({ min: 1, max: 4 }),
  maxWaitMs: fc.oneof(
    fc.integer({ min: 1, max: 120 }).map((m) => m * MIN),
    fc.integer({ min: 1, max: 3 * MIN }),
    fc.constant(24 * 60 * MIN),
  ),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.integer({ min: 1, max: 4 }).chain((nServices) => {
  const all = Array.from({ length: nServices }, (_, i) => i);
  return fc.record({
    nServices: fc.constant(nServices),
    counters: fc.array(fc.subarray(all, { minLength: 1 }), { minLength: 1, maxLength: 4 }),
    policy: policyArb,
    recallsBeforeNoShow: fc.integer({ min: 0, max: 3 }),
    steps: fc.array(fc.record({ dt: dtArb, op: opArb(nServices) }), {
      minLength: 1,
      maxLength: 150,
      size: 'max',
    }),
    lateArrivals: fc.array(arrivalArb(nServices), { maxLength: 20, size: 'max' }),
    drainStepMs: fc.integer({ min: 0, max: 10 * MIN }),
  });
});

// ---------------------------------------------------------------------------------------------
// The simulated mall

interface SimTicket {
  id: string;
  number: string;
  service: number;
  priority: PriorityClass | null;
  arrivalAt: number;
  serviceDate: string;
  status: TicketStatus;
  recallCount: number;
  /** the counter that last called it */
  counter: number | null;
}

interface SimEvent {
  ticketId: string;
  action: TicketAction | 'issue';
  counter: number | null;
  at: number;
  from: TicketStatus | null;
  to: TicketStatus;
}

interface CallRecord {
  counter: number;
  at: number;
  ticketId: string;
  reason: PickReason;
  isPriority: boolean;
  /** what pickNext was given */
  candidates: Candidate[];
  recentCalls: { priority: boolean }[];
  /** the picked ticket as the mall knew it just before the call */
  pickedStatus: TicketStatus;
  pickedService: number;
  /** whether checkTransition let the call happen */
  accepted: boolean;
}

class Mall {
  now = START;
  readonly tickets: SimTicket[] = [];
  readonly byId = new Map<string, SimTicket>();
  readonly events: SimEvent[] = [];
  readonly calls: CallRecord[] = [];
  readonly rejections: { ticketId: string; action: TicketAction; result: TransitionResult }[] = [];
  /** the counters' own bookkeeping of what they hold, cross-checked against the tickets */
  readonly holding: (string | null)[];
  private readonly callHistory: boolean[][];
  private readonly seq = new Map<string, number>();
  private nextId = 1;

  constructor(readonly s: Scenario) {
    this.holding = s.counters.map(() => null);
    this.callHistory = s.counters.map(() => []);
  }

  get today(): string {
    return localTime(this.now, TZ).date;
  }

  issue(service: number, priority: PriorityClass | null): SimTicket {
    const serviceDate = this.today;
    const prefix = PREFIXES[service] ?? 'Z';
    const key = `${prefix}|${serviceDate}`;
    const n = (this.seq.get(key) ?? 0) + 1;
    this.seq.set(key, n);
    // ids "t1", "t2", … "t10": string order differs from issue order, so ties by id are exercised
    const t: SimTicket = {
      id: `t${this.nextId++}`,
      number: formatTicketNumber(prefix, n),
      service,
      priority,
      arrivalAt: this.now,
      serviceDate,
      status: 'waiting',
      recallCount: 0,
      counter: null,
    };
    this.tickets.push(t);
    this.byId.set(t.id, t);
    this.events.push({
      ticketId: t.id,
      action: 'issue',
      counter: null,
      at: this.now,
      from: null,
      to: 'waiting',
    });
    return t;
  }

  /** The ticket a counter holds, found the way the repository finds it. */
  heldBy(counter: number): SimTicket | undefined {
    return this.tickets.find((t) => t.counter === counter && isHeldByCounter(t.status));
  }

  apply(
    t: SimTicket,
    action: TicketAction,
    counter: number | null,
    extra?: { toService?: number; arrivalAt?: number },
  ): boolean {
    const result = checkTransition(t, action, {
      recallsBeforeNoShow: this.s.recallsBeforeNoShow,
      today: this.today,
    });
    if (!result.ok) {
      this.rejections.push({ ticketId: t.id, action, result });
      return false;
    }
    const from = t.status;
    t.status = result.to;
    if (action === 'call' && counter !== null) {
      t.counter = counter;
      t.recallCount = 0;
      this.holding[counter] = t.id;
    }
    if (action === 'recall') t.recallCount++;
    if (!isHeldByCounter(t.status)) {
      // finish, no_show, cancel, transfer: whoever held it lets go
      for (let c = 0; c < this.holding.length; c++) if (this.holding[c] === t.id) this.holding[c] = null;
    }
    if (action === 'transfer' && extra?.toService !== undefined) {
      t.service = extra.toService; // arrivalAt is kept
      t.counter = null;
    }
    if (action === 'postpone' && extra?.arrivalAt !== undefined) t.arrivalAt = extra.arrivalAt;
    this.events.push({ ticketId: t.id, action, counter, at: this.now, from, to: t.status });
    return true;
  }

  servicesOf(counter: number): readonly number[] {
    return this.s.counters[counter] ?? [];
  }

  callNext(counter: number): SimTicket | null {
    if (this.heldBy(counter)) return null;
    const services = this.servicesOf(counter);
    const candidates: Candidate[] = this.tickets
      .filter((t) => t.status === 'waiting' && services.includes(t.service))
      .map((t) => ({ id: t.id, arrivalAt: t.arrivalAt, priority: t.priority, appointmentAt: null }));
    const history = this.callHistory[counter] ?? [];
    const recentCalls = [...history].reverse().map((priority) => ({ priority }));
    const pick = pickNext(candidates, recentCalls, this.s.policy, this.now);
    if (!pick) {
      if (candidates.length > 0) throw new Error(`pickNext returned null with ${candidates.length} waiting`);
      return null;
    }
    const t = this.byId.get(pick.ticket.id);
    if (!t) throw new Error(`pickNext returned an unknown ticket ${pick.ticket.id}`);
    const record: CallRecord = {
      counter,
      at: this.now,
      ticketId: t.id,
      reason: pick.reason,
      isPriority: t.priority !== null,
      candidates,
      recentCalls,
      pickedStatus: t.status,
      pickedService: t.service,
      accepted: false,
    };
    this.calls.push(record);
    record.accepted = this.apply(t, 'call', counter);
    if (record.accepted) history.push(record.isPriority);
    return record.accepted ? t : null;
  }

  ticketAt(index: number, among: readonly TicketStatus[] | null): SimTicket | undefined {
    const pool = among ? this.tickets.filter((t) => among.includes(t.status)) : this.tickets;
    return pool.length === 0 ? undefined : pool[index % pool.length];
  }

  run(op: Op): void {
    const nCounters = this.s.counters.length;
    switch (op.k) {
      case 'issue':
        this.issue(op.service, op.priority);
        return;
      case 'call':
        this.callNext(op.counter % nCounters);
        return;
      case 'recall':
      case 'start':
      case 'finish': {
        const c = op.counter % nCounters;
        const t = this.heldBy(c);
        if (t) this.apply(t, op.k, c);
        return;
      }
      case 'noShow': {
        const c = op.counter % nCounters;
        const t = this.heldBy(c);
        if (!t) return;
        if (op.recallFirst) {
          while (t.status === 'called' && t.recallCount < this.s.recallsBeforeNoShow) {
            if (!this.apply(t, 'recall', c)) break;
          }
        }
        this.apply(t, 'no_show', c);
        return;
      }
      case 'cancel':
      case 'reactivate': {
        const fits: TicketStatus[] = op.k === 'cancel' ? ['waiting', 'called'] : ['no_show'];
        const t = this.ticketAt(op.ticket, op.fitting ? fits : null);
        if (t) this.apply(t, op.k, t.counter);
        return;
      }
      case 'postpone': {
        const t = this.ticketAt(op.ticket, op.fitting ? ['waiting'] : null);
        if (!t) return;
        const line = this.tickets
          .filter((o) => o.status === 'waiting' && o.service === t.service)
          .map((o) => ({ id: o.id, arrivalAt: o.arrivalAt, priority: o.priority, appointmentAt: null }));
        const arrivalAt = postponedArrival(
          { id: t.id, arrivalAt: t.arrivalAt, priority: t.priority, appointmentAt: null },
          line,
          op.places,
        );
        this.apply(t, 'postpone', t.counter, { arrivalAt });
        return;
      }
      case 'transfer': {
        const t = this.ticketAt(op.ticket, op.fitting ? ['waiting', 'called', 'serving'] : null);
        if (!t || this.s.nServices < 2) return;
        const toService = (t.service + 1 + (op.shift % (this.s.nServices - 1))) % this.s.nServices;
        this.apply(t, 'transfer', t.counter, { toService });
        return;
      }
    }
  }

  servable(t: SimTicket): boolean {
    return this.s.counters.some((services) => services.includes(t.service));
  }

  /**
   * Counters finish what they hold, then keep calling, starting and finishing while late arrivals
   * keep coming, until a round calls nobody. Bounded: each round either issues or calls someone.
   */
  drain(): { quiet: boolean; waitingAtStart: string[]; firstEvent: number } {
    const firstEvent = this.events.length;
    const waitingAtStart = this.tickets.filter((t) => t.status === 'waiting' && this.servable(t)).map((t) => t.id);
    for (let c = 0; c < this.s.counters.length; c++) {
      const t = this.heldBy(c);
      if (t?.status === 'called') this.apply(t, 'start', c);
      if (t?.status === 'serving') this.apply(t, 'finish', c);
    }
    const late = this.s.lateArrivals;
    const bound = this.tickets.filter((t) => t.status === 'waiting').length + late.length + 2;
    for (let round = 0; round < bound; round++) {
      this.now += this.s.drainStepMs;
      const arrival = late[round];
      if (arrival) this.issue(arrival.service, arrival.priority);
      let called = 0;
      for (let c = 0; c < this.s.counters.length; c++) {
        const t = this.callNext(c);
        if (!t) continue;
        called++;
        this.apply(t, 'start', c);
        this.apply(t, 'finish', c);
      }
      if (called === 0 && round >= late.length) return { quiet: true, waitingAtStart, firstEvent };
    }
    return { quiet: false, waitingAtStart, firstEvent };
  }
}

function simulate(s: Scenario, afterEachStep?: (mall: Mall) => void): Mall {
  const mall = new Mall(s);
  for (const step of s.steps) {
    mall.now += step.dt;
    mall.run(step.op);
    afterEachStep?.(mall);
  }
  return mall;
}

/** Arrival order, ties by id: written here independently of byArrival. */
function longestWaiting(list: readonly Candidate[]): Candidate | undefined {
  return [...list].sort((a, b) => {
    if (a.arrivalAt !== b.arrivalAt) return a.arrivalAt - b.arrivalAt;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  })[0];
}

/** Called or serving: held by a counter. Written here rather than taken from isHeldByCounter. */
const HELD: readonly TicketStatus[] = ['called', 'serving'];

function holdingProblems(mall: Mall): string[] {
  const problems: string[] = [];
  const held = mall.holding.filter((id): id is string => id !== null);
  if (new Set(held).size !== held.length) problems.push(`a ticket held by two counters: ${held.join(',')}`);
  for (let c = 0; c < mall.holding.length; c++) {
    const id = mall.holding[c];
    const owned = mall.tickets.filter((t) => t.counter === c && HELD.includes(t.status));
    if (owned.length > 1) problems.push(`counter ${c} holds ${owned.map((t) => t.id).join(',')}`);
    if ((owned[0]?.id ?? null) !== id) problems.push(`counter ${c} thinks it holds ${id}, tickets say ${owned[0]?.id}`);
  }
  for (const t of mall.tickets) {
    if (!HELD.includes(t.status)) continue;
    const holders = mall.holding.filter((id) => id === t.id).length;
    if (holders !== 1) problems.push(`${t.id} is ${t.status} and held by ${holders} counters`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe('queue properties over random sequences of operations', () => {
  it('no ticket is ever served twice', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const mall = simulate(s, (m) => {
          const problems = holdingProblems(m);
          if (problems.length > 0) expect(problems).toEqual([]);
        });
        mall.drain();
        expect(holdingProblems(mall)).toEqual([]);
        const byTicket = eventsByTicket(mall);
        for (const t of mall.tickets) {
          const mine = byTicket.get(t.id) ?? [];
          const finishes = mine.filter((e) => e.action === 'finish').length;
          if (finishes > 1) expect.fail(`${t.id} finished ${finishes} times`);
          if (finishes !== (t.status === 'done' ? 1 : 0)) expect.fail(`${t.id} is ${t.status}, finished ${finishes}`);
          // once done, nothing more happens to it
          const doneAt = mine.findIndex((e) => e.to === 'done');
          if (doneAt >= 0 && doneAt !== mine.length - 1) expect.fail(`${t.id} acted on after done`);
          // every start and finish is by the counter that called it, with no other call in between
          let caller: number | null = null;
          for (const e of mine) {
            if (e.action === 'call') caller = e.counter;
            if ((e.action === 'start' || e.action === 'finish') && e.counter !== caller) {
              expect.fail(`${t.id}: ${e.action} by counter ${e.counter}, called by ${caller}`);
            }
            if (e.action === 'transfer' || e.action === 'reactivate') caller = null;
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('none is lost: every ticket is in exactly one status and the counts add up', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const issues = s.steps.filter((st) => st.op.k === 'issue').length;
        const check = (mall: Mall, issued: number) => {
          expect(mall.tickets).toHaveLength(issued);
          expect(new Set(mall.tickets.map((t) => t.id)).size).toBe(issued);
          const counts = new Map<TicketStatus, number>();
          for (const t of mall.tickets) {
            if (!TICKET_STATUSES.includes(t.status)) expect.fail(`${t.id} has status ${t.status}`);
            counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
          }
          const total = TICKET_STATUSES.reduce((sum, st) => sum + (counts.get(st) ?? 0), 0);
          expect(total).toBe(issued);
          // the log accounts for every status: replaying it gives each ticket's status
          const replayed = new Map<string, TicketStatus>();
          for (const e of mall.events) {
            const before = replayed.get(e.ticketId) ?? null;
            if (before !== e.from) expect.fail(`${e.action} of ${e.ticketId} from ${e.from}, log says ${before}`);
            replayed.set(e.ticketId, e.to);
          }
          for (const t of mall.tickets) expect(replayed.get(t.id)).toBe(t.status);
          // numbers are unique per local day
          const numbers = mall.tickets.map((t) => `${t.serviceDate} ${t.number}`);
          expect(new Set(numbers).size).toBe(numbers.length);
        };
        const mall = simulate(s);
        check(mall, issues);
        mall.drain();
        check(mall, issues + s.lateArrivals.length);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('every waiting ticket is eventually called', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const mall = simulate(s);
        const { quiet, waitingAtStart, firstEvent } = mall.drain();
        expect(quiet).toBe(true);
        const calledLater = new Set(
          mall.events
            .slice(firstEvent)
            .filter((e) => e.action === 'call')
            .map((e) => e.ticketId),
        );
        for (const id of waitingAtStart) expect(calledLater.has(id), `${id} never called`).toBe(true);
        const stillWaiting = mall.tickets.filter((t) => t.status === 'waiting' && mall.servable(t));
        expect(stillWaiting.map((t) => t.id)).toEqual([]);
        // and what no counter serves is left waiting, not lost
        for (const t of mall.tickets) {
          if (!mall.servable(t) && t.status === 'waiting') expect(calledLater.has(t.id)).toBe(false);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the priority ratio holds at every counter', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const mall = simulate(s);
        mall.drain();
        const { priorityPerRegular, maxWaitMs } = s.policy;
        for (let c = 0; c < s.counters.length; c++) {
          let run = 0;
          for (const call of mall.calls.filter((k) => k.counter === c && k.accepted)) {
            expect(countStreak(call.recentCalls)).toBe(run); // recentCalls is this counter's history
            run = call.isPriority ? run + 1 : 0;
            const regularWaiting = call.candidates.some((t) => t.priority === null);
            const priorityWaiting = call.candidates.some((t) => t.priority !== null);
            const overdue = call.candidates.some((t) => call.at - t.arrivalAt >= maxWaitMs);
            if (overdue) continue;
            if (regularWaiting && call.isPriority) {
              expect(run, `counter ${c}: ${run} priority calls in a row`).toBeLessThanOrEqual(priorityPerRegular);
            }
            // and the ratio is not stricter than asked: priority goes first until the run is full
            if (priorityWaiting && countStreak(call.recentCalls) < priorityPerRegular) {
              expect(call.isPriority).toBe(true);
            }
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('max wait holds: an overdue ticket goes first, longest-waiting first, ties by id', () => {
    let overdueCalls = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const mall = simulate(s);
        mall.drain();
        for (const call of mall.calls) {
          const overdue = call.candidates.filter((t) => call.at - t.arrivalAt >= s.policy.maxWaitMs);
          const expected = longestWaiting(overdue);
          if (expected) {
            overdueCalls++;
            expect(call.ticketId).toBe(expected.id);
            expect(call.reason).toBe('max_wait');
          } else {
            expect(call.reason).not.toBe('max_wait');
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(overdueCalls).toBeGreaterThan(0); // the generator does reach the override
  });

  it('a call only ever picks a waiting ticket that the counter serves', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const mall = simulate(s);
        mall.drain();
        for (const call of mall.calls) {
          expect(call.pickedStatus).toBe('waiting');
          expect(mall.servicesOf(call.counter)).toContain(call.pickedService);
          expect(call.candidates.map((t) => t.id)).toContain(call.ticketId);
          expect(call.accepted).toBe(true);
        }
        // a counter never called while it held a ticket
        for (const e of mall.events) if (e.action === 'call') expect(e.from).toBe('waiting');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the scenarios reach every action and every refusal', () => {
    const actions = new Set<string>();
    const refusals = new Set<string>();
    const reasons = new Set<PickReason>();
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const mall = simulate(s);
        mall.drain();
        for (const e of mall.events) actions.add(e.action);
        for (const r of mall.rejections) {
          if (r.result.ok) throw new Error('a rejection that is ok');
          refusals.add(r.result.reason);
          if (r.result.reason === 'recalls_needed') {
            expect(r.action).toBe('no_show');
            expect(r.result.made).toBeLessThan(r.result.needed);
          }
          if (r.result.reason === 'other_day') {
            expect(r.action).toBe('reactivate');
            expect(mall.byId.get(r.ticketId)?.status).toBe('no_show'); // and it stays so
          }
        }
        for (const call of mall.calls) reasons.add(call.reason);
      }),
      { numRuns: NUM_RUNS },
    );
    expect([...actions].sort()).toEqual(['issue', ...TICKET_ACTIONS].sort());
    expect([...refusals].sort()).toEqual(['other_day', 'recalls_needed', 'state']);
    expect([...reasons].sort()).toEqual(['max_wait', 'priority', 'regular']);
  });
});

function eventsByTicket(mall: Mall): Map<string, SimEvent[]> {
  const map = new Map<string, SimEvent[]>();
  for (const e of mall.events) {
    const list = map.get(e.ticketId);
    if (list) list.push(e);
    else map.set(e.ticketId, [e]);
  }
  return map;
}

function countStreak(recent: readonly { priority: boolean }[]): number {
  let n = 0;
  while (n < recent.length && recent[n]?.priority) n++;
  return n;
}

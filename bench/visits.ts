/**
 * 7. One visit through several services (issue #13): a busy simulated day where 30 % of citizens
 *    need two or three services of different agencies, played twice on the same arrivals, service
 *    times and counters — once as Loket's route (one ticket waiting in every one of its lines at
 *    once, src/domain/route.ts), once one line at a time (a new ticket for the next service after
 *    each one is done, today's way). Every counter calls by the same rule (pickNextStop, which is
 *    pickNext over what it may call). Printed: the multi-service citizens' time in the mall (arrival
 *    to the last service done), and the single-service citizens' wait.
 *    Goals: ≥ 30 % less time in the mall for the former, ≤ 5 % longer waits for the latter.
 */
import type { PickPolicy } from '../src/domain/pick-next.js';
import { actOnStop, addStop, heldStop, pickNextStop, type RouteTicket } from '../src/domain/route.js';

export const VISIT_GOALS = { multiReductionAtLeast: 0.3, singleIncreaseAtMost: 0.05 };

const MIN = 60_000;
const OPEN = 8 * 60 * MIN;
const ISSUE_UNTIL = 14 * 60 * MIN;
/** walking from one counter to the next agency's line, one line at a time */
const WALK_MS = MIN;
const ctx = { recallsBeforeNoShow: 0, today: '2026-03-02' };
const policy: PickPolicy = { priorityPerRegular: 2, maxWaitMs: 45 * MIN };

/** mulberry32 */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Citizen {
  id: string;
  arrival: number;
  priority: boolean;
  services: string[];
  /** each service's time at the counter, drawn once: the same in both ways */
  times: Map<string, number>;
}

interface Day {
  citizens: Citizen[];
  counters: { id: string; serviceIds: string[] }[];
}

/**
 * Six agencies of three services, two to four counters each, arrivals peaking mid-morning; as many
 * citizens as keep the counters `load` busy over the issuing hours (a busy day that still ends).
 */
export function busyDay(seed: number, load = 0.85, multiShare = 0.3): Day {
  const r = random(seed);
  const agencies = Array.from({ length: 6 }, (_, a) => ({
    services: Array.from({ length: 3 }, (_, s) => `a${a}s${s}`),
    counters: 2 + Math.floor(r() * 3),
    minutes: 6 + r() * 10,
  }));
  const counters = agencies.flatMap((a, i) =>
    Array.from({ length: a.counters }, (_, k) => ({ id: `a${i}c${k}`, serviceIds: a.services })),
  );
  const median = new Map(agencies.flatMap((a) => a.services.map((s) => [s, a.minutes * MIN] as const)));
  // citizens spread over the agencies as their counters can take them (no agency swamped while
  // another idles): each agency drawn by its counters ÷ its service time
  const weights = agencies.flatMap((a) => a.services.map(() => a.counters / a.minutes));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const all = agencies.flatMap((a) => a.services);
  const drawService = () => {
    let x = r() * total;
    for (const [i, w] of weights.entries()) {
      x -= w;
      if (x < 0) return all[i] as string;
    }
    return all[all.length - 1] as string;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  // counter-minutes the day offers, against a citizen's mean (1 + share × 1.5 services of a mean agency)
  const offered = counters.length * (ISSUE_UNTIL - OPEN);
  // the mean time of a drawn service: Σ weight × minutes ÷ Σ weight, with weight = counters ÷ minutes
  // (three services an agency), which is 3 × counters ÷ Σ weight
  const perService = ((3 * counters.length) / total) * MIN * Math.exp(0.45 ** 2 / 2);
  const citizens = Math.round((load * offered) / (perService * (1 + multiShare * 1.5)));
  const out: Citizen[] = [];
  for (let i = 0; i < citizens; i++) {
    // mid-morning peak: the sum of two uniforms over the issuing hours
    const arrival = Math.round(OPEN + ((r() + r()) / 2) * (ISSUE_UNTIL - OPEN));
    const stops = r() < multiShare ? 2 + Math.floor(r() * 2) : 1;
    const services: string[] = [];
    while (services.length < stops) {
      const s = drawService();
      // several stops: different agencies (the point of one visit)
      if (!services.some((x) => x.split('s')[0] === s.split('s')[0])) services.push(s);
    }
    const times = new Map(
      services.map((s) => [s, Math.max(MIN, (median.get(s) as number) * Math.exp(0.45 * normal()))] as const),
    );
    out.push({ id: `c${String(i).padStart(4, '0')}`, arrival, priority: r() < 0.08, services, times });
  }
  out.sort((a, b) => a.arrival - b.arrival);
  return { citizens: out, counters };
}

interface Outcome {
  /** arrival to the last service done, per citizen */
  inMall: Map<string, number>;
  /** each call's wait: from joining that line to the call */
  waits: Map<string, number[]>;
}

/**
 * How a day is played: Loket's route (each stop's place from the moment taken), one line at a
 * time (today's way), or — to measure the trade-off the goals ask about — a route whose remaining
 * stops, each time the citizen leaves a counter, keep at most `creditMs` of their place: 0 passes
 * nobody who came while the citizen was served elsewhere (only the first stop is any line).
 */
export type Way = 'route' | 'one_at_a_time' | { creditMs: number };

/** The day played by the counters, as one route per citizen, or one line at a time. */
export function play(day: Day, way: Way): Outcome {
  type Ev =
    | { at: number; kind: 'arrive'; c: Citizen }
    | { at: number; kind: 'join'; c: Citizen; service: string }
    | { at: number; kind: 'free'; counter: string };
  const events: Ev[] = day.citizens.map((c) => ({ at: c.arrival, kind: 'arrive', c }));
  const push = (e: Ev) => {
    // keep events in time order (few: a sorted insert is enough)
    let i = events.length;
    while (i > 0 && (events[i - 1] as Ev).at > e.at) i--;
    events.splice(i, 0, e);
  };
  const tickets = new Map<string, RouteTicket>();
  const byCitizen = new Map(day.citizens.map((c) => [c.id, c]));
  const joinedAt = new Map<string, number>();
  const holding = new Map<string, { ticketId: string; serviceId: string }>();
  const recent = new Map(day.counters.map((c) => [c.id, [] as { priority: boolean }[]]));
  const idle = new Set(day.counters.map((c) => c.id));
  const out: Outcome = { inMall: new Map(), waits: new Map() };

  const tryCalls = (now: number) => {
    for (const counter of day.counters) {
      if (!idle.has(counter.id)) continue;
      const pick = pickNextStop([...tickets.values()], counter.serviceIds, recent.get(counter.id) ?? [], policy, now);
      if (!pick) continue;
      const t = tickets.get(pick.ticketId) as RouteTicket;
      const called = actOnStop(t, pick.serviceId, 'call', ctx, now);
      if (!called.ok) throw new Error(`call refused: ${called.reason}`);
      tickets.set(t.id, called.ticket);
      const calls = recent.get(counter.id) as { priority: boolean }[];
      calls.unshift({ priority: t.priority !== null });
      calls.length = Math.min(calls.length, policy.priorityPerRegular + 1);
      idle.delete(counter.id);
      holding.set(counter.id, pick);
      const c = byCitizen.get(t.id) as Citizen;
      const key = `${t.id}/${pick.serviceId}`;
      out.waits.set(c.id, [...(out.waits.get(c.id) ?? []), now - (joinedAt.get(key) as number)]);
      push({ at: now + (c.times.get(pick.serviceId) as number), kind: 'free', counter: counter.id });
    }
  };

  while (events.length > 0) {
    const e = events.shift() as Ev;
    if (e.kind === 'arrive') {
      const c = e.c;
      const first = way === 'one_at_a_time' ? c.services.slice(0, 1) : c.services;
      tickets.set(c.id, {
        id: c.id,
        priority: c.priority ? 'lansia' : null,
        appointmentAt: null,
        serviceDate: ctx.today,
        stops: first.map((s) => ({ serviceId: s, status: 'waiting', arrivalAt: e.at, after: null, recallCount: 0 })),
      });
      for (const s of first) joinedAt.set(`${c.id}/${s}`, e.at);
    } else if (e.kind === 'join') {
      const added = addStop(tickets.get(e.c.id) as RouteTicket, e.service, null, e.at);
      if (!added.ok) throw new Error(`stop refused: ${added.reason}`);
      tickets.set(e.c.id, added.ticket);
      joinedAt.set(`${e.c.id}/${e.service}`, e.at);
    } else {
      const held = holding.get(e.counter) as { ticketId: string; serviceId: string };
      holding.delete(e.counter);
      idle.add(e.counter);
      let t = tickets.get(held.ticketId) as RouteTicket;
      for (const action of ['start', 'finish'] as const) {
        const r = actOnStop(t, held.serviceId, action, ctx, e.at);
        if (!r.ok) throw new Error(`${action} refused: ${r.reason}`);
        t = r.ticket;
      }
      if (typeof way === 'object') {
        // no walk added: the route's way is compared; the wait is counted from the place given
        const from = e.at - way.creditMs;
        t = {
          ...t,
          stops: t.stops.map((s) => (s.status === 'waiting' && s.arrivalAt < from ? { ...s, arrivalAt: from } : s)),
        };
        for (const s of t.stops) if (s.status === 'waiting') joinedAt.set(`${t.id}/${s.serviceId}`, s.arrivalAt);
      }
      tickets.set(t.id, t);
      const c = byCitizen.get(t.id) as Citizen;
      const done = t.stops.filter((s) => s.status === 'done').length;
      if (done === c.services.length) {
        out.inMall.set(c.id, e.at - c.arrival);
        tickets.delete(t.id);
      } else if (way === 'one_at_a_time' && !heldStop(t)) {
        push({ at: e.at + WALK_MS, kind: 'join', c, service: c.services[done] as string });
      }
    }
    // everything at the same instant happens before counters look again
    if (events.length === 0 || (events[0] as Ev).at > e.at) tryCalls(e.at);
  }
  return out;
}

export interface VisitsResult {
  seed: number;
  citizens: number;
  multi: number;
  multiInMallMinutes: { route: number; oneAtATime: number };
  multiReduction: number;
  singleWaitMinutes: { route: number; oneAtATime: number };
  singleIncrease: number;
  met: boolean;
  /** the same day with later stops' place credit bounded (0: nobody passed): the trade-off */
  bounded: { creditMinutes: number; multiReduction: number; singleIncrease: number }[];
}

/** the place credits measured against the goals (minutes) */
export const CREDIT_MINUTES = [0, 10, 20, 40] as const;

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

export function benchVisits(seeds: readonly number[] = [11, 22, 33]): VisitsResult[] {
  return seeds.map((seed) => {
    const day = busyDay(seed);
    const route = play(day, 'route');
    const line = play(day, 'one_at_a_time');

    const multi = day.citizens.filter((c) => c.services.length > 1);
    const single = day.citizens.filter((c) => c.services.length === 1);
    const inMall = (o: Outcome) => mean(multi.map((c) => o.inMall.get(c.id) as number)) / MIN;
    const singleWait = (o: Outcome) => mean(single.map((c) => (o.waits.get(c.id) ?? [0])[0] as number)) / MIN;
    const multiInMallMinutes = { route: inMall(route), oneAtATime: inMall(line) };
    const singleWaitMinutes = { route: singleWait(route), oneAtATime: singleWait(line) };
    const multiReduction = 1 - multiInMallMinutes.route / multiInMallMinutes.oneAtATime;
    const singleIncrease = singleWaitMinutes.route / singleWaitMinutes.oneAtATime - 1;
    return {
      seed,
      citizens: day.citizens.length,
      multi: multi.length,
      multiInMallMinutes,
      multiReduction,
      singleWaitMinutes,
      singleIncrease,
      met: multiReduction >= VISIT_GOALS.multiReductionAtLeast && singleIncrease <= VISIT_GOALS.singleIncreaseAtMost,
      bounded: CREDIT_MINUTES.map((creditMinutes) => {
        const o = play(day, { creditMs: creditMinutes * MIN });
        return {
          creditMinutes,
          multiReduction: 1 - inMall(o) / multiInMallMinutes.oneAtATime,
          singleIncrease: singleWait(o) / singleWaitMinutes.oneAtATime - 1,
        };
      }),
    };
  });
}

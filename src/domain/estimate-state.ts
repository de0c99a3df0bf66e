/**
 * The estimator's view of the hall at one moment, built from what was seen until then. Pure.
 *
 * The same builder serves the live queue (today's visits from the database, the catalog's counters
 * and what their officers said: open, on a break, closed) and a replay of a recorded day (rows of
 * a file, nothing else): one rule for both, so the replay measures the estimator the citizens see.
 * What happened after `now` is never read: a call or an end later than `now` counts as not yet
 * happened, and a visit that arrived later does not exist.
 */
import type { EstimateCounter, EstimateTicket, ExpectedBooking, LineState, ServiceModel } from './estimate.js';
import { quantile } from './estimate.js';
import type { PickPolicy } from './pick-next.js';
import type { PriorityClass } from './queue.js';

/** One citizen's stay at one service, as recorded: times may lie after `now` (they are ignored). */
export interface ObservedVisit {
  id: string;
  serviceId: string;
  /** joined the line (a postponed ticket's place in it comes from `waiting`, in the live queue) */
  arrivalAt: number;
  priority: PriorityClass | null;
  appointmentAt: number | null;
  /** the first call (in a replay: the start of service) */
  calledAt: number | null;
  /** when it left the counter, or the line without a call */
  endedAt: number | null;
  counterId: string | null;
  /** called but did not come; unknown (false) in a replay */
  noShow: boolean;
}

/** What a counter's officer said about it today. */
export interface CounterPresence {
  state: 'open' | 'break' | 'closed';
  since: number;
}

/** A counter as the catalog knows it (the live queue); a replay learns counters from the visits. */
export interface KnownCounter {
  id: string;
  serviceIds: readonly string[];
  /** null: nothing said today, so open or not is read from its calls */
  presence: CounterPresence | null;
}

/** What the history says of a service at this weekday and hour, before today's visits teach more. */
export interface ServicePrior {
  /** counter time per ticket, ms, ascending (may be empty) */
  occupancy: readonly number[];
  noShowShare: number;
  leaveShare: number;
  priorityPerHour: number;
}

export interface StateInputs {
  now: number;
  /** today's visits, any order */
  visits: readonly ObservedVisit[];
  /** the live line as stored (a postponed ticket's arrival moved); absent: read from the visits */
  waiting?: readonly EstimateTicket[];
  /** the catalog's counters; absent (a replay): counters are those seen calling */
  counters?: readonly KnownCounter[];
  priors?: ReadonlyMap<string, ServicePrior>;
  /** a service's standard time in minutes, for a service neither today nor the history has seen */
  standardMinutes?: ReadonlyMap<string, number>;
  policy: PickPolicy;
  spans?: LineState['spans'];
  expected?: readonly ExpectedBooking[];
  /** only these services' lines matter (and what shares counters with them): the rest is left out */
  focus?: readonly string[];
  /**
   * When each counter usually makes its first call on this weekday (an instant today), from the
   * history: a counter not seen yet today is expected then (see usualStarts).
   */
  usualStarts?: ReadonlyMap<string, number>;
}

const MINUTE = 60_000;
/** a counter free this long while someone it serves waited has left its desk */
export const AWAY_AFTER_MS = 5 * MINUTE;
/** a counter that called nobody for this long is not counted on (unless its officer says open) */
export const IDLE_LIMIT_MS = 90 * MINUTE;
/** a counter not seen by this long after its usual start is not coming today (as far as we know) */
export const LATE_GRACE_MS = 20 * MINUTE;
/** a break is expected to last this long */
export const BREAK_MS = 15 * MINUTE;
/** today's recent times taken per service; fewer are topped up from the history */
const RECENT_TIMES = 40;
const ENOUGH_TIMES = 20;
/** fewer when what tops them up is only a guess from other services */
const WEAK_ENOUGH_TIMES = 8;
/** the weight of the history's rates against today's counts (as if seen this many times) */
const PRIOR_WEIGHT = 10;
const DEFAULT_SERVICE_MS = 10 * MINUTE;
const DEFAULT_NO_SHOW_MS = 3 * MINUTE;
const DEFAULT_GAP_MS = 15_000;
const MAX_GAP_MS = 5 * MINUTE;
/** a counter's pace is believed after this many of its own tickets */
const PACE_WEIGHT = 5;

const median = (sorted: readonly number[]): number => quantile(sorted, 0.5);
const ascending = (a: number, b: number) => a - b;

/** `n` points spread over a sorted sample (its quantiles), to top up a few of today's times. */
function spread(sorted: readonly number[], n: number): number[] {
  if (n <= 0 || sorted.length === 0) return [];
  return Array.from({ length: n }, (_, i) => quantile(sorted, (i + 0.5) / n));
}

/** Service times around a typical one, with a lognormal's spread (σ 0.5), for a service never seen. */
function assumedTimes(typicalMs: number): number[] {
  // the lognormal's quantiles at (i + 0.5) / 20, as z-scores
  const z = [
    -1.96, -1.44, -1.15, -0.93, -0.76, -0.6, -0.45, -0.32, -0.19, -0.06, 0.06, 0.19, 0.32, 0.45, 0.6, 0.76, 0.93, 1.15,
    1.44, 1.96,
  ];
  return z.map((x) => typicalMs * Math.exp(0.5 * x));
}

/** A visit as known at `now`: later calls and ends not yet happened. */
function asOf(v: ObservedVisit, now: number): ObservedVisit {
  const calledAt = v.calledAt !== null && v.calledAt <= now ? v.calledAt : null;
  const endedAt = v.endedAt !== null && v.endedAt <= now ? v.endedAt : null;
  return calledAt === v.calledAt && endedAt === v.endedAt ? v : { ...v, calledAt, endedAt };
}

interface Seen {
  serviceIds: Set<string>;
  lastActivity: number;
  busy: { since: number; serviceId: string } | null;
  calls: { at: number; priority: boolean }[];
  /** its finished tickets: service and time held */
  held: { serviceId: string; ms: number }[];
}

export function lineStateAt(inputs: StateInputs): LineState {
  const { now, policy } = inputs;
  const visits = inputs.visits.filter((v) => v.arrivalAt <= now).map((v) => asOf(v, now));

  const waiting: EstimateTicket[] =
    inputs.waiting?.map((t) => ({ ...t })) ??
    visits
      .filter((v) => v.calledAt === null && v.endedAt === null)
      .map((v) => ({
        id: v.id,
        serviceId: v.serviceId,
        arrivalAt: v.arrivalAt,
        priority: v.priority,
        appointmentAt: v.appointmentAt,
      }));

  // ── what each counter did today
  const seen = new Map<string, Seen>();
  const byCounter = new Map<string, ObservedVisit[]>();
  for (const v of visits) {
    if (v.counterId === null || v.calledAt === null) continue;
    let s = seen.get(v.counterId);
    if (!s) {
      s = { serviceIds: new Set(), lastActivity: 0, busy: null, calls: [], held: [] };
      seen.set(v.counterId, s);
      byCounter.set(v.counterId, []);
    }
    (byCounter.get(v.counterId) as ObservedVisit[]).push(v);
    s.serviceIds.add(v.serviceId);
    s.lastActivity = Math.max(s.lastActivity, v.endedAt ?? v.calledAt);
    s.calls.push({ at: v.calledAt, priority: v.priority !== null });
    if (v.endedAt === null) {
      if (!s.busy || v.calledAt > s.busy.since) s.busy = { since: v.calledAt, serviceId: v.serviceId };
    } else if (!v.noShow) {
      s.held.push({ serviceId: v.serviceId, ms: v.endedAt - v.calledAt });
    }
  }

  const known: readonly KnownCounter[] =
    inputs.counters ?? [...seen.entries()].map(([id, s]) => ({ id, serviceIds: [...s.serviceIds], presence: null }));

  // ── the services that matter: all, or those linked to the focus through counters
  let serviceIds = new Set<string>();
  for (const t of waiting) serviceIds.add(t.serviceId);
  for (const c of known) for (const id of c.serviceIds) serviceIds.add(id);
  for (const b of inputs.expected ?? []) serviceIds.add(b.serviceId);
  let counterSet: readonly KnownCounter[] = known;
  if (inputs.focus) {
    serviceIds = new Set(inputs.focus);
    const linked = new Set<KnownCounter>();
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of known) {
        if (linked.has(c) || !c.serviceIds.some((id) => serviceIds.has(id))) continue;
        linked.add(c);
        grew = true;
        for (const id of c.serviceIds) serviceIds.add(id);
      }
    }
    counterSet = known.filter((c) => linked.has(c));
  }
  const inFocus = (serviceId: string) => serviceIds.has(serviceId);

  // ── each service's times and rates

  const todayTimes = new Map<string, { end: number; ms: number }[]>();
  /** tickets still at a counter: held at least this long so far (right-censored times) */
  const holding = new Map<string, number[]>();
  const counts = new Map<
    string,
    { called: number; noShow: number; noShowMs: number[]; resolved: number; left: number }
  >();
  const countOf = (id: string) => {
    let c = counts.get(id);
    if (!c) {
      c = { called: 0, noShow: 0, noShowMs: [], resolved: 0, left: 0 };
      counts.set(id, c);
    }
    return c;
  };
  for (const v of visits) {
    const c = countOf(v.serviceId);
    if (v.calledAt !== null) {
      c.called++;
      if (v.endedAt !== null && v.noShow) {
        c.noShow++;
        c.noShowMs.push(v.endedAt - v.calledAt);
      } else if (v.endedAt !== null) {
        const list = todayTimes.get(v.serviceId) ?? [];
        list.push({ end: v.endedAt, ms: v.endedAt - v.calledAt });
        todayTimes.set(v.serviceId, list);
      } else {
        holding.set(v.serviceId, [...(holding.get(v.serviceId) ?? []), now - v.calledAt]);
      }
      c.resolved++;
    } else if (v.endedAt !== null) {
      c.left++;
      c.resolved++;
    }
  }
  const allToday = [...todayTimes.values()]
    .flat()
    .map((x) => x.ms)
    .sort(ascending);
  // services served at the same counters, whose times stand in for a service not seen yet
  const neighbours = new Map<string, Set<string>>();
  for (const c of known) {
    for (const id of c.serviceIds) {
      const set = neighbours.get(id) ?? new Set<string>();
      for (const other of c.serviceIds) set.add(other);
      neighbours.set(id, set);
    }
  }

  const services = new Map<string, ServiceModel>();
  for (const id of serviceIds) {
    const prior = inputs.priors?.get(id);
    // Today's recent times, with the tickets still held counted as at least as long as so far:
    // finished times alone are the short ones (a long case still at the desk is not among them).
    const finished = (todayTimes.get(id) ?? [])
      .sort((a, b) => b.end - a.end)
      .slice(0, RECENT_TIMES)
      .map((x) => x.ms);
    const recent = survivalSample(finished, holding.get(id) ?? []);
    let occupancy = recent;
    // Too few of today's times: topped up from the history, else the published standard, else
    // (weaker, so fewer) from the services at the same counters today, or all of today's.
    const standard = inputs.standardMinutes?.get(id) ?? 0;
    let base: readonly number[] | null = null;
    let enough = ENOUGH_TIMES;
    if (prior && prior.occupancy.length > 0) base = prior.occupancy;
    else if (standard > 0) base = assumedTimes(standard * MINUTE);
    else {
      enough = WEAK_ENOUGH_TIMES;
      const near = [...(neighbours.get(id) ?? [])].flatMap((n) => (todayTimes.get(n) ?? []).map((x) => x.ms));
      base =
        near.length >= WEAK_ENOUGH_TIMES
          ? near.sort(ascending)
          : assumedTimes(allToday.length > 0 ? median(allToday) : DEFAULT_SERVICE_MS);
    }
    if (recent.length < enough) occupancy = [...recent, ...spread(base, enough - recent.length)];
    occupancy = occupancy.map((ms) => Math.max(1_000, ms)).sort(ascending);
    const c = counts.get(id) ?? { called: 0, noShow: 0, noShowMs: [], resolved: 0, left: 0 };
    const blend = (k: number, n: number, p: number) => (k + p * PRIOR_WEIGHT) / (n + PRIOR_WEIGHT);
    services.set(id, {
      occupancy,
      noShowShare: blend(c.noShow, c.called, prior?.noShowShare ?? 0),
      noShowMs: c.noShowMs.length > 0 ? median(c.noShowMs.sort(ascending)) : DEFAULT_NO_SHOW_MS,
      leaveShare: blend(c.left, c.resolved, prior?.leaveShare ?? 0),
      priorityPerHour: prior?.priorityPerHour ?? priorityRateSeen(visits, id, now),
    });
  }

  // ── the gap between one ticket and the next call at a counter
  const gaps: number[] = [];
  for (const list of byCounter.values()) {
    list.sort((a, b) => (a.calledAt as number) - (b.calledAt as number));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as ObservedVisit;
      const gap = (list[i] as ObservedVisit).calledAt as number;
      if (prev.endedAt === null) continue;
      const g = gap - prev.endedAt;
      if (g >= 0 && g <= MAX_GAP_MS) gaps.push(g);
    }
  }
  const callGapMs = gaps.length > 0 ? median(gaps.sort(ascending)) : DEFAULT_GAP_MS;

  // ── the counters counted on
  const counters: EstimateCounter[] = [];
  for (const k of counterSet) {
    const s = seen.get(k.id);
    const serves = new Set(k.serviceIds);
    let availableFrom: number | null;
    if (k.presence?.state === 'closed') availableFrom = null;
    else if (k.presence?.state === 'break') availableFrom = Math.max(now + 2 * MINUTE, k.presence.since + BREAK_MS);
    else if (k.presence?.state === 'open') availableFrom = now;
    else if (s) availableFrom = inferOpen(s, serves, waiting, now) ? now : null;
    else {
      // Not seen today: expected at the time it usually starts, until that is well past.
      const usual = inputs.usualStarts?.get(k.id);
      availableFrom = usual !== undefined && now < usual + LATE_GRACE_MS ? Math.max(now, usual) : null;
    }
    if (availableFrom === null) continue;
    counters.push({
      id: k.id,
      serviceIds: k.serviceIds,
      busy: s?.busy ?? null,
      availableFrom,
      recentCalls: (s?.calls ?? [])
        .sort((a, b) => b.at - a.at)
        .slice(0, policy.priorityPerRegular + 1)
        .map((c) => ({ priority: c.priority })),
      pace: s ? paceOf(s.held, services) : 1,
    });
  }

  return {
    now,
    waiting: inputs.focus ? waiting.filter((t) => inFocus(t.serviceId)) : waiting,
    counters,
    services,
    callGapMs,
    policy,
    spans: inputs.spans ?? [],
    expected: (inputs.expected ?? []).filter((b) => b.appointmentAt >= now - 30 * MINUTE && inFocus(b.serviceId)),
  };
}

/** beyond the longest time seen, a ticket still held is expected to take this much longer again */
const TAIL_FACTOR = 1.5;

/**
 * A sample of service times from finished times and times still running (right-censored), by the
 * Kaplan–Meier estimate of their distribution: as many points as observations, at its quantiles.
 * The share it cannot place (held longer than any finished) goes to TAIL_FACTOR × the longest.
 */
export function survivalSample(finished: readonly number[], running: readonly number[]): number[] {
  const n = finished.length + running.length;
  if (n === 0) return [];
  if (running.length === 0) return [...finished];
  const obs = [...finished.map((t) => ({ t, event: true })), ...running.map((t) => ({ t, event: false }))].sort(
    (a, b) => a.t - b.t || (a.event === b.event ? 0 : a.event ? -1 : 1),
  );
  const steps: { t: number; F: number }[] = [];
  let survival = 1;
  let atRisk = n;
  for (const o of obs) {
    if (o.event) {
      survival *= 1 - 1 / atRisk;
      steps.push({ t: o.t, F: 1 - survival });
    }
    atRisk--;
  }
  const tail = TAIL_FACTOR * (obs[obs.length - 1] as { t: number }).t;
  return Array.from({ length: n }, (_, k) => {
    const level = (k + 0.5) / n;
    return steps.find((s) => s.F >= level)?.t ?? tail;
  });
}

/**
 * Whether a counter nobody spoke for is at its desk: holding a ticket; or active lately and not
 * sitting free while someone it serves waited.
 */
function inferOpen(s: Seen, serves: ReadonlySet<string>, waiting: readonly EstimateTicket[], now: number): boolean {
  if (s.busy) return true;
  if (now - s.lastActivity > IDLE_LIMIT_MS) return false;
  if (now - s.lastActivity < AWAY_AFTER_MS) return true;
  return !waiting.some((t) => serves.has(t.serviceId) && t.arrivalAt <= now - AWAY_AFTER_MS);
}

/** A counter's service time against each service's usual, believed as its own tickets add up. */
function paceOf(
  held: readonly { serviceId: string; ms: number }[],
  services: ReadonlyMap<string, ServiceModel>,
): number {
  const ratios: number[] = [];
  for (const h of held) {
    const model = services.get(h.serviceId);
    if (model && model.occupancy.length >= 5) ratios.push(h.ms / median(model.occupancy));
  }
  if (ratios.length === 0) return 1;
  const own = median(ratios.sort(ascending));
  const pace = (ratios.length * own + PACE_WEIGHT) / (ratios.length + PACE_WEIGHT);
  return Math.min(1.8, Math.max(0.6, pace));
}

/** Priority arrivals per hour over the last two hours seen, where no history says better. */
function priorityRateSeen(visits: readonly ObservedVisit[], serviceId: string, now: number): number {
  const since = now - 120 * MINUTE;
  let n = 0;
  for (const v of visits) if (v.serviceId === serviceId && v.priority !== null && v.arrivalAt > since) n++;
  return n / 2;
}

/** A visit of an earlier day, as the history's priors read it. */
export interface PastVisit {
  serviceId: string;
  priority: PriorityClass | null;
  calledAt: number | null;
  endedAt: number | null;
  /** src/domain/visits.ts outcomes */
  outcome: string;
  /** the day and hour it joined the line ("2026-11-23/9"): hours nobody came in (closed) are not counted as open */
  hourKey?: string;
}

/** Times kept per service from the history: enough for the spread, few enough to copy quickly. */
const PRIOR_TIMES = 60;

/**
 * What the history says of each service at a time of day: its counter times, no-show and leave
 * shares, and priority walk-ins per hour, from the visits of `days` earlier days × `hours` hours.
 */
export function priorsFromHistory(
  visits: readonly PastVisit[],
  days: number,
  hours: number,
): Map<string, ServicePrior> {
  const by = new Map<
    string,
    { times: number[]; called: number; noShow: number; total: number; left: number; priority: number }
  >();
  for (const v of visits) {
    let s = by.get(v.serviceId);
    if (!s) {
      s = { times: [], called: 0, noShow: 0, total: 0, left: 0, priority: 0 };
      by.set(v.serviceId, s);
    }
    s.total++;
    if (v.priority !== null) s.priority++;
    if (v.calledAt !== null) {
      s.called++;
      if (v.outcome === 'no_show') s.noShow++;
      else if (v.endedAt !== null) s.times.push(v.endedAt - v.calledAt);
    } else if (v.outcome === 'cancelled') s.left++;
  }
  const out = new Map<string, ServicePrior>();
  // Walk-ins per hour the mall was open: an hour no one came in (before opening) does not dilute it.
  const keys = new Set(visits.map((v) => v.hourKey).filter((k) => k !== undefined));
  const spanHours = Math.max(1, keys.size > 0 ? keys.size : days * hours);
  for (const [id, s] of by) {
    const sorted = s.times.sort(ascending);
    out.set(id, {
      occupancy: sorted.length > PRIOR_TIMES ? spread(sorted, PRIOR_TIMES) : sorted,
      noShowShare: s.called > 0 ? s.noShow / s.called : 0,
      leaveShare: s.total > 0 ? s.left / s.total : 0,
      priorityPerHour: s.priority / spanHours,
    });
  }
  return out;
}

/**
 * When each counter usually starts: the median of its first call's time of day over the earlier
 * days given, for a counter that worked on at least half of them (an occasional one is not
 * expected). Times are ms after the day's start, as `firstCalls` gives them per day.
 */
export function usualStarts(firstCalls: readonly ReadonlyMap<string, number>[]): Map<string, number> {
  const by = new Map<string, number[]>();
  for (const day of firstCalls) for (const [id, at] of day) by.set(id, [...(by.get(id) ?? []), at]);
  const out = new Map<string, number>();
  for (const [id, times] of by) {
    if (times.length * 2 < firstCalls.length) continue;
    out.set(id, median(times.sort(ascending)));
  }
  return out;
}

/**
 * How long until a waiting ticket is called: the estimator, pure.
 *
 * From the state of the hall at one moment — the tickets waiting per service, the counters open
 * with the services each serves and whether each is busy and since when, how long each service has
 * been holding a counter lately, the no-show and leave rates — it plays the rest of the day forward
 * many times with the call-next rule itself (pickNext): each free counter calls the ticket the rule
 * gives it, holds it for a service time drawn from that service's recent times (scaled by the
 * counter's own pace), and calls again after the usual gap. Counters shared between services, the
 * priority ratio, booked appointments falling due, the maximum-wait override, no-shows that free a
 * counter early, citizens who leave, priority walk-ins still to come and the day's breaks all come
 * out of playing the rule rather than out of a formula. Each play draws its random times afresh;
 * the median of the plays is the estimate and the 20th–80th percentiles its range.
 *
 * The draws belong to tickets and counters, not to the order of play (each is a hash of the play,
 * the ticket's id and what is drawn), so two states that differ in one ticket or one counter are
 * played with the same luck for everyone else: one more person ahead never shortens a wait, one
 * more counter never lengthens it, and the same state always gives the same answer.
 *
 * The classic queue-length estimator, (people ahead + 1) × mean service time ÷ counters serving,
 * is here too (baselineWait): the accuracy report and the bench measure against it.
 */
import { byArrival, type Candidate, isAhead, type PickPolicy, pickNext } from './pick-next.js';
import type { PriorityClass } from './queue.js';

export interface EstimateTicket extends Candidate {
  serviceId: string;
}

export interface EstimateCounter {
  id: string;
  serviceIds: readonly string[];
  /** the ticket it holds: since when (its call) and of which service; null when free */
  busy: { since: number; serviceId: string } | null;
  /** a free counter calls from this instant: now when open, later when back from a break */
  availableFrom: number;
  /** its calls today, newest first: whether each was a priority ticket (the priority streak) */
  recentCalls: readonly { priority: boolean }[];
  /** its officer's service time against the service's usual: 1 usual, 1.3 slower */
  pace: number;
}

export interface ServiceModel {
  /** how long recent tickets held a counter (call to leaving it), ms, ascending; never empty */
  occupancy: readonly number[];
  /** share of called tickets that do not come (no-show) */
  noShowShare: number;
  /** how long a no-show holds the counter (the recalls), ms */
  noShowMs: number;
  /** share of waiting tickets that leave the line before their call */
  leaveShare: number;
  /** priority walk-ins expected per hour from now (they go before regular tickets) */
  priorityPerHour: number;
}

/** A booked citizen expected to check in later today: due at the slot, ahead of walk-ins. */
export interface ExpectedBooking {
  serviceId: string;
  appointmentAt: number;
  /** share of such bookings that do come */
  showShare: number;
}

export interface LineState {
  now: number;
  waiting: readonly EstimateTicket[];
  counters: readonly EstimateCounter[];
  services: ReadonlyMap<string, ServiceModel>;
  /** from a ticket leaving a counter to the counter's next call (the head-of-line delay), ms */
  callGapMs: number;
  policy: PickPolicy;
  /** counters call only inside these instants [from, to); empty: at any time */
  spans: readonly { from: number; to: number }[];
  expected: readonly ExpectedBooking[];
}

/** Whom to estimate: a waiting ticket, or a new ticket of a service taken now. */
export type EstimateTarget = { ticketId: string } | { serviceId: string; priority: PriorityClass | null };

export interface Estimate {
  waitMs: number;
  lowMs: number;
  highMs: number;
  /** now + waitMs */
  callAt: number;
}

/** Why no estimate: no open counter serves the service, or the ticket is not in the line. */
export type EstimateReason = 'no_counter_open' | 'not_waiting';

export type EstimateOutcome = { estimate: Estimate; reason: null } | { estimate: null; reason: EstimateReason };

export interface EstimateOptions {
  /** plays of the day; more is steadier and slower (default 100) */
  runs?: number;
  /** the draws' seed (default 1) */
  seed?: number;
  /** the range's percentiles (default 0.2 and 0.8) */
  low?: number;
  high?: number;
}

const HOUR = 3_600_000;
/** priority walk-ins are drawn this far ahead */
const ARRIVALS_AHEAD_MS = 4 * HOUR;
/** a play stops this long after now: a wait beyond it is reported as it */
const HORIZON_MS = 16 * HOUR;
/** a booked citizen checks in about this long before the slot */
const EARLY_CHECK_IN_MS = 10 * 60_000;
/** a counter whose ticket has outrun every recent time is expected to free within this share of the median */
const OVERRUN_SHARE = 0.25;

// ── draws ───────────────────────────────────────────────────────────────

/** FNV-1a of a string: a key's stable 32-bit number. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A well-mixed 32-bit value of a 32-bit input (murmur3's finaliser). */
function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform draw in [0, 1) owned by one key in one play, for one purpose. */
function draw(keyHash: number, play: number, purpose: number): number {
  return mix(keyHash ^ mix(play + Math.imul(purpose, 0x9e3779b9))) / 4294967296;
}

const PURPOSE = { duration: 1, noShow: 2, leave: 3, busy: 4, show: 5, arrivals: 6 } as const;

/** The value at a uniform draw of a sorted sample (a bootstrap draw). */
const sampleAt = (sorted: readonly number[], u: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(u * sorted.length))] as number;

/** The p-quantile of sorted values, interpolated between ranks. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return lo === hi || at - lo < 0.5 ? a : b;
  return a + (b - a) * (at - lo);
}

/** How much longer a counter holds its ticket, having held it `elapsed` ms already. */
function remainingHold(occupancy: readonly number[], elapsed: number, u: number): number {
  let first = occupancy.length;
  for (let i = 0; i < occupancy.length; i++) {
    if ((occupancy[i] as number) > elapsed) {
      first = i;
      break;
    }
  }
  if (first < occupancy.length) {
    const longer = occupancy.length - first;
    return (occupancy[first + Math.min(longer - 1, Math.floor(u * longer))] as number) - elapsed;
  }
  // Longer than any recent ticket: it should end soon.
  return Math.max(30_000, OVERRUN_SHARE * quantile(occupancy, 0.5)) * (0.5 + u);
}

// ── one play of the day ─────────────────────────────────────────────────

interface PlayTicket extends EstimateTicket {
  /** which target this is (-1: none) */
  target: number;
  /** a probe: a new ticket taken now, called but never held (it changes nobody's wait) */
  probe: boolean;
  hash: number;
}

interface PlayCounter {
  counter: EstimateCounter;
  hash: number;
  freeAt: number;
  recent: { priority: boolean }[];
}

const PROBE_ID = '~probe'; // sorts after every real id at the same arrival instant

/** The first instant at or after `t` when counters call, or null when no span is left. */
function callableFrom(spans: LineState['spans'], t: number): number | null {
  if (spans.length === 0) return t;
  for (const s of spans) {
    if (t < s.to) return Math.max(t, s.from);
  }
  // After the last span officers still serve whoever waits.
  return t;
}

/**
 * One service's line in a play. The call-next rule only ever takes the first regular walk-in, the
 * first priority walk-in (each in arrival order) or a booked ticket, so only those are shown to it:
 * the same pick as from the whole line, without reading the whole line at every call.
 */
class Line {
  private readonly regular: PlayTicket[];
  private readonly priority: PlayTicket[];
  private readonly booked: PlayTicket[];
  private r = 0;
  private p = 0;

  constructor(start: SortedLine) {
    this.regular = start.regular.slice();
    this.priority = start.priority.slice();
    this.booked = start.booked.slice();
  }

  /** a later arrival: it goes to the back */
  add(t: PlayTicket): void {
    if (t.appointmentAt !== null) this.booked.push(t);
    else if (t.priority !== null) this.priority.push(t);
    else this.regular.push(t);
  }

  heads(into: PlayTicket[]): void {
    if (this.r < this.regular.length) into.push(this.regular[this.r] as PlayTicket);
    if (this.p < this.priority.length) into.push(this.priority[this.p] as PlayTicket);
    for (const b of this.booked) into.push(b);
  }

  remove(t: PlayTicket): void {
    if (t === this.regular[this.r]) this.r++;
    else if (t === this.priority[this.p]) this.p++;
    else this.booked.splice(this.booked.indexOf(t), 1);
  }
}

interface SortedLine {
  regular: PlayTicket[];
  priority: PlayTicket[];
  booked: PlayTicket[];
}

function sortLines(tickets: readonly PlayTicket[]): Map<string, SortedLine> {
  const lines = new Map<string, SortedLine>();
  for (const t of tickets) {
    let line = lines.get(t.serviceId);
    if (!line) {
      line = { regular: [], priority: [], booked: [] };
      lines.set(t.serviceId, line);
    }
    if (t.appointmentAt !== null) line.booked.push(t);
    else if (t.priority !== null) line.priority.push(t);
    else line.regular.push(t);
  }
  for (const line of lines.values()) {
    line.regular.sort(byArrival);
    line.priority.sort(byArrival);
  }
  return lines;
}

function play(
  state: LineState,
  sorted: ReadonlyMap<string, SortedLine>,
  counterHashes: readonly number[],
  serviceHashes: ReadonlyMap<string, number>,
  targetCount: number,
  run: number,
): number[] {
  const { now, policy } = state;
  const waits: number[] = new Array(targetCount).fill(Number.POSITIVE_INFINITY);
  let open = targetCount;
  const lines = new Map<string, Line>();
  for (const [serviceId, line] of sorted) lines.set(serviceId, new Line(line));
  const join = (t: PlayTicket) => {
    let line = lines.get(t.serviceId);
    if (!line) {
      line = new Line({ regular: [], priority: [], booked: [] });
      lines.set(t.serviceId, line);
    }
    line.add(t);
  };

  // Citizens still to come who go before regular walk-ins: bookings falling due, priority walk-ins.
  const coming: PlayTicket[] = [];
  for (const [i, b] of state.expected.entries()) {
    const hash = hashString(`booking:${i}:${b.serviceId}:${b.appointmentAt}`);
    if (draw(hash, run, PURPOSE.show) >= b.showShare) continue;
    coming.push({
      id: `~booking:${i}`,
      serviceId: b.serviceId,
      arrivalAt: Math.max(now, b.appointmentAt - EARLY_CHECK_IN_MS),
      priority: null,
      appointmentAt: b.appointmentAt,
      target: -1,
      probe: false,
      hash,
    });
  }
  for (const [serviceId, model] of state.services) {
    if (!(model.priorityPerHour > 0)) continue;
    const base = serviceHashes.get(serviceId) ?? hashString(serviceId);
    let at = now;
    for (let k = 0; ; k++) {
      const u = draw(base ^ k, run, PURPOSE.arrivals);
      at += (-Math.log(1 - u) / model.priorityPerHour) * HOUR;
      if (at >= now + ARRIVALS_AHEAD_MS) break;
      coming.push({
        id: `~walkin:${serviceId}:${k}`,
        serviceId,
        // strictly after now: behind every probe taken now
        arrivalAt: Math.max(now + 1, Math.round(at)),
        priority: 'lansia',
        appointmentAt: null,
        target: -1,
        probe: false,
        hash: mix(base ^ mix(k + 7)),
      });
    }
  }
  coming.sort((a, b) => a.arrivalAt - b.arrivalAt);
  let nextComing = 0;

  const counters: PlayCounter[] = state.counters.map((c, i) => {
    const hash = counterHashes[i] as number;
    let freeAt = Math.max(now, c.availableFrom);
    if (c.busy) {
      const model = state.services.get(c.busy.serviceId);
      const occupancy = model?.occupancy ?? [state.callGapMs];
      const elapsed = Math.max(0, now - c.busy.since);
      freeAt = now + remainingHold(occupancy, elapsed, draw(hash, run, PURPOSE.busy)) * c.pace + state.callGapMs;
    }
    return { counter: c, hash, freeAt, recent: [...c.recentCalls] };
  });

  const limit = now + HORIZON_MS;
  const candidates: PlayTicket[] = [];
  while (open > 0) {
    // the counter free first (ties: the first listed)
    let c: PlayCounter | undefined;
    for (const k of counters) if (k.freeAt < (c?.freeAt ?? Number.POSITIVE_INFINITY)) c = k;
    if (!c) break;
    const t = callableFrom(state.spans, c.freeAt);
    if (t === null || t > limit) break;
    while (nextComing < coming.length && (coming[nextComing] as PlayTicket).arrivalAt <= t) {
      join(coming[nextComing] as PlayTicket);
      nextComing++;
    }
    candidates.length = 0;
    for (const serviceId of c.counter.serviceIds) lines.get(serviceId)?.heads(candidates);
    const pick = pickNext(candidates, c.recent, policy, t);
    if (!pick) {
      // Nobody to call: wait for the next citizen this counter may serve, if any comes.
      let wake = Number.POSITIVE_INFINITY;
      for (let i = nextComing; i < coming.length; i++) {
        const x = coming[i] as PlayTicket;
        if (c.counter.serviceIds.includes(x.serviceId)) {
          wake = x.arrivalAt;
          break;
        }
      }
      c.freeAt = wake;
      continue;
    }
    const called = pick.ticket as PlayTicket;
    (lines.get(called.serviceId) as Line).remove(called);
    if (called.target >= 0) {
      waits[called.target] = t - now;
      open--;
    }
    if (called.probe) continue;
    if (
      called.target < 0 &&
      draw(called.hash, run, PURPOSE.leave) < (state.services.get(called.serviceId)?.leaveShare ?? 0)
    ) {
      continue; // left before being called: the counter calls the next at once
    }
    c.recent.unshift({ priority: called.priority !== null });
    if (c.recent.length > policy.priorityPerRegular + 1) c.recent.pop();
    const model = state.services.get(called.serviceId);
    const hold =
      model === undefined
        ? state.callGapMs
        : draw(called.hash, run, PURPOSE.noShow) < model.noShowShare
          ? model.noShowMs
          : sampleAt(model.occupancy, draw(called.hash, run, PURPOSE.duration)) * c.counter.pace;
    c.freeAt = t + hold + state.callGapMs;
  }
  return waits;
}

// ── the estimates ───────────────────────────────────────────────────────

/**
 * Estimates for each target, in order. A target is null when no counter in the state serves its
 * service (reason no_counter_open) or a ticket target is not among the waiting (not_waiting).
 */
export function estimateWaits(
  whole: LineState,
  targets: readonly EstimateTarget[],
  options: EstimateOptions = {},
): EstimateOutcome[] {
  let state = whole;
  const runs = Math.max(1, Math.floor(options.runs ?? 100));
  const seed = options.seed ?? 1;
  const lowP = options.low ?? 0.2;
  const highP = options.high ?? 0.8;
  const served = new Set(state.counters.flatMap((c) => c.serviceIds));

  const targetOf = new Map<string, number>();
  const outcomes: (EstimateOutcome | null)[] = targets.map(() => null);
  const probes: PlayTicket[] = [];
  const byId = new Map(state.waiting.map((t) => [t.id, t]));
  targets.forEach((target, i) => {
    const serviceId = 'ticketId' in target ? byId.get(target.ticketId)?.serviceId : target.serviceId;
    if ('ticketId' in target && serviceId === undefined) {
      outcomes[i] = { estimate: null, reason: 'not_waiting' };
    } else if (serviceId === undefined || !served.has(serviceId)) {
      outcomes[i] = { estimate: null, reason: 'no_counter_open' };
    } else if ('ticketId' in target) {
      targetOf.set(target.ticketId, i);
    } else {
      probes.push({
        id: `${PROBE_ID}:${String(i).padStart(6, '0')}`,
        serviceId,
        arrivalAt: state.now,
        priority: target.priority,
        appointmentAt: null,
        target: i,
        probe: true,
        hash: 0,
      });
    }
  });
  const pending = targets.length - outcomes.filter((o) => o !== null).length;
  if (pending === 0) return outcomes as EstimateOutcome[];
  state = linkedPart(
    state,
    targets.flatMap((target, i) => {
      if (outcomes[i] !== null) return [];
      return 'ticketId' in target ? [byId.get(target.ticketId)?.serviceId as string] : [target.serviceId];
    }),
  );

  const tickets: PlayTicket[] = state.waiting.map((t) => ({
    ...t,
    target: targetOf.get(t.id) ?? -1,
    probe: false,
    hash: hashString(t.id) ^ seed,
  }));
  tickets.push(...probes);
  const sorted = sortLines(tickets);
  const counterHashes = state.counters.map((c) => hashString(c.id) ^ seed);
  const serviceHashes = new Map([...state.services.keys()].map((id) => [id, hashString(id) ^ seed]));

  const waits: number[][] = targets.map(() => []);
  for (let run = 0; run < runs; run++) {
    const one = play(state, sorted, counterHashes, serviceHashes, targets.length, run);
    for (let i = 0; i < targets.length; i++) if (outcomes[i] === null) (waits[i] as number[]).push(one[i] as number);
  }
  return targets.map((_, i) => {
    const done = outcomes[i];
    if (done) return done;
    const sorted = (waits[i] as number[]).map((w) => Math.min(w, HORIZON_MS)).sort((a, b) => a - b);
    const waitMs = Math.round(quantile(sorted, 0.5));
    const lowMs = Math.min(waitMs, Math.round(quantile(sorted, lowP)));
    const highMs = Math.max(waitMs, Math.round(quantile(sorted, highP)));
    return { estimate: { waitMs, lowMs, highMs, callAt: state.now + waitMs }, reason: null };
  });
}

/**
 * The part of the hall that can touch these services' lines: the counters serving them, the other
 * services those counters serve, and so on. Other agencies' counters and lines are left out of the
 * play, which only makes it faster: they never call these tickets.
 */
export function linkedPart(state: LineState, serviceIds: readonly string[]): LineState {
  const services = new Set(serviceIds);
  const counters = new Set<EstimateCounter>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of state.counters) {
      if (counters.has(c) || !c.serviceIds.some((id) => services.has(id))) continue;
      counters.add(c);
      grew = true;
      for (const id of c.serviceIds) services.add(id);
    }
  }
  if (counters.size === state.counters.length && services.size >= state.services.size) return state;
  return {
    ...state,
    waiting: state.waiting.filter((t) => services.has(t.serviceId)),
    counters: state.counters.filter((c) => counters.has(c)),
    services: new Map([...state.services].filter(([id]) => services.has(id))),
    expected: state.expected.filter((b) => services.has(b.serviceId)),
  };
}

/**
 * The classic queue-length estimator: (people ahead + 1) × mean service time ÷ counters serving
 * the service (open, not on a break). Null when no such counter is open.
 */
export function baselineWait(state: LineState, target: EstimateTarget): number | null {
  const mine: EstimateTicket | undefined =
    'ticketId' in target
      ? state.waiting.find((t) => t.id === target.ticketId)
      : {
          id: PROBE_ID,
          serviceId: target.serviceId,
          arrivalAt: state.now,
          priority: target.priority,
          appointmentAt: null,
        };
  if (!mine) return null;
  const model = state.services.get(mine.serviceId);
  const serving = state.counters.filter(
    (c) => c.serviceIds.includes(mine.serviceId) && c.availableFrom <= state.now,
  ).length;
  if (!model || serving === 0) return null;
  let ahead = 0;
  for (const other of state.waiting) if (other.serviceId === mine.serviceId && isAhead(other, mine)) ahead++;
  const mean = model.occupancy.reduce((sum, x) => sum + x, 0) / model.occupancy.length;
  return ((ahead + 1) * mean) / serving;
}

// ── how good the word was ───────────────────────────────────────────────

/** An estimate given and the wait that followed, ms. */
export interface EstimatePair {
  estimateMs: number;
  actualMs: number;
}

export interface Accuracy {
  count: number;
  /** mean absolute error, minutes */
  maeMinutes: number | null;
  /** mean of estimate − actual, minutes: positive when the estimates were too long */
  biasMinutes: number | null;
  /** share whose error was within ±max(5 minutes, 25 % of the actual wait) */
  withinShare: number | null;
}

/** The error allowed around an actual wait: five minutes, or a quarter of it when that is more. */
export const allowedError = (actualMs: number): number => Math.max(5 * 60_000, 0.25 * actualMs);

export function accuracy(pairs: readonly EstimatePair[]): Accuracy {
  if (pairs.length === 0) return { count: 0, maeMinutes: null, biasMinutes: null, withinShare: null };
  let abs = 0;
  let signed = 0;
  let within = 0;
  for (const { estimateMs, actualMs } of pairs) {
    const error = estimateMs - actualMs;
    abs += Math.abs(error);
    signed += error;
    if (Math.abs(error) <= allowedError(actualMs)) within++;
  }
  const n = pairs.length;
  return {
    count: n,
    maeMinutes: abs / n / 60_000,
    biasMinutes: signed / n / 60_000,
    withinShare: within / n,
  };
}

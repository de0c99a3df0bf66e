/**
 * How many loket an agency should open in an hour, by Erlang C (the M/M/n queue): visitors arrive
 * at random, service times are exponential, one shared queue feeds every open counter and nobody
 * leaves the queue. Pure: an hour's arrivals and mean service time in, counters and the waits they
 * give out. Real visitors do give up, so Erlang C errs on the side of one counter too many, which
 * is the safe side for advice to leadership.
 */

/** Offered load in Erlangs: the counters that would be busy on average, λ·S. */
export function offeredLoad(arrivalsPerHour: number, meanServiceMinutes: number): number {
  checkRates(arrivalsPerHour, meanServiceMinutes);
  return (arrivalsPerHour * meanServiceMinutes) / 60;
}

/**
 * Probability that an arrival has to wait, for `servers` counters and `offeredLoad` Erlangs. 1 when
 * servers ≤ load: that queue grows without bound, so in the long run everyone waits. Computed from
 * the Erlang B recurrence rather than A^n/n!, which overflows a double past n ≈ 170; B stays in
 * [0, 1] for any n, so 500 counters at 400 Erlangs is as safe as 3 at 2.
 */
export function erlangC(servers: number, offeredLoad: number): number {
  checkServers(servers);
  if (!Number.isFinite(offeredLoad) || offeredLoad < 0) {
    throw new RangeError(`offered load must be a finite number ≥ 0, got ${offeredLoad}`);
  }
  if (servers <= offeredLoad) return 1;
  let b = 1;
  for (let k = 1; k <= servers; k++) b = nextErlangB(b, k, offeredLoad);
  return waitProbability(servers, offeredLoad, b);
}

/**
 * Mean wait in the queue, in minutes, over every arrival (the ones served at once count as 0):
 * Wq = C·S/(n − A). Infinity when the queue is unstable; 0 when nobody arrives.
 */
export function expectedWait(servers: number, arrivalsPerHour: number, meanServiceMinutes: number): number {
  checkServers(servers);
  checkRates(arrivalsPerHour, meanServiceMinutes);
  if (arrivalsPerHour === 0) return 0;
  const load = offeredLoad(arrivalsPerHour, meanServiceMinutes);
  if (servers <= load) return Number.POSITIVE_INFINITY;
  return meanWait(servers, load, meanServiceMinutes, erlangC(servers, load));
}

/**
 * Share of arrivals who wait at most `targetWaitMinutes`: 1 − C·e^(−(n − A)·t/S). 0 when the queue
 * is unstable; 1 when nobody arrives.
 */
export function serviceLevel(
  servers: number,
  arrivalsPerHour: number,
  meanServiceMinutes: number,
  targetWaitMinutes: number,
): number {
  checkServers(servers);
  checkTarget(targetWaitMinutes);
  checkRates(arrivalsPerHour, meanServiceMinutes);
  if (arrivalsPerHour === 0) return 1;
  const load = offeredLoad(arrivalsPerHour, meanServiceMinutes);
  if (servers <= load) return 0;
  return withinTarget(servers, load, meanServiceMinutes, targetWaitMinutes, erlangC(servers, load));
}

export interface StaffingRequest {
  /** visitors expected in the hour */
  arrivalsPerHour: number;
  /** mean time at the counter per visitor, in minutes */
  meanServiceMinutes: number;
  /** the wait the target is about, in minutes */
  targetWaitMinutes: number;
  /**
   * With it (0–1): at least this share must wait no longer than targetWaitMinutes, the call-centre
   * "80% within 20 seconds". Without it: the mean wait must be at most targetWaitMinutes.
   */
  targetShare?: number;
  /** the search stops here; 1000 unless told */
  maxCounters?: number;
}

export interface StaffingAdvice {
  /** counters to open; 0 only when nobody is expected */
  counters: number;
  /** the mean wait over every visitor with that many counters; Infinity when they cannot keep up */
  expectedWaitMinutes: number;
  /** the chance a visitor finds every counter busy */
  probabilityOfWaiting: number;
  /** the share served within targetWaitMinutes */
  withinTargetShare: number;
  /** offered load in Erlangs, the average number of busy counters */
  load: number;
  /** false when even maxCounters misses the target: the figures are then the cap's */
  targetMet: boolean;
}

export const DEFAULT_MAX_COUNTERS = 1000;

/**
 * The fewest counters (at least 1) that meet the target, and the waits they give. An unstable
 * queue (counters ≤ load) never meets a target, however lax: its wait only grows through the hour.
 * A target no number of counters meets (a share of 1, or a mean wait of 0) returns maxCounters
 * with targetMet false rather than searching forever.
 */
export function countersNeeded(request: StaffingRequest): StaffingAdvice {
  const { arrivalsPerHour, meanServiceMinutes, targetWaitMinutes, targetShare } = request;
  const maxCounters = request.maxCounters ?? DEFAULT_MAX_COUNTERS;
  checkRates(arrivalsPerHour, meanServiceMinutes);
  checkTarget(targetWaitMinutes);
  if (targetShare !== undefined && !(targetShare >= 0 && targetShare <= 1)) {
    throw new RangeError(`target share must be a number 0–1, got ${targetShare}`);
  }
  if (!Number.isInteger(maxCounters) || maxCounters < 1) {
    throw new RangeError(`max counters must be a whole number ≥ 1, got ${maxCounters}`);
  }
  if (arrivalsPerHour === 0) {
    return {
      counters: 0,
      expectedWaitMinutes: 0,
      probabilityOfWaiting: 0,
      withinTargetShare: 1,
      load: 0,
      targetMet: true,
    };
  }

  const load = offeredLoad(arrivalsPerHour, meanServiceMinutes);
  // One pass up the Erlang B recurrence: each n costs one step, not n.
  let b = 1;
  for (let n = 1; ; n++) {
    b = nextErlangB(b, n, load);
    const stable = n > load;
    const c = stable ? waitProbability(n, load, b) : 1;
    const wait = stable ? meanWait(n, load, meanServiceMinutes, c) : Number.POSITIVE_INFINITY;
    const share = stable ? withinTarget(n, load, meanServiceMinutes, targetWaitMinutes, c) : 0;
    const targetMet = stable && (targetShare === undefined ? wait <= targetWaitMinutes : share >= targetShare);
    if (targetMet || n >= maxCounters) {
      return {
        counters: n,
        expectedWaitMinutes: wait,
        probabilityOfWaiting: c,
        withinTargetShare: share,
        load,
        targetMet,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The formulas, shared so that countersNeeded and the single-n functions agree to the last bit

/** Erlang B for k servers from Erlang B for k − 1: B(k) = A·B/(k + A·B). */
function nextErlangB(previous: number, k: number, load: number): number {
  const x = load * previous;
  return x / (k + x);
}

/** Erlang C from Erlang B for the same n, valid for n > A: C = n·B/(n − A(1 − B)). */
function waitProbability(servers: number, load: number, erlangB: number): number {
  return (servers * erlangB) / (servers - load * (1 - erlangB));
}

function meanWait(servers: number, load: number, meanServiceMinutes: number, c: number): number {
  return (c * meanServiceMinutes) / (servers - load);
}

function withinTarget(
  servers: number,
  load: number,
  meanServiceMinutes: number,
  targetWaitMinutes: number,
  c: number,
): number {
  return 1 - c * Math.exp((-(servers - load) * targetWaitMinutes) / meanServiceMinutes);
}

// ---------------------------------------------------------------------------------------------
// Input checks

function checkServers(servers: number): void {
  if (!Number.isInteger(servers) || servers < 0) {
    throw new RangeError(`servers must be a whole number ≥ 0, got ${servers}`);
  }
}

function checkRates(arrivalsPerHour: number, meanServiceMinutes: number): void {
  if (!Number.isFinite(arrivalsPerHour) || arrivalsPerHour < 0) {
    throw new RangeError(`arrivals per hour must be a finite number ≥ 0, got ${arrivalsPerHour}`);
  }
  if (!Number.isFinite(meanServiceMinutes) || meanServiceMinutes < 0) {
    throw new RangeError(`mean service minutes must be a finite number ≥ 0, got ${meanServiceMinutes}`);
  }
  if (arrivalsPerHour > 0 && meanServiceMinutes === 0) {
    throw new RangeError('mean service minutes must be > 0 when anyone arrives');
  }
}

function checkTarget(targetWaitMinutes: number): void {
  if (!Number.isFinite(targetWaitMinutes) || targetWaitMinutes < 0) {
    throw new RangeError(`target wait minutes must be a finite number ≥ 0, got ${targetWaitMinutes}`);
  }
}

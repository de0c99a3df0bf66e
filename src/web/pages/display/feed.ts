/**
 * What the display knows of today's calls, built from the stream's events. Pure, so the
 * dedupe-by-eventId and the "speak or only show" decisions are unit-tested in node.
 */
import type { CallEvent, DisplaySnapshot } from '../../../api/events';

export const RECENT_LIMIT = 10;

/** Replayed calls older than this are shown but not spoken: the citizen has long gone to the counter. */
export const SPEAK_MAX_AGE_MS = 2 * 60_000;

/** Calls arriving this soon after a reconnect's snapshot are the server's replay of missed calls. */
export const REPLAY_WINDOW_MS = 5_000;

export interface CounterNow {
  number: string;
  at: number;
}

export interface FeedState {
  /** newest first, one entry per ticket (a recall moves it up), at most RECENT_LIMIT */
  recent: CallEvent[];
  /** per counter id: the number it called last */
  current: Record<string, CounterNow>;
}

export const emptyFeed: FeedState = { recent: [], current: {} };

export type FeedAction = { type: 'snapshot'; snapshot: DisplaySnapshot } | { type: 'call'; call: CallEvent };

export function feedReducer(state: FeedState, action: FeedAction): FeedState {
  return action.type === 'snapshot' ? withSnapshot(action.snapshot) : withCall(state, action.call);
}

/** A snapshot is the whole truth at (re)connection: it replaces what was shown. */
export function withSnapshot(snapshot: DisplaySnapshot): FeedState {
  const current: Record<string, CounterNow> = {};
  for (const c of snapshot.counters) current[c.counterId] = { number: c.number, at: c.at };
  return { recent: recentOf(snapshot.calls), current };
}

export function withCall(state: FeedState, call: CallEvent): FeedState {
  if (state.recent.some((c) => c.eventId === call.eventId)) return state;
  const prev = state.current[call.counter.id];
  const current =
    prev && prev.at > call.at
      ? state.current
      : { ...state.current, [call.counter.id]: { number: call.ticket.number, at: call.at } };
  return { recent: recentOf([call, ...state.recent]), current };
}

function newestFirst(a: CallEvent, b: CallEvent): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0;
}

function recentOf(calls: CallEvent[]): CallEvent[] {
  const seenTickets = new Set<string>();
  const out: CallEvent[] = [];
  for (const call of [...calls].sort(newestFirst)) {
    if (seenTickets.has(call.ticket.id)) continue;
    seenTickets.add(call.ticket.id);
    out.push(call);
    if (out.length === RECENT_LIMIT) break;
  }
  return out;
}

const SEEN_LIMIT = 2_000;

/**
 * Decides which calls are new and which of them to speak:
 * - the first snapshot is history: shown, not spoken;
 * - live calls are spoken (whatever the TV's clock says);
 * - after a reconnect the server replays missed calls (it resumes after the last event id):
 *   each is spoken once if younger than SPEAK_MAX_AGE_MS. When no event id was ever received the
 *   server cannot replay, so the young unknown calls of the reconnect snapshot are spoken instead.
 * Ages are measured on the server's clock as seen through live calls (the TV's may be off).
 */
export class CallTracker {
  private readonly seen = new Set<string>();
  private snapshots = 0;
  private hadEventId = false;
  private replayUntil = 0;
  /** how far the TV's clock runs ahead of the server's, learnt from each snapshot and live call */
  private skew = 0;

  constructor(
    private readonly maxAgeMs = SPEAK_MAX_AGE_MS,
    private readonly replayWindowMs = REPLAY_WINDOW_MS,
  ) {}

  /** The calls of this snapshot to speak, oldest first. */
  onSnapshot(snapshot: DisplaySnapshot, now: number): CallEvent[] {
    // The snapshot carries the server's clock: learn the TV's skew before judging any call's age.
    this.skew = now - snapshot.serverTime;
    const first = this.snapshots === 0;
    this.snapshots += 1;
    if (first) {
      for (const call of snapshot.calls) this.remember(call.eventId);
      return [];
    }
    this.replayUntil = now + this.replayWindowMs;
    // The replay that follows carries these calls in order; speaking them from here would repeat them.
    if (this.hadEventId) return [];
    const unknown = snapshot.calls.filter((c) => !this.seen.has(c.eventId)).reverse();
    for (const call of unknown) this.remember(call.eventId);
    return unknown.filter((c) => this.young(c, now));
  }

  /** Whether a call or recall event is new (else drop it) and whether to speak it. */
  onCall(call: CallEvent, now: number): { isNew: boolean; speak: boolean } {
    this.hadEventId = true;
    if (this.seen.has(call.eventId)) return { isNew: false, speak: false };
    this.remember(call.eventId);
    const replayed = now < this.replayUntil;
    if (!replayed) this.skew = now - call.at;
    return { isNew: true, speak: !replayed || this.young(call, now) };
  }

  private young(call: CallEvent, now: number): boolean {
    return now - this.skew - call.at <= this.maxAgeMs;
  }

  private remember(eventId: string): void {
    this.seen.add(eventId);
    if (this.seen.size <= SEEN_LIMIT) return;
    // A Set iterates in insertion order: drop the oldest half.
    let drop = SEEN_LIMIT / 2;
    for (const id of this.seen) {
      if (drop-- <= 0) break;
      this.seen.delete(id);
    }
  }
}

/** The local date (YYYY-MM-DD) of an instant in the mall's time zone. */
export function localDay(at: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  }
}

/**
 * Only today's calls: a display left on overnight keeps its stream (and so yesterday's feed),
 * but numbering restarts each local day and "A-087 Loket 3" is no one's call in the morning.
 * `today` is the server's (GET /api/malls/:mall), not the TV's clock; a call newer than it stays.
 */
export function todayOnly(feed: FeedState, today: string, timeZone: string): FeedState {
  const isToday = (at: number) => localDay(at, timeZone) >= today;
  if (feed.recent.every((c) => isToday(c.at)) && Object.values(feed.current).every((c) => isToday(c.at))) return feed;
  return {
    recent: feed.recent.filter((c) => isToday(c.at)),
    current: Object.fromEntries(Object.entries(feed.current).filter(([, c]) => isToday(c.at))),
  };
}

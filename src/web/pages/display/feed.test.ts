import { describe, expect, it } from 'vitest';
import type { CallEvent, DisplaySnapshot } from '../../../api/events';
import { CallTracker, emptyFeed, feedReducer, localDay, RECENT_LIMIT, SPEAK_MAX_AGE_MS, todayOnly } from './feed';

const NOW = Date.parse('2026-03-02T03:00:00Z');

function call(
  n: number,
  opts: Partial<{ at: number; counter: string; ticket: string; type: 'call' | 'recall' }> = {},
): CallEvent {
  const counter = opts.counter ?? 'c1';
  return {
    eventId: `e${String(n).padStart(4, '0')}`,
    type: opts.type ?? 'call',
    at: opts.at ?? NOW - 60_000 + n * 1000,
    ticket: { id: opts.ticket ?? `t${n}`, number: `A-${String(n).padStart(3, '0')}`, priority: null, serviceId: 's1' },
    counter: { id: counter, name: `Loket ${counter}`, number: 1, zoneId: null },
  };
}

/** serverTime: the server's clock when it sent the snapshot */
function snapshot(calls: CallEvent[], serverTime = NOW): DisplaySnapshot {
  const newest = [...calls].sort((a, b) => b.at - a.at);
  const counters = new Map<string, { counterId: string; number: string; at: number }>();
  for (const c of newest)
    if (!counters.has(c.counter.id))
      counters.set(c.counter.id, { counterId: c.counter.id, number: c.ticket.number, at: c.at });
  return { calls: newest.slice(0, 10), counters: [...counters.values()], serverTime };
}

describe('feedReducer', () => {
  it('keeps the newest calls first, at most ten, and each counter its latest number', () => {
    let s = feedReducer(emptyFeed, { type: 'snapshot', snapshot: snapshot([call(1), call(2, { counter: 'c2' })]) });
    expect(s.recent.map((c) => c.ticket.number)).toEqual(['A-002', 'A-001']);
    for (let n = 3; n <= 14; n++) s = feedReducer(s, { type: 'call', call: call(n) });
    expect(s.recent).toHaveLength(RECENT_LIMIT);
    expect(s.recent[0]?.ticket.number).toBe('A-014');
    expect(s.current.c1?.number).toBe('A-014');
    expect(s.current.c2?.number).toBe('A-002');
  });

  it('ignores an event it already has and puts a late (older) replayed call in its place', () => {
    let s = feedReducer(emptyFeed, { type: 'snapshot', snapshot: snapshot([call(1), call(3)]) });
    const again = feedReducer(s, { type: 'call', call: call(3) });
    expect(again).toBe(s);
    s = feedReducer(s, { type: 'call', call: call(2) });
    expect(s.recent.map((c) => c.ticket.number)).toEqual(['A-003', 'A-002', 'A-001']);
    expect(s.current.c1?.number).toBe('A-003');
  });

  it('shows a recalled ticket once, at the top', () => {
    let s = feedReducer(emptyFeed, { type: 'snapshot', snapshot: snapshot([call(1), call(2)]) });
    s = feedReducer(s, { type: 'call', call: call(3, { ticket: 't1', type: 'recall' }) });
    expect(s.recent.map((c) => [c.ticket.id, c.type])).toEqual([
      ['t1', 'recall'],
      ['t2', 'call'],
    ]);
  });
});

describe('CallTracker', () => {
  it('does not speak the first snapshot, speaks live calls once each', () => {
    const t = new CallTracker();
    expect(t.onSnapshot(snapshot([call(1), call(2)]), NOW)).toEqual([]);
    expect(t.onCall(call(2), NOW)).toEqual({ isNew: false, speak: false });
    expect(t.onCall(call(3), NOW)).toEqual({ isNew: true, speak: true });
    expect(t.onCall(call(3), NOW)).toEqual({ isNew: false, speak: false });
    // a live call is spoken even when the TV's clock says it is old
    expect(t.onCall(call(4, { at: NOW - 10 * 60_000 }), NOW)).toEqual({ isNew: true, speak: true });
  });

  it('after a reconnect speaks the young replayed calls, in order, and only shows the old ones', () => {
    const t = new CallTracker();
    t.onSnapshot(snapshot([call(1)]), NOW);
    t.onCall(call(2, { at: NOW }), NOW); // live: the clocks agree
    const later = NOW + 5 * 60_000;
    const old = call(3, { at: later - SPEAK_MAX_AGE_MS - 1 });
    const young1 = call(4, { at: later - 30_000 });
    const young2 = call(5, { at: later - 20_000 });
    // the reconnect snapshot already lists the missed calls: the replay speaks them, not the snapshot
    expect(t.onSnapshot(snapshot([call(1), call(2), old, young1, young2], later), later)).toEqual([]);
    const spoken = [old, young1, young2, call(2)]
      .map((c) => [c.ticket.number, t.onCall(c, later + 100)] as const)
      .filter(([, r]) => r.speak)
      .map(([n]) => n);
    expect(spoken).toEqual(['A-004', 'A-005']);
  });

  it("judges a replayed call's age by the server's clock, learnt from snapshots and live calls", () => {
    const t = new CallTracker();
    const tvAhead = 60 * 60_000; // the TV's clock runs an hour fast
    t.onSnapshot(snapshot([]), NOW + tvAhead);
    expect(t.onCall(call(1, { at: NOW }), NOW + tvAhead).speak).toBe(true);
    const later = NOW + 3 * 60_000;
    t.onSnapshot(snapshot([call(1, { at: NOW }), call(2, { at: later - 30_000 })], later), later + tvAhead);
    expect(t.onCall(call(2, { at: later - 30_000 }), later + tvAhead).speak).toBe(true);
    expect(t.onCall(call(3, { at: later - 5 * 60_000 }), later + tvAhead).speak).toBe(false);
  });

  it('speaks the young unknown calls of a reconnect snapshot when there was no event id to resume from', () => {
    const t = new CallTracker();
    t.onSnapshot(snapshot([]), NOW);
    const later = NOW + 60_000;
    const missed = [
      call(1, { at: later - 5 * 60_000 }),
      call(2, { at: later - 20_000 }),
      call(3, { at: later - 10_000 }),
    ];
    expect(t.onSnapshot(snapshot(missed), later).map((c) => c.ticket.number)).toEqual(['A-002', 'A-003']);
    // and a third snapshot does not repeat them
    expect(t.onSnapshot(snapshot(missed), later + 1000)).toEqual([]);
  });
});

describe('todayOnly', () => {
  it("drops yesterday's calls at the mall's midnight, not the TV's", () => {
    // 23:50 and 00:10 in Jakarta (UTC+7)
    const late = Date.parse('2026-03-01T16:50:00Z');
    const early = Date.parse('2026-03-01T17:10:00Z');
    expect(localDay(late, 'Asia/Jakarta')).toBe('2026-03-01');
    expect(localDay(early, 'Asia/Jakarta')).toBe('2026-03-02');
    let s = feedReducer(emptyFeed, { type: 'snapshot', snapshot: snapshot([call(1, { at: late, counter: 'c1' })]) });
    s = feedReducer(s, { type: 'call', call: call(2, { at: early, counter: 'c2' }) });
    const today = todayOnly(s, '2026-03-02', 'Asia/Jakarta');
    expect(today.recent.map((c) => c.ticket.number)).toEqual(['A-002']);
    expect(Object.keys(today.current)).toEqual(['c2']);
    expect(todayOnly(today, '2026-03-02', 'Asia/Jakarta')).toBe(today);
    // the server's "today" read before midnight does not hide the first calls after it
    expect(todayOnly(s, '2026-03-01', 'Asia/Jakarta')).toBe(s);
  });
});

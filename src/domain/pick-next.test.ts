import { describe, expect, it } from 'vitest';
import {
  byArrival,
  type Candidate,
  isAhead,
  type PickPolicy,
  peopleAhead,
  pickNext,
  priorityStreak,
} from './pick-next.js';
import type { PriorityClass } from './queue.js';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T01:00:00Z'); // 08:00 in Jakarta
const policy: PickPolicy = { priorityPerRegular: 2, maxWaitMs: 45 * MIN };

function walkIn(id: string, arrivedMin: number, priority: PriorityClass | null = null): Candidate {
  return { id, arrivalAt: T0 + arrivedMin * MIN, priority, appointmentAt: null };
}

function booked(
  id: string,
  arrivedMin: number,
  appointmentMin: number,
  priority: PriorityClass | null = null,
): Candidate {
  return { id, arrivalAt: T0 + arrivedMin * MIN, priority, appointmentAt: T0 + appointmentMin * MIN };
}

const at = (min: number) => T0 + min * MIN;

describe('pickNext: arrival order', () => {
  it('returns null when nobody waits', () => {
    expect(pickNext([], [], policy, at(10))).toBeNull();
  });

  it('calls the earliest regular walk-in, whatever the input order', () => {
    const waiting = [walkIn('c', 5), walkIn('a', 1), walkIn('b', 3)];
    expect(pickNext(waiting, [], policy, at(10))).toEqual({ ticket: waiting[1], reason: 'regular' });
  });

  it('serves everyone in arrival order as the line drains', () => {
    let waiting = [walkIn('d', 7), walkIn('b', 2), walkIn('c', 4), walkIn('a', 1)];
    const order: string[] = [];
    while (waiting.length > 0) {
      const pick = pickNext(waiting, [], policy, at(10));
      if (!pick) throw new Error('nothing picked');
      order.push(pick.ticket.id);
      waiting = waiting.filter((t) => t.id !== pick.ticket.id);
    }
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('breaks arrival ties by id', () => {
    const waiting = [walkIn('t9', 1), walkIn('t10', 1), walkIn('t2', 1)];
    // string order: "t10" < "t2" < "t9"
    expect(pickNext(waiting, [], policy, at(2))?.ticket.id).toBe('t10');
    expect(pickNext([waiting[0] as Candidate, waiting[2] as Candidate], [], policy, at(2))?.ticket.id).toBe('t2');
  });

  it('byArrival orders by arrival, then id, and is 0 only for the same arrival and id', () => {
    expect(byArrival(walkIn('z', 1), walkIn('a', 2))).toBeLessThan(0);
    expect(byArrival(walkIn('a', 2), walkIn('z', 1))).toBeGreaterThan(0);
    expect(byArrival(walkIn('a', 1), walkIn('b', 1))).toBeLessThan(0);
    expect(byArrival(walkIn('b', 1), walkIn('a', 1))).toBeGreaterThan(0);
    expect(byArrival(walkIn('a', 1), walkIn('a', 1))).toBe(0);
  });
});

describe('pickNext: priority classes', () => {
  it('calls a priority ticket before an earlier regular one', () => {
    const waiting = [walkIn('r1', 0), walkIn('p1', 5, 'lansia')];
    expect(pickNext(waiting, [], policy, at(10))).toEqual({ ticket: waiting[1], reason: 'priority' });
  });

  it('calls priority tickets among themselves in arrival order', () => {
    const waiting = [walkIn('p2', 6, 'anak'), walkIn('p1', 5, 'ibu_hamil'), walkIn('r1', 0)];
    expect(pickNext(waiting, [], policy, at(10))?.ticket.id).toBe('p1');
  });

  it('after priorityPerRegular priority calls in a row, calls one regular', () => {
    const waiting = [walkIn('r1', 0), walkIn('p1', 5, 'disabilitas')];
    const twoPriority = [{ priority: true }, { priority: true }];
    expect(pickNext(waiting, twoPriority, policy, at(10))).toEqual({ ticket: waiting[0], reason: 'regular' });
    // only the latest run counts: a regular call in between resets it
    expect(
      pickNext(waiting, [{ priority: true }, { priority: false }, { priority: true }], policy, at(10))?.reason,
    ).toBe('priority');
  });

  it('with priorityPerRegular=2 and both classes waiting: P,P,R,P,P,R', () => {
    let waiting: Candidate[] = [
      ...[0, 1, 2, 3].map((i) => walkIn(`p${i}`, 10 + i, 'lansia')),
      ...[0, 1, 2, 3].map((i) => walkIn(`r${i}`, i)),
    ];
    const recentCalls: { priority: boolean }[] = [];
    const pattern: string[] = [];
    const ids: string[] = [];
    for (let k = 0; k < 6; k++) {
      const pick = pickNext(waiting, recentCalls, policy, at(20));
      if (!pick) throw new Error('nothing picked');
      const isPriority = pick.ticket.priority !== null;
      pattern.push(isPriority ? 'P' : 'R');
      ids.push(pick.ticket.id);
      recentCalls.unshift({ priority: isPriority }); // newest first
      waiting = waiting.filter((t) => t.id !== pick.ticket.id);
    }
    expect(pattern.join(',')).toBe('P,P,R,P,P,R');
    expect(ids).toEqual(['p0', 'p1', 'r0', 'p2', 'p3', 'r1']);
  });

  it.each([1, 3])('with priorityPerRegular=%i the run length follows the policy', (n) => {
    let waiting: Candidate[] = [
      ...Array.from({ length: 10 }, (_, i) => walkIn(`p${i}`, 10 + i, 'anak')),
      ...Array.from({ length: 10 }, (_, i) => walkIn(`r${i}`, i)),
    ];
    const recentCalls: { priority: boolean }[] = [];
    let pattern = '';
    for (let k = 0; k < 2 * (n + 1); k++) {
      const pick = pickNext(waiting, recentCalls, { ...policy, priorityPerRegular: n }, at(20));
      if (!pick) throw new Error('nothing picked');
      pattern += pick.ticket.priority !== null ? 'P' : 'R';
      recentCalls.unshift({ priority: pick.ticket.priority !== null });
      waiting = waiting.filter((t) => t.id !== pick.ticket.id);
    }
    expect(pattern).toBe(`${'P'.repeat(n)}R`.repeat(2));
  });

  it('when no regular ticket waits, priority keeps going', () => {
    const waiting = [walkIn('p1', 5, 'lansia'), walkIn('p2', 6, 'anak')];
    const longStreak = Array.from({ length: 7 }, () => ({ priority: true }));
    expect(pickNext(waiting, longStreak, policy, at(10))).toEqual({ ticket: waiting[0], reason: 'priority' });
  });

  it('priorityStreak counts the newest run of priority calls', () => {
    expect(priorityStreak([])).toBe(0);
    expect(priorityStreak([{ priority: false }, { priority: true }])).toBe(0);
    expect(priorityStreak([{ priority: true }, { priority: true }, { priority: false }, { priority: true }])).toBe(2);
    expect(priorityStreak([{ priority: true }, { priority: true }, { priority: true }])).toBe(3);
  });
});

describe('pickNext: maximum wait', () => {
  it('calls a regular ticket that waited maxWaitMs even while a priority ticket waits', () => {
    const waiting = [walkIn('p1', 40, 'lansia'), walkIn('r1', 0), walkIn('r2', 1)];
    expect(pickNext(waiting, [], policy, at(45))).toEqual({ ticket: waiting[1], reason: 'max_wait' });
  });

  it('is inclusive at exactly maxWaitMs and not a millisecond before', () => {
    const waiting = [walkIn('p1', 10, 'lansia'), walkIn('r1', 0)];
    expect(pickNext(waiting, [], policy, at(45))?.reason).toBe('max_wait');
    expect(pickNext(waiting, [], policy, at(45) - 1)).toEqual({ ticket: waiting[0], reason: 'priority' });
  });

  it('among the overdue, the longest-waiting goes first, ties by id', () => {
    const waiting = [walkIn('r-b', 2), walkIn('p', 3, 'anak'), walkIn('r-a', 2), walkIn('r-c', 1)];
    expect(pickNext(waiting, [], policy, at(100))?.ticket.id).toBe('r-c');
    expect(pickNext(waiting.slice(0, 3), [], policy, at(100))?.ticket.id).toBe('r-a');
  });

  it('comes before a due appointment', () => {
    const waiting = [booked('b1', 50, 55), walkIn('r1', 0)];
    expect(pickNext(waiting, [], policy, at(60))).toEqual({ ticket: waiting[1], reason: 'max_wait' });
  });

  it('overrides the priority ratio', () => {
    const waiting = [walkIn('p1', 0, 'lansia'), walkIn('r1', 30)];
    const streak = [{ priority: true }, { priority: true }];
    expect(pickNext(waiting, streak, policy, at(50))).toEqual({ ticket: waiting[0], reason: 'max_wait' });
  });
});

describe('pickNext: appointments', () => {
  it('a due appointment goes before earlier walk-ins, priority or not', () => {
    const waiting = [walkIn('r1', 0), walkIn('p1', 1, 'lansia'), booked('b1', 20, 30)];
    expect(pickNext(waiting, [], policy, at(30))).toEqual({ ticket: waiting[2], reason: 'appointment' });
  });

  it('due appointments go by appointment time, then arrival', () => {
    const waiting = [booked('b1', 5, 25), booked('b2', 10, 20), booked('b3', 1, 25)];
    expect(pickNext(waiting, [], policy, at(30))?.ticket.id).toBe('b2');
    expect(pickNext([waiting[0] as Candidate, waiting[2] as Candidate], [], policy, at(30))?.ticket.id).toBe('b3');
  });

  it('a not-yet-due appointment waits while walk-ins are there', () => {
    const waiting = [booked('b1', 0, 40), walkIn('r1', 5)];
    expect(pickNext(waiting, [], policy, at(30))).toEqual({ ticket: waiting[1], reason: 'regular' });
    // and becomes due at its time
    expect(pickNext(waiting, [], policy, at(40))).toEqual({ ticket: waiting[0], reason: 'appointment' });
  });

  it('a not-yet-due appointment is served when it is the only one waiting', () => {
    const waiting = [booked('b1', 0, 40)];
    expect(pickNext(waiting, [], policy, at(30))).toEqual({ ticket: waiting[0], reason: 'appointment' });
  });

  it('among only not-yet-due appointments, the earliest appointment goes first', () => {
    const waiting = [booked('b1', 0, 50), booked('b2', 5, 40), booked('b3', 1, 40)];
    expect(pickNext(waiting, [], policy, at(30))?.ticket.id).toBe('b3');
  });
});

describe('peopleAhead / isAhead', () => {
  const r1 = walkIn('r1', 0);
  const r2 = walkIn('r2', 5);
  const r3 = walkIn('r3', 9);
  const p1 = walkIn('p1', 3, 'lansia');
  const p2 = walkIn('p2', 7, 'anak');
  const line = [r1, r2, r3, p1, p2];

  it('nobody is ahead of themselves', () => {
    for (const t of line) expect(isAhead(t, t)).toBe(false);
  });

  it('for a regular ticket: earlier regular tickets and every priority ticket', () => {
    expect(isAhead(r1, r2)).toBe(true);
    expect(isAhead(r3, r2)).toBe(false);
    expect(isAhead(p2, r2)).toBe(true); // arrived later, still served first
    expect(peopleAhead(r1, line)).toBe(2);
    expect(peopleAhead(r2, line)).toBe(3);
    expect(peopleAhead(r3, line)).toBe(4);
  });

  it('for a priority ticket: only earlier priority tickets', () => {
    expect(isAhead(r1, p1)).toBe(false);
    expect(isAhead(p1, p2)).toBe(true);
    expect(isAhead(p2, p1)).toBe(false);
    expect(peopleAhead(p1, line)).toBe(0);
    expect(peopleAhead(p2, line)).toBe(1);
  });

  it('breaks arrival ties by id', () => {
    const a = walkIn('a', 4);
    const b = walkIn('b', 4);
    expect(isAhead(a, b)).toBe(true);
    expect(isAhead(b, a)).toBe(false);
    expect(peopleAhead(b, [a, b])).toBe(1);
    expect(peopleAhead(a, [a, b])).toBe(0);
  });

  it('is an empty line for the only ticket', () => {
    expect(peopleAhead(r1, [r1])).toBe(0);
    expect(peopleAhead(r1, [])).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import {
  allowedFrom,
  checkTransition,
  formatTicketNumber,
  isHeldByCounter,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type TicketAction,
  type TicketStatus,
  type TransitionContext,
} from './queue.js';

const TODAY = '2026-03-02';
const ctx: TransitionContext = { recallsBeforeNoShow: 0, today: TODAY };

/** The transition table as DESIGN.md "The queue" states it, written out independently of RULES. */
const EXPECTED: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  call: { waiting: 'called' },
  recall: { called: 'called' },
  start: { called: 'serving' },
  finish: { serving: 'done' },
  no_show: { called: 'no_show' },
  cancel: { waiting: 'cancelled', called: 'cancelled' },
  reactivate: { no_show: 'waiting' },
  transfer: { waiting: 'waiting', called: 'waiting', serving: 'waiting' },
  postpone: { waiting: 'waiting' },
};

const cases = TICKET_ACTIONS.flatMap((action) =>
  TICKET_STATUSES.map((status) => ({ action, status, to: EXPECTED[action][status] ?? null })),
);

describe('checkTransition: every action × status', () => {
  it('covers all 9 actions and 6 statuses', () => {
    expect(cases).toHaveLength(TICKET_ACTIONS.length * TICKET_STATUSES.length);
    expect([...TICKET_ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(cases.filter((c) => c.to !== null))('$action from $status → $to', ({ action, status, to }) => {
    const result = checkTransition({ status, recallCount: 0, serviceDate: TODAY }, action, ctx);
    expect(result).toEqual({ ok: true, to });
  });

  it.each(cases.filter((c) => c.to === null))(
    '$action from $status is refused with the allowed statuses',
    ({ action, status }) => {
      const allowed = TICKET_STATUSES.filter((s) => EXPECTED[action][s] !== undefined);
      // Even with plenty of recalls and on the right day, the state alone refuses it.
      const result = checkTransition({ status, recallCount: 99, serviceDate: TODAY }, action, ctx);
      expect(result.ok).toBe(false);
      if (result.ok || result.reason !== 'state')
        throw new Error(`expected reason 'state', got ${JSON.stringify(result)}`);
      expect([...result.allowed].sort()).toEqual([...allowed].sort());
      expect(result.allowed).not.toContain(status);
    },
  );

  it('allowedFrom lists the statuses an action may be taken from', () => {
    for (const action of TICKET_ACTIONS) {
      const expected = TICKET_STATUSES.filter((s) => EXPECTED[action][s] !== undefined);
      expect([...allowedFrom(action)].sort()).toEqual([...expected].sort());
    }
  });

  it('done and cancelled are terminal: nothing is allowed from them', () => {
    for (const status of ['done', 'cancelled'] as const) {
      for (const action of TICKET_ACTIONS) {
        expect(checkTransition({ status, recallCount: 5, serviceDate: TODAY }, action, ctx).ok).toBe(false);
      }
    }
  });
});

describe('checkTransition: no_show needs the recalls', () => {
  it.each([
    { needed: 0, made: 0, ok: true },
    { needed: 1, made: 0, ok: false },
    { needed: 1, made: 1, ok: true },
    { needed: 2, made: 1, ok: false },
    { needed: 2, made: 2, ok: true },
    { needed: 2, made: 3, ok: true },
    { needed: 3, made: 0, ok: false },
  ])('needs $needed, made $made → ok=$ok', ({ needed, made, ok }) => {
    const result = checkTransition({ status: 'called', recallCount: made, serviceDate: TODAY }, 'no_show', {
      recallsBeforeNoShow: needed,
      today: TODAY,
    });
    if (ok) expect(result).toEqual({ ok: true, to: 'no_show' });
    else expect(result).toEqual({ ok: false, reason: 'recalls_needed', needed, made });
  });

  it('the state check comes before the recall check', () => {
    const result = checkTransition({ status: 'waiting', recallCount: 0, serviceDate: TODAY }, 'no_show', {
      recallsBeforeNoShow: 2,
      today: TODAY,
    });
    expect(result).toEqual({ ok: false, reason: 'state', allowed: ['called'] });
  });

  it('recalls do not gate other actions from called', () => {
    const strict = { recallsBeforeNoShow: 5, today: TODAY };
    for (const action of ['recall', 'start', 'cancel', 'transfer'] as const) {
      expect(checkTransition({ status: 'called', recallCount: 0, serviceDate: TODAY }, action, strict).ok).toBe(true);
    }
  });
});

describe('checkTransition: reactivate only on the same service date', () => {
  it('is allowed on the ticket’s own day', () => {
    expect(checkTransition({ status: 'no_show', recallCount: 2, serviceDate: TODAY }, 'reactivate', ctx)).toEqual({
      ok: true,
      to: 'waiting',
    });
  });

  it.each(['2026-03-01', '2026-03-03', '2025-03-02'])('is refused for a ticket of %s', (serviceDate) => {
    expect(checkTransition({ status: 'no_show', recallCount: 2, serviceDate }, 'reactivate', ctx)).toEqual({
      ok: false,
      reason: 'other_day',
    });
  });

  it('the date does not gate other actions', () => {
    const yesterday = { recallCount: 0, serviceDate: '2026-03-01' };
    expect(checkTransition({ ...yesterday, status: 'waiting' }, 'call', ctx)).toEqual({
      ok: true,
      to: 'called',
    });
    expect(checkTransition({ ...yesterday, status: 'serving' }, 'finish', ctx)).toEqual({
      ok: true,
      to: 'done',
    });
  });

  it('a reactivate from a wrong state on another day reports the state', () => {
    const result = checkTransition({ status: 'done', recallCount: 0, serviceDate: '2026-03-01' }, 'reactivate', ctx);
    expect(result).toEqual({ ok: false, reason: 'state', allowed: ['no_show'] });
  });
});

describe('isHeldByCounter', () => {
  it.each(TICKET_STATUSES.map((s) => [s, s === 'called' || s === 'serving'] as const))('%s → %s', (status, held) => {
    expect(isHeldByCounter(status)).toBe(held);
  });
});

describe('formatTicketNumber', () => {
  it.each([
    ['A', 1, 'A-001'],
    ['A', 12, 'A-012'],
    ['B', 999, 'B-999'],
    ['A', 1000, 'A-1000'],
    ['AB', 1234, 'AB-1234'],
    ['C', 0, 'C-000'],
  ] as const)('(%s, %i) → %s', (prefix, seq, expected) => {
    expect(formatTicketNumber(prefix, seq)).toBe(expected);
  });
});

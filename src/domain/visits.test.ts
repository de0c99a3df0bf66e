import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVisits, type VisitEvent, type VisitEventType } from './visits.js';

const ctx = {
  ticketId: 't1',
  priority: null,
  localDateHour: (at: number) => ({ date: '2026-11-30', hour: Math.floor(at / 3_600_000) % 24 }),
};
let n = 0;
const ev = (type: VisitEventType, at: number, serviceId = 's1', counterId: string | null = 'c1'): VisitEvent => ({
  id: `e${String(++n).padStart(4, '0')}`,
  type,
  at,
  serviceId,
  counterId,
  actorId: counterId ? 'u1' : null,
});

describe('foldVisits', () => {
  it('keeps the first call as the end of the wait through a recall, a no-show and a reactivation', () => {
    const [v] = foldVisits(
      [
        ev('issue', 1000, 's1', null),
        ev('call', 5000),
        ev('recall', 6000),
        ev('no_show', 7000),
        ev('reactivate', 8000),
        ev('call', 9000, 's1', 'c2'),
        ev('start', 9500, 's1', 'c2'),
        ev('finish', 12000, 's1', 'c2'),
      ],
      ctx,
    );
    expect(v).toMatchObject({
      enteredAt: 1000,
      calledAt: 5000,
      startedAt: 9500,
      finishedAt: 12000,
      endedAt: 12000,
      counterId: 'c2',
      recalls: 1,
      outcome: 'done',
      transferredIn: false,
    });
  });

  it('makes a transfer close one visit and open another at the target service', () => {
    const visits = foldVisits(
      [ev('issue', 0, 's1', null), ev('call', 60_000), ev('start', 120_000), ev('transfer', 300_000, 's2')],
      ctx,
    );
    expect(visits).toHaveLength(2);
    expect(visits[0]).toMatchObject({ serviceId: 's1', outcome: 'transferred', endedAt: 300_000, startedAt: 120_000 });
    expect(visits[1]).toMatchObject({
      serviceId: 's2',
      transferredIn: true,
      enteredAt: 300_000,
      calledAt: null,
      outcome: 'waiting',
    });
  });

  it('opens exactly one visit per issue or transfer, and every visit but the last has ended', () => {
    const types: VisitEventType[] = [
      'call',
      'recall',
      'start',
      'finish',
      'no_show',
      'cancel',
      'reactivate',
      'transfer',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...types), { maxLength: 20 }), (sequence) => {
        const events = [ev('issue', 0, 's1', null), ...sequence.map((t, i) => ev(t, (i + 1) * 1000, `s${i}`))];
        const visits = foldVisits(events, ctx);
        expect(visits).toHaveLength(1 + sequence.filter((t) => t === 'transfer').length);
        for (const v of visits.slice(0, -1)) expect(v.outcome).toBe('transferred');
        for (const v of visits) if (v.calledAt !== null) expect(v.calledAt).toBeGreaterThanOrEqual(v.enteredAt);
      }),
    );
  });
});

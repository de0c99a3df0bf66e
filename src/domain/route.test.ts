import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PickPolicy } from './pick-next.js';
import {
  actOnStop,
  addStop,
  callableFor,
  heldStop,
  isCallable,
  pickNextStop,
  type RouteTicket,
  type Stop,
  ticketStatus,
} from './route.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 7, 2, 0);
const ctx = { recallsBeforeNoShow: 1, today: '2026-12-07' };
const policy: PickPolicy = { priorityPerRegular: 2, maxWaitMs: 45 * MIN };

const stop = (serviceId: string, minutesAgo: number, extra: Partial<Stop> = {}): Stop => ({
  serviceId,
  status: 'waiting',
  arrivalAt: NOW - minutesAgo * MIN,
  after: null,
  recallCount: 0,
  ...extra,
});
const ticket = (id: string, stops: Stop[], extra: Partial<RouteTicket> = {}): RouteTicket => ({
  id,
  priority: null,
  appointmentAt: null,
  serviceDate: '2026-12-07',
  stops,
  ...extra,
});
const ok = (r: ReturnType<typeof actOnStop>) => {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.ticket;
};

describe('one visit through several services', () => {
  it('waits in every line at once; while called at one counter, the others skip it and keep its place', () => {
    // Siti took KK + BPJS + Samsat at 08:50; Budi took KK at 08:55 and Ani BPJS at 08:58
    const siti = ticket('siti', [stop('kk', 10), stop('bpjs', 10), stop('samsat', 10)]);
    const budi = ticket('budi', [stop('kk', 5)]);
    const ani = ticket('ani', [stop('bpjs', 2)]);
    let line = [siti, budi, ani];
    expect(pickNextStop(line, ['kk'], [], policy, NOW)).toMatchObject({ ticketId: 'siti', serviceId: 'kk' });
    line = [ok(actOnStop(siti, 'kk', 'call', ctx, NOW)), budi, ani];
    expect(ticketStatus(line[0] as RouteTicket)).toBe('called');
    // BPJS skips her while she is at the KK counter, Samsat has nobody else
    expect(pickNextStop(line, ['bpjs'], [], policy, NOW)).toMatchObject({ ticketId: 'ani' });
    expect(pickNextStop(line, ['samsat'], [], policy, NOW)).toBeNull();
    // done at KK: first again in BPJS, ahead of Ani who came later
    let s = ok(actOnStop(line[0] as RouteTicket, 'kk', 'start', ctx, NOW));
    s = ok(actOnStop(s, 'kk', 'finish', ctx, NOW + 10 * MIN));
    expect(ticketStatus(s)).toBe('waiting');
    expect(pickNextStop([s, budi, ani], ['bpjs'], [], policy, NOW + 10 * MIN)).toMatchObject({ ticketId: 'siti' });
    // a second counter cannot call her while the first holds her
    s = ok(actOnStop(s, 'bpjs', 'call', ctx, NOW + 10 * MIN));
    expect(actOnStop(s, 'samsat', 'call', ctx, NOW + 10 * MIN)).toEqual({ ok: false, reason: 'held_elsewhere' });
  });

  it('holds a stop until the one it needs is done, and cancels it when that one ends otherwise', () => {
    const t = ticket('t', [stop('kk', 10), stop('ktp', 10, { after: 'kk' })]);
    expect(isCallable(t, t.stops[1] as Stop)).toBe(false);
    expect(callableFor([t], ['ktp'])).toEqual([]);
    expect(actOnStop(t, 'ktp', 'call', ctx, NOW)).toEqual({ ok: false, reason: 'needs_first' });
    let done = ok(actOnStop(t, 'kk', 'call', ctx, NOW));
    done = ok(actOnStop(ok(actOnStop(done, 'kk', 'start', ctx, NOW)), 'kk', 'finish', ctx, NOW));
    expect(callableFor([done], ['ktp']).map((c) => c.serviceId)).toEqual(['ktp']);

    let missed = ok(actOnStop(t, 'kk', 'call', ctx, NOW));
    missed = ok(actOnStop(missed, 'kk', 'recall', ctx, NOW));
    missed = ok(actOnStop(missed, 'kk', 'no_show', ctx, NOW));
    expect(missed.stops.map((s) => s.status)).toEqual(['no_show', 'cancelled']);
    expect(ticketStatus(missed)).toBe('no_show');
  });

  it('adds a stop at a counter with its place from now, and refuses one it already has or a circle', () => {
    const t = ticket('t', [stop('kk', 10)]);
    const added = addStop(t, 'bpjs', null, NOW);
    expect(added.ok && added.ticket.stops[1]).toEqual(stop('bpjs', 0));
    expect(addStop(t, 'kk', null, NOW)).toEqual({ ok: false, reason: 'stop_exists' });
    expect(addStop(t, 'bpjs', 'samsat', NOW)).toEqual({ ok: false, reason: 'no_such_stop' });
    const chained = ticket('c', [stop('kk', 10, { after: 'ktp' }), stop('ktp', 10)]);
    expect(addStop(chained, 'ktp', 'kk', NOW)).toEqual({ ok: false, reason: 'stop_exists' });
    const loop = ticket('l', [stop('a', 10, { after: 'b' }), stop('b', 10, { status: 'done' })]);
    expect(addStop(loop, 'b', 'a', NOW)).toEqual({ ok: false, reason: 'needs_first' });
  });
});

// ── properties over random days of several counters ─────────────────────

const SERVICES = ['kk', 'ktp', 'bpjs', 'samsat', 'paspor'];

const dayArb = fc.record({
  counters: fc.array(fc.subarray(SERVICES, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
  tickets: fc.array(
    fc.record({
      services: fc.uniqueArray(fc.constantFrom(...SERVICES), { minLength: 1, maxLength: 3 }),
      needs: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      arrival: fc.integer({ min: 0, max: 60 }),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  ops: fc.array(
    fc.record({
      kind: fc.constantFrom('call', 'call', 'progress', 'progress', 'cancel', 'add'),
      counter: fc.nat(),
      ticket: fc.nat(),
      pick: fc.nat(),
      outcome: fc.constantFrom('finish', 'finish', 'finish', 'no_show'),
    }),
    { maxLength: 80 },
  ),
});

describe('visits through several lines, for any day', () => {
  it('never calls a ticket at two counters, never calls a stop before what it needs, loses no stop, and keeps arrival order in every line', () => {
    fc.assert(
      fc.property(dayArb, ({ counters: raw, tickets: rawTickets, ops }) => {
        // every service has a counter, so every stop can end
        const counters = raw.map((serviceIds, i) => ({ id: `L${i}`, serviceIds }));
        for (const id of SERVICES)
          if (!counters.some((c) => c.serviceIds.includes(id))) counters.push({ id: `L-${id}`, serviceIds: [id] });
        let tickets: RouteTicket[] = rawTickets.map((t, i) =>
          ticket(
            `t${String(i).padStart(2, '0')}`,
            t.services.map((serviceId, k) =>
              stop(serviceId, 60 - t.arrival, { after: k > 0 && t.needs[k] ? (t.services[k - 1] as string) : null }),
            ),
          ),
        );
        const holding = new Map<string, { ticketId: string; serviceId: string }>();
        let now = NOW;
        const replace = (t: RouteTicket) => {
          tickets = tickets.map((x) => (x.id === t.id ? t : x));
        };
        const call = (counter: { id: string; serviceIds: string[] }) => {
          if (holding.has(counter.id)) return false;
          // arrival order among the callable stops of its services (all regular, nobody overdue)
          const callable = callableFor(tickets, counter.serviceIds);
          const pick = pickNextStop(tickets, counter.serviceIds, [], { ...policy, maxWaitMs: 1e12 }, now);
          if (!pick) {
            expect(callable).toEqual([]);
            return false;
          }
          const first = [...callable].sort((a, b) => a.arrivalAt - b.arrivalAt || (a.id < b.id ? -1 : 1))[0];
          expect({ ticketId: pick.ticketId, serviceId: pick.serviceId }).toEqual({
            ticketId: first?.ticketId,
            serviceId: first?.serviceId,
          });
          const t = tickets.find((x) => x.id === pick.ticketId) as RouteTicket;
          replace(ok(actOnStop(t, pick.serviceId, 'call', ctx, now)));
          holding.set(counter.id, pick);
          return true;
        };
        const progress = (counterId: string, outcome: 'finish' | 'no_show') => {
          const held = holding.get(counterId);
          if (!held) return;
          let t = tickets.find((x) => x.id === held.ticketId) as RouteTicket;
          if (outcome === 'finish') {
            t = ok(actOnStop(t, held.serviceId, 'start', ctx, now));
            t = ok(actOnStop(t, held.serviceId, 'finish', ctx, now));
          } else {
            t = ok(actOnStop(t, held.serviceId, 'recall', ctx, now));
            t = ok(actOnStop(t, held.serviceId, 'no_show', ctx, now));
          }
          replace(t);
          holding.delete(counterId);
        };
        const invariants = () => {
          for (const t of tickets) {
            const held = t.stops.filter((s) => s.status === 'called' || s.status === 'serving');
            expect(held.length).toBeLessThanOrEqual(1);
            for (const s of held) {
              const needed = s.after && t.stops.find((x) => x.serviceId === s.after);
              if (needed) expect(needed.status).toBe('done');
              // exactly one counter holds it, and serves its service
              const at = [...holding.entries()].filter(([, h]) => h.ticketId === t.id && h.serviceId === s.serviceId);
              expect(at).toHaveLength(1);
              const counter = counters.find((c) => c.id === at[0]?.[0]);
              expect(counter?.serviceIds).toContain(s.serviceId);
            }
          }
          expect(holding.size).toBe(tickets.filter((t) => heldStop(t)).length);
        };

        for (const op of ops) {
          now += MIN;
          const counter = counters[op.counter % counters.length] as (typeof counters)[number];
          const t = tickets[op.ticket % tickets.length] as RouteTicket;
          if (op.kind === 'call') call(counter);
          else if (op.kind === 'progress') progress(counter.id, op.outcome as 'finish' | 'no_show');
          else if (op.kind === 'cancel') {
            // the citizen cancels a stop still waiting
            const waiting = t.stops.filter((s) => s.status === 'waiting');
            const s = waiting[op.pick % Math.max(1, waiting.length)];
            if (s) replace(ok(actOnStop(t, s.serviceId, 'cancel', ctx, now)));
          } else {
            // an officer adds a stop ("you also need …")
            const serviceId = SERVICES[op.pick % SERVICES.length] as string;
            const r = addStop(t, serviceId, null, now);
            if (r.ok) replace(r.ticket);
          }
          invariants();
        }
        // the rest of the day: every counter finishes what it holds and calls until nobody is left
        for (let round = 0; round < 200; round++) {
          now += MIN;
          let moved = false;
          for (const c of counters) {
            if (holding.has(c.id)) {
              progress(c.id, 'finish');
              moved = true;
            } else if (call(c)) moved = true;
            invariants();
          }
          if (!moved) break;
        }
        // every stop ended on its own: served, missed, or cancelled (by the citizen, or for want of what it needed)
        for (const t of tickets) {
          for (const s of t.stops) expect(['done', 'no_show', 'cancelled']).toContain(s.status);
          expect(['done', 'no_show', 'cancelled']).toContain(ticketStatus(t));
        }
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Online booking through the HTTP contract (issue #11), on SQLite and PostgreSQL: the rules, the
 * slots a day offers, booking with its refusals, concurrent bookings of one slot, cancel and move,
 * check-in into the queue (favoured while due), late arrivals, the messages each step writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

/** Monday 30 November 2026 at hh:mm in Blora (WIB = UTC+7) */
const mondayAt = (h: number, m = 0) => Date.UTC(2026, 10, 30, h - 7, m);

const RULES = {
  enabled: true,
  slotMinutes: 30,
  capacity: 4,
  walkInShare: 0.5,
  daysAhead: 7,
  opensAt: '06:00',
  checkInBeforeMinutes: 30,
  checkInAfterMinutes: 15,
  askNik: false,
};

// A week as a real MPP keeps it: a lunch break, Friday prayer, a short Saturday, Sunday closed.
const WEEKLY = {
  mon: [
    { open: '08:00', close: '12:00' },
    { open: '13:00', close: '15:00' },
  ],
  tue: [
    { open: '08:00', close: '12:00' },
    { open: '13:00', close: '15:00' },
  ],
  wed: [
    { open: '08:00', close: '12:00' },
    { open: '13:00', close: '15:00' },
  ],
  thu: [
    { open: '08:00', close: '12:00' },
    { open: '13:00', close: '15:00' },
  ],
  fri: [
    { open: '08:00', close: '11:30' },
    { open: '13:00', close: '15:00' },
  ],
  sat: [{ open: '08:00', close: '12:00' }],
  sun: [],
};

describe.each(ENGINES)('booking API on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let polresOfficer: string;
  let service: { id: string; name: string; agencyId: string };
  let otherService: { id: string };
  let counterId: string;
  let phoneSeq = 0;
  const nextPhone = () => `0812${String(10_000_000 + phoneSeq++).slice(-8)}`;

  const book = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/bookings',
      headers,
      payload: { serviceId: service.id, name: 'Siti Aminah', phone: nextPhone(), ...body },
    });
  const outbox = (filter: (r: any) => boolean = () => true) =>
    t.ctx.database.db
      .selectFrom('outbox')
      .selectAll()
      .execute()
      .then((rows) => rows.filter(filter));
  const slotCount = async (date: string, start: string) =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('booking_slots')
          .select('booked')
          .where('service_id', '=', service.id)
          .where('date', '=', date)
          .where('start', '=', start)
          .executeTakeFirst()
      )?.booked ?? 0,
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    officer = await t.login('petugas.dindukcapil');
    polresOfficer = await t.login('petugas.polres');
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const services = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dukcapil.id}`));
    const counters = json(await t.app.inject('/api/malls/blora/counters'));
    const counter = counters.find((c: any) => c.agencyId === dukcapil.id);
    counterId = counter.id;
    // a service this counter serves that the demo does not open to booking, and a second one
    const seeded = new Set(json(await t.app.inject('/api/malls/blora/booking/services')).map((b: any) => b.serviceId));
    service = services.find(
      (s: any) => counter.serviceIds.includes(s.id) && s.dailyQuota === null && !seeded.has(s.id),
    );
    otherService = services.find((s: any) => s.id !== service.id && !seeded.has(s.id));
    const hours = await t.app.inject({
      method: 'PUT',
      url: '/api/malls/blora/opening-hours',
      headers: { cookie: admin },
      payload: { weekly: WEEKLY },
    });
    expect(hours.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores booking rules for the mall admin, refuses an officer and bad values', async () => {
    const url = `/api/malls/blora/admin/services/${service.id}/booking`;
    const bookable = async () => json(await t.app.inject('/api/malls/blora/booking/services'));
    const before = json(await t.app.inject({ url, headers: { cookie: admin } }));
    expect(before.enabled).toBe(false);
    const entry = { serviceId: service.id, agencyId: service.agencyId, booking: true, onlineQueue: false };
    expect(await bookable()).not.toContainEqual(entry);
    const put = await t.app.inject({ method: 'PUT', url, headers: { cookie: admin }, payload: RULES });
    expect(put.statusCode).toBe(200);
    // the public list follows at once (its cache is dropped by the change)
    expect(await bookable()).toContainEqual(entry);
    expect(json(put)).toMatchObject({ ...RULES, serviceId: service.id, bookablePerSlot: 2, onlineQueue: false });
    expect(json(await t.app.inject({ url, headers: { cookie: admin } }))).toEqual(json(put));
    const byOfficer = await t.app.inject({ method: 'PUT', url, headers: { cookie: officer }, payload: RULES });
    expect(byOfficer.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: admin },
      payload: { ...RULES, opensAt: '25:00' },
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).field).toBe('opensAt');
    const none = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: admin },
      payload: { ...RULES, capacity: 1 },
    });
    expect(none.statusCode).toBe(400);
    expect(json(none).field).toBe('walkInShare');
    // nothing of the refused changes was stored
    expect(json(await t.app.inject({ url, headers: { cookie: admin } })).capacity).toBe(4);
  });

  it('offers the slots of a day inside its opening spans, past slots and breaks left out', async () => {
    const slots = (date: string) => t.app.inject(`/api/malls/blora/services/${service.id}/slots?date=${date}`);
    // Tuesday: 08:00–12:00 and 13:00–15:00 in 30-minute slots, nothing in the lunch break
    const tue = json(await slots('2026-12-01'));
    expect(tue.map((s: any) => s.start)).toEqual([
      '08:00',
      '08:30',
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '13:00',
      '13:30',
      '14:00',
      '14:30',
    ]);
    expect(tue[0]).toEqual({ start: '08:00', end: '08:30', capacity: 2, booked: 0, available: 2 });
    // Friday closes at 11:30 for prayer: the last morning slot is 11:00
    const fri = json(await slots('2026-12-04')).map((s: any) => s.start);
    expect(fri).toContain('11:00');
    expect(fri).not.toContain('11:30');
    expect(fri).not.toContain('12:00');
    // Sunday is closed
    expect(json(await slots('2026-12-06'))).toEqual([]);
    // today at 09:00: the slots that began are gone
    const today = json(await slots('2026-11-30')).map((s: any) => s.start);
    expect(today[0]).toBe('09:30');
    // beyond the horizon (7 days ahead) nothing is offered
    expect(json(await slots('2026-12-08'))).toEqual([]);
    expect(json(await slots('2026-12-07')).length).toBeGreaterThan(0);
    expect((await slots('2026-13-01')).statusCode).toBe(400);
    expect(json(await slots('bukan')).field).toBe('date');
    expect((await t.app.inject('/api/malls/blora/services/nope/slots?date=2026-12-01')).statusCode).toBe(404);
  });

  it('a special day closes its slots', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/malls/blora/special-days/2026-12-03',
      headers: { cookie: admin },
      payload: { spans: [], note: 'Cuti bersama' },
    });
    expect(put.statusCode).toBe(200);
    expect(json(await t.app.inject(`/api/malls/blora/services/${service.id}/slots?date=2026-12-03`))).toEqual([]);
    const refused = await book({ date: '2026-12-03', start: '09:00' });
    expect(refused.statusCode).toBe(409);
    expect(json(refused).error).toBe('booking_closed');
    expect(json(refused).message).toContain('Cuti bersama');
  });

  it('books a slot: a code, a token, the confirmation and the reminders in the outbox', async () => {
    const res = await book({ date: '2026-12-01', start: '09:00', email: 'siti@example.test' });
    expect(res.statusCode).toBe(201);
    const b = json(res);
    expect(b).toMatchObject({
      serviceId: service.id,
      date: '2026-12-01',
      start: '09:00',
      end: '09:30',
      status: 'booked',
    });
    expect(b.code).toMatch(/^\d{8}$/);
    expect(b.token.length).toBeGreaterThanOrEqual(20);
    expect(await slotCount('2026-12-01', '09:00')).toBe(1);
    const messages = await outbox((r) => r.booking_id === b.id);
    // confirmation, evening reminder (Monday 18:00) and the hour-before one, each by WhatsApp and e-mail
    expect(messages.map((m) => `${m.kind}/${m.channel}`).sort()).toEqual([
      'booking_confirmed/email',
      'booking_confirmed/whatsapp',
      'reminder_evening/email',
      'reminder_evening/whatsapp',
      'reminder_hour/email',
      'reminder_hour/whatsapp',
    ]);
    const evening = messages.find((m) => m.kind === 'reminder_evening');
    expect(Number(evening?.not_before)).toBe(mondayAt(18));
    const hour = messages.find((m) => m.kind === 'reminder_hour');
    expect(Number(hour?.not_before)).toBe(Date.UTC(2026, 11, 1, 9 - 7 - 1, 0));
    const confirmation = messages.find((m) => m.kind === 'booking_confirmed' && m.channel === 'whatsapp');
    expect(confirmation?.body).toContain(b.code);
    expect(confirmation?.body).toContain('Check-in di kiosk mulai 08.30');
    expect(confirmation?.body.length).toBeLessThanOrEqual(160);
    // the page shows it, the phone masked
    const view = json(await t.app.inject(`/api/bookings/${b.token}`));
    expect(view).toMatchObject({ code: b.code, status: 'booked', serviceName: service.name, changeable: true });
    expect(view.phoneMasked).toMatch(/^0812-\*\*\*\*-\d{4}$/);
    expect((await t.app.inject('/api/bookings/unknown-token')).statusCode).toBe(404);
    const ics = await t.app.inject(`/api/bookings/${b.token}/booking.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('DTSTART:20261201T020000Z');
    expect(ics.body).toContain(b.code);
    const qr = await t.app.inject(`/api/bookings/${b.token}/qr.svg`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
  });

  it('refuses what cannot be booked, naming the field, and writes nothing', async () => {
    const bookings = async () => (await t.ctx.database.db.selectFrom('bookings').select('id').execute()).length;
    const before = await bookings();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ date: '2026-12-01', start: '09:07' }, 400, 'start'],
      [{ date: '2026-12-01', start: '09:30', phone: '12345' }, 400, 'phone'],
      [{ date: '2026-12-01', start: '09:30', name: '' }, 400, 'name'],
      [{ date: '2026-12-01', start: '09:30', email: 'not-an-address' }, 400, 'email'],
      [{ date: '2026-02-30', start: '09:30' }, 400, 'date'],
    ];
    for (const [body, status, field] of cases) {
      const res = await book(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(json(res).field).toBe(field);
    }
    const past = await book({ date: '2026-11-30', start: '08:30' });
    expect(past.statusCode).toBe(409);
    expect(json(past).error).toBe('booking_closed');
    const far = await book({ date: '2026-12-08', start: '09:00' });
    expect(json(far).error).toBe('booking_closed');
    expect(json(far).message).toContain('06.00');
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/bookings',
      payload: { serviceId: otherService.id, date: '2026-12-01', start: '09:00', name: 'A', phone: nextPhone() },
    });
    expect(json(off).error).toBe('booking_closed');
    const english = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/bookings?lang=en',
      payload: { serviceId: service.id, date: '2026-12-01', start: '09:30', name: 'A', phone: 'x' },
    });
    expect(json(english).message).toContain('Mobile number');
    expect(await bookings()).toBe(before);
  });

  it('one active booking per person, service and day, whatever way the number is written', async () => {
    const phone = '0813-1111-2222';
    expect((await book({ date: '2026-12-02', start: '10:00', phone })).statusCode).toBe(201);
    const again = await book({ date: '2026-12-02', start: '13:00', phone: '+62 813 1111 2222' });
    expect(again.statusCode).toBe(409);
    expect(json(again).error).toBe('duplicate_booking');
    // another day is another booking
    expect((await book({ date: '2026-12-05', start: '10:00', phone })).statusCode).toBe(201);
  });

  it('exactly capacity − walk-in share bookings succeed when many arrive at once; a cancelled place is free again', async () => {
    const date = '2026-12-02';
    const start = '08:30';
    const results = await Promise.all(Array.from({ length: 24 }, () => book({ date, start })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(2);
    expect(codes.filter((c) => c === 409)).toHaveLength(22);
    expect(results.filter((r) => r.statusCode === 409).every((r) => json(r).error === 'slot_full')).toBe(true);
    expect(await slotCount(date, start)).toBe(2);
    const stored = await t.ctx.database.db
      .selectFrom('bookings')
      .select('id')
      .where('date', '=', date)
      .where('start', '=', start)
      .where('status', '=', 'booked')
      .execute();
    expect(stored).toHaveLength(2);
    const [winner] = results.filter((r) => r.statusCode === 201).map((r) => json(r));
    const cancel = await t.app.inject({ method: 'POST', url: `/api/bookings/${winner.token}/cancel` });
    expect(cancel.statusCode).toBe(200);
    expect(json(cancel).status).toBe('cancelled');
    expect(await slotCount(date, start)).toBe(1);
    expect((await book({ date, start })).statusCode).toBe(201);
    expect((await book({ date, start })).statusCode).toBe(409);
    // a cancelled booking cannot be cancelled again; its reminders will not go out
    expect((await t.app.inject({ method: 'POST', url: `/api/bookings/${winner.token}/cancel` })).statusCode).toBe(409);
    const reminders = await outbox((r) => r.booking_id === winner.id && r.kind.startsWith('reminder'));
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((r) => r.status === 'cancelled')).toBe(true);
    expect((await outbox((r) => r.booking_id === winner.id && r.kind === 'booking_cancelled')).length).toBe(1);
  });

  it('bookings of one slot arriving together take its places in one go while it has room, and one by one at its edge', async () => {
    const date = '2026-12-05'; // a Saturday, 08.00–12.00
    // two at once into an empty slot of two places: both in one statement
    const pair = await Promise.all([book({ date, start: '09:00' }), book({ date, start: '09:00' })]);
    expect(pair.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(await slotCount(date, '09:00')).toBe(2);
    // one taken, then two at once: not room for both, so exactly one more
    expect((await book({ date, start: '09:30' })).statusCode).toBe(201);
    const edge = await Promise.all([book({ date, start: '09:30' }), book({ date, start: '09:30' })]);
    expect(edge.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await slotCount(date, '09:30')).toBe(2);
    // the same person twice with another: the other and one of the person's are kept
    const phone = nextPhone();
    const mixed = await Promise.all([
      book({ date, start: '11:00', phone }),
      book({ date, start: '11:00', phone }),
      book({ date, start: '10:30' }),
    ]);
    // which of the person's two is kept depends on arrival order, which the engine may not keep
    expect(
      mixed
        .slice(0, 2)
        .map((r) => r.statusCode)
        .sort(),
    ).toEqual([201, 409]);
    expect(mixed[2]!.statusCode).toBe(201);
    expect(json(mixed.find((r) => r.statusCode === 409)!).error).toBe('duplicate_booking');
    expect(await slotCount(date, '11:00')).toBe(1);
  });

  it('one person booking several slots of a day at once keeps exactly one, and the others give their place back', async () => {
    const date = '2026-12-04';
    const starts = ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30'];
    const phone = '0813-7777-0001';
    const results = await Promise.all(starts.map((start) => book({ date, start, phone })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => [r.statusCode, json(r).error])).toEqual(
      starts.slice(1).map(() => [409, 'duplicate_booking']),
    );
    const counts = await Promise.all(starts.map((start) => slotCount(date, start)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    // one confirmation, for the booking kept
    const kept = json(results.find((r) => r.statusCode === 201) as (typeof results)[number]);
    const confirmations = await outbox((r) => r.kind === 'booking_confirmed' && r.recipient === '6281377770001');
    expect(confirmations.map((r) => r.booking_id)).toEqual([kept.id]);
  });

  it('moves a booking: the new place taken, the old one freed, new reminders', async () => {
    const b = json(await book({ date: '2026-12-07', start: '08:00' }));
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/bookings/${b.token}/move`,
      payload: { date: '2026-12-07', start: '13:30' },
    });
    expect(moved.statusCode).toBe(200);
    expect(json(moved)).toMatchObject({ start: '13:30', end: '14:00', code: b.code, status: 'booked' });
    expect(await slotCount('2026-12-07', '08:00')).toBe(0);
    expect(await slotCount('2026-12-07', '13:30')).toBe(1);
    const hours = await outbox((r) => r.booking_id === b.id && r.kind === 'reminder_hour' && r.channel === 'whatsapp');
    expect(hours.map((r) => r.status).sort()).toEqual(['cancelled', 'pending']);
    expect(Number(hours.find((r) => r.status === 'pending')?.not_before)).toBe(Date.UTC(2026, 11, 7, 13 - 7 - 1, 30));
    // into a full slot: refused, nothing changes
    await book({ date: '2026-12-07', start: '14:00' });
    await book({ date: '2026-12-07', start: '14:00' });
    const full = await t.app.inject({
      method: 'POST',
      url: `/api/bookings/${b.token}/move`,
      payload: { date: '2026-12-07', start: '14:00' },
    });
    expect(json(full).error).toBe('slot_full');
    expect(json(await t.app.inject(`/api/bookings/${b.token}`)).start).toBe('13:30');
    expect(await slotCount('2026-12-07', '13:30')).toBe(1);
  });

  it('checks in inside the window, and the booked ticket is called first once due', async () => {
    t.clock.now = MONDAY_9AM;
    const b = json(await book({ date: '2026-11-30', start: '10:00' }));
    const checkIn = (code: string, extra: Record<string, unknown> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/malls/blora/bookings/check-in', payload: { code, ...extra } });
    const early = await checkIn(b.code);
    expect(early.statusCode).toBe(409);
    expect(json(early)).toMatchObject({ error: 'too_early', comeAt: '09:30' });
    expect(json(early).message).toContain('09.30');
    expect((await checkIn('00000000')).statusCode).toBe(404);
    expect(json(await checkIn('12ab')).field).toBe('code');

    t.clock.now = mondayAt(9, 45);
    // a walk-in who came earlier
    const walkIn = json(
      await t.app.inject({ method: 'POST', url: '/api/malls/blora/tickets', payload: { serviceId: service.id } }),
    );
    t.clock.now = mondayAt(9, 50);
    const done = await checkIn(b.code.replace(/(\d{4})/, '$1 '));
    expect(done.statusCode).toBe(201);
    const { ticket, token, booking, asBooked } = json(done);
    expect(asBooked).toBe(true);
    expect(booking.status).toBe('checked_in');
    expect(ticket).toMatchObject({
      status: 'waiting',
      appointmentAt: mondayAt(10),
      source: 'booking',
      serviceId: service.id,
    });
    expect(json(await t.app.inject(`/api/tickets/${token}`)).appointmentAt).toBe(mondayAt(10));
    expect(json(await t.app.inject(`/api/bookings/${b.token}`)).ticketToken).toBe(token);
    const twice = await checkIn(b.code);
    expect(twice.statusCode).toBe(409);
    expect(json(twice)).toMatchObject({ error: 'already_checked_in' });
    expect((await outbox((r) => r.booking_id === b.id && r.kind === 'checked_in')).length).toBe(1);

    // before 10:00 the walk-in goes first; from 10:00 the booking is due and called first
    const queue = json(
      await t.app.inject({ url: `/api/malls/blora/counters/${counterId}/queue`, headers: { cookie: officer } }),
    );
    expect(queue.waiting.find((w: any) => w.id === ticket.id)).toMatchObject({ appointmentAt: mondayAt(10) });
    const later = json(
      await t.app.inject({ method: 'POST', url: '/api/malls/blora/tickets', payload: { serviceId: service.id } }),
    );
    t.clock.now = mondayAt(10, 1);
    const call = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/counters/${counterId}/call-next`,
      headers: { cookie: officer },
    });
    expect(call.statusCode).toBe(200);
    expect(json(call).ticket.id).toBe(ticket.id);
    expect(json(call).ticket.id).not.toBe(walkIn.id);
    // the citizen is told at once, the counter named
    const called = await outbox((r) => r.ticket_id === ticket.id && r.kind === 'called');
    expect(called.length).toBe(1);
    expect(called[0]?.body).toContain(json(call).ticket.number);
    expect(called[0]?.body).toMatch(/Loket|loket/);
    for (const id of [ticket.id]) {
      await t.app.inject({ method: 'POST', url: `/api/malls/blora/tickets/${id}/start`, headers: { cookie: officer } });
      await t.app.inject({
        method: 'POST',
        url: `/api/malls/blora/tickets/${id}/finish`,
        headers: { cookie: officer },
      });
    }
    for (const w of [walkIn, later]) {
      await t.app.inject({
        method: 'POST',
        url: `/api/malls/blora/tickets/${w.id}/cancel`,
        headers: { cookie: officer },
      });
    }
  });

  it('books one visit through several services: the slot at one, the others joined as stops at check-in', async () => {
    t.clock.now = MONDAY_9AM;
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const bpjs = agencies.find((a: any) => a.code === 'bpjskes');
    const bpjsService = json(await t.app.inject(`/api/malls/blora/services?agencyId=${bpjs.id}`)).find(
      (s: any) => s.dailyQuota === null,
    );
    // booked at a second service of the same agency, so the other tests' day figures stay theirs
    const rules = await t.app.inject({
      method: 'PUT',
      url: `/api/malls/blora/admin/services/${otherService.id}/booking`,
      headers: { cookie: admin },
      payload: RULES,
    });
    expect(rules.statusCode, rules.body).toBe(200);
    const visitBook = (body: Record<string, unknown>) => book({ serviceId: otherService.id, ...body });
    const count = async () => (await t.ctx.database.db.selectFrom('bookings').select('id').execute()).length;
    const before = await count();
    const same = await visitBook({ date: '2026-11-30', start: '11:00', alsoServiceIds: [otherService.id] });
    expect(same.statusCode).toBe(400);
    expect(json(same).field).toBe('alsoServiceIds[0]');
    expect(
      (await visitBook({ date: '2026-11-30', start: '11:00', alsoServiceIds: ['no-such-service'] })).statusCode,
    ).toBe(404);
    expect(await count()).toBe(before);

    const made = await visitBook({ date: '2026-11-30', start: '11:00', alsoServiceIds: [bpjsService.id] });
    expect(made.statusCode, made.body).toBe(201);
    const b = json(made);
    expect(b.alsoServiceIds).toEqual([bpjsService.id]);
    expect(json(await t.app.inject(`/api/bookings/${b.token}`)).alsoServices).toEqual([
      { serviceId: bpjsService.id, serviceName: bpjsService.name, agencyName: bpjs.name },
    ]);

    t.clock.now = mondayAt(10, 40);
    const done = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/bookings/check-in',
      payload: { code: b.code },
    });
    expect(done.statusCode, done.body).toBe(201);
    const { ticket, token, stops } = json(done);
    expect(ticket).toMatchObject({ serviceId: otherService.id, appointmentAt: mondayAt(11), source: 'booking' });
    expect(stops.map((s: any) => [s.serviceId, s.status])).toEqual([
      [otherService.id, 'waiting'],
      [bpjsService.id, 'waiting'],
    ]);
    const rows = await t.ctx.database.db
      .selectFrom('tickets')
      .select(['service_id', 'number', 'appointment_at', 'source'])
      .where('number', '=', ticket.number)
      .where('service_date', '=', '2026-11-30')
      .orderBy('service_id')
      .execute();
    // the slot is the booked service's; the other stop waits as a walk-in from the check-in
    expect(rows.find((r) => r.service_id === bpjsService.id)).toMatchObject({
      appointment_at: null,
      source: 'booking',
    });
    expect((await outbox((r) => r.booking_id === b.id && r.kind === 'checked_in')).length).toBe(1);

    // the citizen goes home after all: the head is cancelled at the counter, the other stop by the phone
    await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/tickets/${ticket.id}/cancel`,
      headers: { cookie: officer },
    });
    const cancel = await t.app.inject({ method: 'POST', url: `/api/tickets/${token}/stops/${bpjsService.id}/cancel` });
    expect(cancel.statusCode).toBe(200);
    expect(json(cancel).status).toBe('cancelled');
  });

  it('a late arrival is refused, or joins as a walk-in when asked; a booking never checked in is a no-show', async () => {
    t.clock.now = MONDAY_9AM;
    const late = json(await book({ date: '2026-11-30', start: '10:30' }));
    const never = json(await book({ date: '2026-11-30', start: '11:00' }));
    t.clock.now = mondayAt(10, 50);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/bookings/check-in',
      payload: { code: late.code },
    });
    expect(refused.statusCode).toBe(409);
    expect(json(refused)).toMatchObject({ error: 'too_late', walkInAllowed: true });
    const walkIn = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/bookings/check-in',
      payload: { code: late.code, asWalkIn: true },
    });
    expect(walkIn.statusCode).toBe(201);
    expect(json(walkIn).asBooked).toBe(false);
    expect(json(walkIn).ticket.appointmentAt).toBeNull();
    expect(json(walkIn).booking.status).toBe('no_show');
    await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/tickets/${json(walkIn).ticket.id}/cancel`,
      headers: { cookie: officer },
    });

    t.clock.now = mondayAt(11, 20);
    expect(json(await t.app.inject(`/api/bookings/${never.token}`)).status).toBe('no_show');
    await t.app.outboxWorker.runOnce();
    const row = await t.ctx.database.db
      .selectFrom('bookings')
      .select(['status', 'active_key'])
      .where('id', '=', never.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'no_show', active_key: null });
  });

  it("the mall admin chooses the mall's rules (late check-in, N before you, rejoin); others cannot, bad values change nothing", async () => {
    t.clock.now = MONDAY_9AM;
    const url = '/api/malls/blora/admin/settings';
    const before = json(await t.app.inject({ url, headers: { cookie: admin } }));
    expect(before).toMatchObject({ lateCheckIn: 'walk_in', notifyAhead: 3 });
    const put = (payload: object, cookie = admin) => t.app.inject({ method: 'PUT', url, headers: { cookie }, payload });
    expect((await put({ ...before, lateCheckIn: 'refuse' }, officer)).statusCode).toBe(403);
    const bad = await put({ ...before, notifyAhead: -1 });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).field).toBe('notifyAhead');
    // an unknown key is dropped, not stored
    expect(json(await put({ ...before, extra: 1 }))).toEqual(before);
    expect(json(await t.app.inject({ url, headers: { cookie: admin } }))).toEqual(before);

    const set = await put({ ...before, lateCheckIn: 'refuse', notifyAhead: 5, rejoinMinutes: 10 });
    expect(set.statusCode).toBe(200);
    expect(json(await t.app.inject({ url, headers: { cookie: admin } }))).toMatchObject({
      lateCheckIn: 'refuse',
      notifyAhead: 5,
      rejoinMinutes: 10,
    });
    // a late arrival is now refused, and is not offered a walk-in ticket
    t.clock.now = MONDAY_9AM;
    const late = json(await book({ date: '2026-12-01', start: '14:00' }));
    t.clock.now = mondayAt(14, 20) + 24 * 3_600_000;
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/bookings/check-in',
      payload: { code: late.code, asWalkIn: true },
    });
    expect(refused.statusCode).toBe(409);
    expect(json(refused)).toMatchObject({ error: 'too_late', walkInAllowed: false });
    t.clock.now = MONDAY_9AM;
    expect((await put(before)).statusCode).toBe(200);
  });

  it("lists the day's bookings for staff, an agency's staff seeing only their agency", async () => {
    t.clock.now = MONDAY_9AM;
    const list = await t.app.inject({ url: '/api/malls/blora/bookings?date=2026-12-02', headers: { cookie: officer } });
    expect(list.statusCode).toBe(200);
    const rows = json(list);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r: any) => r.serviceId === service.id && r.date === '2026-12-02')).toBe(true);
    expect(rows.some((r: any) => r.status === 'cancelled')).toBe(true);
    expect(rows[0].phoneMasked).toMatch(/\*\*\*\*/);
    expect(
      json(
        await t.app.inject({ url: '/api/malls/blora/bookings?date=2026-12-02', headers: { cookie: polresOfficer } }),
      ),
    ).toEqual([]);
    expect((await t.app.inject('/api/malls/blora/bookings?date=2026-12-02')).statusCode).toBe(401);
    // an officer books on a citizen's behalf: recorded as made by them
    const onBehalf = await book({ date: '2026-12-02', start: '11:00' }, { cookie: officer });
    expect(onBehalf.statusCode).toBe(201);
    const again = json(
      await t.app.inject({ url: '/api/malls/blora/bookings?date=2026-12-02', headers: { cookie: officer } }),
    );
    expect(again.find((r: any) => r.id === json(onBehalf).id).createdBy).toEqual(expect.any(String));
  });

  it('the evaluation counts bookings per service and day against the places offered', async () => {
    t.clock.now = MONDAY_9AM;
    const viewer = await t.login('pimpinan');
    const res = await t.app.inject({
      url: `/api/malls/blora/performance/bookings?from=2026-11-30&to=2026-12-02&serviceId=${service.id}`,
      headers: { cookie: viewer },
    });
    expect(res.statusCode).toBe(200);
    const { rows, totals } = json(res);
    const day = (date: string) => rows.find((r: any) => r.date === date);
    // Monday: 12 slots × 2 places; one checked in, one late (joined as a walk-in) and one never came
    expect(day('2026-11-30')).toMatchObject({ capacity: 24, booked: 3, checkedIn: 1, noShow: 2, cancelled: 0 });
    expect(day('2026-11-30').noShowRate).toBeCloseTo(2 / 3, 10);
    // Wednesday: 10:00, two at 08:30 (a third cancelled), 11:00 booked by an officer
    expect(day('2026-12-02')).toMatchObject({
      capacity: 24,
      booked: 4,
      checkedIn: 0,
      noShow: 0,
      cancelled: 1,
      noShowRate: null,
    });
    expect(day('2026-12-02').usedShare).toBeCloseTo(4 / 24, 10);
    // the days before the rules were set offered no places, and had no bookings: not listed
    const before = json(
      await t.app.inject({
        url: `/api/malls/blora/performance/bookings?from=2026-11-01&to=2026-11-29&serviceId=${service.id}`,
        headers: { cookie: viewer },
      }),
    );
    expect(before.rows).toEqual([]);
    expect(before.totals.capacity).toBe(0);
    expect(totals.booked).toBe(rows.reduce((n: number, r: any) => n + r.booked, 0));
    expect(totals.capacity).toBe(rows.reduce((n: number, r: any) => n + r.capacity, 0));
    expect(
      (
        await t.app.inject({
          url: '/api/malls/blora/performance/bookings?period=2026-11',
          headers: { cookie: officer },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      url: '/api/malls/blora/performance/bookings?from=2026-12-02&to=2026-11-30',
      headers: { cookie: viewer },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('messages wait as unsent while no channel is configured; the outbox lists them for the mall admin', async () => {
    await t.app.outboxWorker.runOnce();
    await t.app.outboxWorker.runOnce();
    const list = await t.app.inject({ url: '/api/malls/blora/outbox?status=unsent', headers: { cookie: admin } });
    expect(list.statusCode).toBe(200);
    const rows = json(list);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: any) => r.status === 'unsent' && /configured/.test(r.lastError))).toBe(true);
    expect(rows.every((r: any) => !/\d{8,}/.test(r.recipient))).toBe(true);
    expect((await t.app.inject({ url: '/api/malls/blora/outbox', headers: { cookie: officer } })).statusCode).toBe(403);
    // reminders not due yet stay pending
    const pending = json(
      await t.app.inject({ url: '/api/malls/blora/outbox?status=pending', headers: { cookie: admin } }),
    );
    expect(pending.every((r: any) => r.notBefore > t.clock.now)).toBe(true);
  });

  // last: it moves the clock to Christmas week and signs in again there
  it('a national holiday closes the slots and the kiosk when the mall closes on them; a special day opens it', async () => {
    t.clock.now = Date.UTC(2026, 11, 21, 9 - 7); // Monday 21 December 2026, 09:00 WIB
    const mallAdmin = await t.login('admin');
    const slots = async () =>
      json(await t.app.inject(`/api/malls/blora/services/${service.id}/slots?date=2026-12-25`)).length;
    const setClosed = async (closedOnNationalHolidays: boolean) => {
      const url = '/api/malls/blora/admin/settings';
      const settings = json(await t.app.inject({ url, headers: { cookie: mallAdmin } }));
      const put = await t.app.inject({
        method: 'PUT',
        url,
        headers: { cookie: mallAdmin },
        payload: { ...settings, closedOnNationalHolidays },
      });
      expect(put.statusCode).toBe(200);
    };
    // the demo stays open on national holidays; a real mall closes
    expect(await slots()).toBeGreaterThan(0);
    await setClosed(true);
    expect(await slots()).toBe(0);
    const refused = await book({ date: '2026-12-25', start: '09:00' });
    expect(refused.statusCode).toBe(409);
    expect(json(refused).message).toContain('Natal');
    const days = json(await t.app.inject(`/api/malls/blora/services/${service.id}/booking-days`)).days;
    expect(days.find((d: any) => d.date === '2026-12-25').status).toBe('closed');
    expect(days.find((d: any) => d.date === '2026-12-24').status).toBe('open');
    // on the day itself the kiosk is closed too
    t.clock.now = Date.UTC(2026, 11, 25, 9 - 7);
    const ticket = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/tickets',
      payload: { serviceId: service.id },
    });
    expect(ticket.statusCode).toBe(409);
    expect(json(ticket).error).toBe('mall_closed');
    // the mall opens that morning after all: its special day wins
    t.clock.now = Date.UTC(2026, 11, 21, 9 - 7);
    const open = await t.app.inject({
      method: 'PUT',
      url: '/api/malls/blora/special-days/2026-12-25',
      headers: { cookie: mallAdmin },
      payload: { spans: [{ open: '08:00', close: '12:00' }], note: 'Layanan khusus Natal' },
    });
    expect(open.statusCode).toBe(200);
    expect(await slots()).toBe(8);
    await setClosed(false);
  });
});

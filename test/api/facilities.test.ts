/**
 * The mall's facilities (issue #14, point 6) through the HTTP contract, on SQLite and PostgreSQL:
 * the directory, a room request and every refusal (changing nothing), the admin's decisions and
 * their refusals, the public calendar, and the overlap rule under 100 simultaneous requests and
 * against a writer that bypasses the service (the database itself refuses).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, newToken } from '../../src/server/ids.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

// The test clock is Monday 30 November 2026, 09:00 in Blora. Rooms open 07:30–16:00 Mon–Thu.
const TUE = '2026-12-01';
const WED = '2026-12-02';
const THU = '2026-12-03';

describe.each(ENGINES)('facilities on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let rooms: Record<string, { id: string; name: string; capacity: number | null }>;

  const request = (roomId: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/malls/blora/facilities/${roomId}/bookings`, payload });
  const book = (payload: Partial<Record<string, unknown>> = {}, room = 'auditorium') =>
    request(rooms[room]!.id, {
      date: TUE,
      start: '09:00',
      end: '11:00',
      purpose: 'Sosialisasi perizinan',
      organiser: 'DPMPTSP Blora',
      ...payload,
    });
  const step = (id: string, payload: object, cookie = admin) =>
    t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/facility-bookings/${id}/status`,
      headers: { cookie },
      payload,
    });
  const count = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('facility_bookings')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    officer = await t.login('petugas.dindukcapil');
    const list = json(await t.app.inject('/api/malls/blora/facilities'));
    rooms = Object.fromEntries(list.map((f: any) => [f.code, f]));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the directory: what, where, hours, open now, accessible, occupancy where counted, bookable', async () => {
    const res = await t.app.inject('/api/malls/blora/facilities');
    expect(res.statusCode).toBe(200);
    const list = json(res);
    expect(list.map((f: any) => f.code)).toEqual([
      'crisis-center',
      'auditorium',
      'ruang-rapat',
      'ruang-laktasi',
      'pojok-baca',
      'area-bermain',
      'pojok-kopi',
      'ukm-craft-center',
    ]);
    const play = list.find((f: any) => f.code === 'area-bermain');
    expect(play).toMatchObject({
      name: 'Area Bermain Anak',
      location: expect.stringContaining('Lantai 1'),
      accessible: true,
      openNow: true,
      bookable: false,
      occupancy: { count: 6, capacity: 15, level: 'free' },
    });
    expect(play.hours.mon).toEqual([{ open: '08:00', close: '15:00' }]);
    expect(list.filter((f: any) => f.bookable).map((f: any) => f.code)).toEqual(['auditorium', 'ruang-rapat']);
    expect(list.find((f: any) => f.code === 'ukm-craft-center')).toMatchObject({
      accessible: false,
      accessibilityNote: expect.any(String),
    });
    expect(list.find((f: any) => f.code === 'pojok-kopi').occupancy).toBeNull();
  });

  it('takes a request as pending, with its instants in the mall time', async () => {
    const res = await book({ start: '13:00', end: '15:00', date: WED, attendees: 80 });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({
      facilityId: rooms.auditorium!.id,
      facilityName: 'Auditorium',
      date: WED,
      start: '13:00',
      end: '15:00',
      status: 'pending',
      attendees: 80,
      // 13:00 WIB is 06:00 UTC
      startAt: Date.UTC(2026, 11, 2, 6, 0),
      endAt: Date.UTC(2026, 11, 2, 8, 0),
    });
    const mine = json(await t.app.inject(`/api/facility-bookings/${json(res).token}`));
    expect(mine).toMatchObject({ status: 'pending', organiser: 'DPMPTSP Blora' });
  });

  it('refuses an overlap with a pending or approved booking with 409 overlap; touching ends are fine', async () => {
    const first = await book({ date: THU, start: '09:00', end: '11:00' });
    expect(first.statusCode).toBe(201);
    const before = await count();
    for (const [start, end] of [
      ['09:00', '11:00'],
      ['08:00', '09:15'],
      ['10:45', '12:00'],
      ['09:30', '10:00'],
      ['08:00', '12:00'],
    ]) {
      const res = await book({ date: THU, start, end });
      expect(res.statusCode, `${start}–${end}`).toBe(409);
      expect(json(res)).toMatchObject({ error: 'overlap' });
    }
    expect(json(await book({ date: THU, start: '09:00', end: '10:00' })).message).toContain('09.00–11.00');
    expect(await count()).toBe(before);
    // ending as it starts, or starting as it ends, does not overlap
    expect((await book({ date: THU, start: '08:00', end: '09:00' })).statusCode).toBe(201);
    expect((await book({ date: THU, start: '11:00', end: '12:00' })).statusCode).toBe(201);
    // another room at the same time is another matter
    expect((await book({ date: THU }, 'ruang-rapat')).statusCode).toBe(201);
    // approved holds the time as pending did
    expect((await step(json(first).id, { status: 'approved' })).statusCode).toBe(200);
    expect((await book({ date: THU, start: '10:00', end: '10:30' })).statusCode).toBe(409);
  });

  it('refuses bad input with 400 naming the field, changing nothing', async () => {
    const before = await count();
    const cases: [object, string][] = [
      [{ start: '11:00', end: '11:00' }, 'end'],
      [{ start: '11:00', end: '10:00' }, 'end'],
      [{ start: '06:00', end: '08:00' }, 'start'],
      [{ start: '15:00', end: '17:00' }, 'end'],
      [{ date: '2026-11-27' }, 'date'],
      [{ date: '2026-12-06' }, 'date'], // Sunday: closed
      [{ date: '2026-11-30', start: '08:00', end: '10:00' }, 'start'], // already begun
      [{ start: '09:10', end: '10:00' }, 'start'],
      [{ date: '2026-02-30' }, 'date'],
      [{ date: '1-12-2026' }, 'date'],
      [{ start: '25:00' }, 'start'],
      [{ purpose: '' }, 'purpose'],
      [{ organiser: '   ' }, 'organiser'],
      [{ attendees: 151 }, 'attendees'],
      [{ phone: '12345' }, 'phone'],
      [{ email: 'not-an-address' }, 'email'],
    ];
    for (const [payload, field] of cases) {
      const res = await book({ date: '2026-12-07', ...payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(json(res)).toMatchObject({ error: 'validation', field });
    }
    const outside = await book({ date: '2026-12-07', start: '15:00', end: '17:00' });
    expect(json(outside).message).toContain('07.30–16.00');
    expect(await count()).toBe(before);
  });

  it('answers 404 for an unknown facility and one that is not bookable', async () => {
    const unknown = await request('no-such-room', {
      date: TUE,
      start: '09:00',
      end: '10:00',
      purpose: 'x',
      organiser: 'y',
    });
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown).error).toBe('facility_not_found');
    const play = await book({}, 'area-bermain');
    expect(play.statusCode).toBe(404);
    expect(json(play).error).toBe('not_bookable');
    expect((await t.app.inject(`/api/malls/blora/facilities/${rooms['pojok-baca']!.id}/calendar`)).statusCode).toBe(
      404,
    );
  });

  it('lets the mall admin approve, reject with a note, cancel; refuses the rest with 409; tells the organiser', async () => {
    const a = json(await book({ date: '2026-12-08', phone: '0812-3333-4444' }));
    const b = json(await book({ date: '2026-12-08', start: '13:00', end: '14:00', email: 'rt05@example.org' }));
    const approved = await step(a.id, { status: 'approved', note: 'Kunci di pos satpam' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(json(approved)).toMatchObject({
      status: 'approved',
      note: 'Kunci di pos satpam',
      decidedAt: t.clock.now,
      phone: '6281233334444',
    });
    const noNote = await step(b.id, { status: 'rejected' });
    expect(noNote.statusCode).toBe(400);
    expect(json(noNote).field).toBe('note');
    expect(json(await step(b.id, { status: 'rejected', note: 'Ruang dipakai rapat Bupati' }))).toMatchObject({
      status: 'rejected',
    });
    for (const [id, to] of [
      [a.id, 'approved'],
      [a.id, 'rejected'],
      [b.id, 'approved'],
      [b.id, 'cancelled'],
    ] as const) {
      const res = await step(id, { status: to, note: 'x' });
      expect(res.statusCode, `${to}`).toBe(409);
      expect(json(res).error).toBe('invalid_booking_step');
    }
    expect(json(await step(a.id, { status: 'cancelled', note: 'Acara diundur' }))).toMatchObject({
      status: 'cancelled',
    });
    expect((await step(a.id, { status: 'cancelled' })).statusCode).toBe(409);
    const told = await t.ctx.database.db
      .selectFrom('outbox')
      .select(['channel', 'recipient', 'body'])
      .where('kind', '=', 'facility_booking')
      .execute();
    expect(told.map((m) => `${m.channel} ${m.recipient}`).sort()).toEqual([
      'email rt05@example.org',
      'whatsapp 6281233334444',
      'whatsapp 6281233334444',
    ]);
    expect(told.map((m) => m.body).join('\n')).toMatch(/Auditorium Selasa 8 Des 09\.00-11\.00 DISETUJUI/);
    // each decision is on the audit trail, the admin's name beside it
    await expect
      .poll(async () =>
        (
          await t.ctx.database.db
            .selectFrom('audit_log')
            .select(['action', 'actor_username'])
            .where('action', '=', 'facility_booking.decide')
            .where('status_code', '=', 200)
            .where((eb) => eb.or([eb('target', 'like', `%${a.id}%`), eb('target', 'like', `%${b.id}%`)]))
            .execute()
        ).map((r) => r.actor_username),
      )
      .toEqual(['admin', 'admin', 'admin']);
    // only the mall admin decides
    const c = json(await book({ date: '2026-12-09' }));
    expect((await step(c.id, { status: 'approved' }, officer)).statusCode).toBe(403);
    expect((await step(newId(), { status: 'approved' })).statusCode).toBe(404);
  });

  it('frees the time when a booking is cancelled, by the admin or by its requester', async () => {
    const first = json(await book({ date: '2026-12-10' }));
    expect((await book({ date: '2026-12-10' })).statusCode).toBe(409);
    expect((await step(first.id, { status: 'cancelled' })).statusCode).toBe(200);
    const second = await book({ date: '2026-12-10' });
    expect(second.statusCode).toBe(201);
    const cancel = await t.app.inject({ method: 'POST', url: `/api/facility-bookings/${json(second).token}/cancel` });
    expect(json(cancel).status).toBe('cancelled');
    expect((await book({ date: '2026-12-10', start: '10:00', end: '12:00' })).statusCode).toBe(201);
  });

  it("shows a room's busy times to anyone, without names, and the admin's calendar with them", async () => {
    const res = await t.app.inject(
      `/api/malls/blora/facilities/${rooms.auditorium!.id}/calendar?from=${THU}&to=${THU}`,
    );
    expect(res.statusCode).toBe(200);
    const cal = json(res);
    expect(cal.busy).toEqual([
      { date: THU, start: '08:00', end: '09:00', status: 'pending' },
      { date: THU, start: '09:00', end: '11:00', status: 'approved' },
      { date: THU, start: '11:00', end: '12:00', status: 'pending' },
    ]);
    expect(res.body).not.toMatch(/DPMPTSP|Sosialisasi/);
    const list = json(
      await t.app.inject({
        url: `/api/malls/blora/facility-bookings?facilityId=${rooms.auditorium!.id}&from=${THU}&to=${THU}`,
        headers: { cookie: admin },
      }),
    );
    expect(list.map((b: any) => b.organiser)).toEqual(['DPMPTSP Blora', 'DPMPTSP Blora', 'DPMPTSP Blora']);
    const pending = json(
      await t.app.inject({ url: '/api/malls/blora/facility-bookings?status=pending', headers: { cookie: admin } }),
    );
    expect(pending.every((b: any) => b.status === 'pending')).toBe(true);
    expect(pending.length).toBeGreaterThan(2);
    expect(
      (await t.app.inject({ url: '/api/malls/blora/facility-bookings', headers: { cookie: officer } })).statusCode,
    ).toBe(403);
  });

  it('lets staff on the floor count who is in a counted facility', async () => {
    const play = rooms['area-bermain']!;
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/malls/blora/facilities/${play.id}/occupancy`,
      headers: { cookie: officer },
      payload: { count: 15 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).occupancy).toMatchObject({ count: 15, level: 'full' });
    const signedOut = await t.app.inject({
      method: 'PUT',
      url: `/api/malls/blora/facilities/${play.id}/occupancy`,
      payload: { count: 1 },
    });
    expect(signedOut.statusCode).toBe(401);
  });

  it('gives exactly one of 100 simultaneous overlapping requests', async () => {
    const room = rooms['ruang-rapat']!;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        request(room.id, {
          date: '2026-12-14',
          // all different, all overlapping 10:00–10:30
          start: i % 2 ? '09:00' : '10:00',
          end: i % 3 ? '11:00' : '10:30',
          purpose: `Rapat ${i}`,
          organiser: `Instansi ${i}`,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(99);
    expect(results.filter((r) => r.statusCode === 409).every((r) => json(r).error === 'overlap')).toBe(true);
    const stored = await t.ctx.database.db
      .selectFrom('facility_bookings')
      .select('id')
      .where('facility_id', '=', room.id)
      .where('date', '=', '2026-12-14')
      .execute();
    expect(stored).toHaveLength(1);
  });

  it('refuses an overlapping row written straight to the database, bypassing the service', async () => {
    const db = t.ctx.database.db;
    const mall = await db.selectFrom('malls').select('id').where('slug', '=', 'blora').executeTakeFirstOrThrow();
    const room = rooms.auditorium!;
    const base = Date.UTC(2026, 11, 15, 2, 0); // Tue 15 Dec 09:00 WIB
    const row = (
      start: number,
      end: number,
      status: 'pending' | 'approved' | 'cancelled' | 'rejected' = 'approved',
    ) => ({
      id: newId(),
      mall_id: mall.id,
      facility_id: room.id,
      token: newToken(),
      date: '2026-12-15',
      start_time: '09:00',
      end_time: '11:00',
      start_at: start,
      end_at: end,
      status,
      purpose: 'langsung',
      organiser: 'langsung',
      attendees: null,
      phone: null,
      email: null,
      lang: 'id' as const,
      note: null,
      decided_by: null,
      decided_at: null,
      created_by: null,
      created_at: base,
      updated_at: base,
    });
    const HOUR = 3_600_000;
    const first = row(base, base + 2 * HOUR);
    await db.insertInto('facility_bookings').values(first).execute();
    await expect(
      db
        .insertInto('facility_bookings')
        .values(row(base + HOUR, base + 3 * HOUR))
        .execute(),
    ).rejects.toThrow(/facility_booking_overlap/);
    // a cancelled or rejected row holds no time, and a touching one is fine
    await db
      .insertInto('facility_bookings')
      .values(row(base, base + HOUR, 'cancelled'))
      .execute();
    const touching = row(base + 2 * HOUR, base + 3 * HOUR);
    await db.insertInto('facility_bookings').values(touching).execute();
    // reviving a cancelled one over the time, or moving one onto another, is refused too
    const revived = row(base + HOUR, base + 90 * 60_000, 'rejected');
    await db.insertInto('facility_bookings').values(revived).execute();
    await expect(
      db.updateTable('facility_bookings').set({ status: 'pending' }).where('id', '=', revived.id).execute(),
    ).rejects.toThrow(/facility_booking_overlap/);
    await expect(
      db
        .updateTable('facility_bookings')
        .set({ start_at: base + HOUR })
        .where('id', '=', touching.id)
        .execute(),
    ).rejects.toThrow(/facility_booking_overlap/);
    // 100 overlapping rows written at once on several connections: the database keeps one
    const day = Date.UTC(2026, 11, 16, 2, 0);
    const attempts = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        db
          .insertInto('facility_bookings')
          .values(row(day + (i % 4) * 15 * 60_000, day + 2 * HOUR))
          .execute(),
      ),
    );
    expect(attempts.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(attempts.every((r) => r.status === 'fulfilled' || /facility_booking_overlap/.test(String(r.reason)))).toBe(
      true,
    );
    // an end before the start is refused by a check
    await expect(
      db
        .insertInto('facility_bookings')
        .values(row(base + 5 * HOUR, base + 4 * HOUR))
        .execute(),
    ).rejects.toThrow();
  });
});

/**
 * Applications after the counter (issue #13, point 3) through the HTTP contract, on SQLite and
 * PostgreSQL: opened from a served ticket with its due date in working days, every step and its
 * refusals, the citizen's page, the messages, who may do what, the staff list overdue first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const DAY = 86_400_000;

describe.each(ENGINES)('applications on %s', (engine) => {
  let t: TestApp;
  let officer: string;
  let polresOfficer: string;
  let viewer: string;
  let admin: string;
  /** a few days pass: sessions end after 12 hours, so everyone signs in again */
  const daysPass = async (n: number) => {
    t.clock.now += n * DAY;
    officer = await t.login('petugas.dpmptsp');
    polresOfficer = await t.login('petugas.polres');
    viewer = await t.login('pimpinan');
  };
  let service: { id: string; name: string; agencyId: string };

  const post = (url: string, cookie: string | null, payload: object) =>
    t.app.inject({ method: 'POST', url, ...(cookie ? { headers: { cookie } } : {}), payload });
  const open = (payload: object, cookie = officer) => post('/api/malls/blora/applications', cookie, payload);
  const step = (id: string, payload: object, cookie = officer) =>
    post(`/api/malls/blora/applications/${id}/status`, cookie, payload);
  const outbox = (kind: string) =>
    t.ctx.database.db.selectFrom('outbox').selectAll().where('kind', '=', kind).execute();

  beforeAll(async () => {
    t = await startTestApp(engine);
    // DPMPTSP's permits are ready days later (a standard of 5 working days)
    officer = await t.login('petugas.dpmptsp');
    polresOfficer = await t.login('petugas.polres');
    viewer = await t.login('pimpinan');
    admin = await t.login('admin');
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const dk = agencies.find((a: any) => a.code === 'dpmptsp');
    const services = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dk.id}`));
    service = services.find((s: any) => s.standard.duration === '5 hari kerja');
    expect(service, 'a DPMPTSP service with a standard of 5 working days').toBeDefined();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("opens one from a served ticket, due in the standard's working days with the mall's closed day skipped, and tells the citizen", async () => {
    // the mall closes on Wednesday 2 December: Mon 30 Nov + 5 working days = Tue 8 Dec, not Mon 7
    const closed = await t.app.inject({
      method: 'PUT',
      url: '/api/malls/blora/special-days/2026-12-02',
      headers: { cookie: admin },
      payload: { spans: [], note: 'Rapat dinas' },
    });
    expect(closed.statusCode, closed.body).toBeLessThan(300);
    const ticket = json(await post('/api/malls/blora/tickets', null, { serviceId: service.id }));
    await t.app.inject({
      method: 'PUT',
      url: `/api/tickets/${ticket.token}/contact`,
      payload: { phone: '0812-1111-2222' },
    });
    const res = await open({ ticketId: ticket.id, serviceId: service.id, note: 'Berkas lengkap', name: 'Siti' });
    expect(res.statusCode, res.body).toBe(201);
    const created = json(res);
    expect(created).toMatchObject({ status: 'diterima', dueDate: '2026-12-08' });
    expect(created.code).toMatch(/^P\d{8}$/);

    const page = json(await t.app.inject(`/api/applications/${created.token}`));
    expect(page).toEqual({
      code: created.code,
      mallName: 'MPP Kabupaten Blora',
      timeZone: 'Asia/Jakarta',
      serviceName: service.name,
      agencyName: expect.stringContaining('Penanaman Modal'),
      status: 'diterima',
      receivedDate: '2026-11-30',
      dueDate: '2026-12-08',
      overdue: false,
      history: [{ status: 'diterima', at: MONDAY_9AM, note: 'Berkas lengkap' }],
    });
    // no name or number on the public page
    expect(JSON.stringify(page)).not.toMatch(/Siti|0812|6281/);
    const told = await outbox('application_received');
    expect(told.map((m) => [m.channel, m.recipient])).toEqual([['whatsapp', '6281211112222']]);
    expect(told[0]?.body).toContain(created.code);
    expect(told[0]?.body).toContain('Target selesai Selasa 8 Des');
    const qr = await t.app.inject(`/api/applications/${created.token}/qr.svg`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
  });

  it('takes each step its status allows, naming what is missing, and refuses the rest changing nothing', async () => {
    const { id, token, code } = json(await open({ serviceId: service.id, phone: '0813-2222-3333' }));
    expect(json(await step(id, { status: 'diproses' }))).toMatchObject({ status: 'diproses' });
    const noNote = await step(id, { status: 'perlu_perbaikan' });
    expect(noNote.statusCode).toBe(400);
    expect(json(noNote).field).toBe('note');
    expect(json(await step(id, { status: 'perlu_perbaikan', note: 'Fotokopi akta belum ada' }))).toMatchObject({
      status: 'perlu_perbaikan',
    });
    const skip = await step(id, { status: 'siap_diambil' });
    expect(skip.statusCode).toBe(409);
    expect(json(skip)).toMatchObject({
      error: 'invalid_step',
      currentStatus: 'perlu_perbaikan',
      allowed: ['diproses', 'ditolak'],
    });
    expect(json(skip).message).toContain('perlu perbaikan');
    await step(id, { status: 'diproses' });
    await daysPass(2); // Wednesday 2 December
    const ready = json(await step(id, { status: 'siap_diambil' }));
    expect(ready).toMatchObject({
      status: 'siap_diambil',
      readyDate: '2026-12-02',
      phoneMasked: expect.stringMatching(/\*/),
    });
    expect(json(await step(id, { status: 'diambil' })).status).toBe('diambil');
    expect((await step(id, { status: 'diproses' })).statusCode).toBe(409);
    const bad = await step(id, { status: 'hilang' });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).field).toBe('status');

    const page = json(await t.app.inject(`/api/applications/${token}`));
    expect(page.history.map((h: any) => [h.status, h.note ?? null])).toEqual([
      ['diterima', null],
      ['diproses', null],
      ['perlu_perbaikan', 'Fotokopi akta belum ada'],
      ['diproses', null],
      ['siap_diambil', null],
      ['diambil', null],
    ]);
    const steps = (await outbox('application_step')).filter((m) => m.body.includes(code));
    expect(steps).toHaveLength(5);
    expect(steps.some((m) => m.body.includes('SIAP DIAMBIL'))).toBe(true);
  });

  it('lets only two officers of the agency race for a step: one moves it, the other is told', async () => {
    const { id } = json(await open({ serviceId: service.id }));
    const other = await t.login('admin.dpmptsp');
    const [a, b] = await Promise.all([step(id, { status: 'diproses' }), step(id, { status: 'diproses' }, other)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events = await t.ctx.database.db
      .selectFrom('application_events')
      .select('status')
      .where('application_id', '=', id)
      .execute();
    expect(events.map((e) => e.status).sort()).toEqual(['diproses', 'diterima']);
  });

  it('refuses what is not theirs or not there, and writes nothing', async () => {
    const before = Number(
      (
        await t.ctx.database.db
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect((await open({ serviceId: service.id }, polresOfficer)).statusCode).toBe(403);
    expect((await post('/api/malls/blora/applications', null, { serviceId: service.id })).statusCode).toBe(401);
    expect((await open({ serviceId: 'no-such-service' })).statusCode).toBe(404);
    expect((await open({ serviceId: service.id, ticketId: 'no-such-ticket' })).statusCode).toBe(404);
    const phone = await open({ serviceId: service.id, phone: '12345' });
    expect(phone.statusCode).toBe(400);
    expect(json(phone).field).toBe('phone');
    const past = await open({ serviceId: service.id, dueDate: '2026-11-01' });
    expect(past.statusCode).toBe(400);
    expect(json(past).field).toBe('dueDate');
    const after = Number(
      (
        await t.ctx.database.db
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
    const { id } = json(await open({ serviceId: service.id }));
    expect((await step(id, { status: 'diproses' }, polresOfficer)).statusCode).toBe(403);
    expect((await t.app.inject('/api/applications/no-such-token')).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/malls/blora/applications/${id}`, headers: { cookie: polresOfficer } }))
        .statusCode,
    ).toBe(403);
  });

  it("lists an agency's open applications for its staff, overdue first; the mall's viewers see every agency", async () => {
    const soon = json(await open({ serviceId: service.id, dueDate: '2026-12-03' }));
    const later = json(await open({ serviceId: service.id, dueDate: '2026-12-20' }));
    await daysPass(2); // Friday 4 December: the first is late
    const list = json(await t.app.inject({ url: '/api/malls/blora/applications', headers: { cookie: officer } }));
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list[0]).toMatchObject({ id: soon.id, overdue: true });
    expect(list.find((a: any) => a.id === later.id)).toMatchObject({ overdue: false });
    expect(list.every((a: any) => ['diterima', 'diproses', 'perlu_perbaikan'].includes(a.status))).toBe(true);
    expect(
      (await t.app.inject({ url: '/api/malls/blora/applications', headers: { cookie: polresOfficer } })).json(),
    ).toEqual([]);
    const all = json(
      await t.app.inject({ url: '/api/malls/blora/applications?state=all', headers: { cookie: viewer } }),
    );
    expect(all.some((a: any) => a.status === 'diambil')).toBe(true);
    const byCode = json(
      await t.app.inject({
        url: `/api/malls/blora/applications?state=all&q=${soon.code.slice(2, 7)}`,
        headers: { cookie: viewer },
      }),
    );
    expect(byCode.map((a: any) => a.id)).toContain(soon.id);
  });

  it('evaluates them: ready within the standard time, open and overdue today, per agency and week', async () => {
    const figures = async (query: string, cookie = viewer) =>
      t.app.inject({ url: `/api/malls/blora/performance/applications?${query}`, headers: { cookie } });
    // November: the two opened on Monday 30 (one collected on Wednesday 2 December, within its due
    // date of Tuesday 8); December so far: the four opened on the 2nd, one of them late today (Friday 4)
    const nov = json(await figures('period=2026-11'));
    expect(nov).toMatchObject({
      period: { from: '2026-11-01', to: '2026-11-30' },
      received: 2,
      ready: 1,
      withinStandard: 1,
      withinShare: 1,
      rejected: 0,
      open: 1,
      overdueNow: 0,
      meanDaysToReady: 2,
    });
    expect(nov.agencies).toEqual([expect.objectContaining({ agencyId: service.agencyId, received: 2 })]);
    expect(nov.weeks).toEqual([expect.objectContaining({ from: '2026-11-30', to: '2026-12-06', received: 2 })]);
    const dec = json(await figures('from=2026-12-01&to=2026-12-31'));
    expect(dec).toMatchObject({ received: 4, open: 4, overdueNow: 1, ready: 0, withinShare: null });
    expect((await figures('period=2026-11', officer)).statusCode).toBe(403);
    expect((await figures('period=2026-13')).statusCode).toBe(400);
  });
});

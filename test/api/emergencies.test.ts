/**
 * The crisis center (issue #14, point 4) on both engines: a report from the kiosk reaches every
 * signed-in staff stream of its mall (and no other mall's), "take" is won by exactly one of two
 * officers pressing it at once, closing says what was done, the log and the report give the
 * response time, a reconnecting screen catches up after Last-Event-ID, and a flood is stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/ids.js';
import { hashPassword } from '../../src/server/modules/auth/passwords.js';
import { removeOldPersonalData } from '../../src/server/modules/retention/retention.js';
import { json, PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { connectSse, type SseClient } from '../support/sse.js';

describe.each(ENGINES)('the crisis center on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let officer: string;
  let otherOfficer: string;
  let admin: string;
  let viewer: string;
  let rembangAdmin: string;
  const streams: SseClient[] = [];

  const post = (url: string, payload?: object, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url,
      ...(payload ? { payload } : {}),
      ...(cookie ? { headers: { cookie } } : {}),
    });
  const listen = async (cookie: string, headers: Record<string, string> = {}, mall = 'blora') => {
    const stream = await connectSse(`${base}/api/malls/${mall}/emergencies/events`, { cookie, ...headers });
    streams.push(stream);
    await stream.next((e) => e.event === 'snapshot');
    return stream;
  };
  const log = async (query = '') =>
    json(await t.app.inject({ url: `/api/malls/blora/emergencies${query}`, headers: { cookie: admin } }));

  beforeAll(async () => {
    t = await startTestApp(engine);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const db = t.ctx.database.db;
    // another mall on the same deployment, whose staff must hear nothing of Blora's
    const blora = await db.selectFrom('malls').selectAll().where('slug', '=', 'blora').executeTakeFirstOrThrow();
    const rembang = newId();
    await db
      .insertInto('malls')
      .values({ ...blora, id: rembang, slug: 'rembang', name: 'MPP Kabupaten Rembang' })
      .execute();
    await db
      .insertInto('users')
      .values({
        id: newId(),
        mall_id: rembang,
        username: 'admin.rembang',
        password_hash: await hashPassword(PASSWORD),
        display_name: 'Admin Rembang',
        role: 'mall_admin',
        agency_id: null,
        created_at: t.clock.now,
        must_change_password: 0,
        password_changed_at: t.clock.now,
      })
      .execute();
    officer = await t.login('petugas.dindukcapil');
    otherOfficer = await t.login('petugas.polres');
    admin = await t.login('admin');
    viewer = await t.login('pimpinan');
    rembangAdmin = await t.login('admin.rembang');
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t?.close();
  });

  it('refuses the stream without a session, and to another mall’s staff', async () => {
    const anonymous = await fetch(`${base}/api/malls/blora/emergencies/events`);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
    const stranger = await fetch(`${base}/api/malls/blora/emergencies/events`, { headers: { cookie: rembangAdmin } });
    expect(stranger.status).toBe(403);
    await stranger.body?.cancel();
  });

  it('brings a kiosk report to every staff stream of the mall at once, and to no other mall', async () => {
    const counter = await listen(officer);
    const board = await listen(viewer);
    const rembang = await listen(rembangAdmin, {}, 'rembang');

    const res = await post('/api/malls/blora/emergencies', {
      kind: 'lost_child',
      place: '  Ruang tunggu lantai 1 ',
      note: 'Anak laki-laki, baju merah',
      source: 'kiosk',
    });
    expect(res.statusCode, res.body).toBe(201);
    const reported = json(res);
    expect(reported).toEqual({
      id: expect.any(String),
      kind: 'lost_child',
      status: 'reported',
      reportedAt: t.clock.now,
    });

    for (const stream of [counter, board]) {
      const event = await stream.next((e) => e.event === 'reported');
      expect(event.id).toBe(event.data.eventId);
      expect(event.data.emergency).toMatchObject({
        id: reported.id,
        kind: 'lost_child',
        place: 'Ruang tunggu lantai 1',
        note: 'Anak laki-laki, baju merah',
        source: 'kiosk',
        status: 'reported',
        reportedBy: null,
        takenBy: null,
        responseMs: null,
      });
    }
    // Rembang's stream got its (empty) snapshot and nothing after it
    await new Promise((r) => setTimeout(r, 200));
    expect(rembang.events.map((e) => e.event)).toEqual(['snapshot']);
    expect(rembang.events[0]?.data.open).toEqual([]);
    // nor can Rembang's admin take it
    expect((await post(`/api/malls/blora/emergencies/${reported.id}/take`, undefined, rembangAdmin)).statusCode).toBe(
      403,
    );

    // a screen opened later finds it in its snapshot
    const late = await connectSse(`${base}/api/malls/blora/emergencies/events`, { cookie: admin });
    streams.push(late);
    const snapshot = await late.next((e) => e.event === 'snapshot');
    expect(snapshot.data.open.map((e: any) => e.id)).toContain(reported.id);
  });

  it('refuses a bad kind with 400 and changes nothing', async () => {
    const counter = await listen(officer);
    const before = await log();
    for (const payload of [{ kind: 'earthquake' }, {}, { kind: 'fire', source: 'staff' }]) {
      const res = await post('/api/malls/blora/emergencies', payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(json(res).error).toBe('validation');
    }
    expect(await log()).toEqual(before);
    await new Promise((r) => setTimeout(r, 200));
    expect(counter.events.map((e) => e.event)).toEqual(['snapshot']);
  });

  it('lets exactly one of two officers take it, and tells everyone who', async () => {
    const board = await listen(viewer);
    const { id } = json(await post('/api/malls/blora/emergencies', { kind: 'medical', place: 'Loket 5' }));
    t.clock.now += 45_000;
    const [a, b] = await Promise.all([
      post(`/api/malls/blora/emergencies/${id}/take`, undefined, officer),
      post(`/api/malls/blora/emergencies/${id}/take`, undefined, otherOfficer),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes, `${a.body} ${b.body}`).toEqual([200, 409]);
    const won = json(a.statusCode === 200 ? a : b);
    const lost = json(a.statusCode === 200 ? b : a);
    expect(won).toMatchObject({ id, status: 'taken', responseMs: 45_000, takenAt: t.clock.now });
    expect(lost.error).toBe('emergency_taken');
    expect(lost.message).toContain(won.takenBy);

    const taken = await board.next((e) => e.event === 'taken' && e.data.emergency.id === id);
    expect(taken.data.emergency.takenBy).toBe(won.takenBy);
    // only one step was written
    const steps = await t.ctx.database.db
      .selectFrom('emergency_events')
      .select('type')
      .where('emergency_id', '=', id)
      .execute();
    expect(steps.map((s) => s.type).sort()).toEqual(['reported', 'taken']);
    // a viewer reads and hears, but does not take
    expect((await post(`/api/malls/blora/emergencies/${id}/take`, undefined, viewer)).statusCode).toBe(403);
  });

  it('closes once with what was done; the log and the report show the response time', async () => {
    const board = await listen(admin);
    const reportedAt = t.clock.now;
    const { id } = json(await post('/api/malls/blora/emergencies', { kind: 'fire', place: 'Dapur kantin' }, officer));
    t.clock.now += 20_000;
    expect((await post(`/api/malls/blora/emergencies/${id}/take`, undefined, otherOfficer)).statusCode).toBe(200);
    t.clock.now += 60_000;
    const blank = await post(`/api/malls/blora/emergencies/${id}/close`, { note: '   ' }, otherOfficer);
    expect(blank.statusCode).toBe(400);
    const closed = await post(
      `/api/malls/blora/emergencies/${id}/close`,
      { note: 'Api dipadamkan dengan APAR' },
      otherOfficer,
    );
    expect(closed.statusCode, closed.body).toBe(200);
    expect(json(closed)).toMatchObject({
      status: 'closed',
      closeNote: 'Api dipadamkan dengan APAR',
      responseMs: 20_000,
    });
    const again = await post(`/api/malls/blora/emergencies/${id}/close`, { note: 'lagi' }, officer);
    expect(again.statusCode).toBe(409);
    expect(json(again).error).toBe('emergency_closed');
    expect((await post(`/api/malls/blora/emergencies/${id}/take`, undefined, officer)).statusCode).toBe(409);
    const event = await board.next((e) => e.event === 'closed' && e.data.emergency.id === id);
    expect(event.data.emergency.closeNote).toBe('Api dipadamkan dengan APAR');

    const entry = (await log()).find((e: any) => e.id === id);
    expect(entry).toMatchObject({
      kind: 'fire',
      source: 'staff',
      reportedBy: expect.any(String),
      reportedAt,
      takenAt: reportedAt + 20_000,
      closedAt: reportedAt + 80_000,
      responseMs: 20_000,
      takenBy: entry.closedBy,
    });
    const report = json(
      await t.app.inject({ url: '/api/malls/blora/emergencies/report', headers: { cookie: viewer } }),
    );
    // lost_child (nobody took it), medical (45 s), fire (20 s)
    expect(report).toMatchObject({ count: 3, unanswered: 1, medianResponseMs: 32_500, maxResponseMs: 45_000 });
    expect(report.perKind).toEqual([
      { kind: 'lost_child', count: 1, medianResponseMs: null, maxResponseMs: null },
      { kind: 'medical', count: 1, medianResponseMs: 45_000, maxResponseMs: 45_000 },
      { kind: 'fire', count: 1, medianResponseMs: 20_000, maxResponseMs: 20_000 },
    ]);
    // another period has none
    expect(await log('?from=2026-11-01&to=2026-11-29')).toEqual([]);
    // the evaluation's named periods: October holds none, November (today, the 30th) all three
    expect(await log('?period=2026-10')).toEqual([]);
    expect((await log('?period=2026-11')).length).toBe(3);
    expect(
      (
        await t.app.inject({
          url: '/api/malls/blora/emergencies?from=2026-12-02&to=2026-12-01',
          headers: { cookie: admin },
        })
      ).statusCode,
    ).toBe(400);
    // officers act on them; the log is for the evaluating roles
    expect((await t.app.inject({ url: '/api/malls/blora/emergencies', headers: { cookie: officer } })).statusCode).toBe(
      403,
    );

    await t.app.auditIdle();
    const trail = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', 'like', 'emergency.%')
      .where('status_code', '=', 200)
      .execute();
    expect(
      trail
        .filter((r) => r.target?.includes(id))
        .map((r) => r.action)
        .sort(),
    ).toEqual(['emergency.close', 'emergency.take']);
  });

  it('closing one nobody took counts the closer as its taker', async () => {
    const { id } = json(await post('/api/malls/blora/emergencies', { kind: 'other', source: 'portal' }));
    t.clock.now += 5_000;
    const closed = json(await post(`/api/malls/blora/emergencies/${id}/close`, { note: 'Salah tekan' }, officer));
    expect(closed).toMatchObject({ status: 'closed', source: 'portal', responseMs: 5_000 });
    expect(closed.takenBy).toBe(closed.closedBy);
    expect((await post(`/api/malls/blora/emergencies/${newId()}/take`, undefined, officer)).statusCode).toBe(404);
  });

  it('catches a reconnecting screen up after Last-Event-ID', async () => {
    const first = await listen(officer);
    const { id } = json(await post('/api/malls/blora/emergencies', { kind: 'violence', place: 'Parkir' }));
    const seen = await first.next((e) => e.event === 'reported' && e.data.emergency.id === id);
    first.close();
    // while the screen is away: taken and closed
    await post(`/api/malls/blora/emergencies/${id}/take`, undefined, otherOfficer);
    await post(`/api/malls/blora/emergencies/${id}/close`, { note: 'Satpam melerai' }, otherOfficer);

    const back = await connectSse(`${base}/api/malls/blora/emergencies/events`, {
      cookie: officer,
      'last-event-id': seen.id as string,
    });
    streams.push(back);
    const snapshot = await back.next((e) => e.event === 'snapshot');
    expect(snapshot.data.open.map((e: any) => e.id)).not.toContain(id);
    await back.next((e) => e.event === 'closed' && e.data.emergency.id === id);
    expect(back.events.filter((e) => e.data.emergency?.id === id).map((e) => e.event)).toEqual(['taken', 'closed']);
  });

  it('loses its free-text notes after the retention period, and keeps the response times', async () => {
    const before = await log();
    expect(before.some((e: any) => e.note || e.closeNote)).toBe(true);
    const DAY = 86_400_000;
    const result = await removeOldPersonalData(t.ctx.database.db, t.clock.now + 731 * DAY, 730);
    expect(result.emergencies).toBe(before.filter((e: any) => e.note || e.closeNote).length);
    // (ended sessions went too)
    admin = await t.login('admin');
    const after = await log();
    expect(after.map((e: any) => [e.note, e.closeNote])).toEqual(after.map(() => [null, null]));
    const strip = (e: any) => ({ ...e, note: null, closeNote: null });
    expect(after).toEqual(before.map(strip));
  });

  it('stops a flood from one address', async () => {
    const limited = await startTestApp(engine, { rateLimits: true });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: '/api/malls/blora/emergencies',
          payload: { kind: 'other' },
          remoteAddress: '10.9.9.9',
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([...Array(10).fill(201), 429, 429]);
      const stored = await limited.ctx.database.db.selectFrom('emergencies').select('id').execute();
      expect(stored).toHaveLength(10);
    } finally {
      await limited.close();
    }
  });
});

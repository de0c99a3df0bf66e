/**
 * The audit trail (issue #6 point 3): every staff action and sign-in attempt is recorded with who,
 * what, when and from where, secrets removed and personal numbers masked; admins search it
 * (an agency admin only their agency's staff); nothing in the app can change or delete it.
 */
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { AuditRepository } from '../../src/server/modules/audit/repository.js';
import {
  auditAction,
  auditDetail,
  auditPlugin,
  DETAIL_MAX,
  deriveAction,
  maskPersonalData,
} from '../../src/server/plugins/audit.js';
import type { Staff } from '../../src/server/plugins/auth.js';
import { csrfTokenFor } from '../../src/server/plugins/csrf.js';
import { json, MONDAY_9AM, PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const MIN = 60_000;
const ALL_FOUR = Object.fromEntries(
  ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'pengaduan', 'sarana'].map((k) => [
    k,
    4,
  ]),
);
const respondent = { sex: 'P', age: 34, education: 'SMA', occupation: 'WIRAUSAHA' };

describe('what the trail keeps of a request', () => {
  it('masks NIK and Indonesian phone numbers, keeping the first and last four digits', () => {
    expect(maskPersonalData('NIK 3316010101010001.')).toBe('NIK 3316********0001.');
    expect(maskPersonalData('hubungi 081234565678 atau +6281234565678')).toBe(
      'hubungi 0812****5678 atau +62812****5678',
    );
    expect(maskPersonalData('0812-3456-5678')).toBe('0812-****-5678');
    // not a NIK (17 digits), not a phone (no 08 / 628), not inside a word or an id
    expect(maskPersonalData('33160101010100011')).toBe('33160101010100011');
    expect(maskPersonalData('loket 3, 1200 tiket, 2026-11-30')).toBe('loket 3, 1200 tiket, 2026-11-30');
    expect(maskPersonalData('ab081234565678')).toBe('ab081234565678');
  });

  it('removes secrets, masks personal data in every string, keeps ids, caps the size', () => {
    const detail = JSON.parse(
      auditDetail({
        username: 'budi',
        password: 'hunter2-hunter2',
        newPassword: 'x',
        nested: { apiToken: 'abc', note: 'KTP 3316010101010001', phone: '021-555-1234' },
        list: [{ nik: 3316010101010001 }],
        serviceId: '3316010101010001',
        at: 1795000000000,
      }) as string,
    );
    expect(detail).toEqual({
      username: 'budi',
      password: '[redacted]',
      newPassword: '[redacted]',
      nested: { apiToken: '[redacted]', note: 'KTP 3316********0001', phone: '021-****1234' },
      list: [{ nik: '3316********0001' }],
      serviceId: '3316010101010001',
      at: 1795000000000,
    });
    const big = auditDetail({ text: 'x'.repeat(100_000), many: Array.from({ length: 1000 }, (_, i) => `item ${i}`) });
    expect(big!.length).toBeLessThanOrEqual(DETAIL_MAX);
    expect(JSON.parse(big!).many).toContain('… 950 more');
    expect(auditDetail(undefined)).toBeNull();
    expect(auditDetail({ text: 'a\u0000b' })).toBe('{"text":"ab"}');
  });

  it('names actions from the table, the route config, or the URL pattern', () => {
    expect(auditAction('POST', '/api/malls/:mall/counters/:counterId/call-next')).toBe('ticket.call_next');
    expect(auditAction('POST', '/api/malls/:mall/tickets/:id/no-show')).toBe('ticket.no_show');
    expect(auditAction('POST', '/api/malls/:mall/tickets/:id/transfer')).toBe('ticket.transfer');
    expect(auditAction('PATCH', '/api/malls/:mall/skm/followups/:id')).toBe('skm.followup.update');
    expect(auditAction('POST', '/api/malls/:mall/tickets')).toBeNull();
    expect(auditAction('POST', '/api/tickets/:token/survey')).toBeNull();
    expect(auditAction('POST', '/api/malls/:mall/agencies', 'agency.add')).toBe('agency.add');
    expect(auditAction('POST', '/api/malls/:mall/kiosk/print', false)).toBeNull();
    expect(deriveAction('POST', '/api/malls/:mall/agencies')).toBe('agency.create');
    expect(deriveAction('PATCH', '/api/malls/:mall/admin/agencies/:id')).toBe('agency.update');
    expect(deriveAction('POST', '/api/malls/:mall/admin/counters/:id/restore')).toBe('counter.restore');
    expect(deriveAction('POST', '/api/malls/:mall/admin/users/:id/reset-password')).toBe('user.reset_password');
    expect(deriveAction('DELETE', '/api/malls/:mall/special-days')).toBe('special_days.delete');
    expect(deriveAction('POST', '/api/malls/:mall/users/:id/reset-password')).toBe('user.reset_password');
    expect(deriveAction('PUT', '/api/malls/:mall/special-days/:date')).toBe('special_day.set');
    expect(deriveAction('DELETE', '/api/malls/:mall/services/:serviceId')).toBe('service.delete');
  });

  it('logs a failed write and still answers', async () => {
    const errors: unknown[] = [];
    const stream = {
      write(line: string) {
        const entry = JSON.parse(line);
        if (entry.level >= 50) errors.push(entry);
      },
    };
    const app = Fastify({ logger: { level: 'error', stream } });
    const staff: Staff = {
      id: 'u1',
      username: 'u',
      displayName: 'U',
      role: 'mall_admin',
      mallId: 'm1',
      agencyId: null,
      sessionId: 's',
      mustChangePassword: false,
    };
    await app.register(
      fp(
        async (a) => {
          a.decorateRequest('staff', null);
          a.decorateRequest('account', null);
          a.addHook('onRequest', async (request) => {
            request.account = staff;
            request.staff = staff;
          });
        },
        { name: 'auth' },
      ),
    );
    await app.register(auditPlugin, {
      now: () => 1,
      store: {
        insert: () => Promise.reject(new Error('disk full')),
        accountByUsername: async () => undefined,
      },
    });
    app.post('/api/things', async () => ({ ok: true }));
    const res = await app.inject({ method: 'POST', url: '/api/things', payload: { a: 1 } });
    expect(res.statusCode).toBe(200);
    await app.auditIdle();
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain('disk full');
    await app.close();
  });
});

describe.each(ENGINES)('audit trail on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let officer: string; // petugas.dindukcapil
  let polresOfficer: string;
  let agencyAdmin: string; // admin.dindukcapil
  let viewer: string;
  let users: Record<string, { id: string; agency_id: string | null }>;
  let dukcapilCounter: string;
  let polresCounter: string;
  let ktpService: string;
  let skckService: string;

  const db = () => t.ctx.database.db;
  const inject = (method: string, url: string, cookie?: string, payload?: object, headers: object = {}) =>
    t.app.inject({
      method: method as 'POST',
      url,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(payload ? { payload } : {}),
    });
  const signIn = (username: string, password: string, remoteAddress = '10.1.2.3') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress,
      headers: { 'user-agent': `Mozilla/5.0 (X11; Linux) Loket-Test ${'x'.repeat(400)}` },
    });
  const search = async (cookie: string, query = '') => {
    await t.app.auditIdle();
    return t.app.inject({ url: `/api/malls/blora/audit${query ? `?${query}` : ''}`, headers: { cookie } });
  };
  const items = async (query = '', cookie = admin): Promise<any[]> => {
    const res = await search(cookie, query);
    expect(res.statusCode, res.body).toBe(200);
    return json(res).items;
  };
  const allRows = async () => {
    await t.app.auditIdle();
    return db().selectFrom('audit_log').selectAll().execute();
  };
  const issue = async (serviceId: string, cookie?: string) =>
    json(await inject('POST', '/api/malls/blora/tickets', cookie, { serviceId }));

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    officer = await t.login('petugas.dindukcapil');
    polresOfficer = await t.login('petugas.polres');
    agencyAdmin = await t.login('admin.dindukcapil');
    viewer = await t.login('pimpinan');
    const rows = await db().selectFrom('users').select(['id', 'username', 'agency_id']).execute();
    users = Object.fromEntries(rows.map((u) => [u.username, u]));
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil').id;
    const polres = agencies.find((a: any) => a.code === 'polres').id;
    const counters = json(await t.app.inject('/api/malls/blora/counters'));
    const dk = counters.find((c: any) => c.agencyId === dukcapil);
    dukcapilCounter = dk.id;
    ktpService = dk.serviceIds[0];
    const pc = counters.find((c: any) => c.agencyId === polres);
    polresCounter = pc.id;
    skckService = pc.serviceIds[0];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records sign-ins that succeed and fail, with the username as typed, the address and the browser', async () => {
    t.clock.now = MONDAY_9AM + MIN;
    expect((await signIn('Admin ', PASSWORD)).statusCode).toBe(200);
    expect((await signIn('admin', 'wrong-password-1')).statusCode).toBe(401);
    expect((await signIn('nobody.here', 'wrong-password-1')).statusCode).toBe(401);

    const logins = await items('action=auth.login*');
    const ok = logins.find((e) => e.action === 'auth.login' && e.username === 'Admin ');
    expect(ok).toMatchObject({
      at: MONDAY_9AM + MIN,
      actor: { id: users.admin!.id, username: 'admin', displayName: expect.any(String) },
      route: 'POST /api/auth/login',
      statusCode: 200,
      error: null,
      ip: '10.1.2.3',
      target: null,
      detail: null,
    });
    expect(ok.userAgent).toMatch(/^Mozilla\/5\.0 \(X11; Linux\) Loket-Test x+$/);
    expect(ok.userAgent.length).toBe(256);
    const failed = logins.find((e) => e.action === 'auth.login_failed');
    expect(failed).toMatchObject({
      actor: { id: users.admin!.id },
      username: 'admin',
      statusCode: 401,
      error: 'bad_credentials',
      ip: '10.1.2.3',
    });
    // the unknown username is kept, outside any mall (nobody's to read)
    const unknown = (await allRows()).find((r) => r.actor_username === 'nobody.here');
    expect(unknown).toMatchObject({ mall_id: null, actor_id: null, action: 'auth.login_failed', status_code: 401 });
    expect(logins.some((e) => e.username === 'nobody.here')).toBe(false);
  });

  it('records the failure that locks an account out, and the attempts refused while locked', async () => {
    t.clock.now = MONDAY_9AM + 2 * MIN;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn('petugas.pdam', `wrong-password-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const entries = await items(`actorId=${users['petugas.pdam']!.id}`);
    expect(entries.map((e) => [e.action, e.statusCode])).toEqual([
      ['auth.login_while_locked', 429],
      ['auth.locked_out', 429],
      ['auth.login_failed', 401],
      ['auth.login_failed', 401],
      ['auth.login_failed', 401],
      ['auth.login_failed', 401],
    ]);
    expect(entries[0].error).toBe('locked_out');
  });

  it('records counter actions with the officer, the counter and the ticket; not the citizen taking a ticket', async () => {
    t.clock.now = MONDAY_9AM + 10 * MIN;
    // a staff member's browser taking a ticket (the kiosk) is no staff action
    const ticket = await issue(ktpService, officer);
    const called = await inject('POST', `/api/malls/blora/counters/${dukcapilCounter}/call-next`, officer);
    expect(called.statusCode).toBe(200);
    expect(json(called).ticket.id).toBe(ticket.id);
    t.clock.now += MIN;
    expect((await inject('POST', `/api/malls/blora/tickets/${ticket.id}/start`, officer)).statusCode).toBe(200);
    t.clock.now += 5 * MIN;
    expect((await inject('POST', `/api/malls/blora/tickets/${ticket.id}/finish`, officer)).statusCode).toBe(200);
    // the survey tablet at the counter carries the officer's cookie: the citizen's answers are not staff actions
    const survey = await inject('POST', `/api/tickets/${ticket.token}/survey`, officer, {
      answers: ALL_FOUR,
      respondent,
    });
    expect(survey.statusCode).toBe(201);
    // a refused action is recorded with its status and error
    expect((await inject('POST', `/api/malls/blora/tickets/${ticket.id}/finish`, officer)).statusCode).toBe(409);

    const trail = await items(`actorId=${users['petugas.dindukcapil']!.id}&action=ticket.*`);
    expect(trail.map((e) => [e.action, e.statusCode])).toEqual([
      ['ticket.finish', 409],
      ['ticket.finish', 200],
      ['ticket.start', 200],
      ['ticket.call_next', 200],
    ]);
    expect(trail[3]).toMatchObject({
      at: MONDAY_9AM + 10 * MIN,
      actor: { id: users['petugas.dindukcapil']!.id, username: 'petugas.dindukcapil' },
      route: 'POST /api/malls/:mall/counters/:counterId/call-next',
      target: { counterId: dukcapilCounter, ticketId: ticket.id, number: ticket.number },
      ip: '127.0.0.1',
    });
    expect(trail[1]).toMatchObject({
      at: MONDAY_9AM + 16 * MIN,
      target: { id: ticket.id, number: ticket.number },
      detail: null,
    });
    expect(trail[0].error).toBe('invalid_transition');
    const rows = await allRows();
    expect(rows.some((r) => r.route?.includes('/survey') || r.route === 'POST /api/malls/:mall/tickets')).toBe(false);
  });

  it('records a change of opening hours with what was set, and a refused attempt with its 403', async () => {
    t.clock.now = MONDAY_9AM + 30 * MIN;
    const weekly = json(await t.app.inject('/api/malls/blora')).openingHours.weekly;
    expect((await inject('PUT', '/api/malls/blora/opening-hours', admin, { weekly })).statusCode).toBe(200);
    const refused = await inject('PUT', '/api/malls/blora/opening-hours', officer, { weekly });
    expect(refused.statusCode).toBe(403);

    const [attempt, change] = await items('action=mall.opening_hours');
    expect(change).toMatchObject({
      actor: { id: users.admin!.id },
      statusCode: 200,
      detail: { weekly },
      target: null,
    });
    expect(attempt).toMatchObject({
      actor: { id: users['petugas.dindukcapil']!.id },
      statusCode: 403,
      error: 'forbidden',
    });
    // a body the schema refuses is recorded too, with the field in error
    const bad = await inject('PUT', '/api/malls/blora/opening-hours', admin, { weekly: { mon: 'x' } });
    expect(bad.statusCode).toBe(400);
    const [invalid] = await items('action=mall.opening_hours');
    expect(invalid).toMatchObject({ statusCode: 400, error: 'validation', detail: { weekly: { mon: 'x' } } });
  });

  it('never stores a password, and masks NIK and phone numbers in what it stores', async () => {
    t.clock.now = MONDAY_9AM + 40 * MIN;
    const baznas = await t.login('petugas.baznas');
    const wrong = await inject('POST', '/api/auth/password', baznas, {
      currentPassword: 'not-my-password-9',
      newPassword: 'Sandi-Baru-Yang-Panjang-2026',
    });
    expect(wrong.statusCode).toBe(400);
    const changed = await inject('POST', '/api/auth/password', baznas, {
      currentPassword: PASSWORD,
      newPassword: 'Sandi-Baru-Yang-Panjang-2026',
    });
    expect(changed.statusCode).toBe(200);
    const announced = await inject('POST', '/api/malls/blora/announcements', admin, {
      text: 'Pemilik KTP 3316010101010001 harap hubungi 081234565678',
    });
    expect(announced.statusCode).toBe(201);
    expect((await inject('POST', '/api/auth/logout', baznas)).statusCode).toBe(204);

    const [change, attempt] = await items(`actorId=${users['petugas.baznas']!.id}&action=auth.password_change`);
    expect(change).toMatchObject({
      statusCode: 200,
      detail: { currentPassword: '[redacted]', newPassword: '[redacted]' },
    });
    expect(attempt).toMatchObject({ statusCode: 400, error: 'current_password_wrong' });
    const [note] = await items('action=announcement.create');
    expect(note.detail).toEqual({ text: 'Pemilik KTP 3316********0001 harap hubungi 0812****5678' });
    expect(note.target).toEqual({ id: json(announced).id });
    expect((await items(`actorId=${users['petugas.baznas']!.id}&action=auth.logout`))[0]).toMatchObject({
      statusCode: 204,
      route: 'POST /api/auth/logout',
    });

    const stored = JSON.stringify(await allRows());
    for (const secret of [PASSWORD, 'not-my-password-9', 'Sandi-Baru-Yang-Panjang-2026', 'wrong-password-1']) {
      expect(stored).not.toContain(secret);
    }
    expect(stored).not.toContain('3316010101010001');
    expect(stored).not.toContain('081234565678');
    // nor a session token: the cookie is never stored
    expect(stored).not.toContain(baznas.slice('loket_sid='.length));
  });

  it('takes the forwarded address behind a trusted proxy', async () => {
    const proxied = await buildApp({ ...t.ctx, config: { ...t.ctx.config, trustProxy: true } }, { logger: false });
    try {
      t.clock.now = MONDAY_9AM + 45 * MIN;
      const res = await proxied.inject({
        method: 'POST',
        url: `/api/malls/blora/counters/${dukcapilCounter}/call-next`,
        headers: {
          cookie: officer,
          'x-csrf-token': csrfTokenFor(officer.slice('loket_sid='.length)),
          'x-forwarded-for': '203.0.113.7',
        },
        remoteAddress: '10.0.0.1',
      });
      expect(res.statusCode).toBe(204);
      await proxied.auditIdle();
    } finally {
      await proxied.close();
    }
    const [entry] = await items(`action=ticket.call_next&from=${MONDAY_9AM + 45 * MIN}`);
    expect(entry).toMatchObject({ ip: '203.0.113.7', statusCode: 204, target: { counterId: dukcapilCounter } });
  });

  it('searches by time, actor, action and text, newest first, page by page', async () => {
    // five actions at the same instant and two later: the cursor must not lose or repeat ties
    t.clock.now = MONDAY_9AM + 60 * MIN;
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(await issue(skckService));
    for (let i = 0; i < 5; i++) await inject('POST', `/api/malls/blora/tickets/${tickets[0].id}/recall`, polresOfficer);
    t.clock.now += MIN;
    await inject('POST', `/api/malls/blora/counters/${polresCounter}/call-next`, polresOfficer);
    t.clock.now += MIN;
    await inject('POST', `/api/malls/blora/tickets/${tickets[1].id}/cancel`, polresOfficer);

    const all = await items('limit=200');
    expect(all.length).toBeGreaterThan(20);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      expect(a.at > b.at || (a.at === b.at && a.id > b.id)).toBe(true);
    }
    const paged: any[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const res = await search(admin, `limit=3${next ? `&before=${encodeURIComponent(next)}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = json(res);
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items);
      next = page.next;
      pages++;
    } while (next && pages < 100);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));

    const from = MONDAY_9AM + 60 * MIN;
    const window = await items(`from=${from}&to=${from + MIN}`);
    expect(window.map((e) => e.action)).toEqual(Array(5).fill('ticket.recall'));
    expect(window.every((e) => e.at === from)).toBe(true);
    const polres = await items(`actorId=${users['petugas.polres']!.id}&action=ticket.cancel`);
    expect(polres).toHaveLength(1);
    expect(polres[0].target).toEqual({ id: tickets[1].id, number: tickets[1].number });
    // text: the ticket number in the target, an address, a part of the action; case-insensitive
    expect((await items(`q=${encodeURIComponent(tickets[1].number)}`)).map((e) => e.action)).toEqual(['ticket.cancel']);
    expect((await items('q=203.0.113')).map((e) => e.ip)).toEqual(['203.0.113.7']);
    expect((await items('q=OPENING_HOURS')).every((e) => e.action === 'mall.opening_hours')).toBe(true);
    // LIKE's wildcards are taken literally
    expect(await items('q=%25')).toEqual([]);
    expect(await items('action=ticket.%25')).toEqual([]);
  });

  it('refuses a bad query with 400 naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['from=yesterday', 'from'],
      [`from=${MONDAY_9AM}&to=${MONDAY_9AM - 1}`, 'to'],
      ['before=not-a-cursor', 'before'],
      ['q=', 'q'],
    ] as const) {
      const res = await search(admin, query);
      expect(res.statusCode, query).toBe(400);
      expect(json(res)).toMatchObject({ error: 'validation', field });
    }
  });

  it("shows an agency admin only their agency staff's actions, and nobody else but the mall admin", async () => {
    const seen = await items('limit=200', agencyAdmin);
    const dukcapilStaff = new Set(
      Object.values(users)
        .filter((u) => u.agency_id === users['petugas.dindukcapil']!.agency_id)
        .map((u) => u.id),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.actor && dukcapilStaff.has(e.actor.id))).toBe(true);
    expect(seen.some((e) => e.action === 'ticket.finish')).toBe(true);
    expect(seen.some((e) => e.actor.id === users.admin!.id)).toBe(false);
    // asking for someone outside the agency gives nothing, not their actions
    expect(await items(`actorId=${users['petugas.polres']!.id}`, agencyAdmin)).toEqual([]);

    for (const cookie of [officer, viewer, polresOfficer]) {
      const res = await search(cookie);
      expect(res.statusCode).toBe(403);
      expect(json(res).error).toBe('forbidden');
    }
    expect((await t.app.inject('/api/malls/blora/audit')).statusCode).toBe(401);
  });

  it('offers no way to change or delete an entry', async () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const auditPaths = Object.entries(spec.paths).filter(([path]) => path.includes('audit'));
    expect(auditPaths.map(([path]) => path)).toEqual(['/api/malls/{mall}/audit']);
    for (const [, methods] of auditPaths) expect(Object.keys(methods)).toEqual(['get']);
    const routes = t.app.printRoutes({ commonPrefix: false });
    const auditLines = routes.split('\n').filter((l) => l.includes('audit'));
    expect(auditLines.length).toBeGreaterThan(0);
    for (const line of auditLines) expect(line).toMatch(/\((GET|HEAD)(, (GET|HEAD))*\)/);

    const [entry] = await items('limit=1');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const url of ['/api/malls/blora/audit', `/api/malls/blora/audit/${entry.id}`]) {
        const res = await inject(method, url, admin, {});
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
    }
    const methods = Object.getOwnPropertyNames(AuditRepository.prototype).filter((m) => m !== 'constructor');
    expect(methods.sort()).toEqual(['accountByUsername', 'insert', 'search']);
    expect((await items('limit=1'))[0]).toEqual(entry);
  });
});

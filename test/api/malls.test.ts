/**
 * Many malls on one deployment (issue #6 point 2): a new mall with its own time zone and first
 * admin, and each mall's data kept from the other's, through the API and in the queries: ids of
 * one mall used under another's address find nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMall, MallSetupError } from '../../src/server/modules/malls/create-mall.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

describe.each(ENGINES)('several malls on %s', (engine) => {
  let t: TestApp;
  let blora: string;
  let rembang: string;
  let bloraCounter: string;
  let bloraTicket: string;

  const req = (method: string, url: string, cookie?: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      ...(cookie ? { headers: { cookie } } : {}),
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await startTestApp(engine);
    blora = await t.login('admin');
    const made = await createMall(
      t.ctx.database.db,
      {
        slug: 'rembang',
        name: 'MPP Kabupaten Rembang',
        timeZone: 'Asia/Makassar',
        admin: { username: 'admin.rembang' },
      },
      t.clock.now,
    );
    const login = await req('POST', '/api/auth/login', undefined, {
      username: 'admin.rembang',
      password: made.password,
    });
    expect(login.statusCode).toBe(200);
    expect(json(login).mustChangePassword).toBe(true);
    const first = `loket_sid=${login.cookies.find((c) => c.name === 'loket_sid')?.value}`;
    const changed = await req('POST', '/api/auth/password', first, {
      currentPassword: made.password,
      newPassword: 'pasar-ikan-rembang-77',
    });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    rembang = await req('POST', '/api/auth/login', undefined, {
      username: 'admin.rembang',
      password: 'pasar-ikan-rembang-77',
    }).then((r) => `loket_sid=${r.cookies.find((c) => c.name === 'loket_sid')?.value}`);

    const counter = json(await req('GET', '/api/malls/blora/counters'))[0];
    bloraCounter = counter.id;
    bloraTicket = json(
      await req('POST', '/api/malls/blora/tickets', undefined, { serviceId: counter.serviceIds[0] }),
    ).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('makes a mall with its time zone and first admin, and refuses a bad one', async () => {
    const malls = json(await req('GET', '/api/malls'));
    expect(malls.map((m: any) => [m.slug, m.timeZone]).sort()).toEqual([
      ['blora', 'Asia/Jakarta'],
      ['rembang', 'Asia/Makassar'],
    ]);
    expect(json(await req('GET', '/api/malls/rembang/agencies'))).toEqual([]);
    const me = json(await req('GET', '/api/auth/me', rembang));
    expect(me).toMatchObject({ role: 'mall_admin', username: 'admin.rembang' });

    const bad = (input: Partial<Parameters<typeof createMall>[1]>) =>
      createMall(
        t.ctx.database.db,
        { slug: 'pati', name: 'MPP Pati', timeZone: 'Asia/Jakarta', admin: { username: 'admin.pati' }, ...input },
        t.clock.now,
      );
    await expect(bad({ slug: 'rembang' })).rejects.toThrow(MallSetupError);
    await expect(bad({ timeZone: 'Asia/Blora' })).rejects.toThrow(/not an IANA zone/);
    await expect(bad({ admin: { username: 'admin' } })).rejects.toThrow(/already taken/);
    await expect(bad({ slug: 'Pati Kota!' })).rejects.toThrow(/slug/);
    expect(json(await req('GET', '/api/malls')).map((m: any) => m.slug)).not.toContain('pati');
  });

  it("keeps each mall's staff to their own mall", async () => {
    const agency = {
      name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Rembang',
      shortName: 'Dindukcapil',
      code: 'dindukcapil', // Blora has one with this code: codes are per mall
      color: '#1d4ed8',
      waitThresholdMinutes: null,
    };
    expect((await req('POST', '/api/malls/rembang/admin/agencies', rembang, agency)).statusCode).toBe(201);
    expect(json(await req('GET', '/api/malls/rembang/agencies')).map((a: any) => a.code)).toEqual(['dindukcapil']);
    for (const url of [
      '/api/malls/blora/admin/agencies',
      '/api/malls/blora/performance/live',
      '/api/malls/blora/audit',
      `/api/malls/blora/counters/${bloraCounter}/queue`,
    ]) {
      expect((await req('GET', url, rembang)).statusCode, url).toBe(403);
    }
    expect((await req('GET', '/api/malls/rembang/admin/agencies', blora)).statusCode).toBe(403);
    expect((await req('POST', '/api/malls/rembang/announcements', blora, { text: 'Halo' })).statusCode).toBe(403);
  });

  it("finds nothing of one mall under another's address", async () => {
    // Blora's counter and ticket, asked for through Rembang by Rembang's admin
    expect((await req('POST', `/api/malls/rembang/counters/${bloraCounter}/call-next`, rembang)).statusCode).toBe(404);
    expect((await req('POST', `/api/malls/rembang/tickets/${bloraTicket}/cancel`, rembang)).statusCode).toBe(404);
    const board = json(await req('GET', '/api/malls/rembang/performance/live', rembang));
    expect(board.totals).toMatchObject({ issued: 0, waiting: 0 });
    const bloraBoard = json(await req('GET', '/api/malls/blora/performance/live', blora));
    expect(bloraBoard.totals.waiting).toBeGreaterThanOrEqual(1);
    const audit = json(await req('GET', '/api/malls/rembang/audit', rembang));
    const entries = audit.items ?? audit.entries ?? audit;
    expect(entries.length).toBeGreaterThan(0);
    // Rembang's trail: what was done, or tried, in Rembang; Blora's admin only for the refused try
    expect(entries.filter((e: any) => e.username === 'admin').map((e: any) => [e.action, e.statusCode])).toEqual([
      ['announcement.create', 403],
    ]);
    const bloraAudit = json(await req('GET', '/api/malls/blora/audit', blora));
    const bloraEntries = bloraAudit.items ?? bloraAudit.entries ?? bloraAudit;
    expect(bloraEntries.some((e: any) => e.username === 'admin.rembang')).toBe(false);
  });
});

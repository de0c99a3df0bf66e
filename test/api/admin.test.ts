/**
 * Administration (issue #6 point 1): agencies, services with their standards, counters, display
 * zones, staff accounts and special days. Each change is checked through what citizens and the
 * kiosk read right after it (the public catalog, counters, availability, issuing a ticket), and
 * the scope of agency admins, the 409s, and archiving instead of deleting what is in use.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const M = '/api/malls/blora';

const STANDARD = {
  requirements: ['KTP-el asli', 'Formulir permohonan'],
  procedure: ['Ambil nomor antrean', 'Serahkan berkas', 'Terima dokumen'],
  duration: '20 menit',
  durationMinutes: 20,
  feeRupiah: 0,
  feeNote: 'Gratis',
  product: 'Surat keterangan',
  complaint: 'SP4N-LAPOR!',
  legalBasis: ['Perda 1/2026'],
};

describe.each(ENGINES)('administration on %s', (engine) => {
  let t: TestApp;
  let admin: string; // mall admin
  let dukcapilAdmin: string; // admin.dindukcapil
  let officer: string; // petugas.dindukcapil
  let viewer: string; // pimpinan
  let dukcapil: { id: string; name: string };
  let polres: { id: string };

  const req = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    cookie?: string,
    payload?: object,
    lang?: 'en',
  ) =>
    t.app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) },
      ...(payload ? { payload } : {}),
    });
  const ok = <T = any>(res: LightMyRequestResponse, status = 200): T => {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return json<T>(res);
  };
  const issue = (serviceId: string) => req('POST', `${M}/tickets`, undefined, { serviceId });
  const publicAgencies = async () => ok<{ id: string; code: string }[]>(await req('GET', `${M}/agencies`));
  const publicServices = async (query = '') =>
    ok<{ id: string; name: string }[]>(await req('GET', `${M}/services${query}`));
  const publicCounters = async () =>
    ok<{ id: string; number: number; serviceIds: string[] }[]>(await req('GET', `${M}/counters`));
  const availability = async () => ok(await req('GET', `${M}/availability`));
  const signIn = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const cookieOf = (res: LightMyRequestResponse) => {
    const c = res.cookies.find((x) => x.name === 'loket_sid');
    if (!c) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
    return `loket_sid=${c.value}`;
  };
  const newService = (agencyId: string, name: string, extra: object = {}) =>
    req('POST', `${M}/admin/services`, admin, {
      agencyId,
      name,
      prefix: 'A',
      dailyQuota: null,
      standard: STANDARD,
      ...extra,
    });
  let serial = 0;
  /** a counter number no seeded counter has */
  const freeNumber = () => 500 + ++serial;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    dukcapilAdmin = await t.login('admin.dindukcapil');
    officer = await t.login('petugas.dindukcapil');
    viewer = await t.login('pimpinan');
    const agencies = json(await t.app.inject(`${M}/agencies`));
    dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    polres = agencies.find((a: any) => a.code === 'polres');
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    t.clock.now = MONDAY_9AM;
  });

  describe('agencies', () => {
    it('the mall admin adds one: at once in the public catalog; the admin list has more', async () => {
      const created = ok(
        await req('POST', `${M}/admin/agencies`, admin, {
          name: 'Kantor Imigrasi Kelas II Cepu',
          shortName: 'Imigrasi Cepu',
          code: 'imigrasicepu',
          color: '#0A7A3B',
          waitThresholdMinutes: 30,
        }),
        201,
      );
      expect(created).toMatchObject({
        code: 'imigrasicepu',
        color: '#0a7a3b',
        waitThresholdMinutes: 30,
        archived: false,
        serviceCount: 0,
        counterCount: 0,
      });
      expect((await publicAgencies()).map((a) => a.code)).toContain('imigrasicepu');
      const list = ok<any[]>(await req('GET', `${M}/admin/agencies`, admin));
      expect(list).toHaveLength(30);
      expect(list.find((a) => a.code === 'dindukcapil')).toMatchObject({ archived: false, counterCount: 4 });
    });

    it('explains a bad form in Indonesian, or in English when asked, naming the field', async () => {
      const body = { name: 'X', shortName: 'X', code: 'x y', color: '#123456' };
      const id = await req('POST', `${M}/admin/agencies`, admin, body);
      expect(id.statusCode).toBe(400);
      expect(json(id)).toMatchObject({ error: 'validation', field: 'code' });
      expect(json(id).message).toBe('Isian "Kode" (code) tidak valid: formatnya tidak sesuai');
      const en = await req('POST', `${M}/admin/agencies`, admin, { ...body, code: 'xy', color: 'red' }, 'en');
      expect(json(en)).toMatchObject({
        field: 'color',
        message: 'Field "Colour" (color) is invalid: is not in the expected format',
      });
      const blank = await req('POST', `${M}/admin/agencies`, admin, { ...body, code: 'xy', name: '   ' });
      expect(json(blank)).toMatchObject({ field: 'name', message: 'Isian "Nama" (name) tidak valid: wajib diisi' });
      // an empty string fails the schema's minimum length: said the same way
      const empty = await req('POST', `${M}/admin/agencies`, admin, { ...body, code: 'xy', name: '' });
      expect(json(empty)).toMatchObject({ field: 'name', message: 'Isian "Nama" (name) tidak valid: wajib diisi' });
      const missing = await req('POST', `${M}/admin/agencies`, admin, { name: 'X', code: 'xy', color: '#123456' });
      expect(json(missing).field).toBe('shortName');
    });

    it('409 for a code another agency has; 404 for an unknown agency; 403 for anyone but the mall admin', async () => {
      const taken = await req('POST', `${M}/admin/agencies`, admin, {
        name: 'Dua',
        shortName: 'Dua',
        code: 'polres',
        color: '#123456',
      });
      expect(taken.statusCode).toBe(409);
      expect(json(taken)).toMatchObject({ error: 'agency_code_taken', code: 'polres', agencyId: polres.id });
      expect(json(taken).message).toContain('sudah dipakai');
      const rename = await req('PATCH', `${M}/admin/agencies/${dukcapil.id}`, admin, { code: 'polres' });
      expect(json(rename).error).toBe('agency_code_taken');
      expect((await req('PATCH', `${M}/admin/agencies/nope`, admin, { name: 'X' })).statusCode).toBe(404);
      expect(json(await req('DELETE', `${M}/admin/agencies/nope`, admin)).error).toBe('agency_not_found');
      const body = { name: 'X', shortName: 'X', code: 'xx', color: '#123456' };
      expect((await req('POST', `${M}/admin/agencies`, dukcapilAdmin, body)).statusCode).toBe(403);
      expect((await req('PATCH', `${M}/admin/agencies/${dukcapil.id}`, dukcapilAdmin, { name: 'X' })).statusCode).toBe(
        403,
      );
      expect((await req('POST', `${M}/admin/agencies`, undefined, body)).statusCode).toBe(401);
      expect((await req('GET', `${M}/admin/agencies`, officer)).statusCode).toBe(403);
      expect((await req('GET', `${M}/admin/agencies`, viewer)).statusCode).toBe(403);
      // an agency admin reads their own agency only
      const own = ok<any[]>(await req('GET', `${M}/admin/agencies`, dukcapilAdmin));
      expect(own.map((a) => a.id)).toEqual([dukcapil.id]);
    });

    it("renaming an agency keeps its services' search text in step", async () => {
      const created = ok(
        await req('POST', `${M}/admin/agencies`, admin, {
          name: 'Dinas Arsip Daerah',
          shortName: 'Disarpus',
          code: 'disarpus',
          color: '#334455',
        }),
        201,
      );
      ok(await newService(created.id, 'Layanan Salinan Arsip', { prefix: 'AR' }), 201);
      expect((await publicServices('?q=disarpus')).map((s) => s.name)).toEqual(['Layanan Salinan Arsip']);
      const renamed = ok(
        await req('PATCH', `${M}/admin/agencies/${created.id}`, admin, {
          shortName: 'Dinarpus',
          waitThresholdMinutes: null,
        }),
      );
      expect(renamed).toMatchObject({ shortName: 'Dinarpus', name: 'Dinas Arsip Daerah', waitThresholdMinutes: null });
      expect(await publicServices('?q=disarpus')).toEqual([]);
      expect((await publicServices('?q=dinarpus')).map((s) => s.name)).toEqual(['Layanan Salinan Arsip']);
    });

    it('deletes an agency nothing refers to; archives one in use, which leaves the catalog and comes back on restore', async () => {
      const scratch = ok(
        await req('POST', `${M}/admin/agencies`, admin, {
          name: 'Salah Ketik',
          shortName: 'Typo',
          code: 'typo',
          color: '#000000',
        }),
        201,
      );
      expect(ok(await req('DELETE', `${M}/admin/agencies/${scratch.id}`, admin))).toEqual({
        id: scratch.id,
        outcome: 'deleted',
      });
      expect(ok<any[]>(await req('GET', `${M}/admin/agencies`, admin)).some((a) => a.id === scratch.id)).toBe(false);

      // BAZNAS: services, counters, accounts, and a ticket waiting today
      const baznas = (await publicAgencies()).find((a) => a.code === 'baznas');
      if (!baznas) throw new Error('no baznas');
      const services = await publicServices(`?agencyId=${baznas.id}`);
      const counters = (await publicCounters()).filter((c) => services.some((s) => c.serviceIds.includes(s.id)));
      expect(services.length).toBeGreaterThan(0);
      expect(counters.length).toBeGreaterThan(0);
      const bazOfficer = await t.login('petugas.baznas');
      const ticket = ok(await issue(services[0]?.id ?? ''), 201);
      const busy = await req('DELETE', `${M}/admin/agencies/${baznas.id}`, admin);
      expect(busy.statusCode).toBe(409);
      expect(json(busy)).toMatchObject({ error: 'agency_in_queue', tickets: 1 });
      ok(await req('POST', `${M}/tickets/${ticket.id}/cancel`, admin));

      expect(ok(await req('DELETE', `${M}/admin/agencies/${baznas.id}`, admin)).outcome).toBe('archived');
      expect((await publicAgencies()).some((a) => a.id === baznas.id)).toBe(false);
      expect(await publicServices(`?agencyId=${baznas.id}`)).toEqual([]);
      const counterIds = new Set((await publicCounters()).map((c) => c.id));
      expect(counters.some((c) => counterIds.has(c.id))).toBe(false);
      const left = new Set((await availability()).services.map((s: any) => s.serviceId));
      expect(services.some((s) => left.has(s.id))).toBe(false);
      expect(json(await issue(services[0]?.id ?? '')).error).toBe('service_inactive');
      // its accounts are deactivated and signed out
      expect((await req('GET', '/api/auth/me', bazOfficer)).statusCode).toBe(401);
      const adminList = ok<any[]>(await req('GET', `${M}/admin/agencies`, admin));
      expect(adminList.find((a) => a.id === baznas.id)).toMatchObject({ archived: true, serviceCount: 0 });
      // nothing of it is changed while archived; nothing new is added to it
      expect(json(await req('PATCH', `${M}/admin/agencies/${baznas.id}`, admin, { name: 'X' })).error).toBe('archived');
      expect(json(await newService(baznas.id, 'Baru', { prefix: 'BZ' })).error).toBe('agency_archived');
      // the history stays: the cancelled ticket and its service are still there
      const stored = await t.ctx.database.db.selectFrom('tickets').select('id').where('id', '=', ticket.id).execute();
      expect(stored).toHaveLength(1);

      const restored = ok(await req('POST', `${M}/admin/agencies/${baznas.id}/restore`, admin));
      expect(restored).toMatchObject({ archived: false, serviceCount: services.length });
      expect((await publicAgencies()).some((a) => a.id === baznas.id)).toBe(true);
      expect((await publicServices(`?agencyId=${baznas.id}`)).map((s) => s.id)).toEqual(services.map((s) => s.id));
      expect(ok(await issue(services[0]?.id ?? ''), 201).number).toMatch(/^BZ-/);
      const users = ok<any[]>(await req('GET', `${M}/admin/users`, admin));
      expect(users.find((u) => u.username === 'petugas.baznas')?.active).toBe(false);
    });
  });

  describe('services', () => {
    it("an agency admin adds one to their agency: at once in the catalog's search, availability and the kiosk", async () => {
      const created = ok(
        await req('POST', `${M}/admin/services`, dukcapilAdmin, {
          agencyId: dukcapil.id,
          name: 'Legalisir Dokumen Zamrud',
          prefix: 'B',
          dailyQuota: 2,
          standard: { ...STANDARD, requirements: ['  Dokumen asli  ', ''] },
        }),
        201,
      );
      expect(created).toMatchObject({
        agencyId: dukcapil.id,
        prefix: 'B',
        dailyQuota: 2,
        active: true,
        archived: false,
      });
      expect(created.standard.requirements).toEqual(['Dokumen asli']);
      // every active counter of the agency serves it
      const counters = ok<any[]>(await req('GET', `${M}/admin/counters?agencyId=${dukcapil.id}`, dukcapilAdmin));
      expect(created.counterIds).toEqual(counters.map((c) => c.id));
      expect(counters).toHaveLength(4);

      expect((await publicServices('?q=zamrud')).map((s) => s.id)).toEqual([created.id]);
      expect((await publicCounters()).find((c) => c.id === counters[0].id)?.serviceIds).toContain(created.id);
      expect((await availability()).services.find((s: any) => s.serviceId === created.id)).toEqual({
        serviceId: created.id,
        waiting: 0,
        remaining: 2,
        // nobody has opened one of its counters yet
        estimatedWaitMinutes: null,
        estimateLowMinutes: null,
        estimateHighMinutes: null,
        estimateReason: 'no_counter_open',
      });
      expect(ok(await issue(created.id), 201).number).toMatch(/^B-/);

      // the quota, the name and the standard change at once
      const changed = ok(
        await req('PATCH', `${M}/admin/services/${created.id}`, dukcapilAdmin, {
          name: 'Legalisasi Dokumen',
          dailyQuota: 1,
          standard: { ...STANDARD, product: 'Fotokopi terlegalisir Safir' },
        }),
      );
      expect(changed).toMatchObject({ name: 'Legalisasi Dokumen', dailyQuota: 1 });
      expect(await publicServices('?q=zamrud')).toEqual([]);
      expect((await publicServices('?q=safir')).map((s) => s.id)).toEqual([created.id]);
      expect((await availability()).services.find((s: any) => s.serviceId === created.id).remaining).toBe(0);
      expect(json(await issue(created.id)).error).toBe('quota_full');

      // deactivated: out of the catalog and the kiosk, still in the admin list
      ok(await req('PATCH', `${M}/admin/services/${created.id}`, dukcapilAdmin, { active: false, dailyQuota: null }));
      expect(await publicServices('?q=safir')).toEqual([]);
      expect(json(await issue(created.id)).error).toBe('service_inactive');
      const mine = ok<any[]>(await req('GET', `${M}/admin/services`, dukcapilAdmin));
      expect(mine.find((s) => s.id === created.id)).toMatchObject({ active: false, archived: false });
      expect(mine.every((s) => s.agencyId === dukcapil.id)).toBe(true);
      ok(await req('PATCH', `${M}/admin/services/${created.id}`, dukcapilAdmin, { active: true }));
      expect(ok(await issue(created.id), 201).number).toMatch(/^B-/);
    });

    it("keeps agency admins to their own agency's services", async () => {
      const polresService = (await publicServices(`?agencyId=${polres.id}`))[0];
      if (!polresService) throw new Error('no polres service');
      expect(
        (
          await req('POST', `${M}/admin/services`, dukcapilAdmin, {
            agencyId: polres.id,
            name: 'X',
            prefix: 'R',
            dailyQuota: null,
            standard: STANDARD,
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await req('PATCH', `${M}/admin/services/${polresService.id}`, dukcapilAdmin, { dailyQuota: 5 })).statusCode,
      ).toBe(403);
      expect((await req('DELETE', `${M}/admin/services/${polresService.id}`, dukcapilAdmin)).statusCode).toBe(403);
      expect((await req('GET', `${M}/admin/services?agencyId=${polres.id}`, dukcapilAdmin)).statusCode).toBe(403);
      const own = ok<any[]>(await req('GET', `${M}/admin/services`, dukcapilAdmin));
      // moving one's service to another agency is the mall admin's
      const moved = await req('PATCH', `${M}/admin/services/${own[0].id}`, dukcapilAdmin, { agencyId: polres.id });
      expect(moved.statusCode).toBe(403);
      expect(
        (await req('PATCH', `${M}/admin/services/${polresService.id}`, officer, { dailyQuota: 5 })).statusCode,
      ).toBe(403);
      expect(json(await req('PATCH', `${M}/admin/services/nope`, admin, { dailyQuota: 5 })).error).toBe(
        'service_not_found',
      );
    });

    it('checks the prefix, the quota and the standard, naming the field', async () => {
      const taken = await newService(dukcapil.id, 'X', { prefix: 'R' });
      expect(taken.statusCode).toBe(409);
      expect(json(taken)).toMatchObject({ error: 'prefix_taken', prefix: 'R', agencyId: polres.id });
      expect(json(taken).message).toContain('Awalan nomor antrian "R" sudah dipakai');
      expect(json(await newService(dukcapil.id, 'X', { prefix: 'a1' })).field).toBe('prefix');
      expect(json(await newService(dukcapil.id, 'X', { prefix: 'ABCD' })).field).toBe('prefix');
      // 0 is refused with a reason, not taken for "no quota"
      const zero = await newService(dukcapil.id, 'X', { dailyQuota: 0 });
      expect(json(zero)).toMatchObject({
        field: 'dailyQuota',
        message: 'Isian "Kuota harian" (dailyQuota) tidak valid: minimal 1; kosongkan untuk tanpa kuota',
      });
      const blank = await newService(dukcapil.id, 'X', { standard: { ...STANDARD, product: ' ' } });
      expect(json(blank)).toMatchObject({
        field: 'standard.product',
        message: 'Isian "Produk layanan" (standard.product) tidak valid: wajib diisi',
      });
      // null stays null: a fee that depends on the case is not made free
      const caseByCase = ok(
        await newService(dukcapil.id, 'Biaya Tergantung Kasus', { standard: { ...STANDARD, feeRupiah: null } }),
        201,
      );
      expect(caseByCase.standard.feeRupiah).toBeNull();
      expect(caseByCase.dailyQuota).toBeNull();
      ok(await req('DELETE', `${M}/admin/services/${caseByCase.id}`, admin));
      const noSteps = await newService(dukcapil.id, 'X', { standard: { ...STANDARD, procedure: [] } });
      expect(json(noSteps).field).toBe('standard.procedure');
      expect(json(await newService('nope', 'X')).error).toBe('agency_not_found');
    });

    it('deletes a service never used; archives one with tickets, and restores it', async () => {
      const scratch = ok(await newService(dukcapil.id, 'Salah buat'), 201);
      expect(ok(await req('DELETE', `${M}/admin/services/${scratch.id}`, admin)).outcome).toBe('deleted');
      expect(json(await req('PATCH', `${M}/admin/services/${scratch.id}`, admin, { active: false })).error).toBe(
        'service_not_found',
      );

      const used = ok(await newService(dukcapil.id, 'Layanan Percobaan Wirasaba'), 201);
      const ticket = ok(await issue(used.id), 201);
      expect(ok(await req('DELETE', `${M}/admin/services/${used.id}`, dukcapilAdmin)).outcome).toBe('archived');
      expect(await publicServices('?q=wirasaba')).toEqual([]);
      expect(json(await issue(used.id)).error).toBe('service_inactive');
      const listed = ok<any[]>(await req('GET', `${M}/admin/services?agencyId=${dukcapil.id}`, admin));
      expect(listed.find((s) => s.id === used.id)).toMatchObject({ archived: true, active: false });
      expect(json(await req('PATCH', `${M}/admin/services/${used.id}`, admin, { name: 'X' })).error).toBe('archived');
      // a counter still linked to it can be edited, sending its links back as they were
      const linked = ok<any[]>(await req('GET', `${M}/admin/counters`, dukcapilAdmin)).find((c) =>
        c.serviceIds.includes(used.id),
      );
      ok(
        await req('PATCH', `${M}/admin/counters/${linked.id}`, dukcapilAdmin, {
          name: linked.name,
          serviceIds: linked.serviceIds,
        }),
      );
      const other = ok<any[]>(await req('GET', `${M}/admin/counters`, dukcapilAdmin)).find(
        (c) => !c.serviceIds.includes(used.id),
      );
      if (other) {
        const relink = await req('PATCH', `${M}/admin/counters/${other.id}`, dukcapilAdmin, {
          serviceIds: [...other.serviceIds, used.id],
        });
        expect(json(relink).error).toBe('archived');
      }
      // the ticket keeps its service, and can still be served
      const status = ok(await req('GET', `/api/tickets/${ticket.token}`));
      expect(status).toMatchObject({ status: 'waiting', serviceName: 'Layanan Percobaan Wirasaba' });
      ok(await req('POST', `${M}/tickets/${ticket.id}/cancel`, admin));

      expect(ok(await req('POST', `${M}/admin/services/${used.id}/restore`, dukcapilAdmin))).toMatchObject({
        archived: false,
        active: true,
      });
      expect((await publicServices('?q=wirasaba')).map((s) => s.id)).toEqual([used.id]);
    });
  });

  describe('counters and zones', () => {
    it('adds a counter with its services and zone: at once in the public counter list', async () => {
      const zone = ok(await req('POST', `${M}/admin/zones`, admin, { name: 'Lantai 2' }), 201);
      expect(zone).toMatchObject({ name: 'Lantai 2', archived: false, counterCount: 0 });
      const services = await publicServices(`?agencyId=${dukcapil.id}`);
      const number = freeNumber();
      const counter = ok(
        await req('POST', `${M}/admin/counters`, dukcapilAdmin, {
          agencyId: dukcapil.id,
          name: `Loket ${number}`,
          number,
          zoneId: zone.id,
          serviceIds: [services[0]?.id, services[1]?.id],
        }),
        201,
      );
      expect(counter).toMatchObject({ number, zoneId: zone.id, active: true, archived: false });
      expect(counter.serviceIds).toEqual([services[0]?.id, services[1]?.id]);
      expect((await publicCounters()).find((c) => c.id === counter.id)).toMatchObject({
        number,
        serviceIds: [services[0]?.id, services[1]?.id],
      });
      expect(
        ok<any[]>(await req('GET', `${M}/admin/zones`, dukcapilAdmin)).find((z) => z.id === zone.id)?.counterCount,
      ).toBe(1);

      // its officers can work it at once
      ok(await issue(services[1]?.id ?? ''), 201);
      const called = ok(await req('POST', `${M}/counters/${counter.id}/call-next`, officer));
      expect(called.ticket.serviceId).toBe(services[1]?.id);
      ok(await req('POST', `${M}/tickets/${called.ticket.id}/start`, officer));

      // while it serves someone it is neither archived nor moved to another agency
      const busy = await req('DELETE', `${M}/admin/counters/${counter.id}`, admin);
      expect(busy.statusCode).toBe(409);
      expect(json(busy)).toMatchObject({ error: 'counter_in_use', number: called.ticket.number });
      expect(json(await req('PATCH', `${M}/admin/counters/${counter.id}`, admin, { agencyId: polres.id })).error).toBe(
        'counter_in_use',
      );
      ok(await req('POST', `${M}/tickets/${called.ticket.id}/finish`, officer));

      // a zone with counters in it stays
      expect(json(await req('DELETE', `${M}/admin/zones/${zone.id}`, admin))).toMatchObject({
        error: 'zone_in_use',
        counters: 1,
      });

      // it served a ticket: archived, not deleted; gone from the counter list; its number stays its own
      expect(ok(await req('DELETE', `${M}/admin/counters/${counter.id}`, dukcapilAdmin)).outcome).toBe('archived');
      expect((await publicCounters()).some((c) => c.id === counter.id)).toBe(false);
      const again = await req('POST', `${M}/admin/counters`, admin, {
        agencyId: dukcapil.id,
        name: 'Loket baru',
        number,
        zoneId: null,
        serviceIds: [],
      });
      expect(again.statusCode).toBe(409);
      expect(json(again)).toMatchObject({ error: 'counter_number_taken', counterId: counter.id, archived: 1 });
      expect(json(again).message).toContain('diarsipkan');

      // the zone had a counter: archived, not deleted; the counter comes back without it
      expect(ok(await req('DELETE', `${M}/admin/zones/${zone.id}`, admin)).outcome).toBe('archived');
      const restored = ok(await req('POST', `${M}/admin/counters/${counter.id}/restore`, dukcapilAdmin));
      expect(restored).toMatchObject({ archived: false, active: true, zoneId: null });
      expect((await publicCounters()).some((c) => c.id === counter.id)).toBe(true);
    });

    it("refuses another agency's services at a counter, a taken number, unknown zones and other agencies' counters", async () => {
      const polresService = (await publicServices(`?agencyId=${polres.id}`))[0];
      const own = (await publicServices(`?agencyId=${dukcapil.id}`))[0];
      const base = { agencyId: dukcapil.id, name: 'Loket X', zoneId: null };
      const cross = await req('POST', `${M}/admin/counters`, admin, {
        ...base,
        number: freeNumber(),
        serviceIds: [own?.id, polresService?.id],
      });
      expect(cross.statusCode).toBe(400);
      expect(json(cross)).toMatchObject({ error: 'validation', field: 'serviceIds[1]' });
      expect(json(cross).message).toContain('milik instansi lain');
      const taken = await req('POST', `${M}/admin/counters`, admin, { ...base, number: 1, serviceIds: [] });
      expect(taken.statusCode).toBe(409);
      expect(json(taken)).toMatchObject({ error: 'counter_number_taken', number: 1 });
      expect(json(taken).message).toBe('Nomor loket 1 sudah dipakai "Loket 1".');
      const zone = await req('POST', `${M}/admin/counters`, admin, {
        ...base,
        number: freeNumber(),
        zoneId: 'nope',
        serviceIds: [],
      });
      expect(json(zone)).toMatchObject({ error: 'zone_not_found', zoneId: 'nope' });
      expect(zone.statusCode).toBe(404);
      const service = await req('POST', `${M}/admin/counters`, admin, {
        ...base,
        number: freeNumber(),
        serviceIds: ['nope'],
      });
      expect(service.statusCode).toBe(404);
      const other = await req('POST', `${M}/admin/counters`, dukcapilAdmin, {
        ...base,
        agencyId: polres.id,
        number: freeNumber(),
        serviceIds: [],
      });
      expect(other.statusCode).toBe(403);
      const polresCounter = (await publicCounters()).find((c) => c.serviceIds.includes(polresService?.id ?? ''));
      expect(
        (await req('PATCH', `${M}/admin/counters/${polresCounter?.id}`, dukcapilAdmin, { name: 'X' })).statusCode,
      ).toBe(403);
      // renumbering onto a taken number
      const mine = ok<any[]>(await req('GET', `${M}/admin/counters`, dukcapilAdmin));
      expect(mine.every((c) => c.agencyId === dukcapil.id)).toBe(true);
      const clash = await req('PATCH', `${M}/admin/counters/${mine[0].id}`, dukcapilAdmin, { number: mine[1].number });
      expect(json(clash).error).toBe('counter_number_taken');
      expect((await req('POST', `${M}/admin/zones`, dukcapilAdmin, { name: 'X' })).statusCode).toBe(403);
    });

    it('deletes a counter and a zone nothing ever referred to; deactivating a counter hides it', async () => {
      const zone = ok(await req('POST', `${M}/admin/zones`, admin, { name: 'Salah buat' }), 201);
      ok(await req('PATCH', `${M}/admin/zones/${zone.id}`, admin, { name: 'Ruang Tunggu Timur', sortOrder: 9 }));
      const counter = ok(
        await req('POST', `${M}/admin/counters`, admin, {
          agencyId: dukcapil.id,
          name: 'Loket Darurat',
          number: freeNumber(),
          zoneId: zone.id,
          serviceIds: [],
        }),
        201,
      );
      ok(await req('PATCH', `${M}/admin/counters/${counter.id}`, admin, { active: false }));
      expect((await publicCounters()).some((c) => c.id === counter.id)).toBe(false);
      ok(await req('PATCH', `${M}/admin/counters/${counter.id}`, admin, { active: true, name: 'Loket Cadangan' }));
      expect((await publicCounters()).some((c) => c.id === counter.id)).toBe(true);
      expect(ok(await req('DELETE', `${M}/admin/counters/${counter.id}`, admin)).outcome).toBe('deleted');
      expect(ok(await req('DELETE', `${M}/admin/zones/${zone.id}`, admin)).outcome).toBe('deleted');
      expect(ok<any[]>(await req('GET', `${M}/admin/zones`, admin)).some((z) => z.id === zone.id)).toBe(false);
      expect((await req('PATCH', `${M}/admin/zones/${zone.id}`, admin, { name: 'X' })).statusCode).toBe(404);
    });
  });

  describe('staff accounts', () => {
    it('a new account gets a generated password once, which must be changed at the first sign-in', async () => {
      const res = await req('POST', `${M}/admin/users`, admin, {
        username: 'Siti.Aminah',
        displayName: 'Siti Aminah',
        role: 'officer',
        agencyId: dukcapil.id,
      });
      const created = ok(res, 201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(created.user).toMatchObject({
        username: 'siti.aminah',
        role: 'officer',
        agencyId: dukcapil.id,
        active: true,
        mustChangePassword: true,
      });
      expect(created.id).toBe(created.user.id);
      expect(created.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      // never again: the list has no password and no hash
      const list = await req('GET', `${M}/admin/users`, admin);
      expect(list.body).not.toContain(created.password);
      expect(list.body).not.toContain('argon2');
      expect(ok<any[]>(list).find((u) => u.id === created.id)).not.toHaveProperty('password');

      const login = await signIn('siti.aminah', created.password);
      expect(ok(login).mustChangePassword).toBe(true);
      const cookie = cookieOf(login);
      const blocked = await req('GET', `${M}/counters/x/queue`, cookie);
      expect(json(blocked).error).toBe('password_change_required');
      ok(
        await req('POST', '/api/auth/password', cookie, {
          currentPassword: created.password,
          newPassword: 'loket-dukcapil-siti-2026',
        }),
      );
      expect(ok(await signIn('siti.aminah', 'loket-dukcapil-siti-2026')).mustChangePassword).toBe(false);
      const after = ok<any[]>(await req('GET', `${M}/admin/users`, admin)).find((u) => u.id === created.id);
      expect(after).toMatchObject({ mustChangePassword: false });
      expect(after.passwordChangedAt).toBe(MONDAY_9AM);
    });

    it('resetting a password ends the sessions and asks for a change again; deactivating locks the account out', async () => {
      const { user, password } = ok(
        await req('POST', `${M}/admin/users`, dukcapilAdmin, {
          username: 'budi',
          displayName: 'Budi',
          role: 'officer',
          agencyId: dukcapil.id,
        }),
        201,
      );
      const session = cookieOf(await signIn('budi', password));
      ok(
        await req('POST', '/api/auth/password', session, {
          currentPassword: password,
          newPassword: 'loket-blora-2026-ok',
        }),
      );
      expect((await req('GET', '/api/auth/me', session)).statusCode).toBe(200);

      const reset = ok(await req('POST', `${M}/admin/users/${user.id}/reset-password`, dukcapilAdmin));
      expect(reset.password).not.toBe(password);
      expect(reset.user.mustChangePassword).toBe(true);
      expect((await req('GET', '/api/auth/me', session)).statusCode).toBe(401);
      expect((await signIn('budi', 'loket-blora-2026-ok')).statusCode).toBe(401);
      const again = await signIn('budi', reset.password);
      expect(ok(again).mustChangePassword).toBe(true);

      const off = ok(await req('PATCH', `${M}/admin/users/${user.id}`, dukcapilAdmin, { active: false }));
      expect(off.active).toBe(false);
      expect((await req('GET', '/api/auth/me', cookieOf(again))).statusCode).toBe(401);
      expect((await signIn('budi', reset.password)).statusCode).toBe(401);
      // never deleted: still listed
      expect(ok<any[]>(await req('GET', `${M}/admin/users`, dukcapilAdmin)).find((u) => u.id === user.id)?.active).toBe(
        false,
      );
      ok(await req('PATCH', `${M}/admin/users/${user.id}`, dukcapilAdmin, { active: true }));
      expect((await signIn('budi', reset.password)).statusCode).toBe(200);
    });

    it('agency admins manage officers of their own agency only, and nobody raises a role above their own', async () => {
      const officerBody = { username: 'andi', displayName: 'Andi', role: 'officer', agencyId: dukcapil.id };
      const users = ok<any[]>(await req('GET', `${M}/admin/users`, dukcapilAdmin));
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((u) => u.agencyId === dukcapil.id)).toBe(true);

      for (const body of [
        { ...officerBody, role: 'agency_admin' },
        { ...officerBody, role: 'mall_admin', agencyId: null },
        { ...officerBody, role: 'viewer', agencyId: null },
        { ...officerBody, agencyId: polres.id },
      ]) {
        const res = await req('POST', `${M}/admin/users`, dukcapilAdmin, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(403);
      }
      const andi = ok(await req('POST', `${M}/admin/users`, dukcapilAdmin, officerBody), 201).user;
      expect(
        (await req('PATCH', `${M}/admin/users/${andi.id}`, dukcapilAdmin, { role: 'agency_admin' })).statusCode,
      ).toBe(403);
      expect(
        (await req('PATCH', `${M}/admin/users/${andi.id}`, dukcapilAdmin, { agencyId: polres.id })).statusCode,
      ).toBe(403);
      const all = ok<any[]>(await req('GET', `${M}/admin/users`, admin));
      const polresOfficer = all.find((u) => u.username === 'petugas.polres');
      const mallAdmin = all.find((u) => u.username === 'admin');
      const ownAdmin = all.find((u) => u.username === 'admin.dindukcapil');
      for (const id of [polresOfficer.id, mallAdmin.id, ownAdmin.id]) {
        expect((await req('PATCH', `${M}/admin/users/${id}`, dukcapilAdmin, { displayName: 'X' })).statusCode).toBe(
          403,
        );
        expect((await req('POST', `${M}/admin/users/${id}/reset-password`, dukcapilAdmin)).statusCode).toBe(403);
      }
      expect((await req('POST', `${M}/admin/users`, officer, officerBody)).statusCode).toBe(403);
      expect((await req('GET', `${M}/admin/users`, viewer)).statusCode).toBe(403);

      // the mall admin may promote; becoming a mall-wide role drops the agency
      const promoted = ok(await req('PATCH', `${M}/admin/users/${andi.id}`, admin, { role: 'agency_admin' }));
      expect(promoted).toMatchObject({ role: 'agency_admin', agencyId: dukcapil.id });
      const viewerNow = ok(await req('PATCH', `${M}/admin/users/${andi.id}`, admin, { role: 'viewer' }));
      expect(viewerNow).toMatchObject({ role: 'viewer', agencyId: null });
      // but not their own role or status
      for (const change of [{ role: 'viewer' }, { active: false }]) {
        const own = await req('PATCH', `${M}/admin/users/${mallAdmin.id}`, admin, change);
        expect(own.statusCode).toBe(409);
        expect(json(own).error).toBe('own_account');
      }
      expect(json(await req('POST', `${M}/admin/users/${mallAdmin.id}/reset-password`, admin)).error).toBe(
        'own_account',
      );
      ok(await req('PATCH', `${M}/admin/users/${mallAdmin.id}`, admin, { displayName: 'Admin MPP Kabupaten Blora' }));
    });

    it('409 for a taken username; 400 naming agencyId when the role needs one or has none; 404 for unknown ids', async () => {
      const taken = await req('POST', `${M}/admin/users`, admin, {
        username: 'PETUGAS.POLRES',
        displayName: 'X',
        role: 'officer',
        agencyId: polres.id,
      });
      expect(taken.statusCode).toBe(409);
      expect(json(taken)).toMatchObject({ error: 'username_taken', username: 'petugas.polres' });
      const noAgency = await req('POST', `${M}/admin/users`, admin, {
        username: 'tanpa',
        displayName: 'X',
        role: 'officer',
      });
      expect(noAgency.statusCode).toBe(400);
      expect(json(noAgency)).toMatchObject({
        field: 'agencyId',
        message: 'Isian "Instansi" (agencyId) tidak valid: wajib diisi untuk petugas dan admin instansi',
      });
      const en = await req(
        'POST',
        `${M}/admin/users`,
        admin,
        { username: 'tanpa', displayName: 'X', role: 'viewer', agencyId: polres.id },
        'en',
      );
      expect(json(en).message).toBe('Field "Agency" (agencyId) is invalid: must be empty for mall admins and viewers');
      const badName = await req('POST', `${M}/admin/users`, admin, {
        username: 'a b',
        displayName: 'X',
        role: 'viewer',
      });
      expect(json(badName).field).toBe('username');
      const unknown = await req('POST', `${M}/admin/users`, admin, {
        username: 'tanpa',
        displayName: 'X',
        role: 'officer',
        agencyId: 'nope',
      });
      expect(json(unknown).error).toBe('agency_not_found');
      expect(json(await req('PATCH', `${M}/admin/users/nope`, admin, { displayName: 'X' })).error).toBe(
        'user_not_found',
      );
      expect((await req('POST', `${M}/admin/users/nope/reset-password`, admin)).statusCode).toBe(404);
    });
  });

  it('documents the administration in the OpenAPI description', async () => {
    const doc = ok(await req('GET', '/api/docs/json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/malls/{mall}/admin/agencies/{id}/restore',
        '/api/malls/{mall}/admin/services/{id}',
        '/api/malls/{mall}/admin/counters',
        '/api/malls/{mall}/admin/zones/{id}',
        '/api/malls/{mall}/admin/users/{id}/reset-password',
        '/api/malls/{mall}/special-days/{date}',
      ]),
    );
  });

  describe('special days', () => {
    const at = (date: string, hour: number, minute = 0) =>
      Date.parse(`${date}T00:00:00Z`) + (hour - 7) * HOUR + minute * 60_000;

    it('a closed day refuses tickets with mall_closed and the kiosk and portal say closed', async () => {
      const service = (await publicServices(`?agencyId=${dukcapil.id}`))[0];
      const put = ok(await req('PUT', `${M}/special-days/2026-12-01`, admin, { spans: [], note: 'Cuti bersama' }));
      expect(put).toEqual({ date: '2026-12-01', closed: true, spans: [], note: 'Cuti bersama' });
      expect(ok(await req('GET', `${M}/special-days`))).toContainEqual(put);
      // Monday still open
      expect((await issue(service?.id ?? '')).statusCode).toBe(201);

      t.clock.now = at('2026-12-01', 9);
      const closed = await issue(service?.id ?? '');
      expect(closed.statusCode).toBe(409);
      expect(json(closed)).toMatchObject({
        error: 'mall_closed',
        message: 'MPP Kabupaten Blora sedang tutup. Hari ini tidak ada layanan (Cuti bersama).',
      });
      const en = await t.app.inject({
        method: 'POST',
        url: `${M}/tickets?lang=en`,
        payload: { serviceId: service?.id },
      });
      expect(json(en).message).toBe('MPP Kabupaten Blora is closed now. No service today (Cuti bersama).');
      expect(await availability()).toMatchObject({ openNow: false, today: '2026-12-01', hoursToday: [] });
      expect(ok(await req('GET', M)).openNow).toBe(false);
      // the day after: the weekly hours again
      t.clock.now = at('2026-12-02', 9);
      expect((await issue(service?.id ?? '')).statusCode).toBe(201);

      // given back its weekday hours, the day opens at once
      t.clock.now = MONDAY_9AM;
      expect((await req('DELETE', `${M}/special-days/2026-12-01`, admin)).statusCode).toBe(204);
      expect(json(await req('DELETE', `${M}/special-days/2026-12-01`, admin)).error).toBe('special_day_not_found');
      t.clock.now = at('2026-12-01', 9);
      expect((await issue(service?.id ?? '')).statusCode).toBe(201);
    });

    it('a range writes each date, only on the given weekdays; other hours open and close the day', async () => {
      // Ramadan hours Monday–Thursday 7–10 December 2026, shorter on Friday 11 December
      const week = ok(
        await req('PUT', `${M}/special-days`, admin, {
          from: '2026-12-07',
          to: '2026-12-13',
          weekdays: ['mon', 'tue', 'wed', 'thu'],
          spans: [{ open: '08:00', close: '14:00' }],
          note: 'Ramadan',
        }),
      );
      expect(week.days.map((d: any) => d.date)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']);
      ok(
        await req('PUT', `${M}/special-days/2026-12-11`, admin, {
          spans: [
            { open: '08:00', close: '11:00' },
            { open: '13:00', close: '14:30' },
          ],
          note: 'Ramadan',
        }),
      );
      const listed = ok<any[]>(await req('GET', `${M}/special-days?from=2026-12-07&to=2026-12-13`));
      expect(listed.map((d) => d.date)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
      expect(listed.every((d) => d.closed === false && d.note === 'Ramadan')).toBe(true);

      const service = (await publicServices(`?agencyId=${dukcapil.id}`))[0]?.id ?? '';
      t.clock.now = at('2026-12-08', 13, 59);
      expect((await issue(service)).statusCode).toBe(201);
      expect(await availability()).toMatchObject({ openNow: true, hoursToday: [{ open: '08:00', close: '14:00' }] });
      t.clock.now = at('2026-12-08', 14);
      const late = await issue(service);
      expect(json(late).message).toBe('MPP Kabupaten Blora sedang tutup. Jam layanan hari ini (Ramadan): 08:00–14:00.');
      // Friday's prayer break, and Saturday untouched (the demo week is open around the clock)
      t.clock.now = at('2026-12-11', 12);
      expect(json(await issue(service)).error).toBe('mall_closed');
      t.clock.now = at('2026-12-11', 13, 30);
      expect((await issue(service)).statusCode).toBe(201);
      t.clock.now = at('2026-12-12', 20);
      expect((await issue(service)).statusCode).toBe(201);

      t.clock.now = MONDAY_9AM;
      expect(ok(await req('DELETE', `${M}/special-days?from=2026-12-07&to=2026-12-31`, admin))).toEqual({ deleted: 5 });
      expect(ok(await req('GET', `${M}/special-days?from=2026-12-07&to=2026-12-13`))).toEqual([]);
    });

    it('refuses bad hours and dates naming the field, past dates, and anyone but the mall admin', async () => {
      const bad = await req('PUT', `${M}/special-days/2026-12-24`, admin, {
        spans: [{ open: '12:00', close: '08:00' }],
        note: 'X',
      });
      expect(bad.statusCode).toBe(400);
      expect(json(bad)).toMatchObject({
        field: 'spans[0].close',
        message: 'Isian "Jam tutup" (spans[0].close) tidak valid: jam tutup harus setelah jam buka',
      });
      const overlap = await req('PUT', `${M}/special-days/2026-12-24`, admin, {
        spans: [
          { open: '08:00', close: '12:00' },
          { open: '11:00', close: '13:00' },
        ],
        note: 'X',
      });
      expect(json(overlap).field).toBe('spans[1].open');
      expect(json(await req('PUT', `${M}/special-days/2026-02-30`, admin, { spans: [], note: '' })).field).toBe('date');
      expect(json(await req('PUT', `${M}/special-days/30-12-2026`, admin, { spans: [], note: '' })).field).toBe('date');
      const backwards = await req('PUT', `${M}/special-days`, admin, {
        from: '2026-12-10',
        to: '2026-12-01',
        spans: [],
        note: '',
      });
      expect(json(backwards).field).toBe('to');
      const long = await req('PUT', `${M}/special-days`, admin, {
        from: '2026-12-01',
        to: '2028-01-01',
        spans: [],
        note: '',
      });
      expect(json(long).field).toBe('to');
      const none = await req('PUT', `${M}/special-days`, admin, {
        from: '2026-12-01',
        to: '2026-12-03',
        weekdays: ['sun'],
        spans: [],
        note: '',
      });
      expect(json(none).field).toBe('weekdays');
      const past = await req('PUT', `${M}/special-days/2026-11-29`, admin, { spans: [], note: 'Kemarin' });
      expect(past.statusCode).toBe(409);
      expect(json(past)).toMatchObject({ error: 'past_date', date: '2026-11-29', today: '2026-11-30' });
      expect(json(await req('DELETE', `${M}/special-days?from=2026-11-01&to=2026-12-31`, admin)).error).toBe(
        'past_date',
      );
      // today itself may still change (an emergency closure)
      ok(
        await req('PUT', `${M}/special-days/2026-11-30`, admin, {
          spans: [{ open: '08:00', close: '12:00' }],
          note: 'Banjir',
        }),
      );
      expect(ok(await req('GET', M)).openNow).toBe(true);
      t.clock.now = MONDAY_9AM + 3 * HOUR;
      expect(ok(await req('GET', M)).openNow).toBe(false);
      t.clock.now = MONDAY_9AM;
      expect((await req('DELETE', `${M}/special-days/2026-11-30`, admin)).statusCode).toBe(204);

      for (const cookie of [dukcapilAdmin, officer, viewer]) {
        expect((await req('PUT', `${M}/special-days/2026-12-24`, cookie, { spans: [], note: '' })).statusCode).toBe(
          403,
        );
      }
      expect((await req('PUT', `${M}/special-days/2026-12-24`, undefined, { spans: [], note: '' })).statusCode).toBe(
        401,
      );
      // reading them is public; by default from today on
      ok(await req('PUT', `${M}/special-days/2026-12-25`, admin, { spans: [], note: 'Hari Raya Natal' }));
      t.clock.now = MONDAY_9AM + 30 * DAY;
      expect(ok<any[]>(await req('GET', `${M}/special-days`)).some((d) => d.date === '2026-12-25')).toBe(false);
      expect(
        ok<any[]>(await req('GET', `${M}/special-days?from=2026-12-01`)).some((d) => d.date === '2026-12-25'),
      ).toBe(true);
    });
  });
});

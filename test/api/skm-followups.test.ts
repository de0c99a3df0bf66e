import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answers, SKM_ELEMENT_KEYS } from '../../src/domain/skm.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const NOV_QUERY = 'from=2026-11-01&to=2026-11-30';
const all = (n: number) => Object.fromEntries(SKM_ELEMENT_KEYS.map((k) => [k, n])) as Answers;
const someone = { sex: 'L', age: 40, education: 'SMA', occupation: 'SWASTA' };

async function pdfText(body: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

describe.each(ENGINES)('SKM follow-up plan and publication on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let viewer: string; // pimpinan
  let agencyAdmin: string; // admin.dindukcapil
  let officer: string; // petugas.dindukcapil
  let otherOfficer: string; // petugas.polres
  let dukcapil: { id: string; name: string; code: string };
  let polres: { id: string; name: string; code: string };
  let svc: { id: string; name: string };

  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string | null, payload?: object) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });
  const FOLLOWUPS = '/api/malls/blora/skm/followups';
  const plan = (over: object = {}) => ({
    ...NOVEMBER,
    agencyId: dukcapil.id,
    element: 'waktu',
    action: 'Tambah satu loket perekaman KTP-el pada jam sibuk',
    owner: 'Kepala Seksi Pelayanan Dindukcapil',
    dueDate: '2027-01-31',
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    viewer = await t.login('pimpinan');
    agencyAdmin = await t.login('admin.dindukcapil');
    officer = await t.login('petugas.dindukcapil');
    otherOfficer = await t.login('petugas.polres');
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    polres = agencies.find((a: any) => a.code === 'polres');
    svc = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dukcapil.id}`))[0];
    const polresService = json(await t.app.inject(`/api/malls/blora/services?agencyId=${polres.id}`))[0];
    // November: two paper questionnaires for Dindukcapil, one for Polres
    for (const [serviceId, answers, date] of [
      [svc.id, all(4), '2026-11-10'],
      [svc.id, all(3), '2026-11-11'],
      [polresService.id, all(2), '2026-11-12'],
    ] as const) {
      const res = await send('POST', '/api/malls/blora/skm/responses', admin, {
        serviceId,
        date,
        answers,
        respondent: someone,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates, lists, updates, marks done and deletes follow-ups, by who may plan for the unit', async () => {
    // an agency's plan: its officer may add it
    const created = await send('POST', FOLLOWUPS, officer, plan());
    expect(created.statusCode, created.body).toBe(201);
    const f = json(created);
    expect(f).toMatchObject({
      unit: 'agency',
      unitId: dukcapil.id,
      agencyId: dukcapil.id,
      serviceId: null,
      from: '2026-11-01',
      to: '2026-11-30',
      element: 'waktu',
      elementName: { id: 'Waktu penyelesaian' },
      action: 'Tambah satu loket perekaman KTP-el pada jam sibuk',
      owner: 'Kepala Seksi Pelayanan Dindukcapil',
      dueDate: '2027-01-31',
      done: false,
      doneAt: null,
      createdAt: t.clock.now,
    });
    expect(f.createdBy).toEqual(expect.any(String));

    // a service's plan by the agency admin; the mall's plan by the mall admin
    const forService = await send(
      'POST',
      FOLLOWUPS,
      agencyAdmin,
      plan({ agencyId: undefined, serviceId: svc.id, element: 'sarana', action: 'Ganti kursi ruang tunggu' }),
    );
    expect(forService.statusCode, forService.body).toBe(201);
    expect(json(forService)).toMatchObject({ unit: 'service', unitId: svc.id, agencyId: dukcapil.id });
    const forMall = await send(
      'POST',
      FOLLOWUPS,
      admin,
      plan({ agencyId: undefined, element: 'pengaduan', action: 'Buka kanal pengaduan WhatsApp' }),
    );
    expect(forMall.statusCode, forMall.body).toBe(201);
    expect(json(forMall)).toMatchObject({ unit: 'mall', agencyId: null, serviceId: null });

    // who may not
    expect((await send('POST', FOLLOWUPS, null, plan())).statusCode).toBe(401);
    expect((await send('POST', FOLLOWUPS, otherOfficer, plan())).statusCode).toBe(403);
    expect((await send('POST', FOLLOWUPS, viewer, plan())).statusCode).toBe(403);
    expect((await send('POST', FOLLOWUPS, officer, plan({ agencyId: undefined }))).statusCode).toBe(403);
    const unknownAgency = await send('POST', FOLLOWUPS, admin, plan({ agencyId: 'nope' }));
    expect(unknownAgency.statusCode).toBe(404);
    expect(json(unknownAgency).error).toBe('agency_not_found');
    expect((await send('POST', FOLLOWUPS, admin, plan({ agencyId: undefined, serviceId: 'nope' }))).statusCode).toBe(
      404,
    );

    // listed per unit and period, public
    const list = json(await get(`${FOLLOWUPS}?${NOV_QUERY}&agencyId=${dukcapil.id}`));
    expect(list).toEqual([f]);
    expect(json(await get(`${FOLLOWUPS}?period=2026-11&serviceId=${svc.id}`)).map((x: any) => x.id)).toEqual([
      json(forService).id,
    ]);
    expect(json(await get(`${FOLLOWUPS}?${NOV_QUERY}`)).map((x: any) => x.id)).toEqual([json(forMall).id]);
    expect(json(await get(`${FOLLOWUPS}?from=2026-10-01&to=2026-10-31&agencyId=${dukcapil.id}`))).toEqual([]);
    expect(json(await get(`${FOLLOWUPS}?${NOV_QUERY}&agencyId=${polres.id}`))).toEqual([]);

    // update, mark done, undo
    const url = `${FOLLOWUPS}/${f.id}`;
    expect((await send('PATCH', url, null, { done: true })).statusCode).toBe(401);
    expect((await send('PATCH', url, otherOfficer, { done: true })).statusCode).toBe(403);
    expect((await send('PATCH', url, viewer, { done: true })).statusCode).toBe(403);
    expect((await send('PATCH', `${FOLLOWUPS}/nope`, admin, { done: true })).statusCode).toBe(404);
    const changed = await send('PATCH', url, agencyAdmin, { owner: 'Sekretaris Dinas', dueDate: '2027-02-28' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(json(changed)).toMatchObject({ owner: 'Sekretaris Dinas', dueDate: '2027-02-28', done: false });
    t.clock.now += 60_000;
    const done = json(await send('PATCH', url, officer, { done: true }));
    expect(done).toMatchObject({ done: true, doneAt: t.clock.now, action: f.action });
    expect(json(await get(`${FOLLOWUPS}?${NOV_QUERY}&agencyId=${dukcapil.id}`))[0]).toMatchObject({
      owner: 'Sekretaris Dinas',
      done: true,
      doneAt: t.clock.now,
    });
    expect(json(await send('PATCH', url, admin, { done: false }))).toMatchObject({ done: false, doneAt: null });

    // delete: archived, gone from the list, 404 after
    expect((await send('DELETE', url, otherOfficer)).statusCode).toBe(403);
    expect((await send('DELETE', url, viewer)).statusCode).toBe(403);
    expect((await send('DELETE', url, null)).statusCode).toBe(401);
    expect((await send('DELETE', url, officer)).statusCode).toBe(204);
    expect(json(await get(`${FOLLOWUPS}?${NOV_QUERY}&agencyId=${dukcapil.id}`))).toEqual([]);
    expect((await send('DELETE', url, admin)).statusCode).toBe(404);
    expect((await send('PATCH', url, admin, { done: true })).statusCode).toBe(404);
  });

  it('refuses a bad element, date or text with a 400 naming the field', async () => {
    const field = async (payload: object, method: 'POST' | 'PATCH' = 'POST', url = FOLLOWUPS) => {
      const res = await send(method, url, admin, payload);
      expect(res.statusCode, res.body).toBe(400);
      return json(res).field;
    };
    expect(await field(plan({ element: 'parkir' }))).toBe('element');
    expect(await field(plan({ element: 'U3' }))).toBe('element');
    expect(await field(plan({ dueDate: '2027-02-30' }))).toBe('dueDate');
    expect(await field(plan({ dueDate: '31-01-2027' }))).toBe('dueDate');
    expect(await field(plan({ action: '   ' }))).toBe('action');
    expect(await field(plan({ owner: '' }))).toBe('owner');
    expect(await field({ ...plan(), action: undefined })).toBe('action');
    expect(await field(plan({ from: '2026-12-01' }))).toBe('from');
    expect(await field(plan({ to: '2026-11-31' }))).toBe('to');

    const f = json(await send('POST', FOLLOWUPS, admin, plan()));
    expect(await field({ dueDate: '2027-13-01' }, 'PATCH', `${FOLLOWUPS}/${f.id}`)).toBe('dueDate');
    expect(await field({ action: ' ' }, 'PATCH', `${FOLLOWUPS}/${f.id}`)).toBe('action');
    expect((await send('PATCH', `${FOLLOWUPS}/${f.id}`, admin, {})).statusCode).toBe(400);
    expect((await send('DELETE', `${FOLLOWUPS}/${f.id}`, admin)).statusCode).toBe(204);
  });

  it('puts the plan in the report JSON and the PDF', async () => {
    const action = 'Pelatihan pelayanan prima bagi petugas loket';
    const f = json(
      await send('POST', FOLLOWUPS, officer, plan({ element: 'perilaku', action, dueDate: '2027-03-15' })),
    );
    const report = json(await get(`/api/malls/blora/skm/report?${NOV_QUERY}&agencyId=${dukcapil.id}`));
    expect(report.followups).toEqual([f]);
    // another unit's plan stays out
    expect(json(await get(`/api/malls/blora/skm/report?${NOV_QUERY}&agencyId=${polres.id}`)).followups).toEqual([]);

    const pdf = await get(`/api/malls/blora/skm/report.pdf?${NOV_QUERY}&agencyId=${dukcapil.id}`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Rencana tindak lanjut');
    expect(text).toContain(action);
    expect(text).toContain('Perilaku pelaksana');
    expect(text).toContain('Kepala Seksi Pelayanan Dindukcapil');
    expect(text).toContain('15 Maret 2027');
  });

  it('publishes a period to citizens with the mall and agency IKM, once, and unpublishes it', async () => {
    const PUBLICATIONS = '/api/malls/blora/skm/publications';
    expect((await send('POST', PUBLICATIONS, null, NOVEMBER)).statusCode).toBe(401);
    expect((await send('POST', PUBLICATIONS, officer, NOVEMBER)).statusCode).toBe(403);
    expect((await send('POST', PUBLICATIONS, agencyAdmin, NOVEMBER)).statusCode).toBe(403);
    expect((await send('POST', PUBLICATIONS, viewer, NOVEMBER)).statusCode).toBe(403);
    const bad = await send('POST', PUBLICATIONS, admin, { from: '2026-11-01', to: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).field).toBe('to');
    expect(json(await get('/api/malls/blora/skm/published'))).toEqual([]);

    const published = await send('POST', PUBLICATIONS, admin, NOVEMBER);
    expect(published.statusCode, published.body).toBe(201);
    const pub = json(published);
    expect(pub).toMatchObject({ ...NOVEMBER, periodLabel: 'November 2026', publishedAt: t.clock.now });
    const october = json(await send('POST', PUBLICATIONS, admin, { from: '2026-10-01', to: '2026-10-31' }));
    const again = await send('POST', PUBLICATIONS, admin, NOVEMBER);
    expect(again.statusCode).toBe(409);
    expect(json(again).error).toBe('already_published');

    const mallAction = 'Sosialisasi kanal pengaduan di ruang tunggu';
    json(await send('POST', FOLLOWUPS, admin, plan({ agencyId: undefined, element: 'pengaduan', action: mallAction })));

    // public, newest first
    const list = json(await get('/api/malls/blora/skm/published'));
    expect(list.map((p: any) => p.id)).toEqual([pub.id, october.id]);
    const [nov, oct] = list;
    const skm = json(await get(`/api/malls/blora/skm?${NOV_QUERY}`));
    expect(skm.ikm).toEqual(expect.any(Number));
    expect(nov.mall).toEqual({ respondents: skm.respondents, ikm: skm.ikm, grade: skm.grade, label: skm.label });
    expect(nov.mall.respondents).toBe(3);
    for (const agency of [dukcapil, polres]) {
      const entry = nov.agencies.find((a: any) => a.id === agency.id);
      const own = json(await get(`/api/malls/blora/skm?${NOV_QUERY}&agencyId=${agency.id}`));
      expect(entry).toEqual({
        id: agency.id,
        name: agency.name,
        code: agency.code,
        respondents: own.respondents,
        ikm: own.ikm,
        grade: own.grade,
        label: own.label,
      });
    }
    expect(nov.agencies.find((a: any) => a.id === dukcapil.id)).toMatchObject({ respondents: 2, ikm: 87.5 });
    expect(nov.agencies.find((a: any) => a.id === polres.id)).toMatchObject({ respondents: 1, ikm: 50, grade: 'D' });
    expect(nov.agencies.filter((a: any) => a.respondents === 0).every((a: any) => a.ikm === null)).toBe(true);
    // the mall-level plan only
    expect(nov.followups.map((f: any) => f.action)).toContain(mallAction);
    expect(nov.followups.every((f: any) => f.unit === 'mall')).toBe(true);
    expect(oct).toMatchObject({ from: '2026-10-01', mall: { respondents: 0, ikm: null }, followups: [] });

    // unpublish
    const url = `${PUBLICATIONS}/${pub.id}`;
    expect((await send('DELETE', url, null)).statusCode).toBe(401);
    expect((await send('DELETE', url, officer)).statusCode).toBe(403);
    expect((await send('DELETE', url, admin)).statusCode).toBe(204);
    expect((await send('DELETE', url, admin)).statusCode).toBe(404);
    expect(json(await get('/api/malls/blora/skm/published')).map((p: any) => p.id)).toEqual([october.id]);
    // and it can be published again
    expect((await send('POST', PUBLICATIONS, admin, NOVEMBER)).statusCode).toBe(201);
  });
});

/**
 * Complaints (issue #14, points 1–3 and 7) through the HTTP contract, on SQLite and PostgreSQL:
 * filed by a citizen (JSON or multipart with photos) or an officer, every step and its refusal,
 * deadlines in working days across holidays, who sees what (anonymous: no contact anywhere;
 * confidential: no identity for the agency; internal notes never for the citizen), the citizen's
 * added information and rating, the export for SP4N-LAPOR!, the evaluation's figures.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

/** A multipart/form-data body of text fields and files, as a browser's form sends it. */
function multipart(fields: Record<string, string>, files: { name: string; type: string; bytes: Buffer }[]) {
  const boundary = '----loket-test-boundary';
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
    );
    chunks.push(f.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A photo as a phone takes it: with the place it was taken in its EXIF. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Cheap 1', Artist: 'Siti Aminah' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 58/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '111/1 25/1 0/1' },
    })
    .toBuffer();
}

describe.each(ENGINES)('complaints on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let otherOfficer: string;
  let viewer: string;
  let agencyAdmin: string;
  let dukcapil: { id: string; name: string };
  let polres: { id: string };
  let serviceId: string;

  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, ...(cookie ? { headers: { cookie } } : {}) });
  const file = (payload: object, cookie?: string) => post('/api/malls/blora/complaints', payload, cookie);
  const step = (id: string, payload: object, cookie = admin) =>
    post(`/api/malls/blora/complaints/${id}/status`, payload, cookie);
  const get = (id: string, cookie = admin) =>
    t.app.inject({ url: `/api/malls/blora/complaints/${id}`, headers: { cookie } });
  const page = async (token: string) => json(await t.app.inject(`/api/complaints/${token}`));
  const count = async (table: 'complaints' | 'complaint_events' | 'complaint_photos' | 'outbox') =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const story = 'Petugas loket meminta uang tambahan untuk mempercepat pembuatan KK saya.';
  const signIn = async () => {
    admin = await t.login('admin');
    officer = await t.login('petugas.dindukcapil');
    otherOfficer = await t.login('petugas.polres');
    viewer = await t.login('pimpinan');
    agencyAdmin = await t.login('admin.dindukcapil');
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    await signIn();
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    polres = agencies.find((a: any) => a.code === 'polres');
    serviceId = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dukcapil.id}`))[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('takes a complaint from the portal, gives a code and a page, and tells the citizen', async () => {
    const res = await file({
      kind: 'pengaduan',
      title: 'Pungutan di loket KK',
      story: `${story} NIK saya 3316012345678901, HP 081234567890.`,
      category: 'biaya_pungli',
      eventDate: '2026-11-27',
      eventPlace: 'Loket 2',
      agencyId: dukcapil.id,
      serviceId,
      name: 'Budi',
      phone: '0812-9999-1111',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = json(res);
    // received Monday 30 November: 3 working days → Thursday 3 December
    expect(created).toMatchObject({ status: 'diterima', dueDate: '2026-12-03' });
    expect(created.code).toMatch(/^K\d{8}$/);
    const view = await page(created.token);
    expect(view).toMatchObject({
      code: created.code,
      kind: 'pengaduan',
      category: 'biaya_pungli',
      status: 'diterima',
      dueDate: '2026-12-03',
      overdue: false,
      canRate: false,
      canAddInfo: true,
      history: [{ type: 'step', status: 'diterima', dueDate: '2026-12-03' }],
    });
    expect(JSON.stringify(view)).not.toContain('Budi');
    // the story is kept with the NIK and the phone number masked
    const row = await t.ctx.database.db
      .selectFrom('complaints')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.story).toContain('3316********8901');
    expect(row.story).not.toContain('3316012345678901');
    expect(row.story).not.toContain('081234567890');
    const sent = await t.ctx.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('event_key', '=', `complaint:${created.id}:diterima`)
      .execute();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain(created.code);
  });

  it('takes a complaint from the QR at a counter, about that counter and its agency', async () => {
    const counters = json(await t.app.inject('/api/malls/blora/counters'));
    const counter = counters.find((c: any) => c.agencyId === dukcapil.id);
    const qr = await t.app.inject(`/api/malls/blora/counters/${counter.id}/complaint-qr.svg`);
    expect(qr.statusCode).toBe(200);
    expect(qr.body).toContain('<svg');
    expect((await t.app.inject('/api/malls/blora/counters/nope/complaint-qr.svg')).statusCode).toBe(404);
    const created = json(await file({ kind: 'aspirasi', title: 'Loket ini ramah', story, counterId: counter.id }));
    const staffView = json(await get(created.id));
    expect(staffView).toMatchObject({ source: 'counter', agencyId: dukcapil.id, counterName: counter.name });
  });

  it('refuses bad input with what was wrong, writing nothing', async () => {
    const before = await Promise.all([count('complaints'), count('complaint_events'), count('outbox')]);
    const cases: [object, number, string][] = [
      [{ kind: 'pengaduan', title: 'x', story }, 400, 'title'],
      [{ kind: 'gosip', title: 'Judul yang cukup', story }, 400, 'kind'],
      [{ kind: 'pengaduan', title: 'Judul yang cukup', story, phone: '12345' }, 400, 'phone'],
      [{ kind: 'pengaduan', title: 'Judul yang cukup', story, eventDate: '2027-01-01' }, 400, 'eventDate'],
      [{ kind: 'pengaduan', title: 'Judul yang cukup', story, agencyId: 'no-such-agency' }, 404, ''],
      [{ kind: 'pengaduan', title: 'Judul yang cukup', story, ticketToken: 'no-such-ticket' }, 404, ''],
    ];
    for (const [payload, status, field] of cases) {
      const res = await file(payload);
      expect(res.statusCode, res.body).toBe(status);
      if (field) expect(json(res).field).toBe(field);
      expect(json(res).message).toBeTruthy();
    }
    expect(await Promise.all([count('complaints'), count('complaint_events'), count('outbox')])).toEqual(before);
  });

  it('goes verified → sent to the agency → answered → done, each step by whom it belongs to, others refused', async () => {
    const created = json(
      await file({ kind: 'pengaduan', title: 'Antrian KK terlalu lama', story, agencyId: dukcapil.id, name: 'Ani' }),
    );
    // a step the status does not allow: 409 naming the allowed ones
    const early = await step(created.id, { status: 'selesai' });
    expect(early.statusCode).toBe(409);
    expect(json(early).error).toBe('invalid_complaint_step');
    // verification is the mall's, not an agency's
    expect((await step(created.id, { status: 'terverifikasi' }, officer)).statusCode).toBe(404); // not sent to it yet
    expect((await step(created.id, { status: 'terverifikasi', track: 7 })).statusCode).toBe(400);
    const verified = await step(created.id, { status: 'terverifikasi', track: 14 });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(json(verified)).toMatchObject({ status: 'terverifikasi', track: 14 });
    expect((await step(created.id, { status: 'didisposisi' })).statusCode).toBe(400); // which agency?
    const sent = json(
      await step(created.id, { status: 'didisposisi', agencyId: dukcapil.id, internalNote: 'Cek CCTV' }),
    );
    // 14 working days from Mon 30 Nov: 1–4 Dec, 7–11, 14–18 (14th: Fri 18 Dec)
    expect(sent).toMatchObject({ status: 'didisposisi', dueDate: '2026-12-18', disposedAgencyId: dukcapil.id });
    // the agency sees it now; another agency does not, and a viewer cannot act
    expect((await get(created.id, officer)).statusCode).toBe(200);
    expect((await get(created.id, otherOfficer)).statusCode).toBe(404);
    expect((await step(created.id, { status: 'ditindaklanjuti', note: 'x' }, otherOfficer)).statusCode).toBe(404);
    expect((await step(created.id, { status: 'ditindaklanjuti', note: 'Jawaban' }, viewer)).statusCode).toBe(403);
    expect((await step(created.id, { status: 'ditindaklanjuti' }, officer)).statusCode).toBe(400); // the answer
    // postponed to a date after today, then answered
    expect((await step(created.id, { status: 'tunda', note: 'Menunggu rekaman' }, officer)).statusCode).toBe(400);
    const postponed = await step(
      created.id,
      { status: 'tunda', note: 'Menunggu rekaman CCTV', dueDate: '2026-12-22' },
      officer,
    );
    expect(json(postponed)).toMatchObject({ status: 'tunda', dueDate: '2026-12-22' });
    const answered = await step(
      created.id,
      { status: 'ditindaklanjuti', note: 'Petugas sudah ditegur dan antrian ditambah satu loket.' },
      officer,
    );
    expect(json(answered)).toMatchObject({ status: 'ditindaklanjuti', answeredDate: '2026-11-30', dueDate: null });
    expect((await step(created.id, { status: 'selesai' }, agencyAdmin)).statusCode).toBe(200);
    expect((await step(created.id, { status: 'tunda', note: 'x', dueDate: '2026-12-30' }, officer)).statusCode).toBe(
      409,
    );

    // the citizen reads every step with its public note, never the internal one
    const view = await page(created.token);
    expect(view.history.map((h: any) => h.status)).toEqual([
      'diterima',
      'terverifikasi',
      'didisposisi',
      'tunda',
      'ditindaklanjuti',
      'selesai',
    ]);
    expect(view.history[2].agencyName).toBe(dukcapil.name);
    expect(view.history[4].note).toContain('ditegur');
    expect(JSON.stringify(view)).not.toContain('Cek CCTV');
    const staffView = json(await get(created.id));
    expect(staffView.history.some((h: any) => h.internalNote === 'Cek CCTV')).toBe(true);
    // each step told to the citizen (no contact here: name only, so nothing queued)
    expect(
      await t.ctx.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('event_key', 'like', `complaint:${created.id}%`)
        .execute(),
    ).toHaveLength(0);
  });

  it('lets two staff members racing for one step have it once', async () => {
    const created = json(await file({ kind: 'aspirasi', title: 'Tambah kursi tunggu', story }));
    const [a, b] = await Promise.all([
      step(created.id, { status: 'terverifikasi' }),
      step(created.id, { status: 'ditolak', note: 'Duplikat' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events = await t.ctx.database.db
      .selectFrom('complaint_events')
      .selectAll()
      .where('complaint_id', '=', created.id)
      .execute();
    expect(events).toHaveLength(2);
  });

  it('counts deadlines in working days across Christmas, the cuti bersama the mall entered, and a weekend', async () => {
    const put = (date: string, note: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/malls/blora/special-days/${date}`,
        headers: { cookie: admin },
        payload: { spans: [], note },
      });
    expect((await put('2026-12-24', 'Cuti bersama Natal')).statusCode).toBeLessThan(300);
    const saved = t.clock.now;
    // Tuesday 22 December 2026: Wed 23 counts, Thu 24 (cuti bersama), Fri 25 (Natal), Sat, Sun do not
    t.clock.now = Date.UTC(2026, 11, 22, 2, 0, 0);
    try {
      await signIn();
      const created = json(await file({ kind: 'pengaduan', title: 'Toilet rusak', story }));
      expect(created.dueDate).toBe('2026-12-29');
      await step(created.id, { status: 'terverifikasi' });
      const sent = json(await step(created.id, { status: 'didisposisi', agencyId: polres.id }));
      // 5 working days from Tue 22 Dec: 23, 28, 29, 30, 31
      expect(sent.dueDate).toBe('2026-12-31');
      // overdue the working day after, on the staff list first
      t.clock.now = Date.UTC(2027, 0, 4, 2, 0, 0);
      await signIn();
      const list = json(await t.app.inject({ url: '/api/malls/blora/complaints', headers: { cookie: admin } }));
      expect(list.find((c: any) => c.id === created.id)).toMatchObject({ overdue: true, dueDate: '2026-12-31' });
      const firstOnTime = list.findIndex((c: any) => !c.overdue);
      expect(list.slice(firstOnTime === -1 ? list.length : firstOnTime).some((c: any) => c.overdue)).toBe(false);
      expect((await page(created.token)).overdue).toBe(true);
    } finally {
      t.clock.now = saved;
      await signIn();
    }
  });

  it('keeps no contact of an anonymous complaint anywhere, even one an officer files', async () => {
    const ticket = json(await post('/api/malls/blora/tickets', { serviceId }));
    await t.app.inject({
      method: 'PUT',
      url: `/api/tickets/${ticket.token}/contact`,
      payload: { phone: '0813-7777-6666' },
    });
    const res = await file(
      {
        kind: 'pengaduan',
        title: 'Perilaku petugas',
        story,
        anonymous: true,
        ticketToken: ticket.token,
        name: 'Rahasia Sekali',
        phone: '0813-7777-6666',
        email: 'warga@example.id',
      },
      officer,
    );
    expect(res.statusCode, res.body).toBe(201);
    const { id } = json(res);
    await t.app.auditIdle();
    const db = t.ctx.database.db;
    const row = await db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ anonymous: 1, name: null, phone: null, email: null, ticket_id: null, source: 'staff' });
    // still about that visit's service
    expect(row.service_id).toBe(serviceId);
    const everywhere = JSON.stringify([
      row,
      await db.selectFrom('complaint_events').selectAll().where('complaint_id', '=', id).execute(),
      await db.selectFrom('outbox').selectAll().where('event_key', 'like', `complaint:${id}%`).execute(),
      await db.selectFrom('audit_log').selectAll().where('action', 'like', '%complaint%').execute(),
    ]);
    for (const trace of ['Rahasia Sekali', '7777', 'warga@example.id']) expect(everywhere).not.toContain(trace);
    const audited = await db.selectFrom('audit_log').selectAll().where('action', 'like', '%complaint%').execute();
    expect(audited.length).toBeGreaterThan(0);
  });

  it('shows the identity of a confidential complaint to the mall, never to the agency', async () => {
    const created = json(
      await file({
        kind: 'pengaduan',
        title: 'Pungli di loket',
        story,
        confidential: true,
        name: 'Dewi',
        phone: '0857-1234-5678',
      }),
    );
    await step(created.id, { status: 'terverifikasi' });
    await step(created.id, { status: 'didisposisi', agencyId: dukcapil.id });
    const forMall = json(await get(created.id, admin));
    expect(forMall).toMatchObject({ name: 'Dewi', confidential: true, identityHidden: false });
    expect(forMall.phoneMasked).toMatch(/^0857/);
    const forAgency = json(await get(created.id, officer));
    expect(forAgency).toMatchObject({ name: null, phoneMasked: null, emailMasked: null, identityHidden: true });
    const listed = json(await t.app.inject({ url: '/api/malls/blora/complaints', headers: { cookie: officer } }));
    const mine = listed.find((c: any) => c.id === created.id);
    expect(mine.name).toBeNull();
    expect(JSON.stringify(listed)).not.toContain('Dewi');
  });

  it('takes the citizen’s added information while open, and one rating once answered', async () => {
    const created = json(await file({ kind: 'permintaan_informasi', title: 'Syarat paspor anak', story }));
    const info = await post(`/api/complaints/${created.token}/info`, { text: 'Anak saya berumur 5 tahun.' });
    expect(info.statusCode, info.body).toBe(200);
    expect(json(info).history.at(-1)).toMatchObject({ type: 'info', note: 'Anak saya berumur 5 tahun.' });
    expect((await post(`/api/complaints/${created.token}/rating`, { score: 5 })).statusCode).toBe(409);
    await step(created.id, { status: 'terverifikasi' });
    await step(created.id, { status: 'didisposisi', agencyId: dukcapil.id });
    await step(created.id, { status: 'ditindaklanjuti', note: 'Syaratnya akta lahir dan KK.' }, officer);
    expect((await post(`/api/complaints/${created.token}/rating`, { score: 9 })).statusCode).toBe(400);
    const rated = await post(`/api/complaints/${created.token}/rating`, { score: 4, comment: 'Cukup jelas' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(json(rated)).toMatchObject({ rating: 4, canRate: false });
    expect((await post(`/api/complaints/${created.token}/rating`, { score: 1 })).statusCode).toBe(409);
    await step(created.id, { status: 'selesai' });
    expect((await post(`/api/complaints/${created.token}/info`, { text: 'Satu lagi' })).statusCode).toBe(409);
    expect((await t.app.inject('/api/complaints/no-such-token')).statusCode).toBe(404);
  });

  it('keeps photos re-encoded without their location, and refuses a script named .jpg', async () => {
    const original = await photoWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const before = await Promise.all([count('complaints'), count('complaint_photos')]);
    const script = Buffer.from('#!/bin/sh\nrm -rf /\n');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/complaints',
      ...multipart({ kind: 'pengaduan', title: 'Foto kerusakan', story }, [
        { name: 'foto.jpg', type: 'image/jpeg', bytes: script },
      ]),
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(json(refused).message).toContain('foto.jpg');
    const four = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/complaints',
      ...multipart(
        { kind: 'pengaduan', title: 'Foto kerusakan', story },
        [1, 2, 3, 4].map((i) => ({ name: `f${i}.jpg`, type: 'image/jpeg', bytes: original })),
      ),
    });
    expect(four.statusCode).toBe(400);
    expect(await Promise.all([count('complaints'), count('complaint_photos')])).toEqual(before);

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/complaints',
      ...multipart({ kind: 'pengaduan', title: 'Foto kerusakan', story, anonymous: 'true' }, [
        { name: 'IMG_0001.jpg', type: 'image/jpeg', bytes: original },
      ]),
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = json(res);
    expect((await page(created.token)).photos).toBe(1);
    const staffView = json(await get(created.id));
    expect(staffView.anonymous).toBe(true);
    const photo = await t.app.inject({
      url: `/api/malls/blora/complaints/${created.id}/photos/${staffView.photoIds[0]}`,
      headers: { cookie: admin },
    });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(photo.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(64);
    expect(photo.rawPayload.includes(Buffer.from('Siti Aminah'))).toBe(false);
    // only to who may see the complaint
    expect(
      (await t.app.inject(`/api/malls/blora/complaints/${created.id}/photos/${staffView.photoIds[0]}`)).statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          url: `/api/malls/blora/complaints/${created.id}/photos/${staffView.photoIds[0]}`,
          headers: { cookie: officer },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('exports a period for SP4N-LAPOR! as JSON and CSV, to the mall admin only, with the LAPOR! number', async () => {
    const created = json(await file({ kind: 'pengaduan', title: 'Parkir, "liar" di depan MPP', story }));
    expect(
      (await post(`/api/malls/blora/complaints/${created.id}/lapor`, { trackingNumber: 'LAPOR-123456' }, admin))
        .statusCode,
    ).toBe(200);
    expect(
      (await post(`/api/malls/blora/complaints/${created.id}/lapor`, { trackingNumber: 'X-1' }, officer)).statusCode,
    ).toBe(403);
    const url = '/api/malls/blora/complaints/export?from=2026-11-30&to=2026-11-30';
    const rows = json(await t.app.inject({ url, headers: { cookie: admin } }));
    const row = rows.find((r: any) => r.code === created.code);
    expect(row).toMatchObject({
      judul: 'Parkir, "liar" di depan MPP',
      klasifikasi: 'pengaduan',
      anonim: false,
      rahasia: false,
      lampiran: 0,
      status: 'diterima',
      nomorLapor: 'LAPOR-123456',
      tanggalDiterima: '2026-11-30',
    });
    const anonymousWithPhoto = rows.find((r: any) => r.judul === 'Foto kerusakan' && r.lampiran === 1);
    expect(anonymousWithPhoto.anonim).toBe(true);
    const csv = await t.app.inject({ url: `${url}&format=csv`, headers: { cookie: admin } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('"Parkir, ""liar"" di depan MPP"');
    expect(csv.body.split('\r\n')[0]).toContain('judul,isi');
    expect((await t.app.inject({ url, headers: { cookie: agencyAdmin } })).statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          url: '/api/malls/blora/complaints/export?from=2026-12-01&to=2026-11-01',
          headers: { cookie: admin },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('gives the evaluation complaints per agency, answered within the deadline, and the ratings', async () => {
    const res = await t.app.inject({
      url: '/api/malls/blora/performance/complaints?from=2026-11-30&to=2026-11-30',
      headers: { cookie: viewer },
    });
    expect(res.statusCode, res.body).toBe(200);
    const f = json(res);
    const rows = await t.ctx.database.db
      .selectFrom('complaints')
      .selectAll()
      .where('received_date', '=', '2026-11-30')
      .execute();
    expect(f.received).toBe(rows.length);
    expect(f.answered).toBe(rows.filter((r) => r.answered_date !== null).length);
    expect(f.answered).toBeGreaterThanOrEqual(2);
    expect(f.answeredInTime).toBe(f.answered); // both answered the same day
    expect(f.ratings).toBe(1);
    expect(f.meanRating).toBe(4);
    const agency = f.agencies.find((a: any) => a.agencyId === dukcapil.id);
    expect(agency.answered).toBe(f.answered);
    expect(
      (await t.app.inject({ url: '/api/malls/blora/performance/complaints', headers: { cookie: officer } })).statusCode,
    ).toBe(403);
  });
});

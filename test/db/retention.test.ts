/**
 * Personal data (issue #6 point 7): a NIK or phone number written into a suggestion is masked
 * before it is stored; after the retention period the personal fields of old records go and the
 * statistics (the IKM and its respondent profile, who did what in the audit trail) stay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeOldPersonalData } from '../../src/server/modules/retention/retention.js';
import { json, MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const DAY = 86_400_000;
const ANSWERS = {
  persyaratan: 4,
  prosedur: 3,
  waktu: 3,
  biaya: 4,
  produk: 3,
  kompetensi: 4,
  perilaku: 4,
  pengaduan: 2,
  sarana: 3,
};

describe.each(ENGINES)('personal data on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let serviceId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    serviceId = json(await t.app.inject('/api/malls/blora/services?q=ktp'))[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const paper = async (suggestion: string, date: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/skm/responses',
      headers: { cookie: admin },
      payload: {
        serviceId,
        date,
        answers: ANSWERS,
        respondent: { sex: 'L', age: 41, education: 'SMA', occupation: 'SWASTA' },
        suggestion,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const suggestions = async () =>
    (
      await t.ctx.database.db
        .selectFrom('skm_responses')
        .select(['suggestion', 'created_at'])
        .orderBy('created_at')
        .execute()
    ).map((r) => r.suggestion);

  it('masks a NIK or phone number written into a suggestion before storing it', async () => {
    await paper('Antrean lama. NIK saya 3316012345670001, hubungi 0812-3456-7890 ya', '2026-11-30');
    expect(await suggestions()).toEqual(['Antrean lama. NIK saya 3316********0001, hubungi 0812-****-7890 ya']);
  });

  it('removes the personal fields of old records after the retention period and keeps the statistics', async () => {
    t.clock.now = MONDAY_9AM + 400 * DAY;
    admin = await t.login('admin');
    await paper('Ruang tunggu nyaman', '2027-12-31');
    const ikm = async () =>
      json(
        await t.app.inject({
          url: '/api/malls/blora/skm/report?from=2026-01-01&to=2027-12-31',
          headers: { cookie: admin },
        }),
      );
    const before = await ikm();
    const db = t.ctx.database.db;
    const oldAudit = await db
      .selectFrom('audit_log')
      .select('id')
      .where('at', '<', MONDAY_9AM + DAY)
      .execute();
    expect(oldAudit.length).toBeGreaterThan(0);

    // an old booking with its messages, and an old ticket with a number left on it
    t.clock.now = MONDAY_9AM;
    const rules = await t.app.inject({
      method: 'PUT',
      url: `/api/malls/blora/admin/services/${serviceId}/booking`,
      headers: { cookie: await t.login('admin') },
      payload: {
        enabled: true,
        slotMinutes: 30,
        capacity: 4,
        walkInShare: 0.5,
        daysAhead: 7,
        opensAt: '06:00',
        checkInBeforeMinutes: 30,
        checkInAfterMinutes: 15,
        askNik: false,
      },
    });
    expect(rules.statusCode, rules.body).toBe(200);
    const booking = await t.app.inject({
      method: 'POST',
      url: '/api/malls/blora/bookings',
      payload: {
        serviceId,
        date: '2026-11-30',
        start: '10:00',
        name: 'Siti Aminah',
        phone: '081234567890',
        email: 's@example.test',
      },
    });
    expect(booking.statusCode, booking.body).toBe(201);
    const ticket = json(
      await t.app.inject({ method: 'POST', url: '/api/malls/blora/tickets', payload: { serviceId } }),
    );
    const contact = await t.app.inject({
      method: 'PUT',
      url: `/api/tickets/${ticket.token}/contact`,
      payload: { phone: '081298765432' },
    });
    expect(contact.statusCode, contact.body).toBe(200);
    await t.app.outboxWorker.runOnce();
    t.clock.now = MONDAY_9AM + 400 * DAY;

    const result = await removeOldPersonalData(db, MONDAY_9AM + 731 * DAY, 730);
    expect(result.bookings).toBe(1);
    expect(result.ticketContacts).toBe(1);
    expect(result.messages).toBeGreaterThan(0);
    const kept = await db.selectFrom('bookings').selectAll().executeTakeFirstOrThrow();
    expect(kept).toMatchObject({
      name: '',
      phone: '',
      email: null,
      nik_masked: null,
      date: '2026-11-30',
      start: '10:00',
    });
    expect(await db.selectFrom('ticket_contacts').selectAll().execute()).toEqual([]);
    // the reminders not yet due stay until they go or are cancelled
    expect((await db.selectFrom('outbox').select('status').execute()).every((m) => m.status === 'pending')).toBe(true);
    expect(result.suggestions).toBe(1);
    expect(result.auditEntries).toBeGreaterThanOrEqual(oldAudit.length);
    expect(await suggestions()).toEqual([null, 'Ruang tunggu nyaman']);
    const cleared = await db
      .selectFrom('audit_log')
      .select(['actor_username', 'action', 'ip', 'user_agent', 'detail'])
      .where('at', '<', MONDAY_9AM + DAY)
      .execute();
    expect(cleared.every((e) => e.ip === null && e.user_agent === null && e.detail === null)).toBe(true);
    expect(cleared.some((e) => e.actor_username === 'admin' && e.action.length > 0)).toBe(true);
    const recent = await db
      .selectFrom('audit_log')
      .select('ip')
      .where('at', '>', MONDAY_9AM + 399 * DAY)
      .execute();
    expect(recent.some((e) => e.ip !== null)).toBe(true);

    const after = await ikm();
    expect(after.ikm).toBe(before.ikm);
    expect(after.respondents).toBe(2);
    expect(after.profile).toEqual(before.profile);
    expect(after.suggestions.total).toBe(1);
    // again: nothing more to clear
    expect(await removeOldPersonalData(db, MONDAY_9AM + 731 * DAY, 730)).toMatchObject({
      suggestions: 0,
      auditEntries: 0,
      bookings: 0,
      ticketContacts: 0,
      messages: 0,
    });
  });

  it('removes the contact of closed complaints and answered questions, keeping the open ones', async () => {
    t.clock.now = MONDAY_9AM;
    admin = await t.login('admin');
    const file = async (name: string) =>
      json(
        await t.app.inject({
          method: 'POST',
          url: '/api/malls/blora/complaints',
          payload: {
            kind: 'pengaduan',
            title: 'Antrean terlalu lama',
            story: 'Saya menunggu dua jam di loket.',
            name,
            phone: '0812-5555-6666',
          },
        }),
      );
    const closed = await file('Rina Tertutup');
    const open = await file('Rudi Terbuka');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/complaints/${closed.id}/status`,
      headers: { cookie: admin },
      payload: { status: 'ditolak', note: 'Duplikat' },
    });
    expect(refused.statusCode, refused.body).toBe(200);
    const asked = json(
      await t.app.inject({
        method: 'POST',
        url: `/api/malls/blora/services/${serviceId}/questions`,
        payload: { question: 'Apakah perlu membawa KK asli?', email: 'tanya@example.test' },
      }),
    );
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/malls/blora/questions/${asked.id}/answer`,
      headers: { cookie: admin },
      payload: { answer: 'Ya, bawa KK asli.' },
    });
    expect(answered.statusCode, answered.body).toBe(200);

    const db = t.ctx.database.db;
    const result = await removeOldPersonalData(db, MONDAY_9AM + 731 * DAY, 730);
    expect(result).toMatchObject({ complaintContacts: 1, questionContacts: 1 });
    const rows = await db.selectFrom('complaints').select(['id', 'name', 'phone', 'title', 'status']).execute();
    expect(rows.find((r) => r.id === closed.id)).toMatchObject({ name: null, phone: null, status: 'ditolak' });
    expect(rows.find((r) => r.id === open.id)?.name).toBe('Rudi Terbuka');
    const question = await db
      .selectFrom('consultations')
      .selectAll()
      .where('id', '=', asked.id)
      .executeTakeFirstOrThrow();
    expect(question).toMatchObject({ email: null, answer: 'Ya, bawa KK asli.' });
  });
});

/**
 * Consultation before coming (issue #14, point 5) on SQLite and PostgreSQL: a citizen asks about a
 * service, its agency answers (the asker told through the outbox), the answer published as the
 * service's FAQ; another agency can neither see nor answer it; bad input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

describe.each(ENGINES)('consultation on %s', (engine) => {
  let t: TestApp;
  let officer: string;
  let otherOfficer: string;
  let viewer: string;
  let serviceId: string;

  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, ...(cookie ? { headers: { cookie } } : {}) });
  const count = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('consultations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    officer = await t.login('petugas.imigrasi');
    otherOfficer = await t.login('petugas.samsat');
    viewer = await t.login('pimpinan');
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const imigrasi = agencies.find((a: any) => a.code === 'imigrasi');
    serviceId = json(await t.app.inject(`/api/malls/blora/services?agencyId=${imigrasi.id}`))[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('takes a question, lets its agency answer and publish it as the FAQ, and tells the asker', async () => {
    const asked = await post(`/api/malls/blora/services/${serviceId}/questions`, {
      question: 'Apakah anak umur 5 tahun perlu datang sendiri untuk paspor? HP saya 081234567890',
      phone: '0812-3456-7890',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const { id, token } = json(asked);
    const mine = json(await t.app.inject(`/api/questions/${token}`));
    expect(mine).toMatchObject({ status: 'open', answer: null, serviceId });
    expect(mine.question).toContain('0812****7890');

    const open = json(await t.app.inject({ url: '/api/malls/blora/questions', headers: { cookie: officer } }));
    expect(open.map((q: any) => q.id)).toContain(id);
    const other = json(await t.app.inject({ url: '/api/malls/blora/questions', headers: { cookie: otherOfficer } }));
    expect(other.map((q: any) => q.id)).not.toContain(id);
    expect((await post(`/api/malls/blora/questions/${id}/answer`, { answer: 'x y' }, otherOfficer)).statusCode).toBe(
      404,
    );
    expect((await post(`/api/malls/blora/questions/${id}/answer`, { answer: 'Ya' }, viewer)).statusCode).toBe(403);
    // not in the FAQ until answered
    expect((await post(`/api/malls/blora/questions/${id}/publish`, { published: true }, officer)).statusCode).toBe(409);
    expect(json(await t.app.inject(`/api/malls/blora/services/${serviceId}/faq`))).toEqual([]);

    const answered = await post(
      `/api/malls/blora/questions/${id}/answer`,
      { answer: 'Ya, anak wajib hadir untuk foto dan sidik jari, didampingi orang tua.', publish: true },
      officer,
    );
    expect(answered.statusCode, answered.body).toBe(200);
    expect(json(answered)).toMatchObject({ status: 'answered', published: true, contact: true });
    expect(json(await t.app.inject(`/api/questions/${token}`)).answer).toContain('didampingi');
    const faq = json(await t.app.inject(`/api/malls/blora/services/${serviceId}/faq`));
    expect(faq).toHaveLength(1);
    expect(faq[0].answer).toContain('didampingi');
    const told = await t.ctx.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('event_key', '=', `question:${id}:answered`)
      .execute();
    expect(told).toHaveLength(1);
    // a corrected answer is not told twice; taken out of the FAQ on request
    await post(
      `/api/malls/blora/questions/${id}/answer`,
      { answer: 'Ya, anak wajib hadir bersama orang tua.' },
      officer,
    );
    expect(
      await t.ctx.database.db.selectFrom('outbox').selectAll().where('event_key', 'like', `question:${id}%`).execute(),
    ).toHaveLength(1);
    expect((await post(`/api/malls/blora/questions/${id}/publish`, { published: false }, officer)).statusCode).toBe(
      200,
    );
    expect(json(await t.app.inject(`/api/malls/blora/services/${serviceId}/faq`))).toEqual([]);
  });

  it('refuses bad input with what was wrong, writing nothing', async () => {
    const before = await count();
    const short = await post(`/api/malls/blora/services/${serviceId}/questions`, { question: 'Apa?' });
    expect(short.statusCode).toBe(400);
    expect(json(short).field).toBe('question');
    const phone = await post(`/api/malls/blora/services/${serviceId}/questions`, {
      question: 'Berapa lama pembuatan paspor?',
      phone: '123',
    });
    expect(phone.statusCode).toBe(400);
    expect(json(phone).field).toBe('phone');
    const unknown = await post('/api/malls/blora/services/no-such-service/questions', {
      question: 'Berapa lama pembuatan paspor?',
    });
    expect(unknown.statusCode).toBe(404);
    expect((await t.app.inject('/api/questions/no-such-token')).statusCode).toBe(404);
    expect(await count()).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answers, computeIkm, requiredSample, SKM_ELEMENT_KEYS, sumAnswers } from '../../src/domain/skm.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const TODAY = '2026-11-30'; // MONDAY_9AM in Blora

const answers = (values: number[]): Answers =>
  Object.fromEntries(SKM_ELEMENT_KEYS.map((k, i) => [k, values[i]])) as Answers;
const ALL_FOUR = answers([4, 4, 4, 4, 4, 4, 4, 4, 4]);
const respondent = { sex: 'P', age: 34, education: 'SMA', occupation: 'WIRAUSAHA' };

describe.each(ENGINES)('SKM API on %s', (engine) => {
  let t: TestApp;
  let officer: string; // petugas.dindukcapil
  let agencyAdmin: string; // admin.dindukcapil
  let otherOfficer: string; // petugas.polres
  let admin: string;
  let dukcapil: { id: string };
  let polres: { id: string };
  let svcA: string; // only the report test uses it, so its numbers are known
  let svcB: string;
  let counterA: string;
  let counterB: string;

  const post = (url: string, cookie: string | null, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const issue = async (serviceId: string): Promise<{ id: string; token: string }> => {
    const res = await post('/api/malls/blora/tickets', null, { serviceId });
    expect(res.statusCode).toBe(201);
    return json(res);
  };
  /** issue a ticket and take it through call, start and finish at the counter */
  const serve = async (serviceId: string, counterId: string) => {
    const ticket = await issue(serviceId);
    expect((await post(`/api/malls/blora/counters/${counterId}/call`, admin, { ticketId: ticket.id })).statusCode).toBe(
      200,
    );
    expect((await post(`/api/malls/blora/tickets/${ticket.id}/start`, admin)).statusCode).toBe(200);
    expect((await post(`/api/malls/blora/tickets/${ticket.id}/finish`, admin)).statusCode).toBe(200);
    return ticket;
  };
  const survey = (token: string, body: object) => post(`/api/tickets/${token}/survey`, null, body);
  const report = async (query: string) => {
    const res = await t.app.inject(`/api/malls/blora/skm?${query}`);
    expect(res.statusCode).toBe(200);
    return json(res);
  };
  const countResponses = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('skm_responses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    officer = await t.login('petugas.dindukcapil');
    agencyAdmin = await t.login('admin.dindukcapil');
    otherOfficer = await t.login('petugas.polres');
    admin = await t.login('admin');
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    polres = agencies.find((a: any) => a.code === 'polres');
    const counters: { id: string; agencyId: string; serviceIds: string[] }[] = json(
      await t.app.inject('/api/malls/blora/counters'),
    );
    const services = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dukcapil.id}`)).filter(
      (s: any) => (s.dailyQuota === null || s.dailyQuota >= 20) && counters.some((c) => c.serviceIds.includes(s.id)),
    );
    svcA = services[0].id;
    svcB = services[1].id;
    counterA = counters.find((c) => c.serviceIds.includes(svcA))!.id;
    counterB = counters.find((c) => c.serviceIds.includes(svcB))!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('takes one survey per finished ticket, and stores it by element with the ticket’s unit', async () => {
    const ticket = await serve(svcB, counterB);
    const body = { answers: answers([3, 4, 2, 4, 3, 3, 4, 2, 3]), respondent, suggestion: '  Ruang tunggu panas  ' };
    const res = await survey(ticket.token, body);
    expect(res.statusCode).toBe(201);
    const created = json(res);
    expect(created).toEqual({ id: expect.any(String), source: 'ticket', serviceId: svcB, serviceDate: TODAY });

    const row = await t.ctx.database.db
      .selectFrom('skm_responses')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    const served = await t.ctx.database.db
      .selectFrom('tickets')
      .select(['counter_id', 'officer_id'])
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      ticket_id: ticket.id,
      service_id: svcB,
      agency_id: dukcapil.id,
      counter_id: counterB,
      officer_id: served.officer_id,
      service_date: TODAY,
      source: 'ticket',
      ...body.answers,
      ...respondent,
      suggestion: 'Ruang tunggu panas',
      entered_by: null,
    });
    expect(served.officer_id).not.toBeNull();

    const again = await survey(ticket.token, { answers: ALL_FOUR, respondent });
    expect(again.statusCode).toBe(409);
    expect(json(again).error).toBe('already_surveyed');
    const counted = await report(`from=${TODAY}&to=${TODAY}&serviceId=${svcB}`);
    expect(counted.respondents).toBe(1);
  });

  it('lets only one of two racing submissions for a ticket win', async () => {
    const ticket = await serve(svcB, counterB);
    const before = await countResponses();
    const results = await Promise.all([
      survey(ticket.token, { answers: ALL_FOUR, respondent }),
      survey(ticket.token, { answers: ALL_FOUR, respondent }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await countResponses()).toBe(before + 1);
  });

  it('refuses a ticket not served to the end, and an unknown token, writing nothing', async () => {
    const before = await countResponses();
    const waiting = await issue(svcB);
    const res = await survey(waiting.token, { answers: ALL_FOUR, respondent });
    expect(res.statusCode).toBe(409);
    expect(json(res)).toMatchObject({ error: 'not_served', currentStatus: 'waiting' });

    const called = await issue(svcB);
    await post(`/api/malls/blora/counters/${counterB}/call`, admin, { ticketId: called.id });
    expect(json(await survey(called.token, { answers: ALL_FOUR, respondent })).error).toBe('not_served');
    await post(`/api/malls/blora/tickets/${called.id}/cancel`, admin);
    await post(`/api/malls/blora/tickets/${waiting.id}/cancel`, admin);
    expect(json(await survey(called.token, { answers: ALL_FOUR, respondent })).error).toBe('not_served');

    const unknown = await survey('no-such-token', { answers: ALL_FOUR, respondent });
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown).error).toBe('ticket_not_found');
    expect(await countResponses()).toBe(before);
  });

  it('answers 400 naming the wrong answer or respondent field, and the ticket can still be surveyed', async () => {
    const ticket = await serve(svcB, counterB);
    const before = await countResponses();
    const expectField = async (body: object, field: string) => {
      const res = await survey(ticket.token, body);
      expect(res.statusCode, field).toBe(400);
      expect(json(res)).toMatchObject({ error: 'validation', field });
    };
    await expectField({ answers: { ...ALL_FOUR, waktu: 5 }, respondent }, 'answers.waktu');
    await expectField({ answers: { ...ALL_FOUR, biaya: 0 }, respondent }, 'answers.biaya');
    await expectField({ answers: { ...ALL_FOUR, produk: 2.5 }, respondent }, 'answers.produk');
    const { sarana: _sarana, ...missingSarana } = ALL_FOUR;
    await expectField({ answers: missingSarana, respondent }, 'answers.sarana');
    // a position instead of an element key is refused, not dropped
    await expectField({ answers: { ...ALL_FOUR, u8: 3 }, respondent }, 'answers.u8');
    await expectField({ respondent }, 'answers');
    await expectField({ answers: ALL_FOUR, respondent: { ...respondent, age: 3 } }, 'respondent.age');
    await expectField({ answers: ALL_FOUR, respondent: { ...respondent, education: 'SMK' } }, 'respondent.education');
    await expectField({ answers: ALL_FOUR, respondent: { ...respondent, sex: 'X' } }, 'respondent.sex');
    await expectField({ answers: ALL_FOUR, respondent: { ...respondent, occupation: 'ASN' } }, 'respondent.occupation');
    const { occupation: _o, ...noOccupation } = respondent;
    await expectField({ answers: ALL_FOUR, respondent: noOccupation }, 'respondent.occupation');
    const en = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.token}/survey?lang=en`,
      payload: { answers: { ...ALL_FOUR, waktu: 5 }, respondent },
    });
    expect(json(en).message).toContain('answers.waktu');
    expect(await countResponses()).toBe(before);

    expect((await survey(ticket.token, { answers: ALL_FOUR, respondent })).statusCode).toBe(201);
  });

  it('takes paper questionnaires from staff of the service’s agency and the mall admin only', async () => {
    const url = '/api/malls/blora/skm/responses';
    const body = { serviceId: svcB, date: TODAY, answers: answers([3, 3, 3, 3, 3, 3, 3, 3, 3]), respondent };
    const before = await countResponses();

    const anonymous = await post(url, null, body);
    expect(anonymous.statusCode).toBe(401);
    const other = await post(url, otherOfficer, body);
    expect(other.statusCode).toBe(403);
    expect(json(other).error).toBe('forbidden');
    const unknownService = await post(url, officer, { ...body, serviceId: 'no-such-service' });
    expect(unknownService.statusCode).toBe(404);
    expect(json(unknownService).error).toBe('service_not_found');
    for (const date of ['2026-12-01', '2026-02-30', '30-11-2026']) {
      const bad = await post(url, officer, { ...body, date });
      expect(bad.statusCode, date).toBe(400);
      expect(json(bad).field).toBe('date');
    }
    const badAnswer = await post(url, officer, { ...body, answers: { ...ALL_FOUR, pengaduan: 5 } });
    expect(json(badAnswer)).toMatchObject({ error: 'validation', field: 'answers.pengaduan' });
    expect(await countResponses()).toBe(before);

    for (const cookie of [officer, agencyAdmin, admin]) {
      const res = await post(url, cookie, body);
      expect(res.statusCode).toBe(201);
      expect(json(res)).toEqual({ id: expect.any(String), source: 'paper', serviceId: svcB, serviceDate: TODAY });
    }
    const rows = await t.ctx.database.db
      .selectFrom('skm_responses')
      .select(['source', 'ticket_id', 'agency_id', 'counter_id', 'entered_by'])
      .where('source', '=', 'paper')
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.ticket_id === null && r.counter_id === null && r.agency_id === dukcapil.id)).toBe(true);
    expect(new Set(rows.map((r) => r.entered_by)).size).toBe(3);
  });

  it('reports the IKM of a period from the stored sums, with the population of served tickets', async () => {
    const empty = await report(`from=${TODAY}&to=${TODAY}&serviceId=${svcA}`);
    expect(empty).toEqual({
      respondents: 0,
      population: 0,
      requiredSample: 0,
      sampleMet: true,
      nrr: null,
      ikm: null,
      grade: null,
      label: null,
    });

    const list = [answers([4, 3, 3, 4, 3, 4, 4, 2, 3]), answers([3, 3, 2, 4, 3, 3, 4, 3, 4]), ALL_FOUR];
    const tickets = [];
    for (let i = 0; i < 4; i++) tickets.push(await serve(svcA, counterA));
    for (const [i, a] of list.entries()) {
      expect((await survey(tickets[i]!.token, { answers: a, respondent })).statusCode).toBe(201);
    }
    // not served to the end: not in the population
    const waiting = await issue(svcA);

    const { sums, respondents } = sumAnswers(list);
    const expected = computeIkm(sums, respondents);
    if (expected.noData) throw new Error('expected data');
    const r = await report(`from=${TODAY}&to=${TODAY}&serviceId=${svcA}`);
    expect(r).toEqual({
      respondents: 3,
      population: 4,
      requiredSample: requiredSample(4),
      sampleMet: false,
      nrr: expected.nrr,
      ikm: expected.ikm,
      grade: expected.grade,
      label: expected.label,
    });
    expect(requiredSample(4)).toBe(4);

    // a paper form of the same day counts; one of an earlier day only in a period that holds it
    const paper = (date: string) =>
      post('/api/malls/blora/skm/responses', officer, { serviceId: svcA, date, answers: ALL_FOUR, respondent });
    expect((await paper(TODAY)).statusCode).toBe(201);
    expect((await paper('2026-11-27')).statusCode).toBe(201);
    const withPaper = await report(`from=${TODAY}&to=${TODAY}&serviceId=${svcA}`);
    expect(withPaper).toMatchObject({ respondents: 4, population: 4, sampleMet: true });
    const four = sumAnswers([...list, ALL_FOUR]);
    const ikm4 = computeIkm(four.sums, four.respondents);
    expect(withPaper.ikm).toBe(ikm4.noData ? null : ikm4.ikm);
    expect((await report(`from=2026-11-27&to=${TODAY}&serviceId=${svcA}`)).respondents).toBe(5);
    expect((await report(`from=2026-11-27&to=2026-11-27&serviceId=${svcA}`)).respondents).toBe(1);
    expect((await report(`from=2026-12-01&to=2026-12-31&serviceId=${svcA}`)).respondents).toBe(0);

    await post(`/api/malls/blora/tickets/${waiting.id}/cancel`, admin);
  });

  it('filters the report by agency and covers the whole mall without a filter', async () => {
    const db = t.ctx.database.db;
    const stored = async (agencyId?: string) => {
      let q = db.selectFrom('skm_responses').selectAll().where('service_date', '=', TODAY);
      if (agencyId) q = q.where('agency_id', '=', agencyId);
      return (await q.execute()).map((row) => answers(SKM_ELEMENT_KEYS.map((k) => row[k])));
    };
    const done = async (agencyId?: string) => {
      let q = db
        .selectFrom('tickets')
        .innerJoin('services', 'services.id', 'tickets.service_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tickets.status', '=', 'done')
        .where('tickets.service_date', '=', TODAY);
      if (agencyId) q = q.where('services.agency_id', '=', agencyId);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };

    const mine = await stored(dukcapil.id);
    expect(mine.length).toBeGreaterThan(4);
    const { sums, respondents } = sumAnswers(mine);
    const expected = computeIkm(sums, respondents);
    const population = await done(dukcapil.id);
    const r = await report(`from=${TODAY}&to=${TODAY}&agencyId=${dukcapil.id}`);
    expect(r).toMatchObject({
      respondents,
      population,
      requiredSample: requiredSample(population),
      ikm: expected.noData ? null : expected.ikm,
    });

    // a served polres ticket counts in polres's population, not its respondents
    const polresCounters = json(await t.app.inject('/api/malls/blora/counters')).filter(
      (c: any) => c.agencyId === polres.id,
    );
    await serve(polresCounters[0].serviceIds[0], polresCounters[0].id);
    const p = await report(`from=${TODAY}&to=${TODAY}&agencyId=${polres.id}`);
    expect(p).toMatchObject({ respondents: 0, population: 1, requiredSample: 1, sampleMet: false, ikm: null });

    const all = await report(`from=${TODAY}&to=${TODAY}`);
    expect(all.respondents).toBe((await stored()).length);
    expect(all.population).toBe(await done());
    // both filters together: the service within the agency, or nothing
    expect((await report(`from=${TODAY}&to=${TODAY}&agencyId=${dukcapil.id}&serviceId=${svcA}`)).respondents).toBe(4);
    expect((await report(`from=${TODAY}&to=${TODAY}&agencyId=${polres.id}&serviceId=${svcA}`)).respondents).toBe(0);
  });

  it('refuses a bad period and an unknown unit', async () => {
    const get = (query: string) => t.app.inject(`/api/malls/blora/skm?${query}`);
    const reversed = await get('from=2026-12-01&to=2026-11-30');
    expect(reversed.statusCode).toBe(400);
    expect(json(reversed).field).toBe('from');
    expect(json(await get('from=2026-11-31&to=2026-12-01')).field).toBe('from');
    expect(json(await get('from=2026-11-01&to=2026-1-01')).field).toBe('to');
    expect(json(await get('to=2026-11-30')).field).toBe('from');
    const agency = await get('from=2026-11-01&to=2026-11-30&agencyId=nope');
    expect(agency.statusCode).toBe(404);
    expect(json(agency).error).toBe('agency_not_found');
    const service = await get('from=2026-11-01&to=2026-11-30&serviceId=nope');
    expect(service.statusCode).toBe(404);
    expect(json(service).error).toBe('service_not_found');
    expect((await t.app.inject('/api/malls/nowhere/skm?from=2026-11-01&to=2026-11-30')).statusCode).toBe(404);
  });
});

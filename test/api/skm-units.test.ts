import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answers, computeIkm, requiredSample, SKM_ELEMENT_KEYS, sumAnswers } from '../../src/domain/skm.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const TODAY = '2026-11-30'; // MONDAY_9AM in Blora
const PERIOD = `from=${TODAY}&to=${TODAY}`;

const answers = (values: number[]): Answers =>
  Object.fromEntries(SKM_ELEMENT_KEYS.map((k, i) => [k, values[i]])) as Answers;
const respondent = { sex: 'L', age: 41, education: 'S1', occupation: 'PNS' };

/** the answers given at the first counter (by petugas.dindukcapil) and at the second (by admin.dindukcapil) */
const AT_A = [answers([4, 4, 3, 4, 4, 3, 4, 4, 3]), answers([3, 3, 3, 4, 3, 3, 4, 3, 3])];
const AT_B = [
  answers([2, 3, 2, 2, 3, 2, 3, 2, 2]),
  answers([1, 2, 2, 3, 2, 2, 2, 1, 2]),
  answers([2, 2, 2, 2, 2, 2, 2, 2, 2]),
];

describe.each(ENGINES)('SKM per counter and per officer on %s', (engine) => {
  let t: TestApp;
  let officerA: string; // petugas.dindukcapil's cookie
  let officerB: string; // admin.dindukcapil's cookie
  let officerAId: string;
  let officerBId: string;
  let svcA: string;
  let svcB: string;
  let counterA: { id: string; name: string };
  let counterB: { id: string; name: string };

  const post = (url: string, cookie: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
  /** issue a ticket, call it at the counter as the given officer, start, finish and survey it */
  const serveAndSurvey = async (serviceId: string, counterId: string, cookie: string, given: Answers) => {
    const issued = await t.app.inject({ method: 'POST', url: '/api/malls/blora/tickets', payload: { serviceId } });
    expect(issued.statusCode).toBe(201);
    const ticket = json(issued);
    expect(
      (await post(`/api/malls/blora/counters/${counterId}/call`, cookie, { ticketId: ticket.id })).statusCode,
    ).toBe(200);
    expect((await post(`/api/malls/blora/tickets/${ticket.id}/start`, cookie)).statusCode).toBe(200);
    expect((await post(`/api/malls/blora/tickets/${ticket.id}/finish`, cookie)).statusCode).toBe(200);
    const surveyed = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.token}/survey`,
      payload: { answers: given, respondent },
    });
    expect(surveyed.statusCode).toBe(201);
  };
  const get = (query: string, path = 'skm') => t.app.inject(`/api/malls/blora/${path}?${PERIOD}&${query}`);
  const expectUnit = (report: any, given: Answers[], population: number) => {
    const { sums, respondents } = sumAnswers(given);
    const ikm = computeIkm(sums, respondents);
    if (ikm.noData) throw new Error('no data');
    expect(report).toMatchObject({
      respondents: given.length,
      population,
      requiredSample: requiredSample(population),
      sampleMet: given.length >= requiredSample(population),
      ikm: ikm.ikm,
      grade: ikm.grade,
      label: ikm.label,
    });
    for (const key of SKM_ELEMENT_KEYS) expect(report.nrr[key]).toBeCloseTo(ikm.nrr[key], 10);
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    officerA = await t.login('petugas.dindukcapil');
    officerB = await t.login('admin.dindukcapil');
    const users = await t.ctx.database.db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('username', 'in', ['petugas.dindukcapil', 'admin.dindukcapil'])
      .execute();
    officerAId = users.find((u) => u.username === 'petugas.dindukcapil')!.id;
    officerBId = users.find((u) => u.username === 'admin.dindukcapil')!.id;
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const counters: { id: string; name: string; agencyId: string; serviceIds: string[] }[] = json(
      await t.app.inject('/api/malls/blora/counters'),
    ).filter((c: any) => c.agencyId === dukcapil.id);
    expect(counters.length).toBeGreaterThanOrEqual(2);
    const [first, second] = counters as [(typeof counters)[number], (typeof counters)[number]];
    counterA = first;
    counterB = second;
    svcA = first.serviceIds[0] as string;
    svcB = second.serviceIds[0] as string;
    for (const given of AT_A) await serveAndSurvey(svcA, counterA.id, officerA, given);
    for (const given of AT_B) await serveAndSurvey(svcB, counterB.id, officerB, given);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives each counter its own respondents, population and IKM', async () => {
    const a = await get(`counterId=${counterA.id}`);
    expect(a.statusCode).toBe(200);
    expectUnit(json(a), AT_A, AT_A.length);
    const b = await get(`counterId=${counterB.id}`);
    expect(b.statusCode).toBe(200);
    expectUnit(json(b), AT_B, AT_B.length);
  });

  it('gives each officer their own respondents, population and IKM', async () => {
    const a = await get(`officerId=${officerAId}`);
    expect(a.statusCode).toBe(200);
    expectUnit(json(a), AT_A, AT_A.length);
    const b = await get(`officerId=${officerBId}`);
    expect(b.statusCode).toBe(200);
    expectUnit(json(b), AT_B, AT_B.length);
  });

  it('names the counter or the officer as the unit of the full report', async () => {
    const byCounter = await get(`counterId=${counterB.id}`, 'skm/report');
    expect(byCounter.statusCode).toBe(200);
    const counterReport = json(byCounter);
    expect(counterReport.unit).toMatchObject({
      level: 'counter',
      name: counterB.name,
      counter: { id: counterB.id, name: counterB.name },
    });
    expect(counterReport.unit.officer).toBeUndefined();
    expectUnit(counterReport, AT_B, AT_B.length);
    expect(counterReport.followups).toEqual([]);

    const byOfficer = await get(`officerId=${officerAId}`, 'skm/report');
    expect(byOfficer.statusCode).toBe(200);
    const officerReport = json(byOfficer);
    const displayName = (
      await t.ctx.database.db
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', officerAId)
        .executeTakeFirstOrThrow()
    ).display_name;
    expect(officerReport.unit).toMatchObject({
      level: 'officer',
      name: displayName,
      officer: { id: officerAId, name: displayName },
    });
    expectUnit(officerReport, AT_A, AT_A.length);

    const pdf = await get(`counterId=${counterA.id}`, 'skm/report.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const xlsx = await t.app.inject({
      url: `/api/malls/blora/skm/report.xlsx?${PERIOD}&officerId=${officerBId}`,
      headers: { cookie: officerB },
    });
    expect(xlsx.statusCode).toBe(200);
  });

  it('answers 404 for an unknown counter or officer', async () => {
    const counter = await get('counterId=no-such-counter');
    expect(counter.statusCode).toBe(404);
    expect(json(counter).error).toBe('counter_not_found');
    const officer = await get('officerId=no-such-officer');
    expect(officer.statusCode).toBe(404);
    expect(json(officer).error).toBe('officer_not_found');
    const report = await get('officerId=no-such-officer', 'skm/report');
    expect(report.statusCode).toBe(404);
  });
});

import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answers,
  computeIkm,
  elementGrades,
  requiredSample,
  SKM_ELEMENT_KEYS,
  SKM_ELEMENTS,
  sumAnswers,
} from '../../src/domain/skm.js';
import { json, MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

/** Monday 26 October 2026, 09:00 in Blora: a day of the previous month the mall is open */
const OCTOBER_MONDAY_9AM = Date.UTC(2026, 9, 26, 2, 0, 0);
const NOVEMBER = 'from=2026-11-01&to=2026-11-30';

const answers = (values: number[]): Answers =>
  Object.fromEntries(SKM_ELEMENT_KEYS.map((k, i) => [k, values[i]])) as Answers;
const all = (n: number) => answers(Array(9).fill(n));

// November for the service: three citizens through their ticket link, one paper form
const NOV = [
  {
    answers: answers([4, 3, 3, 4, 3, 4, 4, 2, 3]),
    respondent: { sex: 'P', age: 34, education: 'SMA', occupation: 'WIRAUSAHA' },
    suggestion: 'Ruang tunggu panas',
  },
  {
    answers: answers([3, 3, 2, 4, 3, 3, 4, 3, 4]),
    respondent: { sex: 'L', age: 19, education: 'S1', occupation: 'PELAJAR_MAHASISWA' },
    suggestion: '   ',
  },
  { answers: all(4), respondent: { sex: 'L', age: 61, education: 'SD', occupation: 'LAINNYA' } },
];
const NOV_PAPER = {
  date: '2026-11-10',
  answers: all(3),
  respondent: { sex: 'P', age: 45, education: 'S1', occupation: 'PNS' },
  suggestion: 'Tambah kursi di ruang tunggu',
};
const OCT = [all(2), all(3)];
const someone = { sex: 'L', age: 40, education: 'SMA', occupation: 'SWASTA' };

async function pdfText(body: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

/** A cell's value, or its formula's result. */
const cellValue = (cell: ExcelJS.Cell): unknown => {
  const v = cell.value;
  return v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
};

describe.each(ENGINES)('SKM report and exports on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let officer: string; // petugas.dindukcapil
  let otherOfficer: string; // petugas.polres
  let dukcapil: { id: string; name: string; code: string };
  let svc: { id: string; name: string };
  let counter: string;
  let polresService: { id: string; name: string };

  const post = (url: string, cookie: string | null, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const serve = async (serviceId: string, counterId: string) => {
    const res = await post('/api/malls/blora/tickets', null, { serviceId });
    expect(res.statusCode).toBe(201);
    const ticket = json(res);
    expect((await post(`/api/malls/blora/counters/${counterId}/call`, admin, { ticketId: ticket.id })).statusCode).toBe(
      200,
    );
    expect((await post(`/api/malls/blora/tickets/${ticket.id}/start`, admin)).statusCode).toBe(200);
    expect((await post(`/api/malls/blora/tickets/${ticket.id}/finish`, admin)).statusCode).toBe(200);
    return ticket;
  };
  const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });
  const fullReport = async (query: string) => {
    const res = await get(`/api/malls/blora/skm/report?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return json(res);
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    officer = await t.login('petugas.dindukcapil');
    otherOfficer = await t.login('petugas.polres');
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const polres = agencies.find((a: any) => a.code === 'polres');
    const counters: { id: string; agencyId: string; serviceIds: string[] }[] = json(
      await t.app.inject('/api/malls/blora/counters'),
    );
    const services = json(await t.app.inject(`/api/malls/blora/services?agencyId=${dukcapil.id}`)).filter(
      (s: any) => (s.dailyQuota === null || s.dailyQuota >= 10) && counters.some((c) => c.serviceIds.includes(s.id)),
    );
    svc = services[0];
    counter = counters.find((c) => c.serviceIds.includes(svc.id))!.id;
    const polresServices = json(await t.app.inject(`/api/malls/blora/services?agencyId=${polres.id}`));
    polresService = polresServices[0];

    // October, through the clock: two served and surveyed tickets
    t.clock.now = OCTOBER_MONDAY_9AM;
    for (const a of OCT) {
      const ticket = await serve(svc.id, counter);
      const res = await post(`/api/tickets/${ticket.token}/survey`, null, { answers: a, respondent: someone });
      expect(res.statusCode).toBe(201);
      expect(json(res).serviceDate).toBe('2026-10-26');
    }
    // November
    t.clock.now = MONDAY_9AM;
    for (const body of NOV) {
      const ticket = await serve(svc.id, counter);
      expect((await post(`/api/tickets/${ticket.token}/survey`, null, body)).statusCode).toBe(201);
    }
    const paper = await post('/api/malls/blora/skm/responses', officer, { serviceId: svc.id, ...NOV_PAPER });
    expect(paper.statusCode).toBe(201);
    // another agency's response: in the mall's report, not the agency's
    const other = await post('/api/malls/blora/skm/responses', admin, {
      serviceId: polresService.id,
      date: '2026-11-20',
      answers: all(1),
      respondent: someone,
      suggestion: 'Parkir sempit',
    });
    expect(other.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports each element, the weakest, the profile, the suggestions and the previous period', async () => {
    const r = await fullReport(`${NOVEMBER}&agencyId=${dukcapil.id}`);
    const list = [...NOV.map((n) => n.answers), NOV_PAPER.answers];
    const { sums, respondents } = sumAnswers(list);
    const expected = computeIkm(sums, respondents);
    if (expected.noData) throw new Error('expected data');

    // the fields of GET /skm, unchanged
    expect(r).toMatchObject({
      respondents: 4,
      population: 3,
      requiredSample: requiredSample(3),
      sampleMet: true,
      nrr: expected.nrr,
      ikm: 84.72, // 122 × 25 / 36
      grade: 'B',
      label: { id: 'Baik', en: 'Good' },
    });
    expect(json(await get(`/api/malls/blora/skm?${NOVEMBER}&agencyId=${dukcapil.id}`))).toEqual({
      respondents: r.respondents,
      population: r.population,
      requiredSample: r.requiredSample,
      sampleMet: r.sampleMet,
      nrr: r.nrr,
      ikm: r.ikm,
      grade: r.grade,
      label: r.label,
    });

    expect(r.unit).toEqual({
      level: 'agency',
      name: dukcapil.name,
      mall: { slug: 'blora', name: 'MPP Kabupaten Blora' },
      agency: { id: dukcapil.id, name: dukcapil.name, code: dukcapil.code },
      service: null,
    });
    expect(r.period).toEqual({ from: '2026-11-01', to: '2026-11-30', days: 30, label: 'November 2026' });

    const grades = elementGrades(sums, respondents);
    expect(r.elements.map((e: any) => e.key)).toEqual([...SKM_ELEMENT_KEYS]);
    for (const e of r.elements) {
      const key = e.key as (typeof SKM_ELEMENT_KEYS)[number];
      expect(e).toEqual({
        key,
        name: SKM_ELEMENTS[key].name,
        sum: sums[key],
        nrr: sums[key] / 4,
        nrrTertimbang: sums[key] / 36,
        score: grades[key].score,
        grade: grades[key].grade,
        label: expect.any(Object),
      });
    }
    const waktu = r.elements.find((e: any) => e.key === 'waktu');
    expect(waktu).toMatchObject({ sum: 12, nrr: 3, score: 75, grade: 'C', label: { id: 'Kurang Baik' } });
    // waktu and pengaduan tie at 3.00; prosedur (3.25) comes before produk (3.25) in display order
    expect(r.weakest.map((e: any) => [e.key, e.score, e.grade])).toEqual([
      ['waktu', 75, 'C'],
      ['pengaduan', 75, 'C'],
      ['prosedur', 81.25, 'B'],
    ]);

    const counts = (rows: { key: string; count: number }[]) =>
      Object.fromEntries(rows.filter((x) => x.count > 0).map((x) => [x.key, x.count]));
    expect(counts(r.profile.sex)).toEqual({ L: 2, P: 2 });
    expect(r.profile.sex.map((x: any) => x.percent)).toEqual([50, 50]);
    expect(counts(r.profile.ageGroup)).toEqual({ '15-19': 1, '30-39': 1, '40-49': 1, '60+': 1 });
    expect(r.profile.ageGroup).toHaveLength(6);
    expect(counts(r.profile.education)).toEqual({ SD: 1, SMA: 1, S1: 2 });
    expect(counts(r.profile.occupation)).toEqual({ WIRAUSAHA: 1, PELAJAR_MAHASISWA: 1, LAINNYA: 1, PNS: 1 });

    // non-empty only (the blank one was stored as none), newest first, no personal data
    expect(r.suggestions).toEqual({
      total: 2,
      items: [
        { date: '2026-11-30', serviceName: svc.name, text: 'Ruang tunggu panas' },
        { date: '2026-11-10', serviceName: svc.name, text: 'Tambah kursi di ruang tunggu' },
      ],
    });

    // October: all 2s and all 3s, 62.50 (D)
    expect(r.previous).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
      periodLabel: 'Oktober 2026',
      respondents: 2,
      ikm: 62.5,
      grade: 'D',
      change: 22.22,
    });
    const october = await fullReport(`from=2026-10-01&to=2026-10-31&serviceId=${svc.id}`);
    expect(october).toMatchObject({ respondents: 2, population: 2, ikm: 62.5, grade: 'D' });
    expect(october.unit).toMatchObject({ level: 'service', name: svc.name, agency: { id: dukcapil.id } });
    expect(october.previous).toMatchObject({ from: '2026-09-01', to: '2026-09-30', respondents: 0, ikm: null });
    expect(october.previous.change).toBeNull();
  });

  it('covers the whole mall, takes the period shortcut, and answers an empty period with nulls', async () => {
    const mall = await fullReport(NOVEMBER);
    expect(mall.unit).toMatchObject({ level: 'mall', name: 'MPP Kabupaten Blora', agency: null, service: null });
    expect(mall.respondents).toBe(5);
    expect(mall.suggestions.items.map((s: any) => s.text)).toEqual([
      'Ruang tunggu panas',
      'Parkir sempit',
      'Tambah kursi di ruang tunggu',
    ]);
    expect(mall.suggestions.items[1].serviceName).toBe(polresService.name);
    expect(await fullReport('period=2026-11')).toEqual(mall);
    expect((await fullReport(`period=2026-Q4&serviceId=${svc.id}`)).respondents).toBe(6);

    const empty = await fullReport(`from=2026-12-01&to=2026-12-31&serviceId=${svc.id}`);
    expect(empty).toMatchObject({ respondents: 0, ikm: null, grade: null, elements: [], weakest: [] });
    expect(empty.profile.sex.every((x: any) => x.count === 0 && x.percent === 0)).toBe(true);
    expect(empty.suggestions).toEqual({ total: 0, items: [] });
    expect(empty.previous).toMatchObject({ from: '2026-11-01', respondents: 4, ikm: 84.72, change: null });
  });

  it('exports the report as a PDF with the title, unit, IKM, grade and every element', async () => {
    const res = await get(`/api/malls/blora/skm/report.pdf?${NOVEMBER}&agencyId=${dukcapil.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="skm-blora-${dukcapil.code}-2026-11-01-2026-11-30.pdf"`,
    );
    const body = res.rawPayload;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(body);
    expect(text).toContain('LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT');
    expect(text).toContain(dukcapil.name);
    expect(text).toContain('MPP KABUPATEN BLORA');
    expect(text).toContain('November 2026');
    expect(text).toContain('84.72');
    expect(text).toContain('Mutu pelayanan: B');
    expect(text).toContain('Baik');
    for (const key of SKM_ELEMENT_KEYS) expect(text).toContain(SKM_ELEMENTS[key].name.id);
    expect(text).toContain('Krejcie & Morgan');
    expect(text).toContain('Ruang tunggu panas');
    expect(text).toContain('Rencana tindak lanjut');
    for (const header of ['Unsur', 'Rencana', 'Penanggung jawab', 'Target waktu']) expect(text).toContain(header);

    const mall = await get(`/api/malls/blora/skm/report.pdf?${NOVEMBER}`);
    expect(mall.headers['content-disposition']).toBe('attachment; filename="skm-blora-2026-11-01-2026-11-30.pdf"');
    const empty = await get(`/api/malls/blora/skm/report.pdf?from=2026-12-01&to=2026-12-31&serviceId=${svc.id}`);
    expect(empty.statusCode).toBe(200);
    const emptyText = await pdfText(empty.rawPayload);
    expect(emptyText).toContain('LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT');
    expect(emptyText).toContain('Belum ada responden');
  });

  it('exports the computation and the responses as a workbook, to staff who may see the unit', async () => {
    const url = `/api/malls/blora/skm/report.xlsx?${NOVEMBER}&agencyId=${dukcapil.id}`;
    expect((await get(url)).statusCode).toBe(401);
    expect((await get(url, otherOfficer)).statusCode).toBe(403);
    expect((await get(`/api/malls/blora/skm/report.xlsx?${NOVEMBER}`, officer)).statusCode).toBe(403);

    const res = await get(url, officer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="skm-blora-${dukcapil.code}-2026-11-01-2026-11-30.xlsx"`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Responden']);

    const summary = wb.getWorksheet('Ringkasan')!;
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      if (!found) throw new Error(`no row ${label}`);
      return found;
    };
    expect(cellValue(rowOf('Nilai IKM').getCell(2))).toBe(84.72);
    expect(rowOf('Nilai IKM').getCell(2).numFmt).toBe('0.00');
    expect(rowOf('Mutu pelayanan').getCell(2).value).toBe('B');
    expect(rowOf('Jumlah responden').getCell(2).value).toBe(4);
    const waktu = rowOf('U3');
    expect(waktu.getCell(2).value).toBe('waktu');
    expect(waktu.getCell(4).value).toBe(12);
    expect(cellValue(waktu.getCell(5))).toBe(3);
    expect(waktu.getCell(5).numFmt).toBe('0.0000');
    expect(cellValue(waktu.getCell(6))).toBeCloseTo(3 / 9, 12);

    const rows = wb.getWorksheet('Responden')!;
    expect(rows.actualRowCount).toBe(1 + 4);
    const header = (rows.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['No', 'Tanggal', 'Layanan', 'Sumber']);
    expect(header).toContain('Saran');
    const first = (rows.getRow(2).values as unknown[]).slice(1);
    expect(first.slice(1, 4)).toEqual(['2026-11-10', svc.name, 'Formulir kertas']);
    expect(first.slice(4, 13)).toEqual(SKM_ELEMENT_KEYS.map((k) => NOV_PAPER.answers[k]));
    expect(first.slice(13)).toEqual(['Perempuan', 45, 'S1', 'PNS', 'Tambah kursi di ruang tunggu']);

    const mallWide = await get(`/api/malls/blora/skm/report.xlsx?${NOVEMBER}`, admin);
    expect(mallWide.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(mallWide.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('Responden')!.actualRowCount).toBe(1 + 5);
  });

  it('refuses a bad period and an unknown unit on the report and both exports', async () => {
    for (const path of ['skm/report', 'skm/report.pdf', 'skm/report.xlsx']) {
      const at = (query: string) => get(`/api/malls/blora/${path}?${query}`, admin);
      const reversed = await at('from=2026-12-01&to=2026-11-30');
      expect(reversed.statusCode, path).toBe(400);
      expect(json(reversed).field).toBe('from');
      expect(json(await at('from=2026-11-31&to=2026-12-01')).field).toBe('from');
      expect(json(await at('from=2026-11-01&to=2026-1-01')).field).toBe('to');
      expect(json(await at('to=2026-11-30')).field).toBe('from');
      for (const query of ['period=2026-13', 'period=2026-S3', 'period=2026-11&from=2026-11-01', 'period=nov']) {
        const bad = await at(query);
        expect(bad.statusCode, `${path} ${query}`).toBe(400);
        expect(json(bad).field).toBe('period');
      }
      const agency = await at(`${NOVEMBER}&agencyId=nope`);
      expect(agency.statusCode).toBe(404);
      expect(json(agency).error).toBe('agency_not_found');
      const service = await at(`${NOVEMBER}&serviceId=nope`);
      expect(service.statusCode).toBe(404);
      expect(json(service).error).toBe('service_not_found');
    }
  });
});

/**
 * The evaluation figures on a day built from known events, every figure worked out by hand below.
 * The test clock moves minute by minute through one Monday morning in Blora (WIB):
 *
 *   09:00 A issued (S1)           09:12 loket2 calls A  (A waited 12 min)   09:13 start, 09:23 finish (10 min)
 *   09:02 B issued (S1)           09:24 loket2 calls B  (22 min)  09:25 recall  09:27 no-show
 *   09:05 C issued (S2)           09:32 loket1 calls C  (27 min)  09:33 start  09:38 transfer to S3 (Polres)
 *   09:06 D issued (S1, lansia)   09:10 loket1 calls D  (4 min)   09:11 start, 09:31 finish (20 min)
 *   09:38 C waits at S3           09:40 Polres calls C  (2 min)   09:41 start, 09:47 finish (6 min)
 *   09:45 E issued (S1): still waiting at 09:50
 *   09:46 F issued (S2)           09:50 F cancelled
 *
 * S1's standard time (jangka waktu) is 10–19 minutes: A (10 min) is within it, D (20 min) is not.
 * A's citizen answers the SKM with 4 everywhere: IKM 100.00, grade A.
 */
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const MIN = 60_000;
const ALL_FOUR = {
  persyaratan: 4,
  prosedur: 4,
  waktu: 4,
  biaya: 4,
  produk: 4,
  kompetensi: 4,
  perilaku: 4,
  pengaduan: 4,
  sarana: 4,
};

describe.each(ENGINES)('performance on a day worked out by hand, on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let viewer: string;
  let dukcapilAdmin: string;
  let officer: string;
  let polresOfficer: string;
  const ids: Record<string, string> = {};
  let dukcapil: string;
  let polres: string;
  let loket1: string;
  let loket2: string;
  let polresCounter: string;

  const at = (minute: number) => {
    t.clock.now = MONDAY_9AM + minute * MIN;
  };
  const post = async (url: string, cookie: string | null, payload?: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      ...(cookie ? { headers: { cookie } } : {}),
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return json(res);
  };
  const get = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, ...(cookie ? { headers: { cookie } } : {}) });
  const issue = async (name: string, minute: number, serviceId: string, priority?: string) => {
    at(minute);
    const ticket = await post('/api/malls/blora/tickets', null, { serviceId, ...(priority ? { priority } : {}) });
    ids[name] = ticket.id;
    ids[`${name}.token`] = ticket.token;
  };
  const act = async (minute: number, action: string, name: string, cookie: string, payload?: object) => {
    at(minute);
    await post(`/api/malls/blora/tickets/${ids[name]}/${action}`, cookie, payload);
  };
  const call = async (minute: number, counter: string, name: string, cookie: string) => {
    at(minute);
    await post(`/api/malls/blora/counters/${counter}/call`, cookie, { ticketId: ids[name] });
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    viewer = await t.login('pimpinan');
    dukcapilAdmin = await t.login('admin.dindukcapil');
    officer = await t.login('petugas.dindukcapil');
    polresOfficer = await t.login('petugas.polres');
    const agencies = json(await get('/api/malls/blora/agencies'));
    dukcapil = agencies.find((a: any) => a.code === 'dindukcapil').id;
    polres = agencies.find((a: any) => a.code === 'polres').id;
    const counters = json(await get('/api/malls/blora/counters'));
    const dk = counters.filter((c: any) => c.agencyId === dukcapil);
    loket1 = dk[0].id;
    loket2 = dk[1].id;
    const services = json(await get('/api/malls/blora/services'));
    const S1 = services.find(
      (s: any) =>
        s.agencyId === dukcapil &&
        s.dailyQuota === null &&
        s.standard.durationMinutes >= 10 &&
        s.standard.durationMinutes <= 19 &&
        dk[0].serviceIds.includes(s.id) &&
        dk[1].serviceIds.includes(s.id),
    );
    const S2 = services.find(
      (s: any) => s.agencyId === dukcapil && s.id !== S1.id && s.dailyQuota === null && dk[0].serviceIds.includes(s.id),
    );
    const pc = counters.find((c: any) => c.agencyId === polres);
    polresCounter = pc.id;
    const S3 = services.find((s: any) => s.agencyId === polres && pc.serviceIds.includes(s.id));
    ids.S1 = S1.id;
    ids.S2 = S2.id;
    ids.S3 = S3.id;
    // Dindukcapil warns past 4 minutes; Polres keeps the mall default (30)
    await t.ctx.database.db
      .updateTable('agencies')
      .set({ wait_threshold_minutes: 4 })
      .where('id', '=', dukcapil)
      .execute();
    await t.app.catalogChanged(json(await get('/api/malls'))[0].id);

    await issue('A', 0, S1.id);
    await issue('B', 2, S1.id);
    await issue('C', 5, S2.id);
    await issue('D', 6, S1.id, 'lansia');
    await call(10, loket1, 'D', officer);
    await act(11, 'start', 'D', officer);
    await call(12, loket2, 'A', officer);
    await act(13, 'start', 'A', officer);
    await act(23, 'finish', 'A', officer);
    await call(24, loket2, 'B', officer);
    await act(25, 'recall', 'B', officer);
    await act(27, 'no-show', 'B', officer);
    await act(31, 'finish', 'D', officer);
    await call(32, loket1, 'C', officer);
    await act(33, 'start', 'C', officer);
    await act(38, 'transfer', 'C', officer, { serviceId: S3.id });
    await call(40, polresCounter, 'C', polresOfficer);
    await act(41, 'start', 'C', polresOfficer);
    await issue('E', 45, S1.id);
    await issue('F', 46, S2.id);
    await act(47, 'finish', 'C', polresOfficer);
    await act(50, 'cancel', 'F', officer);
    await post(`/api/tickets/${ids['A.token']}/survey`, null, {
      answers: ALL_FOUR,
      respondent: { sex: 'P', age: 34, education: 'SMA', occupation: 'WIRAUSAHA' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const day = '2026-11-30';
  const report = async (query: string, cookie = viewer) => {
    const res = await get(`/api/malls/blora/performance?from=${day}&to=${day}${query}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return json(res);
  };

  it("gives Dindukcapil's day: counts, waits, service times, the standard kept, counters and the IKM", async () => {
    const r = await report(`&agencyId=${dukcapil}`);
    expect(r.unit).toMatchObject({ level: 'agency', agency: { id: dukcapil } });
    expect(r.period).toMatchObject({ from: day, to: day, days: 1 });
    const m = r.measures;
    expect(m).toMatchObject({
      visits: 6,
      issued: 6,
      transferredIn: 0,
      served: 2, // A, D
      noShow: 1, // B
      cancelled: 1, // F
      transferred: 1, // C
      open: 1, // E
      days: 1,
    });
    // waits D 4, A 12, B 22, C 27 min = 240, 720, 1320, 1620 s
    expect(m.waitSeconds.count).toBe(4);
    expect(m.waitSeconds.mean).toBeCloseTo(975, 6); // 3900 / 4
    expect(m.waitSeconds.median).toBeCloseTo(1020, 6); // (720 + 1320) / 2
    expect(m.waitSeconds.p90).toBeCloseTo(1530, 6); // rank 2.7: 1320 + 0.7 × 300
    // service A 10, D 20 min = 600, 1200 s
    expect(m.serviceSeconds).toMatchObject({ count: 2 });
    expect(m.serviceSeconds.mean).toBeCloseTo(900, 6);
    expect(m.serviceSeconds.median).toBeCloseTo(900, 6);
    expect(m.serviceSeconds.p90).toBeCloseTo(1140, 6); // rank 0.9: 600 + 0.9 × 600
    expect(m.withinStandard).toEqual({ measured: 2, within: 1, share: 0.5 });
    expect(m.counters).toEqual({ active: 2, perDay: 2, hoursStaffed: 2 }); // both lokets, 09:00–10:00 only
    expect(m.arrivalsByHour[9]).toBe(6);
    expect(m.busiestHours).toEqual([{ hour: 9, arrivals: 6 }]);
    expect(r.ikm).toEqual({ respondents: 1, ikm: 100, grade: 'A' });
    // breakdown: S1 holds A, B, D, E; S2 holds C and F
    const s1 = r.breakdown.services.find((s: any) => s.id === ids.S1);
    expect(s1).toMatchObject({ visits: 4, served: 2, noShow: 1, ikm: 100, grade: 'A' });
    expect(s1.waitMeanSeconds).toBeCloseTo((240 + 720 + 1320) / 3, 6);
    expect(r.breakdown.services.find((s: any) => s.id === ids.S2)).toMatchObject({
      visits: 2,
      transferred: 1,
      cancelled: 1,
      served: 0,
    });
    expect(r.breakdown.counters.map((c: any) => [c.id, c.visits]).sort()).toEqual(
      [
        [loket1, 2], // D, C
        [loket2, 2], // A, B
      ].sort(),
    );
    expect(r.breakdown.agencies).toEqual([]);
  });

  it('counts the transferred citizen at Polres, and the whole mall', async () => {
    const p = (await report(`&agencyId=${polres}`)).measures;
    expect(p).toMatchObject({ visits: 1, issued: 0, transferredIn: 1, served: 1 });
    expect(p.waitSeconds.mean).toBeCloseTo(120, 6);
    expect(p.serviceSeconds.mean).toBeCloseTo(360, 6);
    const mall = await report('');
    const m = mall.measures;
    expect(m).toMatchObject({ visits: 7, issued: 6, transferredIn: 1, served: 3, noShow: 1, cancelled: 1, open: 1 });
    // waits 120, 240, 720, 1320, 1620
    expect(m.waitSeconds.mean).toBeCloseTo(804, 6);
    expect(m.waitSeconds.median).toBeCloseTo(720, 6);
    expect(m.waitSeconds.p90).toBeCloseTo(1500, 6); // rank 3.6: 1320 + 0.6 × 300
    // service 360, 600, 1200
    expect(m.serviceSeconds.mean).toBeCloseTo(720, 6);
    expect(m.serviceSeconds.p90).toBeCloseTo(1080, 6); // rank 1.8: 600 + 0.8 × 600
    expect(m.counters).toMatchObject({ active: 3, hoursStaffed: 3 });
    expect(mall.breakdown.agencies).toHaveLength(29);
    expect(mall.breakdown.agencies.find((a: any) => a.id === dukcapil)).toMatchObject({ visits: 6, served: 2 });
  });

  it('shows the live board at 09:50 with the Dindukcapil warning past its 4-minute threshold', async () => {
    at(50);
    const res = await get('/api/malls/blora/performance/live', viewer);
    expect(res.statusCode, res.body).toBe(200);
    const board = json(res);
    expect(board.date).toBe(day);
    const dk = board.agencies.find((a: any) => a.id === dukcapil);
    expect(dk).toMatchObject({
      waiting: 1, // E since 09:45
      longestWaitSeconds: 300,
      served: 2,
      issued: 6,
      countersOpen: 2,
      thresholdMinutes: 4,
      warning: true,
    });
    expect(dk.waitMeanSeconds).toBeCloseTo(975, 6);
    const pol = board.agencies.find((a: any) => a.id === polres);
    expect(pol).toMatchObject({ waiting: 0, served: 1, thresholdMinutes: 30, warning: false });
    expect(board.totals).toMatchObject({ waiting: 1, served: 3, issued: 7, countersOpen: 3 });
  });

  it('ranks agencies, draws the heat map and advises counters by Erlang C', async () => {
    const ranking = json(
      await get(`/api/malls/blora/performance/ranking?from=${day}&to=${day}&measure=waitMean`, dukcapilAdmin),
    );
    expect(ranking.rows.slice(0, 2).map((r: any) => [r.rank, r.agency.id, r.value])).toEqual([
      [1, polres, 120],
      [2, dukcapil, 975],
    ]);
    expect(ranking.rows.slice(2).every((r: any) => r.rank === null && r.value === null)).toBe(true);
    const heat = json(await get(`/api/malls/blora/performance/heatmap?from=${day}&to=${day}`, viewer));
    expect(heat.grid[0][9]).toBe(7); // Monday, 09:00
    expect(heat.max).toBe(7);
    const staffing = json(
      await get(`/api/malls/blora/performance/staffing?from=${day}&to=${day}&agencyId=${dukcapil}`, viewer),
    );
    // 6 arrivals in the hour, 15 min mean service: 1.5 Erlangs. Two counters: P(wait) = 4.5/7,
    // mean wait 0.642857 × 15 / 0.5 = 19.3 min > 4. Three: P(wait) = 1.125/4.75, 2.37 min ≤ 4.
    expect(staffing.targetWaitMinutes).toBe(4);
    const nine = staffing.hours.find((h: any) => h.hour === 9);
    expect(nine).toMatchObject({ arrivalsPerHour: 6, meanServiceMinutes: 15, countersNeeded: 3, countersOpen: 2 });
    expect(nine.expectedWaitMinutes).toBeCloseTo(((1.125 / 4.75) * 15) / 1.5, 6);
    const trend = json(
      await get(`/api/malls/blora/performance/trend?period=2026-11&granularity=week&agencyId=${dukcapil}`, viewer),
    );
    expect(trend.points.map((p: any) => p.key)).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
    expect(trend.points[0]).toMatchObject({ from: '2026-11-01', to: '2026-11-01', visits: 0 });
    expect(trend.points[5]).toMatchObject({ visits: 6, served: 2, ikm: 100, grade: 'A' });
  });

  it('exports the period as a PDF and as a workbook with every visit behind it', async () => {
    const query = `from=${day}&to=${day}&agencyId=${dukcapil}`;
    const pdf = await t.app.inject({
      url: `/api/malls/blora/performance/report.pdf?${query}`,
      headers: { cookie: viewer },
    });
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('kinerja-blora-dindukcapil-2026-11-30-2026-11-30.pdf');
    const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('LAPORAN KINERJA PELAYANAN');
    expect(text).toContain('Dinas Kependudukan dan Pencatatan Sipil');
    const xlsx = await t.app.inject({
      url: `/api/malls/blora/performance/report.xlsx?${query}`,
      headers: { cookie: dukcapilAdmin },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const data = book.worksheets.find((w) => /data/i.test(w.name));
    expect(data?.actualRowCount).toBe(1 + 6); // a header and Dindukcapil's six visits
    const other = await t.app.inject({
      url: `/api/malls/blora/performance/report.xlsx?from=${day}&to=${day}&agencyId=${polres}`,
      headers: { cookie: dukcapilAdmin },
    });
    expect(other.statusCode).toBe(403);
  });

  it('lets each role see what is theirs', async () => {
    const url = (q: string) => `/api/malls/blora/performance?from=${day}&to=${day}${q}`;
    expect((await get(url(''))).statusCode).toBe(401);
    expect((await get(url(''), officer)).statusCode).toBe(403);
    expect((await get('/api/malls/blora/performance/live', officer)).statusCode).toBe(403);
    expect((await get(url(''), admin)).statusCode).toBe(200);
    expect((await get(url(''), dukcapilAdmin)).statusCode).toBe(200);
    expect((await get(url(`&agencyId=${dukcapil}`), dukcapilAdmin)).statusCode).toBe(200);
    expect((await get(url(`&agencyId=${polres}`), dukcapilAdmin)).statusCode).toBe(403);
    expect((await get(url(`&counterId=${polresCounter}`), dukcapilAdmin)).statusCode).toBe(403);
    expect(
      (await get(`/api/malls/blora/performance/staffing?from=${day}&to=${day}&agencyId=${polres}`, dukcapilAdmin))
        .statusCode,
    ).toBe(403);
    const bad = await get('/api/malls/blora/performance?period=2026-13', viewer);
    expect(bad.statusCode).toBe(400);
    expect(json(bad).field).toBe('period');
    expect((await get(url('&agencyId=nope'), viewer)).statusCode).toBe(404);
    expect((await get(`/api/malls/blora/performance/staffing?from=${day}&to=${day}`, viewer)).statusCode).toBe(400);
  });

  it('keeps a closed day and month as stored tallies, and takes in what changes them later', async () => {
    at(50);
    const urls = {
      day: `/api/malls/blora/performance?from=${day}&to=${day}&agencyId=${dukcapil}`,
      mallDay: `/api/malls/blora/performance?from=${day}&to=${day}`,
      month: `/api/malls/blora/performance?period=2026-11&agencyId=${dukcapil}`,
      service: `/api/malls/blora/performance?period=2026-11&serviceId=${ids.S1}`,
      trend: `/api/malls/blora/performance/trend?period=2026-11&granularity=week&agencyId=${dukcapil}`,
      ranking: '/api/malls/blora/performance/ranking?period=2026-11&measure=waitMean',
      heat: '/api/malls/blora/performance/heatmap?period=2026-11',
      staffing: `/api/malls/blora/performance/staffing?period=2026-11&agencyId=${dukcapil}`,
    };
    const read = async () => {
      const out: Record<string, any> = {};
      for (const [key, url] of Object.entries(urls)) {
        const res = await get(url, viewer);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        out[key] = json(res);
      }
      return out;
    };
    const monday = await read(); // Monday 30 November is today: tallied from its visits
    t.clock.now = MONDAY_9AM + 24 * 60 * MIN; // Tuesday 1 December, 09:00: the day and November have closed
    viewer = await t.login('pimpinan');
    officer = await t.login('petugas.dindukcapil');
    const current = async () =>
      (await t.ctx.database.db.selectFrom('rollup_marks').selectAll().execute())
        .filter((m) => m.built === m.generation)
        .map((m) => `${m.span} ${m.start}`);
    // what the server does in the background at start: the last year's closed days and months
    // (Monday and November could not be stored before today)
    expect(await current()).not.toContain('month 2026-11-01');
    await t.app.prepareReports();
    expect(await current()).toEqual(expect.arrayContaining(['day 2026-11-30', 'month 2026-11-01', 'month 2026-01-01']));
    expect(await read()).toEqual(monday);

    // Tuesday: E, still waiting since Monday, is cancelled; D's citizen answers the SKM at home.
    await post(`/api/malls/blora/tickets/${ids.E}/cancel`, officer);
    expect(await current()).not.toContain('day 2026-11-30');
    expect(await current()).not.toContain('month 2026-11-01');
    await post(`/api/tickets/${ids['D.token']}/survey`, null, {
      answers: { ...ALL_FOUR, waktu: 1 },
      respondent: { sex: 'L', age: 70, education: 'SD', occupation: 'LAINNYA' },
    });
    const tuesday = await read();
    for (const key of ['day', 'month'] as const) {
      expect(tuesday[key].measures).toMatchObject({ visits: 6, cancelled: 2, open: 0, served: 2 });
      expect(tuesday[key].ikm.respondents).toBe(2);
      expect(tuesday[key].ikm.ikm).toBeLessThan(100);
    }
    expect(tuesday.mallDay.measures).toMatchObject({ visits: 7, cancelled: 2, open: 0 });
    expect(tuesday.trend.points[5]).toMatchObject({ visits: 6, served: 2 });
    expect(tuesday.trend.points[5].ikm).toBeLessThan(100);
    expect(await current()).toEqual(expect.arrayContaining(['day 2026-11-30', 'month 2026-11-01']));
  });
});

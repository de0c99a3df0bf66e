/**
 * The performance evaluation screen in a real browser, on a mall with demo history
 * (LOKET_DEMO_HISTORY_DAYS): `pimpinan` sees last month's figures for the whole mall (as the API
 * gives them), opens an agency from the breakdown, the trend charts draw (by month and by week),
 * the ranking changes order when the measure changes, the PDF download answers 200
 * application/pdf, and a period without data says so. `admin.dindukcapil` is offered only the
 * whole mall and their own agency. Visits and applications made today through the HTTP API show in
 * "Waktu di MPP per kunjungan" (a visit of two services as "2 layanan") and "Permohonan" (received,
 * ready on time, rejected; per agency, then per service). Each state passes axe-core's WCAG 2.1 AA
 * rules. LOKET_E2E_SHOTS=<dir> saves a screenshot of the new sections, to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

const SHOTS = process.env.LOKET_E2E_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string, fullPage = true) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
};
/** One section of the page. */
const shotOf = async (section: Locator, name: string) => {
  if (SHOTS) await section.screenshot({ path: join(SHOTS, `${name}.png`) });
};

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** The month before the one holding `today` (YYYY-MM-DD). */
function lastMonth(today: string): { year: number; month: number; key: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  return { year, month, key: `${year}-${String(month).padStart(2, '0')}` };
}

/** A month of the whole mall is tens of thousands of visits: allow a few seconds on a small machine. */
const SLOW = { timeout: 15_000 };

describe.runIf(HAS_CHROMIUM)('the performance evaluation screen', () => {
  let hall: Hall;
  let browser: Browser;
  let today = '';
  let agencies: { id: string; code: string; name: string; shortName: string }[];

  beforeAll(async () => {
    hall = await startHall({ LOKET_DEMO_HISTORY_DAYS: '56' });
    browser = await launchBrowser();
    today = (await (await fetch(`${hall.base}/api/malls/blora`)).json()).today;
    agencies = await (await fetch(`${hall.base}/api/malls/blora/agencies`)).json();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  const open = async (username: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
    await page.goto(`${hall.base}/blora/kinerja`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('kinerja-headline').waitFor();
    return page;
  };
  /** A staff member's session for the HTTP API: POST and GET with the cookie and the CSRF token. */
  const staff = async (username: string) => {
    const login = await fetch(`${hall.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(login.status, username).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = (await (await fetch(`${hall.base}/api/auth/csrf`, { headers: { cookie } })).json()).token as string;
    return async (path: string, body?: object) => {
      const res = await fetch(`${hall.base}${path}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(res.status, `${path}: ${res.status}`).toBeLessThan(300);
      return res.json() as Promise<any>;
    };
  };
  const heading = (page: Page) => page.getByTestId('kinerja-headline').getByRole('heading', { level: 2 });
  const rankingOrder = (page: Page) =>
    page.getByTestId('ranking-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.agency ?? ''));

  it('shows the mall’s month, opens an agency, draws the trend, re-ranks, downloads the PDF', async () => {
    const month = lastMonth(today);
    const page = await open('pimpinan');
    const expected = await (
      await page.request.get(`${hall.base}/api/malls/blora/performance?period=${month.key}`)
    ).json();
    expect(expected.measures.issued).toBeGreaterThan(0);

    // Last month of the whole mall, as the API counts it, in Indonesian figures.
    await expect
      .poll(() => heading(page).textContent(), SLOW)
      .toBe(`MPP Kabupaten Blora — ${MONTHS[month.month - 1]} ${month.year}`);
    const issued = new Intl.NumberFormat('id-ID').format(expected.measures.issued);
    expect(await page.getByTestId('measure-issued').textContent()).toBe(issued);
    const wait = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      expected.measures.waitSeconds.mean / 60,
    );
    expect(await page.getByTestId('measure-wait-mean').textContent()).toBe(`${wait}menit`);
    expect(await page.getByTestId('breakdown-agencies').locator('tbody tr').count()).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('trend-chart-wait').getAttribute('data-points'), SLOW).toBe('12');
    await page.getByTestId('ranking-row').first().waitFor();
    await page.getByTestId('heatmap-table').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The PDF of the same report.
    const pdfHref = await page.getByRole('link', { name: 'Unduh laporan (PDF)' }).getAttribute('href');
    expect(pdfHref).toContain(`period=${month.key}`);
    const pdf = await page.request.get(`${hall.base}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The ranking changes order with the measure, and says what "better" is.
    const byWait = await rankingOrder(page);
    expect(await page.getByTestId('ranking-better').textContent()).toMatch(/^Makin singkat makin baik/);
    await page.getByLabel('Urutkan menurut').selectOption('served');
    await expect.poll(() => page.getByTestId('ranking-table').getAttribute('data-measure'), SLOW).toBe('served');
    const byServed = await rankingOrder(page);
    expect(byServed).not.toEqual(byWait);
    expect(await page.getByTestId('ranking-better').textContent()).toMatch(/^Makin banyak/);

    // Open Dindukcapil from the breakdown: its own report, its services, counters and officers.
    const dukcapil = agencies.find((a) => a.code === 'dindukcapil')!;
    await page.getByTestId('breakdown-agencies').getByRole('link', { name: dukcapil.shortName, exact: true }).click();
    await expect
      .poll(() => heading(page).textContent(), SLOW)
      .toBe(`${dukcapil.name} — ${MONTHS[month.month - 1]} ${month.year}`);
    expect(page.url()).toContain(`agencyId=${dukcapil.id}`);
    await page.getByTestId('breakdown-services').waitFor();
    await page.getByTestId('breakdown-officers').waitFor();
    await page.getByTestId('staffing-table').waitFor();
    expect(await page.getByLabel('Instansi', { exact: true }).inputValue()).toBe(dukcapil.id);

    // Its trend by week: the chart draws a point per week.
    await page.getByText('Per minggu', { exact: true }).click();
    await expect
      .poll(async () => Number(await page.getByTestId('trend-chart-wait').getAttribute('data-points')), SLOW)
      .toBeGreaterThanOrEqual(13);
    const drawn = await page
      .getByTestId('trend-chart-volume')
      .evaluate((c: HTMLCanvasElement) => c.width > 0 && c.toDataURL().length > 5_000);
    expect(drawn).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // An officer of the agency, from the breakdown.
    const officer = page.getByTestId('breakdown-officers').getByRole('link').first();
    const officerName = await officer.textContent();
    await officer.click();
    await expect
      .poll(() => heading(page).textContent(), SLOW)
      .toBe(`${officerName} — ${MONTHS[month.month - 1]} ${month.year}`);
    expect(page.url()).toContain('officerId=');

    // A year long before the history: said plainly.
    await page.getByLabel('Instansi', { exact: true }).selectOption('');
    await page.getByLabel('Jenis periode').selectOption('year');
    await page.getByLabel('Tahun', { exact: true }).selectOption(String(Number(today.slice(0, 4)) - 5));
    await page.getByTestId('kinerja-empty').waitFor();
    expect(await page.getByTestId('kinerja-empty').textContent()).toMatch(/^Tidak ada data pelayanan/);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('offers an agency admin only the whole mall and their own agency', async () => {
    const page = await open('admin.dindukcapil');
    const dukcapil = agencies.find((a) => a.code === 'dindukcapil')!;
    // Their agency is open by default.
    await expect.poll(() => heading(page).textContent(), SLOW).toMatch(new RegExp(`^${dukcapil.name} — `));
    const options = await page
      .getByLabel('Instansi', { exact: true })
      .locator('option')
      .evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(['', dukcapil.id]);

    // At the mall level every agency has its summary line, but only their own is a link.
    await page.getByLabel('Instansi', { exact: true }).selectOption('');
    await expect.poll(() => heading(page).textContent(), SLOW).toMatch(/^MPP Kabupaten Blora — /);
    const links = page.getByTestId('breakdown-agencies').getByRole('link');
    expect(await links.count()).toBe(1);
    expect(await links.first().textContent()).toBe(dukcapil.shortName);
    expect(await page.getByTestId('breakdown-agencies').locator('tbody tr').count()).toBeGreaterThan(5);
    await page.getByTestId('ranking-row').first().waitFor();
    expect(await page.getByTestId('kinerja-ranking').getByRole('link').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows time in the mall per visit and the applications followed to their end', async () => {
    const api = async (path: string) => (await fetch(`${hall.base}${path}`)).json() as Promise<any>;
    const counters = await api('/api/malls/blora/counters');
    /** an agency's first counter, and a service it calls without a daily quota */
    const desk = async (code: string) => {
      const agency = agencies.find((a) => a.code === code)!;
      const counter = counters.find((c: any) => c.agencyId === agency.id);
      const own = await api(`/api/malls/blora/services?agencyId=${agency.id}`);
      const service = own.find((s: any) => counter.serviceIds.includes(s.id) && s.dailyQuota === null);
      return { agency, counter, service, post: await staff(`petugas.${code}`) };
    };
    const dukcapil = await desk('dindukcapil');
    const bpjs = await desk('bpjskes');
    const samsat = await desk('samsat');
    const serveNext = async (at: typeof dukcapil, number: string) => {
      const { ticket } = await at.post(`/api/malls/blora/counters/${at.counter.id}/call-next`);
      expect(ticket.number).toBe(number);
      await at.post(`/api/malls/blora/tickets/${ticket.id}/start`);
      await at.post(`/api/malls/blora/tickets/${ticket.id}/finish`);
    };
    const issue = async (body: object) =>
      (
        await fetch(`${hall.base}/api/malls/blora/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json() as Promise<any>;

    // Today: one visit of two services (Dindukcapil, then BPJS Kesehatan) and one of a single service.
    const visit = await issue({ serviceIds: [dukcapil.service.id, bpjs.service.id] });
    const plain = await issue({ serviceId: samsat.service.id });
    await serveNext(samsat, plain.number);
    await serveNext(dukcapil, visit.number);
    await serveNext(bpjs, visit.number);

    // Three applications at DPMPTSP: one ready within its standard time, one rejected, one open.
    const dpmptsp = agencies.find((a) => a.code === 'dpmptsp')!;
    const permits = await api(`/api/malls/blora/services?agencyId=${dpmptsp.id}`);
    const permit = permits.find((s: any) => s.standard.duration === '5 hari kerja');
    const officer = await staff('petugas.dpmptsp');
    const openApplication = () => officer('/api/malls/blora/applications', { serviceId: permit.id, name: 'Warga Uji' });
    const step = (id: string, status: string, note?: string) =>
      officer(`/api/malls/blora/applications/${id}/status`, { status, ...(note ? { note } : {}) });
    const ready = await openApplication();
    await step(ready.id, 'diproses');
    await step(ready.id, 'siap_diambil');
    const rejected = await openApplication();
    await step(rejected.id, 'ditolak', 'Bukan kewenangan DPMPTSP');
    await openApplication();

    const page = await open('pimpinan');
    const period = `from=${today}&to=${today}`;
    await page.goto(`${hall.base}/blora/kinerja?${period}`);
    const visits = page.getByTestId('kinerja-visits');
    await visits.getByTestId('visits-by-stops').waitFor();
    const expected = await (await page.request.get(`${hall.base}/api/malls/blora/performance/visits?${period}`)).json();
    expect(expected.visits).toBe(2);
    expect(await visits.getByTestId('visits-count').textContent()).toBe('2');
    const two = visits.locator('[data-testid="visits-stops-row"][data-stops="2"]');
    expect(await two.getByRole('rowheader').textContent()).toBe('2 layanan');
    expect(await two.locator('td').first().textContent()).toBe('1');
    expect(await visits.locator('[data-stops="1"]').getByRole('rowheader').textContent()).toBe('1 layanan');
    const mean = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      expected.meanMinutes,
    );
    expect(await visits.getByTestId('visits-mean').textContent()).toBe(`${mean}menit`);
    expect(await visits.getByTestId('visits-multi').textContent()).toContain('(1 kunjungan)');

    const applications = page.getByTestId('kinerja-applications');
    await applications.getByTestId('applications-agencies').waitFor();
    expect(await applications.getByTestId('applications-received').textContent()).toBe('3');
    expect(await applications.getByTestId('applications-within').textContent()).toBe('100,0%');
    expect(await applications.getByTestId('applications-rejected').textContent()).toBe('1');
    expect(await applications.getByTestId('applications-overdue').textContent()).toBe('0');
    expect(await applications.getByTestId('applications-overdue').getAttribute('data-alert')).toBeNull();
    const row = applications.getByTestId('applications-row').filter({ hasText: dpmptsp.shortName });
    expect(await row.locator('td').first().textContent()).toBe('3');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'kinerja-today');
    await shotOf(visits, 'kinerja-visits');
    await shotOf(applications, 'kinerja-applications');

    // DPMPTSP from the applications' table: its services.
    await row.getByRole('link', { name: dpmptsp.shortName, exact: true }).click();
    await expect.poll(() => page.url()).toContain(`agencyId=${dpmptsp.id}`);
    const services = applications.getByTestId('applications-services');
    await services.waitFor();
    expect(await services.getByTestId('applications-row').count()).toBe(1);
    expect(await services.getByTestId('applications-row').getByRole('rowheader').textContent()).toBe(permit.name);
    // the visits through DPMPTSP: none today
    await page.getByTestId('visits-empty').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // In English, one switch away.
    await page.getByRole('button', { name: /Switch to English/ }).click();
    await page.getByRole('heading', { name: 'Applications (document tracking)' }).waitFor();
    await page.getByRole('heading', { name: 'Time in the mall per visit' }).waitFor();
    await shotOf(applications, 'kinerja-applications-agency-en');
    await page.context().close();
  }, 120_000);
});

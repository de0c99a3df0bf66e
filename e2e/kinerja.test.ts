/**
 * The performance evaluation screen in a real browser, on a mall with demo history
 * (LOKET_DEMO_HISTORY_DAYS): `pimpinan` sees last month's figures for the whole mall (as the API
 * gives them), opens an agency from the breakdown, the trend charts draw (by month and by week),
 * the ranking changes order when the measure changes, the PDF download answers 200
 * application/pdf, and a period without data says so. `admin.dindukcapil` is offered only the
 * whole mall and their own agency. Each state passes axe-core's WCAG 2.1 AA rules.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

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
});

/**
 * The published SKM results for citizens in a real browser: paper questionnaires for two months,
 * both months published with a follow-up plan, and /blora/ikm on a phone shows the latest IKM as
 * GET /skm computes it, its grade, the plan and every agency; unpublished, it says so. Each state
 * passes axe-core's WCAG 2.1 AA rules.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

/** The first and last day of the month `back` months before the one holding `today` (YYYY-MM-DD). */
function monthBefore(today: string, back: number): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 - back, 1));
  const last = new Date(Date.UTC(y, m - back, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

const ikmText = (ikm: number) => ikm.toFixed(2).replace('.', ','); // Bahasa Indonesia writes 85,28

describe.runIf(HAS_CHROMIUM)('the published IKM page', () => {
  let hall: Hall;
  let browser: Browser;
  let cookie = '';
  let csrf = '';

  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${hall.base}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: res.status, res, body: res.status === 204 ? null : ((await res.json()) as any) };
  };

  const open = async (path: string, width: number, height: number): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${path}] pageerror: ${e.message}`));
    await page.goto(`${hall.base}${path}`);
    return page;
  };

  beforeAll(async () => {
    hall = await startHall();
    browser = await launchBrowser();
    const login = await api('/api/auth/login', { body: { username: 'admin', password: PASSWORD } });
    expect(login.status).toBe(200);
    cookie = login.res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    csrf = (await api('/api/auth/csrf')).body.token;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  it('shows the latest published IKM, its grade, the agencies and the follow-up plan, then the empty state', async () => {
    const { body: mall } = await api('/api/malls/blora');
    const older = monthBefore(mall.today, 2);
    const latest = monthBefore(mall.today, 1);
    const { body: services } = await api('/api/malls/blora/services');
    const respondent = { sex: 'L', age: 30, education: 'SMA', occupation: 'SWASTA' };

    // Paper questionnaires for services of a few agencies, differently answered in each month.
    for (const [m, period] of [older, latest].entries()) {
      for (let i = 0; i < 6; i++) {
        const a = 3 + ((i + m) % 2);
        const b = 2 + ((i + m) % 3);
        const answers = {
          persyaratan: a,
          prosedur: b,
          waktu: b,
          biaya: 4,
          produk: a,
          kompetensi: a,
          perilaku: 4,
          pengaduan: b,
          sarana: a,
        };
        const serviceId = services[i * 7].id;
        const date = period.from.replace(/-01$/, '-10');
        const created = await api('/api/malls/blora/skm/responses', { body: { serviceId, date, answers, respondent } });
        expect(created.status).toBe(201);
      }
    }
    for (const period of [older, latest]) {
      expect((await api('/api/malls/blora/skm/publications', { body: period })).status).toBe(201);
    }
    const action = 'Menambah petugas loket pada jam sibuk';
    const plan = { ...latest, element: 'waktu', action, owner: 'Kepala UPT MPP', dueDate: '2030-12-31' };
    expect((await api('/api/malls/blora/skm/followups', { body: plan })).status).toBe(201);

    const { body: report } = await api(`/api/malls/blora/skm?from=${latest.from}&to=${latest.to}`);
    const { body: published } = await api('/api/malls/blora/skm/published');

    const page = await open('/blora/ikm', 360, 740);
    await page.getByRole('heading', { level: 1, name: 'Hasil Survei Kepuasan Masyarakat' }).waitFor();
    await expect.poll(() => page.getByTestId('latest-ikm').textContent()).toBe(ikmText(report.ikm));
    expect(await page.getByTestId('latest-grade').textContent()).toBe(`${report.grade} — ${report.label.id}`);
    expect(await page.getByTestId('latest-respondents').textContent()).toBe(`${report.respondents} responden`);
    expect(await page.getByRole('heading', { name: /^Hasil terbaru/ }).textContent()).toContain(
      published[0].periodLabel,
    );

    // The trend's table carries both periods' numbers, oldest first.
    const trendRows = page.getByTestId('trend-table').locator('tbody tr');
    expect(await trendRows.count()).toBe(2);
    expect(await trendRows.nth(1).textContent()).toContain(ikmText(report.ikm));

    // The follow-up plan of the latest period.
    const followup = page.getByTestId('followup').first();
    await expect.poll(() => followup.isVisible()).toBe(true);
    expect(await followup.textContent()).toContain(action);
    expect(await followup.textContent()).toContain('Waktu penyelesaian');
    expect(await followup.textContent()).toContain('Belum dilaksanakan');

    // Every agency is listed; those with no responses say so; sorting puts the highest IKM first.
    const rows = page.getByTestId('agency-row');
    expect(await rows.count()).toBe(published[0].agencies.length);
    expect(await page.getByText('Belum ada responden').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Urutkan menurut IKM' }).click();
    const best = [...published[0].agencies].filter((a) => a.ikm !== null).sort((a, b) => b.ikm - a.ikm)[0];
    await expect.poll(() => rows.first().textContent()).toContain(best.name);
    expect(await rows.first().textContent()).toContain(ikmText(best.ikm));

    // Unpublished, the page says nothing is published yet.
    for (const p of published) {
      expect((await api(`/api/malls/blora/skm/publications/${p.id}`, { method: 'DELETE' })).status).toBe(204);
    }
    await page.reload();
    await expect.poll(() => page.getByTestId('ikm-empty').textContent()).toBe('Hasil survei belum dipublikasikan');
    expect(await axeViolations(page)).toEqual([]);
  });
});

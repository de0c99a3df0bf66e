/**
 * The staff SKM report screen in a real browser: paper questionnaires for last month entered via the
 * API; /blora/skm signs the admin in, last month's IKM equals GET /skm's, a follow-up added through
 * the form is listed, publishing marks the period published, and a paper questionnaire entered
 * through "Entri kuesioner kertas" raises the respondent count by one. Each state passes axe-core's
 * WCAG 2.1 AA rules.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKM_ELEMENT_KEYS } from '../src/domain/skm.js';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

/** The first and last day of the month before the one holding `today` (YYYY-MM-DD). */
function lastMonth(today: string): { from: string; to: string; year: number; month: number } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return {
    from: first.toISOString().slice(0, 10),
    to: last.toISOString().slice(0, 10),
    year: first.getUTCFullYear(),
    month: first.getUTCMonth() + 1,
  };
}

const ikmText = (ikm: number) => ikm.toFixed(2).replace('.', ','); // Bahasa Indonesia writes 85,28

describe.runIf(HAS_CHROMIUM)('the SKM report screen for staff', () => {
  let hall: Hall;
  let browser: Browser;
  let cookie = '';
  let csrf = '';

  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`${hall.base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, res, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    hall = await startHall();
    browser = await launchBrowser();
    const login = await api('/api/auth/login', { username: 'admin', password: PASSWORD });
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

  it('signs in, shows last month’s IKM, adds a follow-up and publishes', async () => {
    const { body: mall } = await api('/api/malls/blora');
    const month = lastMonth(mall.today);
    const { body: services } = await api('/api/malls/blora/services');
    const respondent = { sex: 'P', age: 41, education: 'S1', occupation: 'PNS' };
    for (let i = 0; i < 5; i++) {
      const a = 2 + (i % 3);
      const answers = {
        persyaratan: a,
        prosedur: 3,
        waktu: 2 + (i % 2),
        biaya: 4,
        produk: a,
        kompetensi: 3,
        perilaku: 4,
        pengaduan: a,
        sarana: 3,
      };
      const date = month.from.replace(/-01$/, '-12');
      const created = await api('/api/malls/blora/skm/responses', {
        serviceId: services[i * 5].id,
        date,
        answers,
        respondent,
      });
      expect(created.status).toBe(201);
    }
    const { body: expected } = await api(`/api/malls/blora/skm?from=${month.from}&to=${month.to}`);

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
    await page.goto(`${hall.base}/blora/skm`);

    // Signed out: the sign-in form.
    await page.getByLabel('Nama pengguna').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();

    // Last month of the whole mall (the default, chosen again explicitly).
    await page.getByLabel('Jenis periode').selectOption('month');
    await page.getByLabel('Tahun', { exact: true }).selectOption(String(month.year));
    await page.getByLabel('Bulan', { exact: true }).selectOption(String(month.month));
    await expect.poll(() => page.getByTestId('skm-ikm').textContent(), { timeout: 10_000 }).toBe(ikmText(expected.ikm));
    expect(await page.getByTestId('skm-grade').textContent()).toBe(`${expected.grade} — ${expected.label.id}`);
    expect(await page.getByTestId('skm-elements').locator('tbody tr').count()).toBe(9);
    expect(await page.getByRole('link', { name: 'Unduh laporan (PDF)' }).getAttribute('href')).toContain(
      `period=${month.year}-${String(month.month).padStart(2, '0')}`,
    );
    expect(await axeViolations(page)).toEqual([]);

    // A follow-up through the form.
    const action = 'Menyederhanakan alur pengaduan di meja informasi';
    await page.getByLabel('Unsur', { exact: true }).selectOption('pengaduan');
    await page.getByLabel('Tindakan').fill(action);
    await page.getByLabel('Penanggung jawab').fill('Kepala UPT MPP');
    await page.getByLabel('Target selesai').fill('2030-06-30');
    await page.getByRole('button', { name: 'Tambah rencana' }).click();
    const followup = page.getByTestId('skm-followup').filter({ hasText: action });
    await followup.waitFor();
    expect(await followup.textContent()).toContain('Penanganan pengaduan');
    const done = followup.getByRole('button', { name: /^Selesai/ });
    await done.click();
    await expect.poll(() => done.getAttribute('aria-pressed')).toBe('true');

    // Publish the month; it is marked published and citizens' list holds it.
    await page.getByRole('button', { name: 'Publikasikan' }).click();
    await expect.poll(() => page.getByTestId('skm-publish-status').textContent()).toMatch(/^Sudah dipublikasikan/);
    const { body: published } = await api('/api/malls/blora/skm/published');
    expect(published.map((p: any) => p.from)).toContain(month.from);
    expect(await axeViolations(page)).toEqual([]);

    // A paper questionnaire for a day in the month, entered through the form: one more respondent.
    const respondents = () => page.getByTestId('skm-respondents').textContent();
    const before = Number((await respondents())?.match(/^\d+/)?.[0]);
    expect(before).toBe(expected.respondents);
    const paper = page.getByRole('region', { name: 'Entri kuesioner kertas' });
    await paper.getByLabel('Layanan pada kuesioner').selectOption(services[3].id);
    await paper.getByLabel('Tanggal kuesioner').fill(month.from.replace(/-01$/, '-20'));
    for (const key of SKM_ELEMENT_KEYS) await paper.locator(`input[name="paper-${key}"][value="3"]`).check();
    await paper.getByRole('group', { name: 'Jenis kelamin' }).getByRole('radio', { name: 'Laki-laki' }).check();
    await paper.getByRole('group', { name: 'Usia' }).getByRole('radio', { name: '30–39 tahun' }).check();
    await paper.getByRole('group', { name: 'Pendidikan terakhir' }).getByRole('radio', { name: 'SMA' }).check();
    await paper.getByRole('group', { name: 'Pekerjaan' }).getByRole('radio', { name: 'Wirausaha' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await paper.getByRole('button', { name: 'Simpan kuesioner' }).click();
    await expect.poll(() => paper.getByRole('status').textContent()).toMatch(/^Kuesioner tersimpan/);
    await expect.poll(async () => Number((await respondents())?.match(/^\d+/)?.[0])).toBe(before + 1);
    // Cleared for the next sheet.
    expect(await paper.locator('input[name="paper-persyaratan"]:checked').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // A sheet dated in the future is refused in role=alert before it is sent.
    await paper.getByLabel('Tanggal kuesioner').fill('2099-01-01');
    await paper.getByRole('button', { name: 'Simpan kuesioner' }).click();
    await expect.poll(() => paper.getByRole('alert').textContent()).toMatch(/paling lambat hari ini/);
    await context.close();
  });
});

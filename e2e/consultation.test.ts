/**
 * Consultation before coming, in a real browser (issue #14, point 5): a citizen on a 360 px phone
 * asks about a service under its standard on the portal, the agency's officer answers on
 * /blora/konsultasi and shows it as a FAQ, the citizen's link /q/<token> shows the answer and the
 * service's page lists it. Each screen passes axe-core's WCAG 2.1 AA rules. LOKET_E2E_SHOTS=<dir>
 * saves a screenshot of each.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

const SHOTS = process.env.LOKET_E2E_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string, fullPage = true) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
};

describe.runIf(HAS_CHROMIUM)('consultation in a browser', () => {
  let hall: Hall;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const open = async (path: string, width: number, height: number): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID', hasTouch: width < 800 });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${path}] pageerror: ${e.message}`));
    await page.goto(`${hall.base}${path}`);
    return page;
  };
  const api = async (path: string) => (await fetch(`${hall.base}${path}`)).json() as Promise<any>;

  beforeAll(async () => {
    hall = await startHall();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await hall?.close();
  });

  it('is asked on the portal, answered by the agency, read by the citizen and listed as a FAQ', async () => {
    const agencies = await api('/api/malls/blora/agencies');
    const imigrasi = agencies.find((a: any) => a.code === 'imigrasi');
    const service = (await api(`/api/malls/blora/services?agencyId=${imigrasi.id}`))[0];

    const phone = await open(`/blora?service=${service.id}`, 360, 740);
    await phone.getByRole('heading', { name: 'Tanya petugas tentang layanan ini' }).waitFor();
    // too short: the server's reason under the field, nothing sent
    await phone.getByLabel('Pertanyaan Anda').fill('Syarat?');
    await phone.getByRole('button', { name: 'Kirim pertanyaan' }).click();
    await expect.poll(() => phone.getByLabel('Pertanyaan Anda').getAttribute('aria-invalid')).toBe('true');
    await phone.getByLabel('Pertanyaan Anda').fill('Apakah anak umur 5 tahun harus datang sendiri untuk paspor?');
    await phone.getByLabel('Nomor HP (tidak wajib)').fill('0812 3456 7890');
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'consult-ask');
    await phone.getByRole('button', { name: 'Kirim pertanyaan' }).click();
    const link = phone.getByRole('link', { name: 'Lihat pertanyaan dan jawaban' });
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/q\/.+/);
    await link.click();
    await phone.getByText('Menunggu jawaban petugas', { exact: false }).waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'consult-waiting');

    const desk = await open('/blora/konsultasi', 1366, 768);
    await desk.getByLabel('Nama pengguna').fill('petugas.imigrasi');
    await desk.getByLabel('Kata sandi').fill(PASSWORD);
    await desk.getByRole('button', { name: 'Masuk' }).click();
    const card = desk.getByRole('article', { name: /anak umur 5 tahun/ });
    await card.waitFor();
    await card.getByLabel('Jawaban').fill('Ya, anak wajib hadir untuk foto dan sidik jari, didampingi orang tua.');
    await card.getByLabel('Tampilkan sebagai FAQ di halaman layanan').check();
    expect(await axeViolations(desk)).toEqual([]);
    await shot(desk, 'consult-staff', false);
    await card.getByRole('button', { name: 'Kirim jawaban' }).click();
    // answered: it leaves the list of unanswered questions
    await expect.poll(() => desk.getByRole('article', { name: /anak umur 5 tahun/ }).count()).toBe(0);

    // the citizen's page shows the answer (it asks again when the phone comes back to it)
    await phone.reload();
    await phone.getByRole('heading', { name: 'Jawaban petugas' }).waitFor();
    expect(await phone.getByText('didampingi orang tua', { exact: false }).count()).toBe(1);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'consult-answered');

    await phone.goto(`${hall.base}/blora?service=${service.id}`);
    await phone.getByRole('heading', { name: 'Pertanyaan yang sering diajukan' }).waitFor();
    await phone.getByText('Apakah anak umur 5 tahun', { exact: false }).click();
    await phone.getByText('didampingi orang tua', { exact: false }).waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'consult-faq');
  });
});

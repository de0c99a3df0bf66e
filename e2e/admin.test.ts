/**
 * The administration screens in a real browser, through the screens rather than the API: the mall
 * admin signs in at /blora/admin, adds an agency, a service for it (a prefix another agency uses
 * is refused next to the field, in Indonesian), a counter serving it and an officer account,
 * reading the generated password off the screen; the kiosk offers the new service and issues a
 * ticket; the new officer signs in at the counter (changing the generated password first), calls
 * and finishes it; the admin closes the mall today as a holiday and the kiosk says it is closed.
 * An agency admin sets a service to come after another in a visit ("Harus setelah layanan"), sees
 * it saved, and cannot then choose the reverse. The admin screen passes axe-core's WCAG 2.1 AA
 * rules on the way. LOKET_E2E_SHOTS=<dir> saves a screenshot of the service form, to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

const SHOTS = process.env.LOKET_E2E_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

describe.runIf(HAS_CHROMIUM)('the administration screens', () => {
  let hall: Hall;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const open = async (path: string, width: number, height: number): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${path}] pageerror: ${e.message}`));
    await page.goto(`${hall.base}${path}`);
    return page;
  };

  /** A section of the administration screen, from its tabs. */
  let admin: Page;
  const tab = (name: string) =>
    admin.getByRole('navigation', { name: 'Bagian administrasi' }).getByRole('link', { name, exact: true }).click();

  beforeAll(async () => {
    hall = await startHall();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await hall?.close();
  });

  it('sets up an agency, service, counter and officer that the kiosk and the counter then use, and closes the mall for today', async () => {
    const services = (await (await fetch(`${hall.base}/api/malls/blora/services`)).json()) as { prefix: string }[];
    const takenPrefix = services[0]!.prefix;

    // The mall admin signs in.
    admin = await open('/blora/admin', 1366, 768);
    await admin.getByLabel('Nama pengguna').fill('admin');
    await admin.getByLabel('Kata sandi').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Masuk' }).click();
    await admin.getByRole('heading', { name: 'Instansi', level: 2 }).waitFor();
    await admin.getByTestId('agency-row').first().waitFor();
    expect(await axeViolations(admin)).toEqual([]);

    // An agency: a code with a space is refused before anything is sent, next to the field.
    await admin.getByRole('button', { name: 'Tambah instansi' }).click();
    await admin.getByLabel('Nama instansi').fill('Dinas Uji Coba Pelayanan');
    await admin.getByLabel('Nama singkat').fill('Ujicoba');
    const code = admin.getByLabel('Kode instansi');
    await code.fill('uji coba');
    await admin.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    expect(await admin.getByRole('alert').first().textContent()).toContain('Periksa isian');
    expect(await axeViolations(admin)).toEqual([]);
    await code.fill('ujicoba');
    await admin.getByRole('button', { name: 'Simpan', exact: true }).click();
    await admin.getByTestId('agency-row').filter({ hasText: 'Dinas Uji Coba Pelayanan' }).waitFor();

    // A service of it: another agency's prefix is refused by the server, said next to the field.
    await tab('Layanan');
    await admin.getByRole('button', { name: 'Tambah layanan' }).click();
    await admin.getByLabel('Instansi', { exact: true }).selectOption({ label: 'Dinas Uji Coba Pelayanan' });
    await admin.getByLabel('Nama layanan').fill('Legalisir Dokumen Uji');
    const prefix = admin.getByLabel('Awalan nomor antrian');
    await prefix.fill(takenPrefix);
    await admin.getByLabel('Prosedur (langkah-langkah)').fill('Ambil nomor antrian\nSerahkan berkas di loket');
    await admin.getByLabel('Jangka waktu penyelesaian').fill('10 menit');
    await admin.getByLabel('Produk layanan').fill('Dokumen terlegalisir');
    await admin.getByLabel('Pengaduan, saran, dan masukan').fill('Meja pengaduan MPP');
    await admin.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expect.poll(() => prefix.getAttribute('aria-invalid')).toBe('true');
    const prefixError = await prefix.evaluate((el) => document.getElementById(`${el.id}-error`)?.textContent);
    expect(prefixError).toContain(`"${takenPrefix}" sudah dipakai`);
    expect(await axeViolations(admin)).toEqual([]);
    await prefix.fill('UJ');
    await admin.getByRole('button', { name: 'Simpan', exact: true }).click();
    await admin.getByTestId('service-row').filter({ hasText: 'Legalisir Dokumen Uji' }).waitFor();

    // A counter serving it (the next free number is offered).
    await tab('Loket');
    await admin.getByRole('button', { name: 'Tambah loket' }).click();
    await admin.getByLabel('Instansi', { exact: true }).selectOption({ label: 'Dinas Uji Coba Pelayanan' });
    const number = await admin.getByLabel('Nomor loket').inputValue();
    expect(Number(number)).toBeGreaterThan(0);
    await admin.getByLabel('Nama loket').fill('Loket Uji Coba');
    expect(await admin.getByRole('checkbox', { name: 'Legalisir Dokumen Uji (UJ)' }).isChecked()).toBe(true);
    await admin.getByRole('button', { name: 'Simpan', exact: true }).click();
    await admin.getByTestId('counter-row').filter({ hasText: 'Loket Uji Coba' }).waitFor();
    expect(await admin.getByTestId('counter-row').filter({ hasText: 'Loket Uji Coba' }).textContent()).toContain(
      'Legalisir Dokumen Uji',
    );

    // An officer of the agency; the generated password is shown once.
    await tab('Akun petugas');
    await admin.getByRole('button', { name: 'Tambah akun' }).click();
    await admin.getByLabel('Nama lengkap').fill('Budi Uji Coba');
    await admin.getByLabel('Nama pengguna').fill('petugas.ujicoba');
    expect(await admin.getByLabel('Peran').inputValue()).toBe('officer');
    await admin.getByLabel('Instansi', { exact: true }).selectOption({ label: 'Dinas Uji Coba Pelayanan' });
    await admin.getByRole('button', { name: 'Buat akun' }).click();
    const generated = (await admin.getByTestId('generated-password').textContent())!.trim();
    expect(generated.length).toBeGreaterThanOrEqual(10);
    expect(await admin.getByTestId('generated-username').textContent()).toBe('petugas.ujicoba');
    await admin.getByTestId('user-row').filter({ hasText: 'Budi Uji Coba' }).waitFor();
    expect(await axeViolations(admin)).toEqual([]);

    // The kiosk offers the new service and issues a ticket for it.
    const kiosk = await open('/blora/kiosk', 1080, 1920);
    await kiosk.evaluate(() => {
      window.print = () => {};
    });
    await kiosk.getByRole('button', { name: /^Ujicoba / }).click();
    await kiosk.getByRole('button', { name: /^Legalisir Dokumen Uji/ }).click();
    await kiosk.getByRole('button', { name: /^Tidak \/ Umum/ }).click();
    const ticket = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
    expect(ticket).toMatch(/^UJ-\d{3}$/);

    // The new officer changes the generated password, then calls and finishes the ticket.
    const counter = await open('/blora/counter', 1366, 768);
    await counter.getByLabel('Nama pengguna').fill('petugas.ujicoba');
    await counter.getByLabel('Kata sandi').fill(generated);
    await counter.getByRole('button', { name: 'Masuk' }).click();
    await counter.getByLabel('Kata sandi saat ini').fill(generated);
    await counter.getByLabel('Kata sandi baru', { exact: true }).fill('legalisir pagi hari 2026');
    await counter.getByLabel('Ulangi kata sandi baru').fill('legalisir pagi hari 2026');
    await counter.getByRole('button', { name: 'Simpan kata sandi' }).click();
    const callNext = counter.getByRole('button', { name: 'Panggil berikutnya' });
    const choose = counter.getByRole('button', { name: `Loket ${number}`, exact: true });
    await callNext.or(choose).first().waitFor();
    if (await choose.isVisible()) await choose.click();
    await expect.poll(() => counter.getByRole('table', { name: 'Daftar tunggu' }).textContent()).toContain(ticket);
    await callNext.click();
    await expect.poll(() => counter.getByTestId('current-number').textContent()).toBe(ticket);
    await counter.getByRole('button', { name: /^Mulai layani/ }).click();
    await counter.getByRole('button', { name: /^Selesai/ }).click();
    await expect.poll(async () => counter.getByTestId('current-number').count()).toBe(0);
    const served = (await (await fetch(`${hall.base}/api/malls/blora/services`)).json()) as { name: string }[];
    expect(served.some((s) => s.name === 'Legalisir Dokumen Uji')).toBe(true);

    // The admin closes the mall today (a holiday); the kiosk says it is closed.
    await tab('Jam layanan');
    await admin.getByRole('heading', { name: 'Jam layanan mingguan' }).waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    expect(await admin.getByRole('radio', { name: 'Tutup seharian (libur)' }).isChecked()).toBe(true);
    await admin.getByLabel('Keterangan').fill('Libur uji coba');
    await admin.getByRole('button', { name: 'Simpan hari khusus' }).click();
    const holiday = admin.getByTestId('special-day-row').filter({ hasText: 'Libur uji coba' });
    await holiday.waitFor();
    expect(await holiday.textContent()).toContain('hari ini');
    expect(await axeViolations(admin)).toEqual([]);

    await kiosk.reload();
    await kiosk.getByRole('heading', { name: /sedang tutup/ }).waitFor();
  }, 90_000);

  it("offers an agency admin only their agency's services, counters and officers", async () => {
    const page = await open('/blora/admin', 1366, 768);
    await page.getByLabel('Nama pengguna').fill('admin.dindukcapil');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    const nav = page.getByRole('navigation', { name: 'Bagian administrasi' });
    await nav.getByRole('link').first().waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Layanan', 'Booking', 'Loket', 'Akun petugas']);
    await nav.getByRole('link', { name: 'Layanan', exact: true }).click();
    await page.getByTestId('service-row').first().waitFor();
    // every service listed is Dindukcapil's: the agency filter is not even offered
    expect(await page.getByLabel('Tampilkan instansi').count()).toBe(0);
    const dukcapil = ((await (await fetch(`${hall.base}/api/malls/blora/agencies`)).json()) as any[]).find(
      (a) => a.code === 'dindukcapil',
    );
    const own = ((await (await fetch(`${hall.base}/api/malls/blora/services?agencyId=${dukcapil.id}`)).json()) as any[])
      .length;
    expect(await page.getByTestId('service-row').count()).toBe(own);
    expect(await axeViolations(page)).toEqual([]);

    // In one visit, the KTP-el is recorded after the new KK is issued: set, then saved.
    const ktp = page.getByTestId('service-row').filter({ hasText: 'Perekaman KTP-el' }).first();
    await ktp.getByRole('button', { name: /^Ubah/ }).click();
    const after = page.getByLabel('Harus setelah layanan');
    expect(await after.inputValue()).toBe('');
    await after.selectOption({ label: 'Penerbitan KK Baru (membentuk keluarga baru)' });
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'admin-service-after');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expect
      .poll(() => ktp.getByTestId('service-after').textContent())
      .toBe('Harus setelah: Penerbitan KK Baru (membentuk keluarga baru)');
    if (SHOTS) await ktp.screenshot({ path: join(SHOTS, 'admin-service-after-saved.png') });
    // … and the new KK can no longer be set to wait for the KTP-el: that would be a circle.
    const kk = page
      .getByTestId('service-row')
      .filter({ hasText: 'Penerbitan KK Baru', hasNotText: 'Harus setelah' })
      .first();
    await kk.getByRole('button', { name: /^Ubah/ }).click();
    const reverse = page.getByLabel('Harus setelah layanan').locator('option', { hasText: 'Perekaman KTP-el' });
    expect(await reverse.textContent()).toBe('Perekaman KTP-el (wajib KTP baru usia 17 tahun) (menunggu layanan ini)');
    expect(await reverse.isDisabled()).toBe(true);
  }, 60_000);
});

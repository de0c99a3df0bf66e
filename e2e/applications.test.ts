/**
 * Applications after the counter, in a real browser (issue #13, point 3): an officer serves a ticket
 * at the counter console and opens an application from it (the code shown large, its receipt
 * printed); the citizen opens /p/<token> on a 360 px phone and sees "Diterima" and the due date;
 * the officer moves it on the staff screen to "Perlu perbaikan" (the note required: the server's
 * refusal under the field) and the phone shows the note, then "Diproses" and "Siap diambil", which
 * the phone shows. The mall admin's outbox names the new message kinds. Each new screen passes
 * axe-core's WCAG 2.1 AA rules. LOKET_E2E_SHOTS=<dir> saves a screenshot of each, to look at.
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

/** "Selasa, 8 Desember 2026": how the phone writes the due date. */
const longDate = (date: string) =>
  new Intl.DateTimeFormat('id-ID', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

/** Printing is recorded, not done: window.__printed counts the calls. */
const RECORD_PRINT = () => {
  const w = window as unknown as { __printed: number };
  w.__printed = 0;
  window.print = () => {
    w.__printed++;
  };
};

describe.runIf(HAS_CHROMIUM)('applications after the counter in a browser', () => {
  let hall: Hall;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const open = async (path: string, width: number, height: number, init?: () => void): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID', hasTouch: width < 800 });
    contexts.push(context);
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${path}] pageerror: ${e.message}`));
    await page.goto(`${hall.base}${path}`);
    return page;
  };
  const api = async (path: string) => (await fetch(`${hall.base}${path}`)).json() as Promise<any>;
  const signIn = async (page: Page, username: string) => {
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
  };

  beforeAll(async () => {
    hall = await startHall();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await hall?.close();
  });

  it('is opened at the counter, followed on a phone, and moved step by step on the staff screen', async () => {
    const agencies = await api('/api/malls/blora/agencies');
    const dpmptsp = agencies.find((a: any) => a.code === 'dpmptsp');
    const services = await api(`/api/malls/blora/services?agencyId=${dpmptsp.id}`);
    // a permit ready days later: a standard of 5 working days
    const permit = services.find((s: any) => s.standard.duration === '5 hari kerja');
    expect(permit, 'a DPMPTSP service with a standard of 5 working days').toBeDefined();
    const counters = await api('/api/malls/blora/counters');
    const counter = counters.find((c: any) => c.agencyId === dpmptsp.id && c.serviceIds.includes(permit.id));
    const issued = await fetch(`${hall.base}/api/malls/blora/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: permit.id }),
    });
    expect(issued.status).toBe(201);
    const ticket = await issued.json();

    // The officer calls and serves the ticket, then opens an application from it.
    const desk = await open('/blora/counter', 1366, 768, RECORD_PRINT);
    await signIn(desk, 'petugas.dpmptsp');
    await desk.getByRole('button', { name: counter.name, exact: true }).click();
    // nothing served yet: no application to open
    expect(await desk.getByRole('button', { name: 'Buat permohonan' }).count()).toBe(0);
    await desk.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => desk.getByTestId('current-number').textContent()).toBe(ticket.number);
    await desk.getByRole('button', { name: /^Mulai layani/ }).click();
    await expect.poll(() => desk.getByTestId('current-status').textContent()).toBe('Sedang dilayani');
    expect(await axeViolations(desk)).toEqual([]);
    await shot(desk, 'counter-serving', false);
    await desk.getByRole('button', { name: 'Buat permohonan' }).click();
    await desk.getByRole('dialog', { name: `Buat permohonan dari tiket ${ticket.number}` }).waitFor();
    const dialog = desk.getByRole('dialog');
    // the ticket's service by default, its standard time said
    await expect.poll(() => dialog.getByLabel('Layanan').inputValue()).toBe(permit.id);
    await dialog.getByText('Waktu penyelesaian standar: 5 hari kerja', { exact: false }).waitFor();
    await dialog.getByLabel('Catatan untuk warga (opsional)').fill('Berkas lengkap, diproses di kantor DPMPTSP.');
    await dialog.getByLabel('Nama').fill('Siti Aminah');
    // a number that is no Indonesian mobile: the server's refusal under the field
    await dialog.getByLabel('Nomor HP').fill('12345');
    await dialog.getByRole('button', { name: 'Buat permohonan' }).click();
    await expect.poll(() => desk.locator('#application-phone-error').textContent()).toContain('Nomor HP');
    expect(await dialog.getByLabel('Nomor HP').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(desk)).toEqual([]);
    await shot(desk, 'counter-application-form', false);
    await dialog.getByLabel('Nomor HP').fill('0812 3456 7890');
    await dialog.getByRole('button', { name: 'Buat permohonan' }).click();

    // The code, large, to read out; its QR code; the receipt printed.
    const codeEl = dialog.getByTestId('application-code');
    await codeEl.waitFor();
    const code = (await codeEl.locator('[aria-hidden="true"]').textContent())!.replace(/\s/g, '');
    expect(code).toMatch(/^P\d{8}$/);
    const token = (await dialog.getByRole('link', { name: 'Buka halaman warga' }).getAttribute('href'))!.replace(
      '/p/',
      '',
    );
    const page0 = await api(`/api/applications/${token}`);
    expect(page0).toMatchObject({ code, status: 'diterima', serviceName: permit.name });
    expect(page0.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect
      .poll(() => dialog.getByTestId('application-created-due').textContent())
      .toBe(`Target selesai: ${longDate(page0.dueDate)}`);
    await expect
      .poll(() =>
        dialog
          .getByRole('img', { name: /Kode QR halaman permohonan/ })
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    expect(await axeViolations(desk)).toEqual([]);
    await shot(desk, 'counter-application-created', false);
    await dialog.getByRole('button', { name: 'Cetak tanda terima' }).click();
    await expect.poll(() => desk.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
    // on paper: the receipt alone, the code and the due date on it
    await desk.emulateMedia({ media: 'print' });
    const slip = desk.getByTestId('application-slip');
    expect(await slip.isVisible()).toBe(true);
    expect(await slip.textContent()).toContain(`Target selesai${longDate(page0.dueDate)}`);
    expect(await desk.getByRole('dialog').isVisible()).toBe(false);
    await shot(desk, 'counter-application-slip');
    await desk.emulateMedia({ media: 'screen' });
    await dialog.getByRole('button', { name: 'Selesai', exact: true }).click();
    await expect.poll(() => desk.getByRole('dialog').count()).toBe(0);
    // just finished, the ticket still offers an application (a second product, say)
    await desk.getByRole('button', { name: /^Selesai/ }).click();
    await desk.getByText(`Tiket ${ticket.number} selesai dilayani.`, { exact: false }).waitFor();
    expect(await desk.getByRole('button', { name: 'Buat permohonan' }).count()).toBe(1);
    await shot(desk, 'counter-finished', false);

    // The citizen's phone: the code, "Diterima", the due date.
    const phone = await open(`/p/${token}`, 360, 740);
    await expect.poll(() => phone.getByTestId('application-status').textContent()).toBe('Diterima');
    expect((await phone.getByTestId('application-code').textContent())!.replace(/\s/g, '')).toContain(code);
    expect(await phone.getByTestId('application-due').textContent()).toBe(`Target selesai: ${longDate(page0.dueDate)}`);
    expect(await phone.getByText('Berkas lengkap, diproses di kantor DPMPTSP.').count()).toBe(1);
    expect(await phone.locator('[aria-current="step"]').textContent()).toContain('Diterima');
    // no name or number on the citizen's page
    expect(await phone.locator('body').textContent()).not.toMatch(/Siti|0812/);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'application-1-received');

    // The staff screen, from the console's header.
    await desk.getByRole('link', { name: 'Permohonan' }).click();
    await desk.waitForURL(/\/blora\/permohonan$/);
    const row = desk.getByRole('article', { name: code.split('').join(' ') });
    await row.waitFor();
    expect(await row.getByTestId('application-row-status').textContent()).toBe('Diterima');
    expect(await row.textContent()).toContain('Siti Aminah');
    expect(await row.textContent()).toContain(ticket.number);
    // the history opens
    await row.getByText('Riwayat (1 langkah)').click();
    await row.getByText('Berkas lengkap, diproses di kantor DPMPTSP.').waitFor();
    // an officer of the agency sees no agency filter
    expect(await desk.getByLabel('Instansi').count()).toBe(0);
    expect(await axeViolations(desk)).toEqual([]);
    await shot(desk, 'permohonan-list', false);

    // "Perlu perbaikan": the note is required; the server's refusal shows under it.
    await row.getByRole('button', { name: 'Perlu perbaikan' }).click();
    await row.getByRole('button', { name: 'Simpan: Perlu perbaikan' }).click();
    await expect.poll(() => row.getByTestId('step-note-error').textContent()).toMatch(/wajib diisi/);
    expect(await axeViolations(desk)).toEqual([]);
    await shot(desk, 'permohonan-note-required', false);
    await row
      .getByLabel('Apa yang perlu diperbaiki atau dilengkapi (wajib)')
      .fill('Fotokopi akta pendirian perusahaan belum dilampirkan.');
    await row.getByRole('button', { name: 'Simpan: Perlu perbaikan' }).click();
    await desk.getByText(`kini "Perlu perbaikan"`, { exact: false }).waitFor();
    await expect.poll(() => row.getByTestId('application-row-status').textContent()).toBe('Perlu perbaikan');

    // The phone, reloaded, says what is missing.
    await phone.reload();
    await expect.poll(() => phone.getByTestId('application-status').textContent()).toBe('Perlu perbaikan');
    expect(await phone.getByTestId('application-fix').textContent()).toContain(
      'Fotokopi akta pendirian perusahaan belum dilampirkan.',
    );
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'application-2-fix');

    // "Diproses" again, then "Siap diambil"; only the steps its status allows are offered.
    expect(await row.getByRole('button', { name: 'Siap diambil' }).count()).toBe(0);
    await row.getByRole('button', { name: 'Diproses' }).click();
    await row.getByRole('button', { name: 'Simpan: Diproses' }).click();
    await expect.poll(() => row.getByTestId('application-row-status').textContent()).toBe('Diproses');
    await row.getByRole('button', { name: 'Siap diambil' }).click();
    await row.getByLabel('Catatan untuk warga (opsional)').fill('Ambil di loket DPMPTSP.');
    await row.getByRole('button', { name: 'Simpan: Siap diambil' }).click();
    await desk.getByText(`kini "Siap diambil"`, { exact: false }).waitFor();
    // no longer open: it leaves the list of open ones, and shows among all
    await expect.poll(() => row.count()).toBe(0);
    await desk.getByLabel('Tampilkan').selectOption('all');
    await row.waitFor();
    expect(await row.getByTestId('application-row-status').textContent()).toBe('Siap diambil');
    await shot(desk, 'permohonan-all', false);

    // The phone: ready to collect, what to bring.
    await phone.reload();
    await expect.poll(() => phone.getByTestId('application-status').textContent()).toBe('Siap diambil');
    const ready = await phone.getByTestId('application-ready').textContent();
    expect(ready).toContain('Ambil di loket DPMPTSP.');
    expect(ready).toContain('KTP');
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'application-3-ready');
    // … in English one click away
    await phone.getByRole('button', { name: /Switch to English/ }).click();
    await expect.poll(() => phone.getByTestId('application-status').textContent()).toBe('Ready to collect');
    await shot(phone, 'application-3-ready-en');

    // "+ Permohonan baru" on the staff screen: one without a ticket, for any service of the agency.
    await desk.getByLabel('Tampilkan').selectOption('open');
    await desk.getByRole('button', { name: '+ Permohonan baru' }).click();
    const fresh = desk.getByRole('dialog', { name: 'Buat permohonan' });
    await fresh.waitFor();
    const offered = await fresh
      .getByLabel('Layanan')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered.sort()).toEqual(services.map((s: any) => s.id).sort());
    await fresh.getByLabel('Layanan').selectOption(permit.id);
    await fresh.getByRole('button', { name: 'Buat permohonan' }).click();
    const created = desk.getByRole('dialog');
    await created.getByTestId('application-code').waitFor();
    const code2 = (await created
      .getByTestId('application-code')
      .locator('[aria-hidden="true"]')
      .textContent())!.replace(/\s/g, '');
    const token2 = (await created.getByRole('link', { name: 'Buka halaman warga' }).getAttribute('href'))!.replace(
      '/p/',
      '',
    );
    await created.getByRole('button', { name: 'Selesai', exact: true }).click();
    const row2 = desk.getByRole('article', { name: code2.split('').join(' ') });
    await row2.waitFor();
    expect(await row2.textContent()).toContain('tanpa kontak');

    // A late one is marked in red on both screens. (The server's clock cannot be moved in a
    // browser test, so its answer is: the same application, past its due date.)
    await desk.route('**/api/malls/blora/applications?*', async (route) => {
      const res = await route.fetch();
      const list = await res.json();
      await route.fulfill({ response: res, json: list.map((a: any) => ({ ...a, overdue: true })) });
    });
    await desk.reload();
    await row2.getByText('Terlambat', { exact: true }).waitFor();
    await desk.getByText('1 terlambat').waitFor();
    expect(await axeViolations(desk)).toEqual([]);
    await shot(desk, 'permohonan-overdue', false);
    await desk.unroute('**/api/malls/blora/applications?*');
    const late = await open(`/p/${token2}`, 360, 740);
    await late.route(`**/api/applications/${token2}`, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), overdue: true } });
    });
    await late.reload();
    await late.getByTestId('application-overdue').waitFor();
    expect(await late.getByTestId('application-overdue').textContent()).toBe('Terlambat');
    expect(await axeViolations(late)).toEqual([]);
    await shot(late, 'application-4-late');

    // A wrong link: a friendly "not found".
    const lost = await open('/p/tidak-ada-token-ini', 360, 740);
    await lost.getByRole('heading', { name: 'Permohonan tidak ditemukan' }).waitFor();
    expect(await axeViolations(lost)).toEqual([]);

    // The mall admin sees every agency's, and the outbox names the new kinds.
    const admin = await open('/blora/permohonan?state=all', 1366, 768);
    await signIn(admin, 'admin');
    await admin.getByLabel('Instansi').waitFor();
    await admin.getByRole('article', { name: code.split('').join(' ') }).waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'permohonan-admin', false);
    await admin.getByRole('link', { name: 'Administrasi' }).click();
    await admin.getByRole('link', { name: 'Pesan', exact: true }).click();
    await admin.getByText('Permohonan diterima').first().waitFor();
    await admin.getByText('Permohonan: langkah baru').first().waitFor();
  }, 180_000);
});

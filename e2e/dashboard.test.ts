/**
 * The leadership's live dashboard in a real browser: /blora/dashboard signs `pimpinan` in; a ticket
 * taken at the kiosk in another page shows on the dashboard (its agency's waiting count goes up)
 * within one second; an agency past its waiting-time threshold turns red, says so in words and
 * moves to the top; the board speaks English after the switch; an officer is refused. Each state
 * passes axe-core's WCAG 2.1 AA rules.
 *
 * The threshold: the server's clock cannot be moved in a child process and a ticket cannot be
 * issued in the past, so instead of waiting 30 minutes the test gives Polres a threshold of
 * 0 minutes in the SQLite file before anything has read the catalog; its first waiting citizen is
 * then past it at once.
 */
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

describe.runIf(HAS_CHROMIUM)('the live dashboard', () => {
  let hall: Hall;
  let browser: Browser;
  let agencies: { id: string; code: string; shortName: string }[];

  beforeAll(async () => {
    hall = await startHall();
    browser = await launchBrowser();
    const db = new Database(hall.database);
    try {
      db.prepare("UPDATE agencies SET wait_threshold_minutes = 0 WHERE code = 'polres'").run();
    } finally {
      db.close();
    }
    agencies = await (await fetch(`${hall.base}/api/malls/blora/agencies`)).json();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  const agencyId = (code: string) => agencies.find((a) => a.code === code)!.id;
  const card = (page: Page, code: string) =>
    page.locator(`[data-testid="agency-card"][data-agency="${agencyId(code)}"]`);
  const waiting = async (page: Page, code: string) =>
    Number(await card(page, code).getByTestId('agency-waiting').textContent());

  const signIn = async (page: Page, username: string) => {
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
  };

  it('shows a kiosk ticket within a second, and an agency past its threshold in red, first', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
    await page.goto(`${hall.base}/blora/dashboard`);
    await page.getByLabel('Nama pengguna').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await signIn(page, 'pimpinan');

    await page.getByRole('heading', { level: 1, name: 'Dasbor pelayanan hari ini' }).waitFor();
    await expect.poll(() => page.getByTestId('agency-card').count()).toBe(agencies.length);
    await expect.poll(() => page.getByTestId('freshness').getAttribute('data-state')).toBe('open');
    expect(await page.getByTestId('updated').textContent()).toMatch(/^Terakhir diperbarui \d{2}\.\d{2}\.\d{2}$/);
    expect(await page.getByTestId('agency-warning').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    const before = await waiting(page, 'dindukcapil');
    const totalBefore = Number(await page.getByTestId('total-waiting').textContent());

    // A citizen takes a ticket at the kiosk in another page.
    const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'id-ID' });
    const kiosk = await kioskContext.newPage();
    await kiosk.addInitScript(() => {
      window.print = () => {};
    });
    await kiosk.goto(`${hall.base}/blora/kiosk`);
    await kiosk.getByRole('button', { name: /^Dindukcapil / }).click();
    await kiosk.getByRole('button', { name: /^Perekaman KTP-el/ }).click();
    const issued = kiosk.waitForResponse(
      (r) => r.url().endsWith('/api/malls/blora/tickets') && r.request().method() === 'POST',
    );
    await kiosk.getByRole('button', { name: /^Tidak \/ Umum/ }).click();
    expect((await issued).status()).toBe(201);
    const at = Date.now();
    // Within one second of the ticket being issued, the dashboard counts it.
    await page.waitForFunction(
      ({ id, count }) => {
        const el = document.querySelector(
          `[data-testid="agency-card"][data-agency="${id}"] [data-testid="agency-waiting"]`,
        );
        return Number(el?.textContent) === count;
      },
      { id: agencyId('dindukcapil'), count: before + 1 },
      { timeout: 1_000, polling: 20 },
    );
    const elapsed = Date.now() - at;
    expect(elapsed).toBeLessThan(1_000);
    expect(Number(await page.getByTestId('total-waiting').textContent())).toBe(totalBefore + 1);
    await kioskContext.close();

    // Polres (threshold 0 minutes) gets a waiting citizen: it is past its threshold at once.
    const polresServices = await (
      await fetch(`${hall.base}/api/malls/blora/services?agencyId=${agencyId('polres')}`)
    ).json();
    const res = await fetch(`${hall.base}/api/malls/blora/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: polresServices[0].id }),
    });
    expect(res.status).toBe(201);
    const polres = card(page, 'polres');
    await expect.poll(() => polres.getAttribute('data-warning'), { timeout: 5_000 }).toBe('true');
    expect(await polres.getByTestId('agency-warning').textContent()).toBe('Melewati batas 0 menit');
    // Warnings come first.
    expect(await page.getByTestId('agency-card').first().getAttribute('data-agency')).toBe(agencyId('polres'));
    expect(await page.getByTestId('warning-summary').textContent()).toBe('1 instansi melewati batas waktu tunggu');
    expect(await card(page, 'dindukcapil').getAttribute('data-warning')).toBe('false');
    expect(await axeViolations(page)).toEqual([]);

    // English, one switch away.
    await page.getByRole('button', { name: /^EN/ }).click();
    await page.getByRole('heading', { level: 1, name: "Today's service dashboard" }).waitFor();
    expect(await polres.getByTestId('agency-warning').textContent()).toBe('Over the 0-minute limit');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^ID/ }).click();

    // An officer may not see it.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await signIn(page, 'petugas.dindukcapil');
    await page.getByRole('alert').filter({ hasText: 'tidak berhak' }).waitFor();
    expect(await page.getByTestId('agency-card').count()).toBe(0);
    await context.close();
  });

  it('lists the complaints past their deadline above the agencies', async () => {
    const filed = await fetch(`${hall.base}/api/malls/blora/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'pengaduan',
        title: 'Toilet rusak',
        story: 'Toilet lantai satu tidak bisa dipakai.',
      }),
    });
    expect(filed.status).toBe(201);
    const { id, code } = await filed.json();
    // a complaint cannot be filed in the past: its verification deadline is moved back instead
    const db = new Database(hall.database);
    try {
      db.prepare("UPDATE complaints SET verify_due = '2026-01-05' WHERE id = ?").run(id);
    } finally {
      db.close();
    }
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${hall.base}/blora/dashboard`);
    await signIn(page, 'pimpinan');
    const late = page.getByTestId('overdue-complaints');
    await late.waitFor();
    expect(await late.getByRole('heading').textContent()).toBe('1 pengaduan lewat tenggat');
    expect(await late.textContent()).toContain(code);
    expect(await late.textContent()).toContain('menunggu verifikasi MPP');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

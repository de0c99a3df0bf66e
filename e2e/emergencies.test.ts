/**
 * The crisis center in a real browser (issue #14, point 4): a citizen presses "Darurat" on the
 * kiosk (1080×1920), picks "Anak hilang" and "Ruang tunggu"; an officer signed in at a counter
 * console (1366×768) sees the red alert and hears the alarm within a second of the press, takes
 * it ("Saya tangani") while the live board's viewer sees who took it, and closes it with what was
 * done; the evaluation's log shows it with its response time. A citizen's phone reports through
 * the portal's "Lapor darurat". Each screen passes axe-core's WCAG 2.1 AA rules.
 * LOKET_E2E_SHOTS=<dir> saves a screenshot of each, to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

const SHOTS = process.env.LOKET_E2E_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string, fullPage = false) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
};

/**
 * Records, in the page's own clock, when an emergency alert first appears (window.__alertAt) and
 * when the alarm's first tone is made (window.__beepAt).
 */
const RECORD_ALERT = () => {
  const w = window as unknown as { __alertAt: number | null; __beepAt: number | null };
  w.__alertAt = null;
  w.__beepAt = null;
  const Ctx = window.AudioContext;
  if (Ctx) {
    const create = Ctx.prototype.createOscillator;
    Ctx.prototype.createOscillator = function (this: AudioContext) {
      w.__beepAt ??= Date.now();
      return create.call(this);
    };
  }
  new MutationObserver(() => {
    if (w.__alertAt === null && document.querySelector('[data-testid="emergency-alert"]')) w.__alertAt = Date.now();
  }).observe(document, { childList: true, subtree: true });
};

describe.runIf(HAS_CHROMIUM)('the crisis center in a browser', () => {
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
  const signIn = async (page: Page, username: string) => {
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
  };
  const expectAxeClean = async (page: Page, what: string) => {
    expect(await axeViolations(page), what).toEqual([]);
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

  it('sounds a kiosk report on a signed-in console within a second; taken, seen by all, closed, logged', async () => {
    const counters = await (await fetch(`${hall.base}/api/malls/blora/counters`)).json();
    const agencies = await (await fetch(`${hall.base}/api/malls/blora/agencies`)).json();
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const counter = counters.find((c: any) => c.agencyId === dukcapil.id);

    // the officer at the counter, and the leadership's live board
    const desk = await open('/blora/counter', 1366, 768, RECORD_ALERT);
    const streamsOpened: string[] = [];
    desk.context().on('request', (r) => {
      if (r.url().includes('/emergencies/events')) streamsOpened.push(r.url());
    });
    await signIn(desk, 'petugas.dindukcapil');
    await desk.getByRole('button', { name: counter.name, exact: true }).click();
    await expect.poll(() => desk.getByRole('button', { name: 'Lapor darurat' }).isVisible()).toBe(true);
    // the same officer's second tab (the applications' list) shares the browser's one stream
    const secondTab = await desk.context().newPage();
    await secondTab.goto(`${hall.base}/blora/permohonan`);
    await expect.poll(() => secondTab.getByRole('button', { name: 'Lapor darurat' }).isVisible()).toBe(true);
    const board = await open('/blora/dashboard', 1366, 768);
    await signIn(board, 'pimpinan');
    await expect.poll(() => board.getByRole('button', { name: 'Lapor darurat' }).isVisible()).toBe(true);
    await shot(desk, 'counter-quiet');

    // the kiosk
    const kiosk = await open('/blora/kiosk', 1080, 1920);
    const emergencyButton = kiosk.getByRole('button', { name: /DARURAT/ });
    await emergencyButton.waitFor();
    const box = await emergencyButton.boundingBox();
    // big enough to find and touch from two metres
    expect(box?.height).toBeGreaterThanOrEqual(100);
    expect(box?.width).toBeGreaterThanOrEqual(250);
    await shot(kiosk, 'kiosk-start');
    await emergencyButton.click();
    await kiosk.getByRole('heading', { name: 'Darurat' }).waitFor();
    await expectAxeClean(kiosk, 'kiosk: the kinds');
    await shot(kiosk, 'kiosk-kinds');
    await kiosk.getByRole('button', { name: 'Anak hilang' }).click();
    await kiosk.getByRole('heading', { name: 'Di mana kejadiannya?' }).waitFor();
    await expectAxeClean(kiosk, 'kiosk: the places');
    await shot(kiosk, 'kiosk-places');

    const pressedAt = Date.now();
    await kiosk.getByRole('button', { name: 'Ruang tunggu' }).click();
    const alert = desk.getByTestId('emergency-alert');
    await alert.waitFor({ timeout: 2_000 });
    const { alertAt, beepAt } = await desk.evaluate(() => {
      const w = window as unknown as { __alertAt: number | null; __beepAt: number | null };
      return { alertAt: w.__alertAt, beepAt: w.__beepAt };
    });
    expect(alertAt, 'the alert was seen').not.toBeNull();
    expect((alertAt as number) - pressedAt, 'alert after the press (ms)').toBeLessThan(1_000);
    expect(beepAt, 'the alarm sounded').not.toBeNull();
    expect((beepAt as number) - pressedAt, 'alarm after the press (ms)').toBeLessThan(1_000);
    await expect.poll(() => alert.getAttribute('data-sounding')).toBe('true');
    await expect.poll(() => alert.textContent()).toContain('Anak hilang');
    expect(await alert.textContent()).toContain('Lokasi: Ruang tunggu');
    expect(await alert.textContent()).toContain('dari kiosk');

    // the second tab hears it through the first one's stream: one stream for the browser
    await secondTab.getByTestId('emergency-alert').waitFor({ timeout: 2_000 });
    expect(streamsOpened).toHaveLength(1);

    await kiosk.getByRole('heading', { name: 'Petugas segera datang' }).waitFor();
    await expectAxeClean(kiosk, 'kiosk: sent');
    await shot(kiosk, 'kiosk-sent');

    // the board hears it too, without a "take" button (a viewer reads)
    const boardAlert = board.getByTestId('emergency-alert');
    await boardAlert.waitFor();
    expect(await boardAlert.getByRole('button', { name: 'Saya tangani' }).count()).toBe(0);

    await expectAxeClean(desk, 'console with the alert');
    await shot(desk, 'counter-alert');

    await desk.getByRole('button', { name: 'Saya tangani' }).click();
    const takenHere = desk.getByTestId('emergency-taken');
    await takenHere.waitFor();
    expect(await takenHere.textContent()).toContain('Anda menangani');
    await alert.waitFor({ state: 'detached' });
    // everyone sees who took it
    const takenThere = board.getByTestId('emergency-taken');
    await takenThere.waitFor();
    await expect.poll(() => takenThere.textContent()).toMatch(/Ditangani .+ sejak pukul/);
    await boardAlert.waitFor({ state: 'detached' });
    await expectAxeClean(desk, 'console with the taken bar');
    await shot(desk, 'counter-taken');
    await shot(board, 'dashboard-taken');

    await desk.getByRole('button', { name: 'Selesai…' }).click();
    const dialog = desk.getByRole('dialog', { name: /Tutup laporan darurat/ });
    await dialog.waitFor();
    await dialog.getByLabel('Apa yang dilakukan?').fill('Anak ditemukan di toilet, diserahkan ke ibunya.');
    await expectAxeClean(desk, 'the close dialog');
    await shot(desk, 'counter-close-dialog');
    await dialog.getByRole('button', { name: 'Tutup laporan' }).click();
    await dialog.waitFor({ state: 'detached' });
    await takenHere.waitFor({ state: 'detached' });
    await takenThere.waitFor({ state: 'detached' });

    // the tab holding the stream closes: the other one takes it over and still hears a report
    await desk.close();
    const res = await fetch(`${hall.base}/api/malls/blora/emergencies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'other', place: 'Lift', source: 'kiosk' }),
    });
    expect(res.status).toBe(201);
    const handedOver = secondTab.getByTestId('emergency-alert');
    await handedOver.waitFor({ timeout: 5_000 });
    // the browser's report of the new request may reach the test after the page has drawn the alert
    await expect.poll(() => streamsOpened.length, { timeout: 5_000 }).toBe(2);
    await handedOver.getByRole('button', { name: 'Saya tangani' }).click();
    await secondTab.getByRole('button', { name: 'Selesai…' }).click();
    await secondTab.getByLabel('Apa yang dilakukan?').fill('Lift macet, teknisi dipanggil.');
    await secondTab.getByRole('button', { name: 'Tutup laporan' }).click();
    await secondTab.getByTestId('emergency-taken').waitFor({ state: 'detached' });

    // the evaluation's log
    const { today } = await (await fetch(`${hall.base}/api/malls/blora`)).json();
    const kinerja = await open(`/blora/kinerja?from=${today}&to=${today}`, 1366, 900);
    await signIn(kinerja, 'pimpinan');
    const section = kinerja.getByTestId('kinerja-emergencies');
    await section.waitFor({ timeout: 15_000 });
    await section.getByTestId('emergency-log').waitFor();
    const row = await section.getByTestId('emergency-log').textContent();
    expect(row).toContain('Anak hilang');
    expect(row).toContain('Ruang tunggu');
    expect(row).toContain('Anak ditemukan di toilet');
    expect(await section.getByTestId('emergency-count').textContent()).toBe('2');
    await section.scrollIntoViewIfNeeded();
    await expectAxeClean(kinerja, 'the evaluation with the log');
    await section.screenshot({ path: SHOTS ? join(SHOTS, 'kinerja-emergencies.png') : join('/tmp', 'unused.png') });
  }, 120_000);

  it("reports from a citizen's phone through the portal", async () => {
    const desk = await open('/blora/admin', 1366, 768);
    await signIn(desk, 'admin');
    await expect.poll(() => desk.getByRole('button', { name: 'Lapor darurat' }).isVisible()).toBe(true);

    const phone = await open('/blora', 360, 740);
    const link = phone.getByRole('link', { name: 'Lapor darurat' });
    await link.waitFor();
    await shot(phone, 'portal-header');
    await link.click();
    await phone.getByRole('heading', { name: 'Lapor keadaan darurat' }).waitFor();
    await phone.getByText('Darurat medis').click();
    await phone.getByLabel(/Di mana/).fill('Dekat loket 12');
    await expectAxeClean(phone, 'the portal report');
    await shot(phone, 'portal-report', true);
    await phone.getByRole('button', { name: 'Kirim laporan darurat' }).click();
    await phone.getByRole('heading', { name: 'Petugas segera datang' }).waitFor();
    await expectAxeClean(phone, 'the portal confirmation');
    await shot(phone, 'portal-sent');

    const alert = desk.getByTestId('emergency-alert');
    await alert.waitFor({ timeout: 2_000 });
    expect(await alert.textContent()).toContain('Darurat medis');
    expect(await alert.textContent()).toContain('dari ponsel warga');
    await shot(desk, 'admin-alert');

    // in English
    await desk.getByRole('button', { name: /Switch to English/ }).click();
    await expect.poll(() => alert.textContent()).toContain('Medical emergency');
    await shot(desk, 'admin-alert-en');
  }, 60_000);
});

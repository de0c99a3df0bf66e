/**
 * The wait estimate in a real browser (issue #12), on a mall with two weeks of demo history: with
 * every counter of the service said closed, the portal's service page says no counter is open and
 * shows the best time to come; an officer opens a counter in the console (the badge says Buka); a
 * kiosk ticket then shows when it is expected to be called; the ticket page on a 360 px phone
 * shows it too, and it moves live, without a reload, when a second counter of the same service
 * opens (shorter) and closes from a second console (longer); a break and back; the called ticket
 * is measured on the evaluation screen; and once both officers have left their counters the phone
 * says why there is no estimate. Each screen passes axe-core's WCAG 2.1 AA rules.
 * LOKET_E2E_SHOTS=<dir> saves a screenshot of each.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

const SHOTS = process.env.LOKET_E2E_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (target: Page | Locator, name: string) => {
  if (!SHOTS) return;
  const path = join(SHOTS, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage: true });
  else await target.screenshot({ path });
};

/** The long end of a range as the ticket page writes it: "13–30 menit lagi", "kurang dari 9 menit lagi". */
function highEnd(span: string): number {
  if (/sebentar/.test(span)) return 0;
  const numbers = span.match(/\d+/g)?.map(Number) ?? [];
  const high = numbers[numbers.length - 1];
  if (high === undefined) throw new Error(`no minutes in "${span}"`);
  return high;
}

const LIVE = { timeout: 20_000 };

describe.runIf(HAS_CHROMIUM)('wait estimates in a browser', () => {
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
    hall = await startHall({ LOKET_DEMO_HISTORY_DAYS: '14' });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await hall?.close();
  });

  it('shows each estimate where citizens decide, moves it live with the counters, and measures it', async () => {
    const { today } = await api('/api/malls/blora');
    const agencies = await api('/api/malls/blora/agencies');
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const services = await api(`/api/malls/blora/services?agencyId=${dukcapil.id}`);
    const ktp = services.find((s: any) => s.name.startsWith('Perekaman KTP-el'));
    const counters = (await api('/api/malls/blora/counters')).filter(
      (c: any) => c.agencyId === dukcapil.id && c.serviceIds.includes(ktp.id),
    );
    expect(counters.length).toBeGreaterThanOrEqual(2);
    const [first, second] = counters;

    // With a history, a counter nobody has spoken for today is expected at the hour it usually
    // starts: the agency's officer says every counter of the service is closed, so what follows
    // does not depend on the hour the test runs at.
    const login = await fetch(`${hall.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'petugas.dindukcapil', password: PASSWORD }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = ((await (await fetch(`${hall.base}/api/auth/csrf`, { headers: { cookie } })).json()) as any).token;
    for (const counter of counters) {
      const res = await fetch(`${hall.base}/api/malls/blora/counters/${counter.id}/presence`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ state: 'closed' }),
      });
      expect(res.status).toBe(200);
    }

    // The portal before any counter opens: the line, and why there is no estimate yet; the best
    // time to come from the history.
    const portal = await open(`/blora?agency=dindukcapil&service=${ktp.id}`, 360, 740);
    const bestTime = portal.getByTestId('best-time');
    await bestTime.waitFor();
    await expect
      .poll(() => portal.getByTestId('service-queue').textContent(), LIVE)
      .toContain('Belum ada loket yang buka untuk layanan ini');
    const todayTab = bestTime.locator('button[aria-pressed="true"]');
    expect(await todayTab.count()).toBe(1);
    // another day than today's
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    const other = bestTime.getByRole('button', { name: weekday === 2 ? 'Rabu' : 'Selasa', exact: true });
    expect(await other.getAttribute('aria-pressed')).toBe('false');
    await other.click();
    await expect.poll(() => other.getAttribute('aria-pressed')).toBe('true');
    expect(await bestTime.getByRole('table').count()).toBe(1);
    expect(await portal.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(portal)).toEqual([]);

    // The officer sits at the first counter: it says so.
    const consoleA = await open('/blora/counter', 1366, 768);
    await signIn(consoleA, 'petugas.dindukcapil');
    await consoleA.getByRole('button', { name: first.name, exact: true }).click();
    const badgeA = consoleA.getByTestId('presence-badge');
    await expect.poll(() => badgeA.getAttribute('data-state'), LIVE).toBe('open');
    expect(await badgeA.textContent()).toContain('Buka');
    await consoleA.getByRole('button', { name: 'Istirahat' }).waitFor();
    expect(await axeViolations(consoleA)).toEqual([]);
    await shot(consoleA, 'counter-console');

    // Some people are already waiting; then a citizen takes a ticket at the kiosk.
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${hall.base}/api/malls/blora/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: ktp.id }),
      });
      expect(res.status).toBe(201);
    }
    const kiosk = await open('/blora/kiosk', 1080, 1920, () => {
      window.print = () => {};
    });
    await kiosk.getByRole('button', { name: /^Dindukcapil / }).click();
    await kiosk.getByRole('button', { name: /^Perekaman KTP-el/ }).click();
    await kiosk.getByRole('button', { name: /^Tidak \/ Umum/ }).click();
    const kioskEstimate = kiosk.getByTestId('ticket-estimate');
    await kioskEstimate.waitFor();
    expect(await kioskEstimate.textContent()).toMatch(/Perkiraan dipanggil\s*± \d{2}\.\d{2}/);
    expect(await kioskEstimate.textContent()).toMatch(/menit lagi|sebentar lagi/);
    // the paper copy says it too
    expect(await kiosk.locator('.kiosk-paper').textContent()).toMatch(/Perkiraan dipanggil\s*± \d{2}\.\d{2}/);
    expect(await axeViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'kiosk-ticket');
    const token = (await kiosk.getByTestId('ticket-link').getAttribute('href'))!.replace('/t/', '');
    const issued = await api(`/api/tickets/${token}`);
    expect(issued.estimate).not.toBeNull();

    // The phone follows it: the clock time large, the range under it.
    const phone = await open(`/t/${token}`, 360, 740);
    const time = phone.getByTestId('estimate-time');
    const span = phone.getByTestId('estimate-span');
    await time.waitFor();
    expect(await time.textContent()).toMatch(/^\d{2}\.\d{2}$/);
    expect(await phone.getByTestId('ticket-estimate').textContent()).toContain('Perkiraan dipanggil pukul');
    const alone = (await span.textContent())!;
    expect(alone).toMatch(/menit lagi|sebentar lagi/);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'ticket-phone');
    // a reload would lose this
    await phone.evaluate(() => {
      (window as any).__sameDocument = true;
    });

    // A second officer opens another counter of the same service: the estimate shortens, live.
    const consoleB = await open('/blora/counter', 1366, 768);
    await signIn(consoleB, 'petugas.dindukcapil');
    await consoleB.getByRole('button', { name: second.name, exact: true }).click();
    const badgeB = consoleB.getByTestId('presence-badge');
    await expect.poll(() => badgeB.getAttribute('data-state'), LIVE).toBe('open');
    await expect.poll(async () => highEnd((await span.textContent()) ?? ''), LIVE).toBeLessThan(highEnd(alone));
    const together = (await span.textContent())!;

    // … and closes it again, after saying yes: the estimate lengthens, live.
    await consoleB.getByRole('button', { name: 'Tutup loket' }).click();
    const confirm = consoleB.getByRole('dialog');
    await confirm.getByRole('heading', { name: `Tutup ${second.name} untuk hari ini?` }).waitFor();
    expect(await axeViolations(consoleB)).toEqual([]);
    await shot(consoleB, 'counter-close-confirm');
    await confirm.getByRole('button', { name: 'Ya, tutup loket' }).click();
    await expect.poll(() => badgeB.getAttribute('data-state'), LIVE).toBe('closed');
    expect(await badgeB.textContent()).toContain('Tutup');
    await consoleB.getByRole('button', { name: 'Buka kembali' }).waitFor();
    await expect.poll(async () => highEnd((await span.textContent()) ?? ''), LIVE).toBeGreaterThan(highEnd(together));
    expect(await phone.evaluate(() => (window as any).__sameDocument)).toBe(true);
    await shot(consoleB, 'counter-closed');

    // A break and back at the first counter.
    await consoleA.getByRole('button', { name: 'Istirahat' }).click();
    await expect.poll(() => badgeA.getAttribute('data-state'), LIVE).toBe('break');
    expect(await badgeA.textContent()).toContain('Istirahat');
    expect(await axeViolations(consoleA)).toEqual([]);
    await consoleA.getByRole('button', { name: 'Buka kembali' }).click();
    await expect.poll(() => badgeA.getAttribute('data-state'), LIVE).toBe('open');

    // The portal now gives the estimate for a ticket taken now, on a phone and on a desktop.
    await portal.reload();
    await expect.poll(() => portal.getByTestId('service-queue').textContent(), LIVE).toMatch(/menunggu · perkiraan/);
    await portal.getByTestId('best-time').waitFor();
    expect(await axeViolations(portal)).toEqual([]);
    await shot(portal, 'portal-service-phone');
    const desktop = await open(`/blora?agency=dindukcapil&service=${ktp.id}`, 1366, 900);
    await desktop.getByTestId('best-time').waitFor();
    await desktop.getByTestId('service-queue').waitFor();
    await shot(desktop, 'portal-service-desktop');
    await desktop.goto(`${hall.base}/blora?agency=dindukcapil`);
    await expect
      .poll(() => desktop.getByRole('link', { name: /^Perekaman KTP-el/ }).textContent(), LIVE)
      .toMatch(/\d+ menunggu · perkiraan/);
    expect(await axeViolations(desktop)).toEqual([]);

    // Booking: today's queue, where the online queue is offered.
    const book = await open(`/blora/book?service=${ktp.id}`, 360, 740);
    await expect
      .poll(() => book.getByTestId('today-queue').first().textContent(), LIVE)
      .toMatch(/^Antrian hari ini: \d+ menunggu, perkiraan/);
    expect(await axeViolations(book)).toEqual([]);
    await shot(book, 'book-today-queue');

    // The first counter calls the next ticket (taken with an estimate): it is measured.
    await consoleA.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await consoleA.getByTestId('current-number').waitFor();
    const kinerja = await open(`/blora/kinerja?from=${today}&to=${today}`, 1366, 900);
    await signIn(kinerja, 'pimpinan');
    const section = kinerja.getByTestId('kinerja-estimates');
    await section.waitFor();
    await expect.poll(() => section.getByTestId('estimates-count').textContent(), LIVE).toBe('1');
    expect(await section.getByTestId('estimates-mae-baseline').textContent()).toMatch(
      /Estimasi sederhana: [\d,]+ menit/,
    );
    expect(await section.getByTestId('estimates-row').count()).toBe(1);
    expect(await section.textContent()).toContain('±5 menit atau ±25 %');
    expect(await axeViolations(kinerja)).toEqual([]);
    await shot(section, 'kinerja-estimates');

    // Both officers leave their counters ("Ganti loket"): nothing is open, and the phone says so.
    await consoleA.getByRole('button', { name: 'Ganti loket' }).click();
    await consoleA.getByRole('heading', { name: 'Pilih loket' }).waitFor();
    await expect
      .poll(() => phone.getByTestId('estimate-reason').textContent(), LIVE)
      .toBe('Belum ada loket yang buka untuk layanan ini');
    expect(await phone.evaluate(() => (window as any).__sameDocument)).toBe(true);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'ticket-phone-no-counter');
  }, 300_000);
});

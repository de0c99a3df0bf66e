/**
 * A morning at the hall in a real browser: a citizen takes a priority ticket at the kiosk and
 * follows it on a phone, an officer calls it, the display shows and speaks the call, the ticket is
 * transferred to another agency, the server is killed and restarted, and every screen recovers.
 * Each screen also passes axe-core's WCAG 2.1 AA rules.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSentence } from '../src/domain/speech.js';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, RECORD_SPEECH, startHall } from './support.js';

const waitFor = async (check: () => Promise<boolean>, what: string, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe.runIf(HAS_CHROMIUM)('the hall in a browser', () => {
  let hall: Hall;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let counters: { id: string; name: string; number: number; agencyId: string }[];
  let agencies: { id: string; code: string; shortName: string }[];

  const open = async (path: string, width: number, height: number, init?: () => void): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID' });
    contexts.push(context);
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${path}] pageerror: ${e.message}`));
    await page.goto(`${hall.base}${path}`);
    return page;
  };

  const signIn = async (page: Page, username: string, counterName: string) => {
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('button', { name: counterName, exact: true }).click();
    await page.getByRole('button', { name: 'Panggil berikutnya' }).waitFor();
  };

  const api = async (path: string) => (await fetch(`${hall.base}${path}`)).json() as Promise<any>;

  beforeAll(async () => {
    hall = await startHall();
    browser = await launchBrowser();
    counters = await api('/api/malls/blora/counters');
    agencies = await api('/api/malls/blora/agencies');
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await hall?.close();
  });

  const counterOf = (code: string, index = 0) => {
    const agency = agencies.find((a) => a.code === code)!;
    return counters.filter((c) => c.agencyId === agency.id)[index]!;
  };

  it('runs a ticket from the kiosk to the counter, the display, the phone and another agency, across a restart', async () => {
    const dukcapilCounter = counterOf('dindukcapil');
    const polresCounter = counterOf('polres');

    // The kiosk: agency → service → priority class → printed ticket.
    const kiosk = await open('/blora/kiosk', 1080, 1920, () => {
      (window as any).__prints = 0;
      (window as any).__pageRules = [];
      window.print = () => {
        (window as any).__prints++;
        // the page size the roll is cut to, as the print sees it
        (window as any).__pageRules = document.adoptedStyleSheets.flatMap((s) =>
          [...s.cssRules].map((r) => r.cssText).filter((t) => t.startsWith('@page')),
        );
      };
    });
    await kiosk.getByRole('heading', { name: 'Ambil Nomor Antrian' }).waitFor();
    expect(await axeViolations(kiosk)).toEqual([]);
    await kiosk.getByRole('button', { name: /^Dindukcapil / }).click();
    await kiosk.getByRole('button', { name: /^Perekaman KTP-el/ }).click();
    await kiosk.getByRole('heading', { name: 'Apakah Anda termasuk…?' }).waitFor();
    expect(await axeViolations(kiosk)).toEqual([]);
    await kiosk.getByRole('button', { name: /^Lansia/ }).click();
    const numberEl = kiosk.getByTestId('ticket-number');
    await numberEl.waitFor();
    const number = (await numberEl.textContent())!.trim();
    expect(number).toMatch(/^[A-Z]{1,3}-\d{3}$/);
    const token = (await kiosk.getByTestId('ticket-link').getAttribute('href'))!.replace('/t/', '');
    await waitFor(async () => (await kiosk.evaluate(() => (window as any).__prints)) >= 1, 'the ticket to print');
    // sized to the paper copy (an inline <style> would be refused by the Content-Security-Policy)
    expect(await kiosk.evaluate(() => (window as any).__pageRules)).toEqual([
      expect.stringMatching(/^@page \{ size: 80mm \d+mm; margin: 0px; \}$/),
    ]);
    expect(await axeViolations(kiosk)).toEqual([]);
    const issued = await api(`/api/tickets/${token}`);
    expect(issued).toMatchObject({ number, status: 'waiting', priority: 'lansia' });

    // The citizen's phone follows the ticket.
    const phone = await open(`/t/${token}`, 360, 740);
    await expect.poll(() => phone.getByTestId('ticket-number').textContent()).toBe(number);
    await expect.poll(() => phone.getByTestId('ticket-status').textContent()).toContain('Menunggu');
    expect(await axeViolations(phone)).toEqual([]);

    // The display records what it hands to speech synthesis.
    const display = await open('/blora/display', 1920, 1080, RECORD_SPEECH);
    await display.getByRole('list', { name: 'Panggilan terakhir' }).waitFor();
    expect(await axeViolations(display)).toEqual([]);

    // The officer calls it.
    const console1 = await open('/blora/counter', 1366, 768);
    expect(await axeViolations(console1)).toEqual([]);
    await signIn(console1, 'petugas.dindukcapil', dukcapilCounter.name);
    await expect.poll(() => console1.getByRole('table', { name: 'Daftar tunggu' }).textContent()).toContain(number);
    expect(await axeViolations(console1)).toEqual([]);
    await console1.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => console1.getByTestId('current-number').textContent()).toBe(number);

    // The hall sees and hears it; the phone turns to "called".
    await expect.poll(() => display.getByTestId('latest-number').textContent()).toBe(number);
    await expect
      .poll(() => display.getByTestId('latest-counter').textContent())
      .toContain(String(dukcapilCounter.number));
    await expect
      .poll(() => display.evaluate(() => (window as any).__spoken as string[]))
      .toContain(callSentence(number, dukcapilCounter.number));
    expect(await axeViolations(display)).toEqual([]);
    await expect.poll(() => phone.getByTestId('ticket-status').textContent()).toContain('Dipanggil');
    await expect
      .poll(() => phone.getByTestId('called-banner').textContent())
      .toContain(`Loket ${dukcapilCounter.number}`);
    expect(await axeViolations(phone)).toEqual([]);

    // Transfer to Polres (SKCK): it shows in the Polres counter's list.
    await console1.getByRole('button', { name: 'Alihkan' }).click();
    const dialog = console1.getByRole('dialog');
    await dialog.getByLabel('Cari layanan').fill('skck');
    await dialog.getByRole('radio', { name: 'SKCK Baru' }).check();
    expect(await axeViolations(console1)).toEqual([]);
    await dialog.getByRole('button', { name: 'Alihkan ke layanan ini' }).click();
    await expect.poll(async () => console1.getByTestId('current-number').count()).toBe(0);
    const console2 = await open('/blora/counter', 1366, 768);
    await signIn(console2, 'petugas.polres', polresCounter.name);
    await expect.poll(() => console2.getByRole('table', { name: 'Daftar tunggu' }).textContent()).toContain(number);
    await expect.poll(() => phone.getByTestId('ticket-status').textContent()).toContain('Menunggu');

    // Kill the server (as a crash would) and start it again: the screens recover by themselves.
    await hall.kill();
    await expect.poll(() => display.getByTestId('connection').textContent(), { timeout: 10_000 }).toMatch(/\S/);
    await hall.start();
    await expect
      .poll(async () => (await display.getByTestId('connection').textContent())?.trim() ?? '', { timeout: 20_000 })
      .toBe('');
    // A call made after the restart reaches the display and the phone.
    await console2.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => console2.getByTestId('current-number').textContent(), { timeout: 20_000 }).toBe(number);
    await expect
      .poll(() => display.getByTestId('latest-counter').textContent(), { timeout: 20_000 })
      .toContain(String(polresCounter.number));
    await expect
      .poll(() => display.evaluate(() => (window as any).__spoken as string[]))
      .toContain(callSentence(number, polresCounter.number));
    await expect
      .poll(() => phone.getByTestId('called-banner').textContent(), { timeout: 20_000 })
      .toContain(`Loket ${polresCounter.number}`);
  }, 240_000);

  it("keeps two officers' consoles in step", async () => {
    const [first, second] = [counterOf('dpmptsp', 0), counterOf('dpmptsp', 1)];
    const services = await api(`/api/malls/blora/services?agencyId=${first.agencyId}`);
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${hall.base}/api/malls/blora/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: services[0].id }),
      });
      numbers.push(((await res.json()) as any).number);
    }
    const a = await open('/blora/counter', 1366, 768);
    await signIn(a, 'petugas.dpmptsp', first.name);
    const b = await open('/blora/counter', 1366, 768);
    await signIn(b, 'petugas.dpmptsp', second.name);
    for (const page of [a, b]) {
      await expect.poll(() => page.getByRole('table', { name: 'Daftar tunggu' }).textContent()).toContain(numbers[1]);
    }
    await a.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => a.getByTestId('current-number').textContent()).toBe(numbers[0]);
    // B's list loses the ticket A called, live.
    await expect.poll(() => b.getByRole('table', { name: 'Daftar tunggu' }).textContent()).not.toContain(numbers[0]);
    await b.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => b.getByTestId('current-number').textContent()).toBe(numbers[1]);
  }, 120_000);

  it('shows the public portal with each service standard, accessibly', async () => {
    const portal = await open('/blora', 360, 740);
    await portal.getByRole('heading', { level: 1 }).waitFor();
    expect(await axeViolations(portal)).toEqual([]);
    await portal.getByLabel('Cari layanan').fill('ktp');
    await portal
      .getByRole('link', { name: /Perekaman KTP-el/ })
      .first()
      .click();
    await portal.getByRole('heading', { name: 'Persyaratan' }).waitFor();
    await portal.getByRole('heading', { name: 'Dasar hukum' }).waitFor();
    expect(await axeViolations(portal)).toEqual([]);
    // The root leads to the mall.
    await portal.goto(`${hall.base}/`);
    await expect.poll(() => new URL(portal.url()).pathname).toBe('/blora');
  }, 60_000);
});

/**
 * One visit through several agencies in a real browser (issue #13, points 1–2): at the kiosk a
 * citizen chooses Penerbitan KK (Dindukcapil), then adds BPJS Kesehatan and Samsat, and takes one
 * number; the screen and the printed copy list the three stops. Two officers' consoles: while the
 * number is called at Dindukcapil, the BPJS counter's "call next" gets the next citizen instead
 * (the number keeps its place); once Dindukcapil is done, BPJS calls the same number. The ticket
 * page on a 360 px phone follows the route live (done ✓ / called at Loket N / waiting), the citizen
 * cancels the Samsat stop from the phone, and the BPJS officer adds a stop ("you also need an
 * SKCK"). Each changed screen passes axe-core's WCAG 2.1 AA rules. LOKET_E2E_SHOTS=<dir> saves
 * a screenshot of each.
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

const LIVE = { timeout: 20_000 };

interface Named {
  id: string;
  name: string;
}

describe.runIf(HAS_CHROMIUM)('one visit through several agencies in a browser', () => {
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
  const signIn = async (page: Page, username: string, counterName: string) => {
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('button', { name: counterName, exact: true }).click();
    await page.getByRole('button', { name: 'Panggil berikutnya' }).waitFor();
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

  it('takes one number for three agencies, calls it at each in turn, and follows the route on a phone', async () => {
    const agencies: { id: string; code: string; shortName: string }[] = await api('/api/malls/blora/agencies');
    const counters: { id: string; name: string; number: number; agencyId: string; serviceIds: string[] }[] =
      await api('/api/malls/blora/counters');
    const agency = (code: string) => agencies.find((a) => a.code === code)!;
    const servicesOf = async (code: string): Promise<Named[]> =>
      api(`/api/malls/blora/services?agencyId=${agency(code).id}`);
    const serviceOf = async (code: string, name: string) =>
      (await servicesOf(code)).find((s) => s.name.startsWith(name))!;
    const kk = await serviceOf('dindukcapil', 'Penerbitan KK Baru');
    const jkn = await serviceOf('bpjskes', 'Pendaftaran Peserta JKN Mandiri');
    const pkb = await serviceOf('samsat', 'Pembayaran Pajak Kendaraan Bermotor');
    // each agency's first counter, which serves the chosen service
    const firstCounter = (code: string, serviceId: string) => {
      const counter = counters.find((c) => c.agencyId === agency(code).id)!;
      expect(counter.serviceIds).toContain(serviceId);
      return counter;
    };
    const dukcapilCounter = firstCounter('dindukcapil', kk.id);
    const bpjsCounter = firstCounter('bpjskes', jkn.id);
    firstCounter('samsat', pkb.id);

    // The Dindukcapil and BPJS officers sit at their counters (so those lines have estimates;
    // Samsat's has none: no counter is open).
    const dukcapil = await open('/blora/counter', 1366, 768);
    await signIn(dukcapil, 'petugas.dindukcapil', dukcapilCounter.name);
    const bpjs = await open('/blora/counter', 1366, 768);
    await signIn(bpjs, 'petugas.bpjskes', bpjsCounter.name);

    // The kiosk: Dindukcapil → KK, then "Tambah layanan lain" twice (by agency, and by search).
    const kiosk = await open('/blora/kiosk', 1080, 1920, () => {
      const w = window as unknown as { __prints: number };
      w.__prints = 0;
      window.print = () => {
        w.__prints++;
      };
    });
    await kiosk.getByRole('button', { name: /^Dindukcapil / }).click();
    await kiosk.getByRole('button', { name: /^Penerbitan KK Baru/ }).click();
    await kiosk.getByRole('heading', { name: 'Apakah Anda termasuk…?' }).waitFor();
    // one service: the priority answer still takes the ticket at once; adding is one button away
    expect(await kiosk.getByRole('button', { name: /^Hapus/ }).count()).toBe(0);
    await kiosk.getByRole('button', { name: 'Tambah layanan lain' }).click();
    await kiosk.getByRole('heading', { name: 'Tambah layanan lain' }).waitFor();
    await kiosk.getByRole('button', { name: /^BPJS Kesehatan / }).click();
    await kiosk.getByRole('button', { name: /^Pendaftaran Peserta JKN Mandiri/ }).click();
    await kiosk.getByRole('button', { name: 'Tambah layanan lain' }).click();
    // a service already chosen is marked and not taken twice
    await kiosk.getByRole('button', { name: /^Dindukcapil / }).click();
    const chosenAgain = kiosk.getByRole('button', { name: /^Penerbitan KK Baru/ });
    expect(await chosenAgain.getAttribute('aria-disabled')).toBe('true');
    expect(await chosenAgain.textContent()).toContain('Sudah dipilih');
    await kiosk.getByRole('button', { name: 'Kembali' }).click();
    await kiosk.getByLabel('Cari layanan').click();
    await kiosk.keyboard.type('pajak kendaraan');
    await kiosk.getByRole('button', { name: /Pembayaran Pajak Kendaraan Bermotor/ }).click();
    const visitList = kiosk.getByTestId('visit-list');
    await expect.poll(() => visitList.locator('li').count()).toBe(3);
    const listed = (await visitList.textContent()) ?? '';
    expect(listed.indexOf(kk.name)).toBeLessThan(listed.indexOf(jkn.name));
    expect(listed.indexOf(jkn.name)).toBeLessThan(listed.indexOf(pkb.name));
    expect(await kiosk.getByRole('button', { name: /^Hapus/ }).count()).toBe(3);
    expect(await axeViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'visit-kiosk-list');
    await kiosk.getByRole('button', { name: /^Tidak \/ Umum/ }).click();

    // One number; the screen and the paper copy list the three stops in order.
    const numberEl = kiosk.getByTestId('ticket-number');
    await numberEl.waitFor();
    const number = (await numberEl.textContent())!.trim();
    const token = (await kiosk.getByTestId('ticket-link').getAttribute('href'))!.replace('/t/', '');
    const screenStops = kiosk.getByTestId('ticket-stop');
    expect(await screenStops.count()).toBe(3);
    expect(await screenStops.nth(0).textContent()).toContain(`Dindukcapil — ${kk.name}`);
    expect(await screenStops.nth(1).textContent()).toContain(`BPJS Kesehatan — ${jkn.name}`);
    expect(await screenStops.nth(2).textContent()).toContain(`Samsat Blora — ${pkb.name}`);
    // an estimate where a counter is open, the reason where none is
    expect(await screenStops.nth(0).textContent()).toContain('Perkiraan dipanggil');
    expect(await screenStops.nth(1).textContent()).toContain('Perkiraan dipanggil');
    expect(await screenStops.nth(2).textContent()).toContain('Belum ada loket yang buka');
    await expect.poll(() => kiosk.evaluate(() => (window as any).__prints), LIVE).toBeGreaterThanOrEqual(1);
    const paper = (await kiosk.locator('.kiosk-paper').textContent()) ?? '';
    expect(paper).toContain(number);
    expect(paper).toContain(`1.Dindukcapil — ${kk.name}`);
    expect(paper).toContain(`2.BPJS Kesehatan — ${jkn.name}`);
    expect(paper).toContain(`3.Samsat Blora — ${pkb.name}`);
    expect(await axeViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'visit-kiosk-ticket');
    await kiosk.emulateMedia({ media: 'print' });
    await shot(kiosk.locator('.kiosk-paper'), 'visit-kiosk-paper');
    await kiosk.emulateMedia({ media: 'screen' });

    const issued = await api(`/api/tickets/${token}`);
    expect(issued.number).toBe(number);
    expect(issued.stops.map((s: any) => [s.serviceId, s.status])).toEqual([
      [kk.id, 'waiting'],
      [jkn.id, 'waiting'],
      [pkb.id, 'waiting'],
    ]);

    // Another citizen comes for BPJS after them.
    const res = await fetch(`${hall.base}/api/malls/blora/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: jkn.id }),
    });
    const other = ((await res.json()) as any).number as string;

    // The phone: the route, each stop waiting.
    const phone = await open(`/t/${token}`, 360, 740);
    await expect.poll(() => phone.getByTestId('ticket-number').textContent()).toBe(number);
    const route = phone.getByTestId('route-stop');
    await expect.poll(() => route.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => route.nth(i).getByTestId('stop-status').textContent()).toContain('Menunggu');
    }
    expect(await route.nth(0).getByTestId('stop-estimate').textContent()).toMatch(/Perkiraan dipanggil ± \d\d\.\d\d/);
    expect(await axeViolations(phone)).toEqual([]);

    // Dindukcapil calls: the console shows the citizen's other stops; the phone shows the call.
    await expect
      .poll(() => dukcapil.getByRole('table', { name: 'Daftar tunggu' }).textContent(), LIVE)
      .toContain(number);
    await dukcapil.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => dukcapil.getByTestId('current-number').textContent()).toBe(number);
    const stopsLine = dukcapil.getByTestId('current-stops');
    await expect.poll(() => stopsLine.textContent(), LIVE).toContain('Juga menunggu di:');
    expect(await stopsLine.textContent()).toMatch(/BPJS Kesehatan \(\d+ di depan\), Samsat Blora \(\d+ di depan\)/);
    expect(await axeViolations(dukcapil)).toEqual([]);
    await shot(dukcapil, 'visit-console-other-stops');
    await expect
      .poll(() => route.nth(0).getByTestId('stop-status').textContent(), LIVE)
      .toBe(`Dipanggil di Loket ${dukcapilCounter.number}`);
    await expect
      .poll(() => phone.getByTestId('called-banner').textContent(), LIVE)
      .toContain(`Loket ${dukcapilCounter.number}`);
    expect(await phone.getByTestId('called-banner').textContent()).toContain('Dindukcapil');

    // Meanwhile BPJS calls next: not this citizen (at Dindukcapil now) but the one after them.
    await expect.poll(() => bpjs.getByRole('table', { name: 'Daftar tunggu' }).textContent(), LIVE).toContain(other);
    await bpjs.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => bpjs.getByTestId('current-number').textContent()).toBe(other);
    await bpjs.getByRole('button', { name: 'Mulai layani' }).click();
    await expect.poll(() => bpjs.getByTestId('current-status').textContent()).toBe('Sedang dilayani');
    await bpjs.getByRole('button', { name: 'Selesai', exact: true }).click();
    await expect.poll(async () => bpjs.getByTestId('current-number').count()).toBe(0);

    // Dindukcapil serves and finishes; BPJS then calls the same number.
    await dukcapil.getByRole('button', { name: 'Mulai layani' }).click();
    await expect
      .poll(() => route.nth(0).getByTestId('stop-status').textContent(), LIVE)
      .toBe(`Sedang dilayani di Loket ${dukcapilCounter.number}`);
    await dukcapil.getByRole('button', { name: 'Selesai', exact: true }).click();
    await expect.poll(async () => dukcapil.getByTestId('current-number').count()).toBe(0);
    await expect.poll(() => route.nth(0).getByTestId('stop-status').textContent(), LIVE).toBe('✓ Selesai');
    await bpjs.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => bpjs.getByTestId('current-number').textContent()).toBe(number);
    await expect
      .poll(() => route.nth(1).getByTestId('stop-status').textContent(), LIVE)
      .toBe(`Dipanggil di Loket ${bpjsCounter.number}`);
    await expect
      .poll(() => phone.getByTestId('called-banner').textContent(), LIVE)
      .toContain(`Loket ${bpjsCounter.number}`);
    expect(await route.nth(0).getAttribute('data-status')).toBe('done');
    expect(await route.nth(2).getByTestId('stop-status').textContent()).toContain('Menunggu');
    expect(await phone.getByTestId('ticket-status').textContent()).toBe('Dipanggil');
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'visit-phone-route');
    // The BPJS console sees Dindukcapil done and Samsat still to come.
    await expect.poll(() => bpjs.getByTestId('current-stops').textContent(), LIVE).toContain('Samsat Blora');
    expect(await bpjs.getByTestId('current-stops').textContent()).toContain('Sudah selesai: Dindukcapil ✓');

    // The citizen no longer needs Samsat: cancelled from the phone, after a confirmation.
    await route
      .nth(2)
      .getByRole('button', { name: /^Batalkan layanan Samsat Blora/ })
      .click();
    const confirm = route.nth(2).getByRole('group');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`Batalkan Samsat Blora — ${pkb.name}?`);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'visit-phone-cancel-confirm');
    await confirm.getByRole('button', { name: 'Ya, batalkan' }).click();
    await expect.poll(() => route.nth(2).getByTestId('stop-status').textContent(), LIVE).toBe('Dibatalkan');
    await expect.poll(async () => (await api(`/api/tickets/${token}`)).stops[2].status).toBe('cancelled');
    await expect.poll(() => bpjs.getByTestId('current-stops').textContent(), LIVE).not.toContain('Samsat');

    // The BPJS officer adds a stop: the citizen also needs an SKCK (Polres).
    await bpjs.getByRole('button', { name: 'Tambah layanan' }).click();
    const dialog = bpjs.getByRole('dialog');
    await dialog.getByRole('heading', { name: `Tambah layanan untuk tiket ${number}` }).waitFor();
    // the service being served here is not offered again
    expect(await dialog.getByRole('radio', { name: jkn.name }).count()).toBe(0);
    await dialog.getByLabel('Cari layanan').fill('skck');
    await dialog.getByRole('radio', { name: 'SKCK Baru' }).check();
    expect(await axeViolations(bpjs)).toEqual([]);
    await dialog.getByRole('button', { name: 'Tambahkan layanan ini' }).click();
    await expect.poll(async () => bpjs.getByRole('dialog').count()).toBe(0);
    await bpjs.getByText(`Tiket ${number} juga menunggu di Polres Blora — SKCK Baru`).waitFor();
    await expect.poll(() => bpjs.getByTestId('current-stops').textContent(), LIVE).toContain('Polres Blora');
    expect(await axeViolations(bpjs)).toEqual([]);
    await shot(bpjs, 'visit-console-stop-added');
    // the phone's route has the fourth stop, waiting
    await expect.poll(() => route.count(), LIVE).toBe(4);
    expect(await route.nth(3).textContent()).toContain('SKCK Baru');
    await expect.poll(() => route.nth(3).getByTestId('stop-status').textContent(), LIVE).toContain('Menunggu');
    await shot(phone, 'visit-phone-route-added');
  }, 240_000);
});

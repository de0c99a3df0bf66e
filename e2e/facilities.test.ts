/**
 * The mall's facilities in a real browser (issue #14, point 6): a citizen on a 360 px phone finds
 * "Fasilitas" on the portal, opens the auditorium, sees its week and requests a morning; the mall
 * admin approves it on the "Fasilitas" tab; the phone's calendar then shows the time as booked.
 * The kiosk's start screen opens the directory in large type. Each screen passes axe-core's WCAG
 * 2.1 AA rules. LOKET_E2E_SHOTS=<dir> saves a screenshot of each, to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localTime, weekdayOf } from '../src/domain/schedule.js';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

const SHOTS = process.env.LOKET_E2E_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string, fullPage = true) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
};

/** A Monday to Thursday within the coming week (the calendar's first page), when the room opens 07:30–16:00. */
function aWorkingDay(): string {
  let date = addDays(localTime(Date.now(), 'Asia/Jakarta').date, 1);
  while (!['mon', 'tue', 'wed', 'thu'].includes(weekdayOf(date))) date = addDays(date, 1);
  return date;
}

describe.runIf(HAS_CHROMIUM)('facilities in a browser', () => {
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

  beforeAll(async () => {
    hall = await startHall();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await hall?.close();
  });

  it('is requested on a phone, approved in the admin screen, and then shown as booked', async () => {
    const date = aWorkingDay();
    const phone = await open('/blora', 360, 740);
    await phone.getByRole('link', { name: 'Fasilitas', exact: true }).click();
    await phone.getByRole('heading', { name: 'Fasilitas MPP' }).waitFor();
    await expect.poll(() => phone.getByTestId('facility').count()).toBe(8);
    const play = phone.getByTestId('facility').filter({ hasText: 'Area Bermain Anak' });
    await play.getByText('Terisi 6 dari 15').waitFor();
    await phone
      .getByTestId('facility')
      .filter({ hasText: 'UKM Craft Center' })
      .getByText('Belum ramah kursi roda')
      .waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    // nothing wider than the phone
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(phone, 'facilities-portal');

    await phone
      .getByTestId('facility')
      .filter({ has: phone.getByRole('heading', { name: 'Auditorium', exact: true }) })
      .getByRole('link', { name: 'Ajukan peminjaman' })
      .click();
    await phone.getByRole('heading', { name: 'Ajukan peminjaman Auditorium' }).waitFor();
    await expect.poll(() => phone.getByTestId('calendar-day').count()).toBe(7);
    await phone.getByLabel('Tanggal').fill(date);
    await phone.getByLabel('Jam mulai').selectOption('09:00');
    await phone.getByLabel('Jam selesai').selectOption('11:00');
    await phone.getByLabel('Keperluan').fill('Sosialisasi perizinan usaha');
    await phone.getByLabel('Penyelenggara').fill('Karang Taruna Jepon');
    await phone.getByLabel('Perkiraan jumlah peserta').fill('80');
    await phone.getByLabel('Nomor HP (opsional)').fill('0812 3456 7890');
    expect(await axeViolations(phone)).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(phone, 'facilities-request');
    await phone.getByRole('button', { name: 'Kirim permintaan' }).click();
    await phone.getByRole('heading', { name: 'Permintaan terkirim' }).waitFor();
    await expect.poll(() => phone.getByTestId('booking-status').textContent()).toBe('Menunggu persetujuan');
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'facilities-sent');

    // the same time again: the server's refusal is shown, the calendar has it as requested
    const again = await open('/blora/fasilitas', 360, 740);
    await again.getByRole('link', { name: 'Ajukan peminjaman' }).first().click();
    await again.getByLabel('Tanggal').fill(date);
    await again.getByLabel('Jam mulai').selectOption('10:00');
    await again.getByLabel('Jam selesai').selectOption('12:00');
    await again.getByLabel('Keperluan').fill('Rapat');
    await again.getByLabel('Penyelenggara').fill('Dinas lain');
    await again.getByRole('button', { name: 'Kirim permintaan' }).click();
    await expect.poll(() => again.getByRole('alert').textContent()).toContain('sudah dipesan');
    const day = again.locator(`[data-testid="calendar-day"][data-date="${date}"]`);
    await expect.poll(() => day.getByTestId('busy-time').textContent()).toBe('09.00–11.00Diminta');

    // the mall admin approves it
    const admin = await open('/blora/admin?tab=facilities', 1366, 900);
    await admin.getByLabel('Nama pengguna').fill('admin');
    await admin.getByLabel('Kata sandi').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Masuk' }).click();
    const request = admin.getByTestId('pending-request').filter({ hasText: 'Karang Taruna Jepon' });
    await request.waitFor();
    await admin.getByTestId('room-calendar').getByText('Karang Taruna Jepon — Sosialisasi perizinan usaha').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'facilities-admin');
    await request.getByLabel('Catatan untuk pemohon').fill('Kunci di pos satpam');
    await request.getByRole('button', { name: 'Setujui' }).click();
    await admin.getByText('Tidak ada permintaan yang menunggu.').waitFor();
    await expect
      .poll(() => admin.getByTestId('room-calendar').getByTestId('busy-time').first().textContent())
      .toContain('Terpakai');
    await shot(admin, 'facilities-admin-approved');

    // the phone's calendar shows the time as booked
    await again.reload();
    const booked = again.locator(`[data-testid="calendar-day"][data-date="${date}"]`).getByTestId('busy-time');
    await expect.poll(() => booked.textContent()).toBe('09.00–11.00Terpakai');
    await shot(again, 'facilities-calendar-booked');
  });

  it('shows the directory on the kiosk from its start screen, large enough to read from afar', async () => {
    const kiosk = await open('/blora/kiosk', 1080, 1920);
    await kiosk.getByTestId('kiosk-facilities').click();
    await kiosk.getByRole('heading', { name: 'Fasilitas MPP' }).waitFor();
    await expect.poll(() => kiosk.getByTestId('kiosk-facility').count()).toBe(8);
    const size = await kiosk
      .getByTestId('kiosk-facility')
      .first()
      .getByRole('heading')
      .evaluate((h) => Number.parseFloat(getComputedStyle(h).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
    expect(await axeViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'facilities-kiosk');
    await kiosk.getByRole('button', { name: 'Kembali' }).click();
    await kiosk.getByTestId('kiosk-facilities').waitFor();
  });
});

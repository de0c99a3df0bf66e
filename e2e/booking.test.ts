/**
 * Come at your time, in a real browser (issue #11): the mall admin turns on e-mail in the admin
 * screen (a local SMTP server receives it); a citizen books the next slot of "Penerbitan KK Baru"
 * on a 360 px phone and gets the confirmation with the code; at the kiosk they type the code and
 * get a ticket; the officer's console shows it marked as booked and calls it (after the walk-in
 * who came earlier, since its slot has not begun); the "called" message names the counter. A
 * citizen books with another agency's service for the same visit (issue #13) and the booking's page
 * lists it. Each new screen passes axe-core's WCAG 2.1 AA rules. LOKET_E2E_SHOTS=<dir> saves a
 * screenshot of each, to look at.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../test/support/sinks.js';
import { launchBrowser } from './browser.js';
import { writeQrVideo } from './fake-camera.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

const SHOTS = process.env.LOKET_E2E_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

const EMAIL = 'siti.aminah@example.test';

describe.runIf(HAS_CHROMIUM)('booking in a browser', () => {
  let hall: Hall;
  let browser: Browser;
  let sink: SmtpSink;
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
  const mailsTo = (subjectOrText: RegExp) =>
    sink.mails.filter(
      (m) => m.rcptTo.includes(EMAIL) && subjectOrText.test(`${m.parsed.subject ?? ''}\n${m.parsed.text ?? ''}`),
    );

  beforeAll(async () => {
    sink = await startSmtpSink();
    hall = await startHall();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await hall?.close();
    await sink?.close();
  });

  it('books on a phone, checks in at the kiosk, is called, and is told by e-mail', async () => {
    // The mall admin turns on e-mail.
    const admin = await open('/blora/admin?tab=messages', 1366, 768);
    await admin.getByLabel('Nama pengguna').fill('admin');
    await admin.getByLabel('Kata sandi').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Masuk' }).click();
    const email = admin.getByRole('region', { name: 'E-mail (SMTP)' });
    await email.getByLabel('Server SMTP').fill('127.0.0.1');
    await email.getByLabel('Port', { exact: true }).fill(String(sink.port));
    await email.getByLabel('Nama dan alamat pengirim').fill('MPP Blora <mpp@example.test>');
    await email.getByLabel('Kirim pesan lewat saluran ini').check();
    await email.getByRole('button', { name: 'Simpan saluran' }).click();
    await email.getByText('Pengaturan saluran tersimpan.').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'admin-messages');

    // … and chooses when a citizen is told their turn is near.
    await admin.getByRole('link', { name: 'Aturan', exact: true }).click();
    const ahead = admin.getByLabel('Kabari warga saat tinggal N orang di depannya');
    await expect.poll(() => ahead.inputValue()).toBe('3');
    await ahead.fill('25');
    await admin.getByRole('button', { name: 'Simpan aturan' }).click();
    await admin.getByText('Paling besar 20.', { exact: false }).first().waitFor();
    await ahead.fill('2');
    await admin.getByRole('button', { name: 'Simpan aturan' }).click();
    await admin.getByText('Aturan tersimpan dan berlaku sekarang.').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'admin-settings');

    const agencies = await api('/api/malls/blora/agencies');
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const services = await api(`/api/malls/blora/services?agencyId=${dukcapil.id}`);
    const kk = services.find((s: any) => s.name.startsWith('Penerbitan KK Baru'));
    // someone who came earlier without booking waits in the same line
    const walkIn = await (
      await fetch(`${hall.base}/api/malls/blora/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: kk.id }),
      })
    ).json();
    expect(walkIn.number).toMatch(/^[A-Z]+-\d{3}$/);

    // The citizen books from a phone: agency → service → day → slot → details.
    const phone = await open('/blora/book', 360, 740);
    await phone.getByRole('heading', { name: 'Pilih layanan' }).waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'book-1-agencies');
    await phone.getByRole('link', { name: /^Dindukcapil/ }).click();
    await phone.getByRole('link', { name: /^Penerbitan KK Baru/ }).click();
    await phone.getByRole('heading', { name: 'Pilih hari kedatangan' }).waitFor();
    // the first day with a slot left: today, unless the day's last slot has begun
    const days = phone.getByRole('list', { name: 'Hari kedatangan' }).getByRole('button', { disabled: false });
    await days.first().waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'book-2-day');
    await days.first().click();
    await phone.getByRole('heading', { name: 'Pilih jam' }).waitFor();
    const slots = phone.getByRole('list', { name: 'Jam sesi' }).getByRole('button', { disabled: false });
    await slots.first().waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'book-3-slot');
    await slots.first().click();
    await phone.getByRole('heading', { name: 'Isi data diri' }).waitFor();
    await phone.getByLabel('Nama lengkap').fill('Siti Aminah');
    await phone.getByLabel(/^Nomor HP/).fill('0812 3456 7890');
    await phone.getByLabel(/^E-mail/).fill(EMAIL);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'book-4-details');
    await phone.getByRole('button', { name: 'Pesan Jadwal' }).click();

    // Its page: the code, which the confirmation e-mail carries too.
    const codeEl = phone.getByTestId('booking-code');
    await codeEl.waitFor();
    // shown grouped ("1234 5678"), read digit by digit
    const code = (await codeEl.locator('[aria-hidden="true"]').textContent())!.replace(/\D/g, '');
    expect(code).toMatch(/^\d{8}$/);
    expect(phone.url()).toMatch(/\/b\/[\w-]+$/);
    await phone.getByRole('link', { name: /kalender|\.ics/i }).waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'booking-page');
    await expect.poll(() => mailsTo(new RegExp(code)).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const confirmation = mailsTo(new RegExp(code))[0]!;
    expect(confirmation.parsed.text).toContain('Penerbitan KK Baru');

    // The kiosk: "Sudah pesan online?", the code on the keypad, a ticket.
    const kiosk = await open('/blora/kiosk', 1080, 1920);
    await kiosk.getByRole('button', { name: 'Sudah pesan online? Check-in di sini' }).click();
    await kiosk.getByRole('heading', { name: 'Check-in booking' }).waitFor();
    expect(await axeViolations(kiosk)).toEqual([]);
    for (const digit of code) await kiosk.getByRole('button', { name: digit, exact: true }).click();
    await expect.poll(() => kiosk.getByTestId('checkin-code').textContent()).toBe(code);
    await shot(kiosk, 'kiosk-checkin');
    await kiosk.getByRole('button', { name: 'Check-in', exact: true }).click();
    const numberEl = kiosk.getByTestId('ticket-number');
    await numberEl.waitFor();
    const number = (await numberEl.textContent())!.trim();
    expect(number).not.toBe(walkIn.number);
    const token = (await kiosk.getByTestId('ticket-link').getAttribute('href'))!.replace('/t/', '');
    expect(await axeViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'kiosk-checked-in');
    expect(await api(`/api/tickets/${token}`)).toMatchObject({ number, status: 'waiting' });

    // The ticket page on the phone.
    await phone.goto(`${hall.base}/t/${token}`);
    await expect.poll(() => phone.getByTestId('ticket-number').textContent()).toBe(number);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'ticket-page');

    // The officer sees it marked as booked, and calls it before the walk-in.
    const counters = await api('/api/malls/blora/counters');
    const counter = counters.find((c: any) => c.agencyId === dukcapil.id);
    const console1 = await open('/blora/counter', 1366, 768);
    await console1.getByLabel('Nama pengguna').fill('petugas.dindukcapil');
    await console1.getByLabel('Kata sandi').fill(PASSWORD);
    await console1.getByRole('button', { name: 'Masuk' }).click();
    await console1.getByRole('button', { name: counter.name, exact: true }).click();
    const waiting = console1.getByRole('table', { name: 'Daftar tunggu' });
    await expect.poll(() => waiting.textContent()).toContain(number);
    await expect.poll(() => waiting.getByTestId('booked-mark').count()).toBe(1);
    expect(await axeViolations(console1)).toEqual([]);
    await shot(console1, 'counter-booked');
    // Checked in before its slot begins, the booking waits for its time and the walk-in goes first
    // (once the slot has begun it goes before walk-ins: test/api/booking.test.ts, on a set clock).
    await console1.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => console1.getByTestId('current-number').textContent()).toBe(walkIn.number);
    await console1.getByRole('button', { name: /^Mulai layani/ }).click();
    await console1.getByRole('button', { name: 'Selesai', exact: true }).click();
    await console1.getByRole('button', { name: 'Panggil berikutnya' }).click();
    await expect.poll(() => console1.getByTestId('current-number').textContent()).toBe(number);
    await console1.getByTestId('booked-mark').first().waitFor();
    await shot(console1, 'counter-called');

    // The phone turns to "called", and the e-mail says so, naming the counter.
    await expect
      .poll(() => phone.getByTestId('ticket-status').textContent(), { timeout: 20_000 })
      .toMatch(/Dipanggil/i);
    await expect
      .poll(() => mailsTo(new RegExp(`${number}[\\s\\S]*${counter.name}|${counter.name}[\\s\\S]*${number}`)).length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await shot(phone, 'ticket-called');

    // The admin's list of the day's bookings shows it checked in, with its ticket.
    await admin.goto(`${hall.base}/blora/admin?tab=booking`);
    await admin.getByRole('heading', { name: 'Daftar booking' }).waitFor();
    await expect.poll(() => admin.getByRole('table').last().textContent()).toContain(number);
    expect(await admin.getByRole('table').last().textContent()).toContain('Sudah check-in');
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'admin-booking');
    // The evaluation counts it.
    await admin.goto(`${hall.base}/blora/kinerja`);
    await admin
      .getByRole('heading', { name: /booking/i })
      .first()
      .waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'kinerja');
  }, 180_000);

  it("joins today's queue from a phone and asks for more time; an officer checks a booking in; a kiosk ticket adds a number", async () => {
    const agencies = await api('/api/malls/blora/agencies');
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const services = await api(`/api/malls/blora/services?agencyId=${dukcapil.id}`);
    const ktp = services.find((s: any) => s.name.startsWith('Perekaman KTP-el'));
    const post = async (path: string, body: object) =>
      fetch(`${hall.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // Antrian online: a number on the phone without the kiosk.
    const phone = await open(`/blora/book?service=${ktp.id}`, 360, 740);
    await phone.getByRole('button', { name: 'Ambil antrian sekarang' }).click();
    await phone.getByLabel(/^Nomor HP/).fill('0813 1111 2222');
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'online-queue');
    await phone.getByRole('button', { name: 'Ambil nomor antrean' }).click();
    await phone.waitForURL(/\/t\//);
    const token = phone.url().split('/t/')[1]!;
    const number = (await phone.getByTestId('ticket-number').textContent())!.trim();
    expect(await api(`/api/tickets/${token}`)).toMatchObject({ number, status: 'waiting' });
    // three walk-ins after it, then "I need more time" moves it behind them, once
    for (let i = 0; i < 3; i++)
      expect((await post('/api/malls/blora/tickets', { serviceId: ktp.id })).status).toBe(201);
    await phone.getByRole('button', { name: 'Saya perlu waktu lebih' }).click();
    await phone.getByText('Anda sudah mundur beberapa nomor.').waitFor();
    expect(await phone.getByRole('button', { name: 'Saya perlu waktu lebih' }).count()).toBe(0);
    await expect.poll(async () => (await api(`/api/tickets/${token}`)).peopleAhead).toBe(3);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'ticket-postponed');

    // A booking checked in by the officer at the counter.
    const slotDay = async () => {
      const days = (await api(`/api/malls/blora/services/${ktp.id}/booking-days`)).days;
      for (const d of days.filter((x: any) => x.status === 'open')) {
        const free = (await api(`/api/malls/blora/services/${ktp.id}/slots?date=${d.date}`)).find(
          (x: any) => x.available > 0,
        );
        if (free) return { date: d.date, start: free.start };
      }
      throw new Error('no free slot');
    };
    const booked = await (
      await post('/api/malls/blora/bookings', {
        serviceId: ktp.id,
        ...(await slotDay()),
        name: 'Budi',
        phone: '0813 3333 4444',
      })
    ).json();
    expect(booked.code).toMatch(/^\d{8}$/);
    const counters = await api('/api/malls/blora/counters');
    const counter = counters.find((c: any) => c.agencyId === dukcapil.id);
    const console1 = await open('/blora/counter', 1366, 768);
    await console1.getByLabel('Nama pengguna').fill('petugas.dindukcapil');
    await console1.getByLabel('Kata sandi').fill(PASSWORD);
    await console1.getByRole('button', { name: 'Masuk' }).click();
    await console1.getByRole('button', { name: counter.name, exact: true }).click();
    await console1.getByRole('button', { name: 'Check-in booking' }).click();
    const dialog = console1.getByRole('dialog');
    await dialog.getByLabel('Kode booking').fill(booked.code);
    expect(await axeViolations(console1)).toEqual([]);
    await dialog.getByRole('button', { name: 'Check-in', exact: true }).click();
    await dialog.getByText(/sudah check-in dan masuk antrian/).waitFor();
    await shot(console1, 'counter-checkin');
    expect((await api(`/api/bookings/${booked.token}`)).status).toBe('checked_in');

    // A kiosk ticket: the citizen adds a number on the ticket page to be told.
    const kioskTicket = await (await post('/api/malls/blora/tickets', { serviceId: ktp.id })).json();
    await phone.goto(`${hall.base}/t/${kioskTicket.token}`);
    await phone.getByRole('button', { name: 'Kabari saya' }).click();
    await phone.getByLabel('Nomor HP').fill('0813 5555 6666');
    await phone.getByRole('button', { name: 'Simpan' }).click();
    await phone.getByText(/Kami akan mengabari Anda ke 0813/).waitFor();
    expect(await phone.getByText('6666').count()).toBeGreaterThan(0);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'ticket-contact');
  }, 180_000);

  it("a booking for later: too early at the kiosk, moved and cancelled from its page; staff book on a citizen's behalf", async () => {
    const agencies = await api('/api/malls/blora/agencies');
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const services = await api(`/api/malls/blora/services?agencyId=${dukcapil.id}`);
    const kk = services.find((s: any) => s.name.startsWith('Perubahan KK'));
    const days = (await api(`/api/malls/blora/services/${kk.id}/booking-days`)).days.filter(
      (d: any) => d.status === 'open',
    );
    const later = days[2].date; // two open days ahead: check-in is hours away
    const booked = await (
      await fetch(`${hall.base}/api/malls/blora/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: kk.id, date: later, start: '10:00', name: 'Rina', phone: '0815 1234 5678' }),
      })
    ).json();
    expect(booked.code).toMatch(/^\d{8}$/);

    // At the kiosk too early: told when to come back, and nothing issued.
    const kiosk = await open('/blora/kiosk', 1080, 1920);
    await kiosk.getByRole('button', { name: 'Sudah pesan online? Check-in di sini' }).click();
    for (const digit of booked.code) await kiosk.getByRole('button', { name: digit, exact: true }).click();
    await kiosk.getByRole('button', { name: 'Check-in', exact: true }).click();
    await kiosk.getByRole('heading', { name: 'Belum waktunya check-in' }).waitFor();
    expect(await kiosk.getByText('09.30').count()).toBeGreaterThan(0);
    expect(await axeViolations(kiosk)).toEqual([]);
    await shot(kiosk, 'kiosk-too-early');
    expect((await api(`/api/bookings/${booked.token}`)).status).toBe('booked');

    // Its page: moved to another day and time, then cancelled.
    const phone = await open(`/b/${booked.token}`, 360, 740);
    await phone.getByRole('button', { name: 'Pindah jadwal' }).click();
    const move = phone.getByRole('region', { name: 'Pindah jadwal' });
    await move.getByRole('list', { name: 'Hari kedatangan' }).getByRole('button', { disabled: false }).nth(1).click();
    await move.getByRole('list', { name: 'Jam sesi' }).getByRole('button', { disabled: false }).nth(4).click();
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'booking-move');
    await move.getByRole('button', { name: /^Pindahkan ke/ }).click();
    await phone.getByText('Jadwal sudah dipindah.').waitFor();
    const moved = await api(`/api/bookings/${booked.token}`);
    expect(moved.code).toBe(booked.code);
    expect(`${moved.date} ${moved.start}`).not.toBe(`${later} 10:00`);
    await phone.getByRole('button', { name: 'Batalkan booking' }).click();
    await phone.getByRole('dialog').getByRole('button', { name: 'Ya, batalkan booking' }).click();
    await expect.poll(() => phone.getByTestId('booking-status').textContent()).toBe('Dibatalkan');
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'booking-cancelled');
    expect((await api(`/api/bookings/${booked.token}`)).status).toBe('cancelled');

    // The information desk books for a citizen who phoned.
    const admin = await open('/blora/admin?tab=booking', 1366, 768);
    await admin.getByLabel('Nama pengguna').fill('admin');
    await admin.getByLabel('Kata sandi').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Masuk' }).click();
    const desk = admin.getByRole('region', { name: 'Booking atas nama warga' });
    await desk.getByLabel('Instansi').selectOption(dukcapil.id);
    await desk.getByLabel('Layanan').selectOption(kk.id);
    await desk.getByLabel('Tanggal').fill(later);
    const slot = desk.getByLabel('Sesi');
    await expect.poll(() => slot.locator('option').count()).toBeGreaterThan(1);
    await slot.selectOption({ index: 1 });
    await desk.getByLabel('Nama warga').fill('Pak Darmo');
    await desk.getByLabel('Nomor HP').fill('0816 2222 3333');
    await desk.getByRole('button', { name: 'Buat booking' }).click();
    // the panel turns into the code to read out
    await admin.getByRole('heading', { name: 'Booking berhasil dibuat' }).waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'admin-on-behalf');
    const list = await (
      await fetch(`${hall.base}/api/malls/blora/bookings?date=${later}&serviceId=${kk.id}`, {
        headers: { cookie: (await admin.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
      })
    ).json();
    expect(list.some((b: any) => b.name === 'Pak Darmo' && b.createdBy !== null)).toBe(true);
  }, 180_000);

  it("checks in by holding the booking's QR up to the kiosk camera", async () => {
    const agencies = await api('/api/malls/blora/agencies');
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const services = await api(`/api/malls/blora/services?agencyId=${dukcapil.id}`);
    const kk = services.find((s: any) => s.name.startsWith('Perubahan KK'));
    const open = (await api(`/api/malls/blora/services/${kk.id}/booking-days`)).days.find(
      (d: any) => d.status === 'open',
    );
    const slot = (await api(`/api/malls/blora/services/${kk.id}/slots?date=${open.date}`)).find(
      (x: any) => x.available > 0,
    );
    const booked = await (
      await fetch(`${hall.base}/api/malls/blora/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          serviceId: kk.id,
          date: open.date,
          start: slot.start,
          name: 'Wati',
          phone: '0817 1111 0000',
        }),
      })
    ).json();
    // the booking's QR holds its code: the camera is shown the same
    const qrSvg = await (await fetch(`${hall.base}/api/bookings/${booked.token}/qr.svg`)).text();
    expect(qrSvg).toBe(await QRCode.toString(booked.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }));
    const video = join(mkdtempSync(join(tmpdir(), 'loket-camera-')), 'qr.y4m');
    writeQrVideo(video, booked.code);
    const camera = await launchBrowser([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const context = await camera.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'id-ID' });
      await context.grantPermissions(['camera'], { origin: hall.base });
      const kiosk = await context.newPage();
      await kiosk.goto(`${hall.base}/blora/kiosk`);
      await kiosk.getByRole('button', { name: 'Sudah pesan online? Check-in di sini' }).click();
      await kiosk.getByRole('button', { name: 'Pindai QR dengan kamera' }).click();
      await kiosk.getByLabel('Kamera kios').waitFor();
      expect(await axeViolations(kiosk)).toEqual([]);
      await shot(kiosk, 'kiosk-camera');
      const numberEl = kiosk.getByTestId('ticket-number');
      await numberEl.waitFor({ timeout: 20_000 });
      expect((await api(`/api/bookings/${booked.token}`)).status).toBe('checked_in');
    } finally {
      await camera.close();
    }
  }, 120_000);

  it('books with another service of another agency for the same visit, and its page lists it', async () => {
    const agencies = await api('/api/malls/blora/agencies');
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const samsat = agencies.find((a: any) => a.code === 'samsat');
    const kk = (await api(`/api/malls/blora/services?agencyId=${dukcapil.id}`)).find((s: any) =>
      s.name.startsWith('Penerbitan KK Baru'),
    );
    const other = (await api(`/api/malls/blora/services?agencyId=${samsat.id}`))[0];

    const phone = await open(`/blora/book?service=${kk.id}`, 360, 740);
    await phone.getByRole('heading', { name: 'Pilih hari kedatangan' }).waitFor();
    await phone.getByRole('list', { name: 'Hari kedatangan' }).getByRole('button', { disabled: false }).first().click();
    await phone.getByRole('list', { name: 'Jam sesi' }).getByRole('button', { disabled: false }).first().click();
    await phone.getByRole('heading', { name: 'Isi data diri' }).waitFor();
    await phone.getByLabel('Nama lengkap').fill('Agus Salim');
    await phone.getByLabel(/^Nomor HP/).fill('0818 2222 4444');

    // "Perlu layanan lain di hari yang sama?": a search over every agency's services.
    const also = phone.getByRole('group', { name: /^Perlu layanan lain di hari yang sama\?/ });
    await also.getByLabel('Cari layanan lain').fill(other.name);
    const add = also.getByRole('button', { name: `Tambah: ${other.name} ${samsat.shortName}` });
    await add.waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'book-5-also-search');
    await add.click();
    const chosen = also.getByRole('list', { name: 'Layanan lain yang dipilih' });
    expect(await chosen.getByRole('listitem').count()).toBe(1);
    expect(await chosen.textContent()).toContain(other.name);
    // the search field is empty again, and Enter in it does not send the form
    expect(await also.getByLabel('Cari layanan lain').inputValue()).toBe('');
    await also.getByLabel('Cari layanan lain').press('Enter');
    expect(await phone.getByRole('heading', { name: 'Isi data diri' }).count()).toBe(1);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'book-6-also-chosen');
    // removed and chosen again: the chip goes and comes back
    await chosen.getByRole('button', { name: `Hapus ${other.name}` }).click();
    expect(await also.getByRole('list', { name: 'Layanan lain yang dipilih' }).count()).toBe(0);
    await also.getByLabel('Cari layanan lain').fill(other.name);
    await add.click();
    await phone.getByRole('button', { name: 'Pesan Jadwal' }).click();

    // The booking's page names it, and so does the booking.
    await phone.getByTestId('booking-code').waitFor();
    const listed = phone.getByTestId('booking-also');
    expect(await listed.getByRole('listitem').count()).toBe(1);
    expect(await listed.textContent()).toContain(other.name);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'booking-page-also');
    const token = phone.url().split('/b/')[1]!;
    expect(await api(`/api/bookings/${token}`)).toMatchObject({
      serviceId: kk.id,
      alsoServiceIds: [other.id],
      alsoServices: [{ serviceId: other.id, serviceName: other.name }],
    });
  }, 120_000);
});

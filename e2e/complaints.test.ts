/**
 * Complaints in a real browser (issue #14, points 1–3 and 7): a citizen's ticket page on a 360 px
 * phone leads to "Sampaikan pengaduan / saran"; the form (about that visit) takes a photo made here
 * with sharp, refuses a bad mobile number with the server's words under the field, then shows the
 * code large with its QR and link. The mall admin verifies it on /blora/pengaduan (the photo and
 * the identity shown), sends it to Dindukcapil with an internal note; Dindukcapil's officer sees
 * "Identitas dirahasiakan", the note marked internal, and answers. The citizen's /c/<token> shows
 * the answer and rates it; the evaluation's "Pengaduan" section counts it with the rating beside
 * the IKM. An officer files one for a citizen ("Catat pengaduan warga"). Each screen passes
 * axe-core's WCAG 2.1 AA rules. LOKET_E2E_SHOTS=<dir> saves a screenshot of each, to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

const SHOTS = process.env.LOKET_E2E_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (target: Page | Locator, name: string, fullPage = true) => {
  if (!SHOTS) return;
  const path = join(SHOTS, `${name}.png`);
  if ('goto' in target) {
    // from the top: the staff list is sticky, and would be drawn where the page was scrolled to
    await target.evaluate(() => window.scrollTo(0, 0));
    await target.screenshot({ path, fullPage });
  } else await target.screenshot({ path });
};

describe.runIf(HAS_CHROMIUM)('complaints in a browser', () => {
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
  const signIn = async (page: Page, username: string) => {
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
  };
  const spoken = (code: string) => code.split('').join(' ');

  beforeAll(async () => {
    hall = await startHall();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await hall?.close();
  });

  it('is sent from a ticket page with a photo, verified, sent on, answered, and rated', async () => {
    const agencies = await api('/api/malls/blora/agencies');
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
    const services = await api(`/api/malls/blora/services?agencyId=${dukcapil.id}`);
    const service = services[0];
    const issued = await fetch(`${hall.base}/api/malls/blora/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: service.id }),
    });
    expect(issued.status).toBe(201);
    const ticket = await issued.json();
    const mall = await api('/api/malls/blora');

    // The ticket's page on a phone: a small link to the form, about this visit.
    const phone = await open(`/t/${ticket.token}`, 360, 740);
    await phone.getByRole('link', { name: 'Sampaikan pengaduan / saran' }).click();
    await phone.waitForURL(`**/blora/lapor?ticket=${ticket.token}`);
    await phone.getByText(`Tentang kunjungan Anda: tiket ${ticket.number}`, { exact: false }).waitFor();
    // the agency and service of the visit are filled in
    await expect.poll(() => phone.getByLabel('Instansi yang dimaksud').inputValue()).toBe(dukcapil.id);
    await expect.poll(() => phone.getByLabel('Layanan (opsional)').inputValue()).toBe(service.id);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'complaint-1-form');

    // Nothing chosen: the form says what is missing, next to each field.
    await phone.getByRole('button', { name: 'Kirim laporan' }).click();
    await phone.getByText('Pilih salah satu.').waitFor();
    await phone.getByText('Judul minimal 5 huruf.').waitFor();
    expect(await phone.getByLabel('Judul singkat').getAttribute('aria-invalid')).toBe('true');

    await phone.getByRole('radio', { name: /Pengaduan/ }).check();
    await phone.getByLabel('Judul singkat').fill('Petugas meminta uang tambahan');
    await phone
      .getByLabel('Ceritakan apa yang terjadi')
      .fill('Petugas di loket meminta uang Rp50.000 agar KTP-el saya dicetak hari ini.');
    await phone.getByLabel('Kategori').selectOption('biaya_pungli');
    await phone.getByLabel('Tempat kejadian').fill('Loket 2');
    await phone.getByLabel('Tanggal kejadian').fill(mall.today);
    // a photo, as a phone would take it
    const png = await sharp({
      create: { width: 80, height: 60, channels: 3, background: { r: 30, g: 120, b: 200 } },
    })
      .png()
      .toBuffer();
    await phone.getByLabel('Tambah foto').setInputFiles({ name: 'loket.png', mimeType: 'image/png', buffer: png });
    const preview = phone.getByRole('img', { name: 'Foto 1: loket.png' });
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(80);
    // a file that is no photo is refused at once
    await phone
      .getByLabel('Tambah foto')
      .setInputFiles({ name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('bukan foto') });
    await phone.getByText('catatan.txt bukan foto JPEG, PNG atau WebP.').waitFor();
    expect(await phone.getByRole('img', { name: /^Foto \d/ }).count()).toBe(1);

    await phone.getByLabel('Rahasiakan identitas saya dari instansi').check();
    await phone.getByLabel('Nama (opsional)').fill('Siti Aminah');
    // a number that is no Indonesian mobile: the server's refusal under the field
    await phone.getByLabel('Nomor HP (opsional)').fill('12345');
    await phone.getByRole('button', { name: 'Kirim laporan' }).click();
    await expect.poll(() => phone.locator('#complaint-phone-error').textContent()).toContain('Nomor HP');
    expect(await phone.getByLabel('Nomor HP (opsional)').getAttribute('aria-invalid')).toBe('true');
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('complaint-phone');
    // the photo is still there
    expect(await phone.getByRole('img', { name: 'Foto 1: loket.png' }).count()).toBe(1);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'complaint-2-form-error');

    await phone.getByLabel('Nomor HP (opsional)').fill('0812 3456 7890');
    await phone.getByRole('button', { name: 'Kirim laporan' }).click();

    // The code large, its QR, the link to its page, "Simpan kode ini".
    const codeEl = phone.getByTestId('complaint-code');
    await codeEl.waitFor();
    const code = (await codeEl.locator('[aria-hidden="true"]').textContent())!.replace(/\s/g, '');
    expect(code).toMatch(/^K\d{8}$/);
    await phone.getByText('Simpan kode ini').waitFor();
    await expect
      .poll(() =>
        phone
          .getByRole('img', { name: /Kode QR halaman laporan/ })
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    const href = (await phone.getByRole('link', { name: 'Buka halaman laporan' }).getAttribute('href'))!;
    expect(href).toMatch(/^\/c\//);
    const token = href.slice(3);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'complaint-3-created');

    // Its page: received, the deadline to verify, no name.
    await phone.getByRole('link', { name: 'Buka halaman laporan' }).click();
    await phone.waitForURL(`**/c/${token}`);
    await expect.poll(() => phone.getByTestId('complaint-status').textContent()).toBe('Diterima');
    expect(await phone.getByTestId('complaint-due').textContent()).toMatch(/^Diperiksa paling lambat /);
    expect(await phone.locator('[aria-current="step"]').textContent()).toContain('Diterima');
    expect(await phone.locator('body').textContent()).not.toMatch(/Siti|0812/);
    expect(await phone.locator('body').textContent()).toContain('1 foto terlampir');
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'complaint-4-tracking-received');
    // more information while it is handled
    await phone.getByText('Tambah informasi').click();
    await phone.getByLabel('Informasi tambahan').fill('Petugasnya memakai rompi biru, sekitar pukul 09.30.');
    await phone.getByRole('button', { name: 'Kirim informasi' }).click();
    await phone.getByText('Informasi Anda sudah ditambahkan.').waitFor();
    expect(await phone.getByTestId('complaint-history').textContent()).toContain('Informasi tambahan dari Anda');
    expect(await axeViolations(phone)).toEqual([]);

    // The mall admin: the list, the report with its photo and identity; verify, then send on.
    const admin = await open('/blora/pengaduan', 1366, 768);
    await signIn(admin, 'admin');
    const row = admin.getByRole('button', { name: new RegExp(spoken(code)) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Petugas meminta uang tambahan');
    await row.click();
    const detail = admin.getByTestId('complaint-detail');
    await detail.getByTestId('complaint-story').waitFor();
    expect(await detail.getByTestId('complaint-story').textContent()).toContain('Rp50.000');
    expect(await detail.getByTestId('complaint-reporter').textContent()).toContain('Siti Aminah');
    expect(await detail.getByTestId('complaint-reporter').textContent()).toContain('Dirahasiakan dari instansi');
    expect(await detail.textContent()).toContain(ticket.number);
    expect(await detail.getByTestId('complaint-staff-history').textContent()).toContain('rompi biru');
    const photo = detail.getByTestId('complaint-photo');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(80);
    // only the mall's steps on a new report
    const stepButtons = () =>
      detail
        .getByRole('list')
        .filter({ has: admin.getByRole('button', { name: 'Verifikasi' }) })
        .getByRole('button')
        .allTextContents();
    expect(await stepButtons()).toEqual(['Verifikasi', 'Tolak', 'Bukan wewenang']);
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'complaint-5-staff-new');

    await detail.getByRole('button', { name: 'Verifikasi' }).click();
    await detail.getByLabel('Batas waktu jawaban instansi').selectOption('14');
    await detail.getByRole('button', { name: 'Simpan: Verifikasi' }).click();
    await expect.poll(() => detail.getByTestId('complaint-detail-status').textContent()).toBe('Terverifikasi');
    await admin.getByText(`kini "Terverifikasi"`, { exact: false }).waitFor();
    await detail.getByRole('button', { name: 'Teruskan ke instansi' }).click();
    // the agency the citizen named is proposed; empty it: the server's refusal under the field
    await detail.getByLabel('Teruskan ke instansi', { exact: true }).selectOption('');
    await detail.getByRole('button', { name: 'Simpan: Teruskan ke instansi' }).click();
    await detail.getByTestId('step-agencyId-error').waitFor();
    expect(await detail.getByTestId('step-agencyId-error').textContent()).toContain('instansi tujuan');
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'complaint-6-staff-dispose-error');
    await detail.getByLabel('Teruskan ke instansi', { exact: true }).selectOption(dukcapil.id);
    await detail.getByLabel('Catatan internal (opsional, tidak dibaca warga)').fill('Cek rekaman CCTV loket 2.');
    await detail.getByRole('button', { name: 'Simpan: Teruskan ke instansi' }).click();
    await expect.poll(() => detail.getByTestId('complaint-detail-status').textContent()).toBe('Diteruskan ke instansi');
    expect(await detail.getByTestId('complaint-disposed').textContent()).toBe(dukcapil.name);
    // LAPOR!'s number, the mall admin's
    await detail.getByLabel('Nomor tiket SP4N-LAPOR!').fill('LAPOR-2026-123');
    await detail.getByRole('button', { name: 'Simpan nomor' }).click();
    await admin.getByText('Nomor LAPOR! tersimpan.').waitFor();
    const history = detail.getByTestId('complaint-staff-history');
    await history.getByText('Cek rekaman CCTV loket 2.').waitFor();
    expect(await history.getByText('internal', { exact: true }).count()).toBeGreaterThanOrEqual(2);
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'complaint-7-staff-sent');
    // the export for SP4N-LAPOR!: a plain link, the session goes along
    const csvHref = (await admin.getByRole('link', { name: 'Unduh CSV' }).getAttribute('href'))!;
    expect(csvHref).toContain('format=csv');
    const csv = await admin.request.get(`${hall.base}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('LAPOR-2026-123');

    // The citizen's page follows (it asks every 30 s; a reload is quicker here).
    await phone.reload();
    await expect.poll(() => phone.getByTestId('complaint-status').textContent()).toBe('Diteruskan ke instansi');
    expect(await phone.getByTestId('complaint-agency').textContent()).toContain(dukcapil.name);
    expect(await phone.getByTestId('complaint-due').textContent()).toMatch(/^Dijawab paling lambat /);
    expect(await phone.locator('body').textContent()).not.toContain('CCTV');

    // Dindukcapil's officer: the report without the identity, the internal note marked; answers.
    const officer = await open('/blora/pengaduan', 1366, 768);
    await signIn(officer, 'petugas.dindukcapil');
    const officerRow = officer.getByRole('button', { name: new RegExp(spoken(code)) });
    await officerRow.waitFor();
    await officerRow.click();
    const desk = officer.getByTestId('complaint-detail');
    await desk.getByTestId('complaint-reporter').waitFor();
    expect(await desk.getByTestId('complaint-reporter').textContent()).toContain('Identitas dirahasiakan');
    expect(await desk.textContent()).not.toContain('Siti');
    await desk.getByText('Cek rekaman CCTV loket 2.').waitFor();
    // no verification, no LAPOR! number for an agency
    expect(await desk.getByRole('button', { name: 'Verifikasi' }).count()).toBe(0);
    expect(await desk.getByLabel('Nomor tiket SP4N-LAPOR!').count()).toBe(0);
    await desk.getByRole('button', { name: 'Jawab' }).click();
    await desk.getByRole('button', { name: 'Simpan: Jawab' }).click();
    await expect.poll(() => desk.getByTestId('step-note-error').textContent()).toContain('jawaban');
    expect(await axeViolations(officer)).toEqual([]);
    await shot(officer, 'complaint-8-officer-answer-required');
    const answer = 'Petugas sudah ditegur dan uang Anda dikembalikan. KTP-el dapat diambil di loket 2.';
    await desk.getByLabel('Jawaban untuk pelapor (wajib)').fill(answer);
    await desk.getByRole('button', { name: 'Simpan: Jawab' }).click();
    await expect.poll(() => desk.getByTestId('complaint-detail-status').textContent()).toBe('Ditindaklanjuti');
    // answered: it leaves the open list, and shows among the answered
    await expect.poll(() => officerRow.count()).toBe(0);
    await officer.getByLabel('Tampilkan').selectOption('done');
    await officerRow.waitFor();
    expect(await axeViolations(officer)).toEqual([]);
    await shot(officer, 'complaint-9-officer-answered');

    // The citizen reads the answer, highlighted, and rates it.
    await phone.reload();
    await expect.poll(() => phone.getByTestId('complaint-status').textContent()).toBe('Ditindaklanjuti');
    expect(await phone.getByTestId('complaint-answer').textContent()).toContain(answer);
    expect(await phone.locator('body').textContent()).not.toContain('CCTV');
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'complaint-10-tracking-answered');
    await phone.getByRole('button', { name: 'Kirim penilaian' }).click();
    await phone.getByText('Pilih nilai 1 sampai 5.').waitFor();
    // the radio itself is hidden behind its big label, which a thumb presses
    const four = phone.getByRole('radio', { name: '4 – Puas' });
    await phone.locator('label').filter({ has: four }).click();
    expect(await four.isChecked()).toBe(true);
    await phone.getByLabel(/Komentar/).fill('Cepat ditangani, terima kasih.');
    await phone.getByRole('button', { name: 'Kirim penilaian' }).click();
    await expect
      .poll(() => phone.getByTestId('complaint-rated').textContent())
      .toBe('Terima kasih. Nilai Anda: 4 dari 5 (Puas).');
    expect(await phone.getByRole('button', { name: 'Kirim penilaian' }).count()).toBe(0);
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, 'complaint-11-tracking-rated');
    // … in English one click away
    await phone.getByRole('button', { name: /Switch to English/ }).click();
    await expect.poll(() => phone.getByTestId('complaint-status').textContent()).toBe('Answered');
    await shot(phone, 'complaint-12-tracking-en');

    // The evaluation: the month's complaints, the rating beside the IKM, per agency.
    await admin.goto(`${hall.base}/blora/kinerja?period=${mall.today.slice(0, 7)}`);
    const section = admin.getByTestId('kinerja-complaints');
    await section.getByTestId('complaints-received').waitFor();
    expect(await section.getByTestId('complaints-received').textContent()).toBe('1');
    expect(await section.getByTestId('complaints-in-time').textContent()).toBe('100,0%');
    expect(await section.getByTestId('complaints-rating').textContent()).toContain('4,0');
    expect(await section.getByTestId('complaints-ikm').textContent()).toMatch(/^IKM periode ini: /);
    expect(await section.getByTestId('complaints-row').first().textContent()).toContain(dukcapil.shortName);
    expect(await axeViolations(admin)).toEqual([]);
    await shot(section, 'complaint-13-kinerja');

    // "Catat pengaduan warga": the officer files one for a citizen at the desk, anonymously.
    await officer.getByRole('button', { name: '+ Catat pengaduan warga' }).click();
    const dialog = officer.getByRole('dialog', { name: 'Catat pengaduan warga' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: /Saran \/ aspirasi/ }).check();
    await dialog.getByLabel('Judul singkat').fill('Tambah kursi ruang tunggu');
    await dialog.getByLabel('Ceritakan apa yang terjadi').fill('Pagi hari banyak warga lansia berdiri menunggu.');
    await dialog.getByLabel(/^Anonim/).check();
    expect(await dialog.getByLabel('Nomor HP').count()).toBe(0);
    expect(await axeViolations(officer)).toEqual([]);
    await shot(officer, 'complaint-14-staff-file', false);
    await dialog.getByRole('button', { name: 'Kirim laporan' }).click();
    await dialog.getByTestId('complaint-code').waitFor();
    await dialog.getByText('Laporan anonim hanya dapat diikuti', { exact: false }).waitFor();
    expect(await axeViolations(officer)).toEqual([]);
    await shot(officer, 'complaint-15-staff-filed', false);
    const code2 = (await dialog.getByTestId('complaint-code').locator('[aria-hidden="true"]').textContent())!.replace(
      /\s/g,
      '',
    );
    await dialog.getByRole('button', { name: 'Tutup' }).click();
    // the mall admin sees it, filed by staff, anonymous
    await admin.goto(`${hall.base}/blora/pengaduan`);
    await admin.getByRole('button', { name: new RegExp(spoken(code2)) }).click();
    const filed = admin.getByTestId('complaint-detail');
    await expect.poll(() => filed.getByTestId('complaint-reporter').textContent()).toContain('Anonim');
    expect(await filed.textContent()).toContain('Dicatat petugas');
    await shot(admin, 'complaint-16-staff-list');

    // A late one is on top in red. (The server's clock cannot be moved in a browser test, so its
    // answer is: the same report, past its deadline.)
    await admin.route('**/api/malls/blora/complaints?*', async (route) => {
      const res = await route.fetch();
      const list = await res.json();
      await route.fulfill({ response: res, json: list.map((c: any) => ({ ...c, overdue: c.code === code2 })) });
    });
    await admin.reload();
    await admin.getByText('1 terlambat').waitFor();
    const lateRow = admin.getByTestId('complaint-row').first();
    expect(await lateRow.textContent()).toContain('Terlambat');
    expect(await lateRow.textContent()).toContain(code2.slice(0, 5));
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'complaint-17-staff-overdue');
    // … in English one click away
    await admin.getByRole('button', { name: /Switch to English/ }).click();
    await admin.getByRole('heading', { name: 'Complaints', level: 1 }).waitFor();
    await admin.getByText('1 overdue').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await shot(admin, 'complaint-18-staff-en');
    await admin.getByRole('button', { name: /Ganti ke Bahasa Indonesia|Bahasa Indonesia/ }).click();
    await admin.unroute('**/api/malls/blora/complaints?*');

    // The portal carries the small link too.
    const portal = await open('/blora', 360, 740);
    await portal.getByRole('link', { name: 'Sampaikan pengaduan / saran' }).click();
    await portal.waitForURL('**/blora/lapor');
    await portal.getByRole('heading', { name: 'Sampaikan pengaduan, saran atau pertanyaan' }).waitFor();

    // A wrong link: a friendly "not found".
    const lost = await open('/c/tidak-ada-token-ini', 360, 740);
    await lost.getByRole('heading', { name: 'Laporan tidak ditemukan' }).waitFor();
    expect(await axeViolations(lost)).toEqual([]);
  }, 240_000);
});

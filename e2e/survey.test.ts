/**
 * The SKM survey in a real browser: an officer signs in the counter's tablet, a ticket is served
 * to the end, the tablet shows that ticket's questionnaire, the citizen answers and sends it, the
 * mall's IKM counts one respondent, and a second survey for the same ticket is refused. The
 * tablet's waiting state and the form pass axe-core's WCAG 2.1 AA rules.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKM_ELEMENT_KEYS, SKM_ELEMENTS } from '../src/domain/skm.js';
import { launchBrowser } from './browser.js';
import { axeViolations, HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

describe.runIf(HAS_CHROMIUM)('the SKM survey in a browser', () => {
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

  const api = async (path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) => {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    // a change made with the session cookie carries the CSRF token, as the web app sends it
    const csrf =
      init.cookie && method !== 'GET'
        ? ((await (await fetch(`${hall.base}/api/auth/csrf`, { headers: { cookie: init.cookie } })).json()) as any)
            .token
        : undefined;
    const res = await fetch(`${hall.base}${path}`, {
      method,
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any, res };
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

  it('surveys a finished ticket on the counter tablet and another on a phone, counts each once, and refuses a second', async () => {
    const agencies = (await api('/api/malls/blora/agencies')).body as { id: string; code: string }[];
    const dukcapil = agencies.find((a) => a.code === 'dindukcapil')!;
    const counters = (await api('/api/malls/blora/counters')).body as { id: string; agencyId: string }[];
    const counter = counters.find((c) => c.agencyId === dukcapil.id)!;
    const services = (await api(`/api/malls/blora/services?agencyId=${dukcapil.id}`)).body as { id: string }[];
    const issued = await api('/api/malls/blora/tickets', { body: { serviceId: services[0]!.id } });
    expect(issued.status).toBe(201);
    const { id: ticketId, token, number } = issued.body as { id: string; token: string; number: string };

    // The officer signs the tablet in once; it then waits for the citizen.
    const tablet = await open(`/blora/survey/counter/${counter.id}`, 1280, 800);
    await tablet.getByLabel('Nama pengguna').fill('petugas.dindukcapil');
    await tablet.getByLabel('Kata sandi').fill(PASSWORD);
    await tablet.getByRole('button', { name: 'Masuk' }).click();
    await tablet.getByRole('heading', { name: 'Silakan nilai pelayanan kami setelah selesai dilayani' }).waitFor();
    expect(await axeViolations(tablet)).toEqual([]);

    // The officer calls, starts and finishes the ticket (through the API, as the console would).
    const login = await api('/api/auth/login', { body: { username: 'petugas.dindukcapil', password: PASSWORD } });
    expect(login.status).toBe(200);
    const cookie = login.res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const called = await api(`/api/malls/blora/counters/${counter.id}/call-next`, { body: {}, cookie });
    expect(called.body.ticket.id).toBe(ticketId);
    expect((await api(`/api/malls/blora/tickets/${ticketId}/start`, { body: {}, cookie })).status).toBe(200);
    expect((await api(`/api/malls/blora/tickets/${ticketId}/finish`, { body: {}, cookie })).status).toBe(200);

    // The tablet asks about that ticket.
    await tablet.getByRole('heading', { name: `Bagaimana pelayanan untuk nomor ${number}?` }).waitFor();
    // Sending too early names the first unanswered question and focuses it.
    await tablet.getByRole('button', { name: 'Kirim penilaian' }).click();
    await expect.poll(() => tablet.getByRole('alert').textContent()).toContain('Persyaratan');
    expect(await tablet.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      'skm-persyaratan',
    );
    expect(await axeViolations(tablet)).toEqual([]);

    for (const key of SKM_ELEMENT_KEYS) {
      const { name, answers } = SKM_ELEMENTS[key];
      await tablet
        .getByRole('group', { name: name.id, exact: true })
        .getByRole('radio', { name: answers[key === 'waktu' ? 3 : 4].id, exact: true })
        .check();
    }
    await tablet.getByRole('group', { name: 'Jenis kelamin' }).getByRole('radio', { name: 'Perempuan' }).check();
    await tablet.getByRole('group', { name: 'Usia' }).getByRole('radio', { name: '30–39 tahun' }).check();
    await tablet.getByRole('group', { name: 'Pendidikan terakhir' }).getByRole('radio', { name: 'S1' }).check();
    await tablet.getByRole('group', { name: 'Pekerjaan' }).getByRole('radio', { name: 'Wirausaha' }).check();
    await tablet.getByLabel('Saran dan masukan (tidak wajib)').fill('Antrean cepat, terima kasih.');
    expect(await axeViolations(tablet)).toEqual([]);
    await tablet.getByRole('button', { name: 'Kirim penilaian' }).click();
    await tablet.getByRole('heading', { name: 'Terima kasih atas penilaian Anda!' }).waitFor();
    // …and returns to waiting for the next citizen.
    await tablet
      .getByRole('heading', { name: 'Silakan nilai pelayanan kami setelah selesai dilayani' })
      .waitFor({ timeout: 15_000 });

    // The mall's IKM for today counts the one respondent.
    const today = (await api('/api/malls/blora')).body.today as string;
    const report = await api(`/api/malls/blora/skm?from=${today}&to=${today}`);
    expect(report.status).toBe(200);
    expect(report.body.respondents).toBe(1);

    // The citizen's phone knows the ticket was rated at the counter: it thanks, it does not ask again.
    const phone = await open(`/t/${token}`, 360, 740);
    await expect
      .poll(() => phone.getByRole('status').filter({ hasText: 'Terima kasih atas penilaian Anda!' }).count())
      .toBe(1);
    expect(
      await phone.getByRole('button', { name: 'Bantu kami menjadi lebih baik: isi survei (2 menit)' }).count(),
    ).toBe(0);

    // Another citizen, served and not yet surveyed, answers on the phone.
    const second = await api('/api/malls/blora/tickets', { body: { serviceId: services[0]!.id } });
    const { id: secondId, token: secondToken } = second.body as { id: string; token: string };
    expect((await api(`/api/malls/blora/counters/${counter.id}/call-next`, { body: {}, cookie })).body.ticket.id).toBe(
      secondId,
    );
    expect((await api(`/api/malls/blora/tickets/${secondId}/start`, { body: {}, cookie })).status).toBe(200);
    expect((await api(`/api/malls/blora/tickets/${secondId}/finish`, { body: {}, cookie })).status).toBe(200);
    const phone2 = await open(`/t/${secondToken}`, 360, 740);
    await phone2.getByRole('button', { name: 'Bantu kami menjadi lebih baik: isi survei (2 menit)' }).click();
    await phone2.getByRole('heading', { name: 'Survei Kepuasan Masyarakat' }).waitFor();
    for (const key of SKM_ELEMENT_KEYS) {
      const { name, answers } = SKM_ELEMENTS[key];
      await phone2
        .getByRole('group', { name: name.id, exact: true })
        .getByRole('radio', { name: answers[3].id, exact: true })
        .check();
    }
    await phone2.getByRole('group', { name: 'Jenis kelamin' }).getByRole('radio', { name: 'Laki-laki' }).check();
    await phone2.getByRole('group', { name: 'Usia' }).getByRole('radio', { name: '20–29 tahun' }).check();
    await phone2.getByRole('group', { name: 'Pendidikan terakhir' }).getByRole('radio', { name: 'SMA' }).check();
    await phone2.getByRole('group', { name: 'Pekerjaan' }).getByRole('radio', { name: 'Swasta' }).check();
    expect(await axeViolations(phone2)).toEqual([]);
    await phone2.getByRole('button', { name: 'Kirim penilaian' }).click();
    await expect
      .poll(() => phone2.getByRole('status').filter({ hasText: 'Terima kasih atas penilaian Anda!' }).count())
      .toBe(1);
    expect((await api(`/api/malls/blora/skm?from=${today}&to=${today}`)).body.respondents).toBe(2);

    // The API says the same, and the count stays at one.
    const again = await api(`/api/tickets/${token}/survey`, {
      body: {
        answers: Object.fromEntries(SKM_ELEMENT_KEYS.map((k) => [k, 4])),
        respondent: { sex: 'L', age: 40, education: 'SMA', occupation: 'SWASTA' },
      },
    });
    expect(again.status).toBe(409);
    expect((await api(`/api/malls/blora/skm?from=${today}&to=${today}`)).body.respondents).toBe(2);
  }, 180_000);
});

/**
 * XSS (issue #6): markup and script typed into every text field a screen shows — an agency's and
 * a service's names and standard, a counter's name, the running text, a holiday's note, an
 * officer's name, a citizen's suggestion — is shown as text on every screen and never runs or
 * becomes an element, with or without the Content-Security-Policy's help.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { HAS_CHROMIUM, type Hall, PASSWORD, startHall } from './support.js';

const PAYLOAD = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>"'><svg onload=window.__xss=1>`;
const MARK = '<img src=x onerror=';

describe.runIf(HAS_CHROMIUM)('text fields rendered on every screen', () => {
  let hall: Hall;
  let browser: Browser;
  let cookie = '';
  let csrf = '';

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${hall.base}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const data = res.status === 204 ? null : ((await res.json()) as any);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(data)}`);
    return data;
  };

  beforeAll(async () => {
    hall = await startHall();
    browser = await launchBrowser();
    const login = await fetch(`${hall.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    csrf = (await api('GET', '/api/auth/csrf')).token;

    const agency = await api('POST', '/api/malls/blora/admin/agencies', {
      name: `Dinas ${PAYLOAD}`,
      shortName: `X${PAYLOAD}`.slice(0, 40),
      code: 'xss',
      color: '#123456',
      waitThresholdMinutes: null,
    });
    const service = await api('POST', '/api/malls/blora/admin/services', {
      agencyId: agency.id,
      name: `Layanan ${PAYLOAD}`,
      prefix: 'QX',
      dailyQuota: null,
      standard: {
        requirements: [PAYLOAD],
        procedure: [PAYLOAD],
        duration: PAYLOAD.slice(0, 60),
        durationMinutes: 15,
        feeRupiah: 0,
        feeNote: PAYLOAD,
        product: PAYLOAD,
        complaint: PAYLOAD,
        legalBasis: [PAYLOAD],
      },
    });
    await api('POST', '/api/malls/blora/admin/counters', {
      agencyId: agency.id,
      name: `Loket ${PAYLOAD}`.slice(0, 80),
      number: 901,
      zoneId: null,
      serviceIds: [service.id],
    });
    await api('POST', '/api/malls/blora/announcements', { text: `Pengumuman ${PAYLOAD}` });
    await api('POST', '/api/malls/blora/admin/users', {
      username: 'petugas.xss',
      displayName: `Petugas ${PAYLOAD}`.slice(0, 80),
      role: 'officer',
      agencyId: agency.id,
    });
    const today = (await api('GET', '/api/malls/blora')).today?.date ?? new Date().toISOString().slice(0, 10);
    const future = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    await api('PUT', `/api/malls/blora/special-days/${future}`, { spans: [], note: `Libur ${PAYLOAD}`.slice(0, 100) });
    await api('POST', '/api/malls/blora/skm/responses', {
      serviceId: service.id,
      date: today,
      answers: {
        persyaratan: 4,
        prosedur: 4,
        waktu: 4,
        biaya: 4,
        produk: 4,
        kompetensi: 4,
        perilaku: 4,
        pengaduan: 4,
        sarana: 4,
      },
      respondent: { sex: 'P', age: 30, education: 'S1', occupation: 'SWASTA' },
      suggestion: `Saran ${PAYLOAD}`,
    });
    // a ticket of the service, called, so the display and the counter show it too
    await api('POST', '/api/malls/blora/tickets', { serviceId: service.id });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hall?.close();
  });

  /** Signs in through the screen's own form when it asks. */
  const signInIfAsked = async (page: Page) => {
    const user = page.getByLabel(/nama pengguna/i);
    if ((await user.count()) === 0) return;
    await user.fill('admin');
    await page.getByLabel(/kata sandi/i).fill(PASSWORD);
    await page.getByRole('button', { name: /^masuk$/i }).click();
    await user.waitFor({ state: 'detached', timeout: 10_000 });
  };

  it('shows the markup as text and runs none of it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const screens: [string, boolean][] = [
      ['/blora', true],
      ['/blora/kiosk', true],
      ['/blora/display', true],
      ['/blora/admin?tab=agencies', true],
      ['/blora/admin?tab=services', true],
      ['/blora/admin?tab=counters', true],
      ['/blora/admin?tab=users', true],
      ['/blora/admin?tab=hours', true],
      ['/blora/admin?tab=announcements', true],
      ['/blora/skm', false],
      ['/blora/dashboard', true],
      ['/blora/kinerja', false],
      ['/blora/counter', false],
    ];
    const shownOn: string[] = [];
    for (const [path, mustShow] of screens) {
      await page.goto(`${hall.base}${path}`);
      await page.waitForLoadState('networkidle');
      await signInIfAsked(page);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      const state = await page.evaluate(() => ({
        ran: (window as unknown as { __xss?: number }).__xss === 1,
        elements: document.querySelectorAll('img[src="x"], svg[onload], script:not([src])').length,
        text: document.body.textContent ?? '',
      }));
      expect(state.ran, path).toBe(false);
      expect(state.elements, path).toBe(0);
      if (state.text.includes(MARK)) shownOn.push(path);
      else if (mustShow) expect.soft(state.text, `${path} shows the stored text`).toContain(MARK);
    }
    expect(dialogs).toEqual([]);
    expect(shownOn.length).toBeGreaterThanOrEqual(8);
    await context.close();
  }, 120_000);
});

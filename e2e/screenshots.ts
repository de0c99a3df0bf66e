/**
 * npm run screenshots: every screen at its real size, in a realistic moment of a morning at the
 * Blora mall, saved to screenshots/ for anyone to look at.
 *   kiosk 1080×1920 · display 1920×1080 · counter 1366×768 · phone 360×740
 *   dashboard 1920×1080 · kinerja 1366×768 (and the whole page) and on a 390×844 phone, over the
 *   demo history (LOKET_DEMO_HISTORY_DAYS) · administration 1366×768 and on a 390×844 phone
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './browser.js';
import { PASSWORD, RECORD_SPEECH, startHall } from './support.js';

const out = join(process.cwd(), 'screenshots');
mkdirSync(out, { recursive: true });

const hall = await startHall({ LOKET_DEMO_HISTORY_DAYS: '56' });
const browser = await launchBrowser();
try {
  const base = hall.base;
  const json = async (path: string, init?: RequestInit) => (await fetch(`${base}${path}`, init)).json() as Promise<any>;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = (await json('/api/auth/csrf', { headers: { cookie } })).token as string;
  const post = (path: string, body?: object) =>
    json(path, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  // A morning: tickets across agencies, some priority, several counters calling.
  const agencies = await json('/api/malls/blora/agencies');
  const counters = await json('/api/malls/blora/counters');
  const priorities = [null, null, 'lansia', null, 'ibu_hamil', null, 'disabilitas', null];
  const tokens: string[] = [];
  for (const code of ['dindukcapil', 'dpmptsp', 'polres', 'imigrasi', 'samsat', 'bpjskes']) {
    const agency = agencies.find((a: any) => a.code === code);
    const services = await json(`/api/malls/blora/services?agencyId=${agency.id}`);
    for (let i = 0; i < 6; i++) {
      const t = await post('/api/malls/blora/tickets', { serviceId: services[i % 3].id, priority: priorities[i] });
      tokens.push(t.token);
    }
  }
  await post('/api/malls/blora/announcements', {
    text: 'Selamat datang di MPP Kabupaten Blora. Layanan gratis untuk lansia, penyandang disabilitas, ibu hamil dan anak didahulukan.',
  });
  for (const code of ['dindukcapil', 'dindukcapil', 'dpmptsp', 'polres', 'imigrasi', 'samsat']) {
    const agency = agencies.find((a: any) => a.code === code);
    const free = counters.filter((c: any) => c.agencyId === agency.id);
    for (const c of free) {
      const res = await fetch(`${base}/api/malls/blora/counters/${c.id}/call-next`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf },
      });
      if (res.status === 200) break;
    }
  }

  const shot = async (
    name: string,
    path: string,
    width: number,
    height: number,
    prepare?: (p: any) => Promise<void>,
    fullPage = false,
  ) => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'id-ID' });
    await context.addInitScript(RECORD_SPEECH);
    const page = await context.newPage();
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    if (prepare) await prepare(page);
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(out, `${name}.png`), fullPage });
    await context.close();
    console.log(`screenshots/${name}.png`);
  };

  await shot('kiosk', '/blora/kiosk', 1080, 1920);
  await shot('kiosk-services', '/blora/kiosk', 1080, 1920, async (p) => {
    await p.getByRole('button', { name: /^Dindukcapil / }).click();
  });
  await shot('display', '/blora/display', 1920, 1080);
  await shot('counter', '/blora/counter', 1366, 768, async (p) => {
    await p.getByLabel('Nama pengguna').fill('petugas.dindukcapil');
    await p.getByLabel('Kata sandi').fill(PASSWORD);
    await p.getByRole('button', { name: 'Masuk' }).click();
    await p.getByRole('button', { name: 'Loket 1', exact: true }).click();
    await p.getByRole('button', { name: 'Panggil berikutnya' }).waitFor();
  });
  await shot('ticket-waiting', `/t/${tokens[5]}`, 360, 740);
  await shot('ticket-called', `/t/${tokens[0]}`, 360, 740);
  await shot('portal', '/blora', 360, 740);
  await shot('portal-desktop', '/blora', 1366, 768);

  // Signs in through the form and waits for the parts named (the dashboard's event stream never
  // lets the network fall idle).
  const signIn =
    (username: string, ...ready: string[]) =>
    async (p: any) => {
      await p.getByLabel('Nama pengguna').fill(username);
      await p.getByLabel('Kata sandi').fill(PASSWORD);
      await p.getByRole('button', { name: 'Masuk' }).click();
      for (const id of ready) await p.getByTestId(id).first().waitFor();
    };
  const evaluation = ['ranking-row', 'trend-chart-ikm', 'heatmap-table'];
  await shot('dashboard', '/blora/dashboard', 1920, 1080, signIn('pimpinan', 'agency-card'));
  await shot('kinerja', '/blora/kinerja', 1366, 768, signIn('pimpinan', ...evaluation));
  await shot('kinerja-full', '/blora/kinerja', 1366, 768, signIn('pimpinan', ...evaluation), true);
  const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil');
  await shot(
    'kinerja-agency-full',
    `/blora/kinerja?agencyId=${dukcapil.id}`,
    1366,
    768,
    signIn('pimpinan', ...evaluation, 'staffing-table'),
    true,
  );
  await shot('kinerja-phone', '/blora/kinerja', 390, 844, signIn('pimpinan', ...evaluation));
  await shot('admin', '/blora/admin', 1366, 768, signIn('admin', 'agency-row'));
  await shot('admin-services', '/blora/admin?tab=services', 1366, 768, async (p) => {
    await signIn('admin', 'service-row')(p);
    await p.getByRole('button', { name: 'Tambah layanan' }).click();
  });
  await shot('admin-users', '/blora/admin?tab=users', 1366, 768, signIn('admin', 'user-row'));
  await shot(
    'admin-hours-full',
    '/blora/admin?tab=hours',
    1366,
    768,
    async (p) => {
      await signIn('admin')(p);
      await p.getByRole('button', { name: 'Simpan jam layanan' }).waitFor();
    },
    true,
  );
  await shot('admin-phone', '/blora/admin?tab=counters', 390, 844, signIn('admin', 'counter-row'));
} finally {
  await browser.close();
  await hall.close();
}

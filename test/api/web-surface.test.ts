/**
 * The web surface (issue #6 point 5): CSRF on changes made with the session cookie, security
 * headers with a strict Content-Security-Policy, rate limits on the public endpoints that a
 * kiosk's normal use never reaches, and the request size limit. Every refusal changes nothing.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const cookieValue = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name)?.value;

describe.each(ENGINES)('the web surface on %s', (engine) => {
  let t: TestApp;
  let serviceId: string;
  let counterId: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { rateLimits: true });
    const counters = json(await t.app.inject('/api/malls/blora/counters'));
    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil').id;
    const counter = counters.find((c: any) => c.agencyId === dukcapil);
    counterId = counter.id;
    serviceId = counter.serviceIds[0];
  });
  afterAll(async () => {
    await t?.close();
  });

  // exactly as given: no token added (t.app.inject adds it, as the web app does)
  const raw = (opts: InjectOptions) => t.rawInject(opts);
  const signIn = async (username: string, cookie?: string) => {
    const res = await raw({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: PASSWORD },
      ...(cookie ? { headers: { cookie } } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
    return `loket_sid=${cookieValue(res, 'loket_sid')}`;
  };
  const issue = (remoteAddress = '127.0.0.1') =>
    raw({ method: 'POST', url: '/api/malls/blora/tickets', payload: { serviceId }, remoteAddress });
  const waitingCount = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'waiting')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a change made with the session cookie without the token from GET /api/auth/csrf, and changes nothing', async () => {
    expect((await issue('10.0.0.1')).statusCode).toBe(201); // a kiosk: no cookie, no token needed
    const officer = await signIn('petugas.dindukcapil');
    const before = await waitingCount();
    const callNext = (headers: Record<string, string>) =>
      raw({ method: 'POST', url: `/api/malls/blora/counters/${counterId}/call-next`, headers });

    const missing = await callNext({ cookie: officer });
    expect(missing.statusCode).toBe(403);
    expect(json(missing)).toMatchObject({ error: 'csrf_invalid' });
    expect(json(missing).message).toMatch(/Token keamanan \(CSRF\)/);
    const wrong = await callNext({ cookie: officer, 'x-csrf-token': 'ditebak' });
    expect(wrong.statusCode).toBe(403);
    expect(await waitingCount()).toBe(before);

    const csrf = await raw({ url: '/api/auth/csrf', headers: { cookie: officer } });
    expect(csrf.statusCode).toBe(200);
    expect(csrf.headers['cache-control']).toBe('no-store');
    const { token } = json<{ token: string }>(csrf);
    expect(token).toMatch(/^[\w-]{20,}$/);
    const ok = await callNext({ cookie: officer, 'x-csrf-token': token });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await waitingCount()).toBe(before - 1);

    // the token is the session's: another officer's does not do
    const other = await signIn('admin.dindukcapil');
    const otherToken = json(await raw({ url: '/api/auth/csrf', headers: { cookie: other } })).token;
    expect(otherToken).not.toBe(token);
    const crossed = await raw({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: officer, 'x-csrf-token': otherToken },
    });
    expect(crossed.statusCode).toBe(403);
    expect((await raw({ url: '/api/auth/me', headers: { cookie: officer } })).statusCode).toBe(200);
  });

  it('gives a token before signing in that holds after, as long as its cookie comes along', async () => {
    const first = await raw({ url: '/api/auth/csrf' });
    const token = json(first).token as string;
    const pair = cookieValue(first, 'loket_csrf');
    expect(pair).toBe(token);
    expect(first.cookies.find((c) => c.name === 'loket_csrf')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const session = await signIn('admin');
    const logout = (cookie: string) =>
      raw({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': token } });
    expect((await logout(session)).statusCode).toBe(403); // the token without its cookie
    expect((await logout(`${session}; loket_csrf=${pair}`)).statusCode).toBe(204);
  });

  it('sends security headers with a strict Content-Security-Policy', async () => {
    for (const url of ['/api/malls', '/blora/kiosk']) {
      const res = await raw({ url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    }
  });

  it("lets a kiosk's busy morning through and stops a flood from one address", async () => {
    // every address has its own allowance: a kiosk's burst of 30 tickets passes
    for (let i = 0; i < 30; i++) expect((await issue('10.0.0.2')).statusCode).toBe(201);
    let refused: LightMyRequestResponse | undefined;
    let issued = 30;
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await issue('10.0.0.2');
      if (res.statusCode === 429) refused = res;
      else issued++;
    }
    expect(issued).toBe(120);
    expect(refused && json(refused)).toMatchObject({ error: 'rate_limited' });
    expect(json(refused as LightMyRequestResponse).message).toMatch(/Terlalu banyak permintaan/);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    // another address, and the staff, are not held up
    expect((await issue('10.0.0.3')).statusCode).toBe(201);

    let attempts = 0;
    let last: LightMyRequestResponse | undefined;
    do {
      attempts++;
      last = await raw({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `tidak-ada-${attempts}`, password: 'salah-sekali-123' },
        remoteAddress: '10.0.0.4',
      });
    } while (last.statusCode === 401 && attempts < 100);
    expect(last.statusCode).toBe(429);
    expect(attempts).toBe(31);
  });

  it('refuses a body over 64 kB with 413, in Indonesian, and stores nothing', async () => {
    const before = await waitingCount();
    const res = await raw({
      method: 'POST',
      url: '/api/malls/blora/tickets',
      payload: { serviceId, note: 'x'.repeat(70 * 1024) },
      remoteAddress: '10.0.0.5',
    });
    expect(res.statusCode).toBe(413);
    expect(json(res)).toMatchObject({ error: 'payload_too_large' });
    expect(json(res).message).toMatch(/terlalu besar/);
    expect(await waitingCount()).toBe(before);
  });
});

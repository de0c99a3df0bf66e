/**
 * Staff accounts (issue #6): password strength, the change of a generated password at the first
 * sign-in, lockout with back-off, sessions that expire (absolute and idle), signing out
 * everywhere, and no session fixation. Time moves through the app's clock, never by sleeping.
 */
import { spawn } from 'node:child_process';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/server/plugins/auth.js';
import { json, MONDAY_9AM, PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const LIVE = '/api/malls/blora/performance/live';

describe.each(ENGINES)('staff accounts on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    t.clock.now = MONDAY_9AM;
  });

  const db = () => t.ctx.database.db;
  const signIn = (username: string, password = PASSWORD, opts: { cookie?: string; lang?: 'en' } = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      headers: {
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...(opts.lang ? { 'accept-language': opts.lang } : {}),
      },
    });
  const cookieOf = (res: LightMyRequestResponse) => {
    const c = res.cookies.find((x) => x.name === 'loket_sid');
    if (!c) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
    return `loket_sid=${c.value}`;
  };
  const get = (url: string, cookie?: string, lang?: 'en') =>
    t.app.inject({
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) },
    });
  const post = (url: string, cookie?: string, payload?: object, lang?: 'en') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) },
      ...(payload ? { payload } : {}),
    });
  const sessionRow = (cookie: string) =>
    db()
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', hashToken(cookie.slice('loket_sid='.length)))
      .executeTakeFirst();
  const failuresOf = (username: string) =>
    db()
      .withTables<{ login_failures: { username: string; failures: number; locked_until: number } }>()
      .selectFrom('login_failures')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
  const mallId = async () => (await db().selectFrom('malls').select('id').executeTakeFirstOrThrow()).id;

  /** A user as `user add` makes one without a password: generated, to be changed at first sign-in. */
  const addGeneratedUser = async (username: string, role: 'viewer' | 'mall_admin' = 'viewer') => {
    const { AuthRepository } = await import('../../src/server/modules/auth/repository.js');
    const { generatePassword, hashPassword } = await import('../../src/server/modules/auth/passwords.js');
    const password = generatePassword(username);
    await new AuthRepository(db()).createUser({
      id: `u-${username}`,
      mallId: await mallId(),
      username,
      passwordHash: await hashPassword(password),
      displayName: username,
      role,
      agencyId: null,
      createdAt: t.clock.now,
      mustChangePassword: true,
    });
    return password;
  };

  describe('sessions', () => {
    it('end 12 hours after sign-in even when used all along, and are deleted', async () => {
      const cookie = cookieOf(await signIn('pimpinan'));
      expect((await sessionRow(cookie))?.expires_at).toBe(MONDAY_9AM + 12 * HOUR);
      for (let h = 1.5; h < 12; h += 1.5) {
        t.clock.now = MONDAY_9AM + h * HOUR;
        expect((await get('/api/auth/me', cookie)).statusCode, `after ${h} h`).toBe(200);
      }
      t.clock.now = MONDAY_9AM + 12 * HOUR - 1;
      expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
      t.clock.now = MONDAY_9AM + 12 * HOUR;
      const ended = await get(LIVE, cookie);
      expect(ended.statusCode).toBe(401);
      expect(json(ended).error).toBe('unauthenticated');
      expect(await sessionRow(cookie)).toBeUndefined();
      // and it stays ended when the clock goes back
      t.clock.now = MONDAY_9AM + HOUR;
      expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
    });

    it('end after 2 hours without a request; last seen is written at most once a minute', async () => {
      const cookie = cookieOf(await signIn('pimpinan'));
      expect((await sessionRow(cookie))?.last_seen_at).toBe(MONDAY_9AM);
      t.clock.now = MONDAY_9AM + 59 * SEC;
      expect((await get(LIVE, cookie)).statusCode).toBe(200);
      expect((await sessionRow(cookie))?.last_seen_at).toBe(MONDAY_9AM);
      t.clock.now = MONDAY_9AM + MIN;
      expect((await get(LIVE, cookie)).statusCode).toBe(200);
      expect((await sessionRow(cookie))?.last_seen_at).toBe(MONDAY_9AM + MIN);
      // idle for just under two hours: still signed in, and seen again
      t.clock.now = MONDAY_9AM + MIN + 2 * HOUR - 1;
      expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
      expect((await sessionRow(cookie))?.last_seen_at).toBe(MONDAY_9AM + MIN + 2 * HOUR - 1);
      // then idle for two hours
      t.clock.now = MONDAY_9AM + MIN + 4 * HOUR - 1;
      const idle = await get(LIVE, cookie);
      expect(idle.statusCode).toBe(401);
      expect(await sessionRow(cookie)).toBeUndefined();
    });

    it('sign out everywhere ends every session of the account, this one included, and no other', async () => {
      const here = cookieOf(await signIn('admin.dinsos'));
      const there = cookieOf(await signIn('admin.dinsos'));
      const someoneElse = cookieOf(await signIn('admin.dpupr'));
      expect((await post('/api/auth/logout-all')).statusCode).toBe(401);
      const res = await post('/api/auth/logout-all', here);
      expect(res.statusCode).toBe(204);
      expect(String(res.headers['set-cookie'])).toMatch(/loket_sid=;/);
      expect((await get('/api/auth/me', here)).statusCode).toBe(401);
      expect((await get('/api/auth/me', there)).statusCode).toBe(401);
      expect((await get('/api/auth/me', someoneElse)).statusCode).toBe(200);
      const user = await db()
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'admin.dinsos')
        .executeTakeFirst();
      const left = await db().selectFrom('sessions').select('id').where('user_id', '=', user!.id).execute();
      expect(left).toEqual([]);
    });

    it('signing in issues a new token and ends the session cookie the request came with', async () => {
      const first = cookieOf(await signIn('admin.kemenag'));
      const again = await signIn('admin.kemenag', PASSWORD, { cookie: first });
      expect(again.statusCode).toBe(200);
      const second = cookieOf(again);
      expect(second).not.toBe(first);
      expect((await get('/api/auth/me', first)).statusCode).toBe(401);
      expect(await sessionRow(first)).toBeUndefined();
      expect(json(await get('/api/auth/me', second)).username).toBe('admin.kemenag');
      // a cookie planted from another account is ended as well, not adopted
      const planted = cookieOf(await signIn('admin.kejari'));
      const victim = cookieOf(await signIn('admin.kemenag', PASSWORD, { cookie: planted }));
      expect(victim).not.toBe(planted);
      expect((await get('/api/auth/me', planted)).statusCode).toBe(401);
      expect(json(await get('/api/auth/me', victim)).username).toBe('admin.kemenag');
      // a failed sign-in ends nothing
      expect((await signIn('admin.kemenag', 'salah-sandi-1', { cookie: victim })).statusCode).toBe(401);
      expect((await get('/api/auth/me', victim)).statusCode).toBe(200);
    });
  });

  describe('lockout', () => {
    const fail = (username: string, lang?: 'en') => signIn(username, 'bukan-sandinya', lang ? { lang } : {});

    it('refuses a username for a minute after 5 failures in a row, with Retry-After, even the right password', async () => {
      for (let i = 1; i <= 4; i++) {
        const res = await fail('petugas.dinsos');
        expect(res.statusCode, `failure ${i}`).toBe(401);
        expect(json(res).error).toBe('bad_credentials');
      }
      const fifth = await fail('petugas.dinsos');
      expect(fifth.statusCode).toBe(429);
      expect(json(fifth)).toMatchObject({ error: 'locked_out', retryAfterSeconds: 60 });
      expect(fifth.headers['retry-after']).toBe('60');
      expect(json(fifth).message).toBe(
        'Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini. Coba lagi dalam 1 menit.',
      );
      t.clock.now = MONDAY_9AM + 30 * SEC;
      const right = await signIn('petugas.dinsos', PASSWORD, { lang: 'en' });
      expect(right.statusCode).toBe(429);
      expect(json(right)).toMatchObject({ error: 'locked_out', retryAfterSeconds: 30 });
      expect(right.headers['retry-after']).toBe('30');
      expect(json(right).message).toBe('Too many failed sign-in attempts for this username. Try again in 30 seconds.');
      expect(right.cookies).toEqual([]);
      // refused attempts are not counted: the lock ends when it said
      t.clock.now = MONDAY_9AM + 60 * SEC;
      const ok = await signIn('petugas.dinsos');
      expect(ok.statusCode).toBe(200);
      // a success resets the count: four more failures are only failures
      expect(await failuresOf('petugas.dinsos')).toBeUndefined();
      for (let i = 1; i <= 4; i++) expect((await fail('petugas.dinsos')).statusCode).toBe(401);
      expect((await signIn('petugas.dinsos')).statusCode).toBe(200);
      expect((await fail('petugas.dinsos')).statusCode).toBe(401);
    });

    it('doubles the lock with each further failure, up to an hour', async () => {
      for (let i = 1; i <= 4; i++) expect((await fail('petugas.dlh')).statusCode).toBe(401);
      const locks: number[] = [];
      for (let i = 5; i <= 12; i++) {
        const res = await fail('petugas.dlh');
        expect(res.statusCode, `failure ${i}`).toBe(429);
        const seconds = json(res).retryAfterSeconds as number;
        expect(res.headers['retry-after']).toBe(String(seconds));
        locks.push(seconds);
        // one second before the end it is still locked; at the end the next attempt is counted
        t.clock.now += (seconds - 1) * SEC;
        expect(json(await signIn('petugas.dlh')).retryAfterSeconds).toBe(1);
        t.clock.now += SEC;
      }
      expect(locks).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
      expect(json(await fail('petugas.dlh', 'en')).message).toMatch(/Try again in 60 minutes\.$/);
      t.clock.now += HOUR;
      expect((await signIn('petugas.dlh')).statusCode).toBe(200);
      expect(await failuresOf('petugas.dlh')).toBeUndefined();
    });

    it('forgets a streak after a day without failures', async () => {
      for (let i = 1; i <= 4; i++) expect((await fail('petugas.pdam')).statusCode).toBe(401);
      t.clock.now = MONDAY_9AM + 24 * HOUR + SEC;
      expect((await fail('petugas.pdam')).statusCode).toBe(401);
      expect((await failuresOf('petugas.pdam'))?.failures).toBe(1);
    });

    it('treats an unknown username the same: counted, stored, and answered alike', async () => {
      const known: LightMyRequestResponse[] = [];
      const unknown: LightMyRequestResponse[] = [];
      for (let i = 1; i <= 5; i++) {
        known.push(await fail('petugas.pln'));
        unknown.push(await fail('tidak.ada.orangnya'));
      }
      const shape = (r: LightMyRequestResponse) => ({
        status: r.statusCode,
        body: r.body,
        retryAfter: r.headers['retry-after'],
        cookies: r.cookies.length,
      });
      expect(unknown.map(shape)).toEqual(known.map(shape));
      expect(unknown.at(-1)!.statusCode).toBe(429);
      // kept in the database (every app process sees it), under the name as typed
      expect(await failuresOf('tidak.ada.orangnya')).toMatchObject({ failures: 5, locked_until: MONDAY_9AM + MIN });
      const typed = await signIn('  Tidak.Ada.Orangnya ', 'apa-saja');
      expect(json(typed)).toMatchObject({ error: 'locked_out', retryAfterSeconds: 60 });
    });

    it('verifies a password for an unknown username too, so it takes as long', async () => {
      // the fastest of a few: a busy machine (the suite runs two files at once) only ever adds time
      const time = async (username: string) => {
        const samples: number[] = [];
        for (let i = 0; i < 4; i++) {
          const started = performance.now();
          expect((await signIn(username, `salah-${i}`)).statusCode).toBe(401);
          samples.push(performance.now() - started);
        }
        return Math.min(...samples);
      };
      await signIn('petugas.pos'); // resets the count between the samples
      const known = await time('petugas.pos');
      const unknown = await time('belum.terdaftar');
      // argon2 verification is most of the time; without it an answer takes a small fraction
      expect(unknown).toBeGreaterThan(known * 0.3);
    });
  });

  describe('passwords', () => {
    it('names the rule a weak new password breaks, in Indonesian and English', async () => {
      const cookie = cookieOf(await signIn('admin.dishub'));
      const change = (newPassword: string, lang?: 'en', currentPassword = PASSWORD) =>
        post('/api/auth/password', cookie, { currentPassword, newPassword }, lang);
      const cases: [string, string, string, string][] = [
        ['pendek1', 'too_short', 'kata sandi minimal 10 karakter', 'the password needs at least 10 characters'],
        [
          'zzzzzzzzzzzz',
          'one_character',
          'kata sandi tidak boleh berupa satu karakter yang diulang',
          'the password must not be one character repeated',
        ],
        [
          '12345678910',
          'digits_only',
          'kata sandi tidak boleh hanya berisi angka',
          'the password must not be digits only',
        ],
        [
          'admin.dishub-2026',
          'contains_username',
          'kata sandi tidak boleh memuat nama pengguna',
          'the password must not contain the username',
        ],
        [
          'password123',
          'common',
          'kata sandi ini termasuk yang paling umum dipakai dan mudah ditebak; pilih yang lain',
          'this is one of the most common passwords and easy to guess; choose another',
        ],
        ['Bismillah1', 'common', '', ''],
        ['qwertyuiop', 'common', '', ''],
        ['rahasia123', 'common', '', ''],
        [
          PASSWORD,
          'unchanged',
          'kata sandi baru harus berbeda dari kata sandi saat ini',
          'the new password must differ from the current one',
        ],
      ];
      for (const [password, rule, id, en] of cases) {
        const res = await change(password);
        expect(res.statusCode, password).toBe(400);
        expect(json(res), password).toMatchObject({ error: 'weak_password', field: 'newPassword', rule });
        if (id) expect(json(res).message).toBe(`Isian "Kata sandi baru" (newPassword): ${id}.`);
        if (en) expect(json(await change(password, 'en')).message).toBe(`Field "New password" (newPassword): ${en}.`);
      }
      const wrong = await change('kopi tubruk pagi hari', undefined, 'bukan-sandinya');
      expect(wrong.statusCode).toBe(400);
      expect(json(wrong)).toMatchObject({ error: 'current_password_wrong', field: 'currentPassword' });
      expect(json(wrong).message).toBe('Isian "Kata sandi saat ini" (currentPassword): kata sandi saat ini salah.');
      const missing = await post('/api/auth/password', cookie, { currentPassword: PASSWORD });
      expect(json(missing)).toMatchObject({ error: 'validation', field: 'newPassword' });
      expect(
        (await post('/api/auth/password', undefined, { currentPassword: PASSWORD, newPassword: 'x' })).statusCode,
      ).toBe(401);
      // nothing was changed by any of these
      expect((await signIn('admin.dishub')).statusCode).toBe(200);
    });

    it('changes a password, ends the other sessions and keeps this one', async () => {
      const here = cookieOf(await signIn('admin.disdik'));
      const there = cookieOf(await signIn('admin.disdik'));
      const res = await post('/api/auth/password', here, {
        currentPassword: PASSWORD,
        newPassword: 'kopi tubruk pagi hari',
      });
      expect(res.statusCode).toBe(200);
      expect(json(res)).toMatchObject({ username: 'admin.disdik', mustChangePassword: false });
      expect((await get('/api/auth/me', here)).statusCode).toBe(200);
      expect((await get('/api/auth/me', there)).statusCode).toBe(401);
      expect((await signIn('admin.disdik')).statusCode).toBe(401);
      expect((await signIn('admin.disdik', 'kopi tubruk pagi hari')).statusCode).toBe(200);
      const row = await db()
        .selectFrom('users')
        .select(['password_hash', 'password_changed_at', 'must_change_password'])
        .where('username', '=', 'admin.disdik')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row).toMatchObject({ password_changed_at: MONDAY_9AM, must_change_password: 0 });
    });

    it('counts wrong current passwords towards the lockout', async () => {
      const cookie = cookieOf(await signIn('admin.baznas'));
      const attempt = () =>
        post('/api/auth/password', cookie, { currentPassword: 'tebak-tebakan', newPassword: 'kopi tubruk pagi hari' });
      for (let i = 1; i <= 4; i++) expect((await attempt()).statusCode).toBe(400);
      const locked = await attempt();
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toBe('60');
      expect((await signIn('admin.baznas')).statusCode).toBe(429);
      // the session itself goes on
      expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
    });
  });

  describe('a generated password', () => {
    it('signs in, but every staff route answers 403 until the password is changed', async () => {
      const generated = await addGeneratedUser('pengawas.baru');
      const login = await signIn('pengawas.baru', generated);
      expect(login.statusCode).toBe(200);
      expect(json(login)).toMatchObject({ username: 'pengawas.baru', role: 'viewer', mustChangePassword: true });
      const cookie = cookieOf(login);
      const other = cookieOf(await signIn('pengawas.baru', generated));
      expect(json(await get('/api/auth/me', cookie))).toMatchObject({ mustChangePassword: true });

      const gated = await get(LIVE, cookie);
      expect(gated.statusCode).toBe(403);
      expect(json(gated)).toMatchObject({ error: 'password_change_required' });
      expect(json(gated).message).toBe('Kata sandi Anda harus diganti terlebih dahulu (POST /api/auth/password).');
      expect(json(await get(LIVE, cookie, 'en')).message).toBe(
        'You must change your password first (POST /api/auth/password).',
      );
      expect((await get('/api/malls/blora/performance?period=2026-11', cookie)).statusCode).toBe(403);
      expect((await get('/api/malls/blora/skm/report.xlsx?period=2026-11', cookie)).statusCode).toBe(403);
      // public routes answer as to anyone
      expect((await get('/api/malls/blora', cookie)).statusCode).toBe(200);

      const changed = await post('/api/auth/password', cookie, {
        currentPassword: generated,
        newPassword: 'teh manis hangat sekali',
      });
      expect(changed.statusCode).toBe(200);
      expect(json(changed)).toMatchObject({ username: 'pengawas.baru', mustChangePassword: false });
      expect(json(await get('/api/auth/me', cookie))).toMatchObject({ mustChangePassword: false });
      expect((await get(LIVE, cookie)).statusCode).toBe(200);
      // the other session, signed in with the generated password, has ended
      expect((await get('/api/auth/me', other)).statusCode).toBe(401);
      expect((await signIn('pengawas.baru', generated)).statusCode).toBe(401);
      const again = await signIn('pengawas.baru', 'teh manis hangat sekali');
      expect(json(again)).toMatchObject({ mustChangePassword: false });
    });

    it('gates counter actions too, and still lets the account sign out', async () => {
      const generated = await addGeneratedUser('admin.cadangan', 'mall_admin');
      const cookie = cookieOf(await signIn('admin.cadangan', generated));
      const counters = json(await get('/api/malls/blora/counters'));
      const callNext = await post(`/api/malls/blora/counters/${counters[0].id}/call-next`, cookie);
      expect(callNext.statusCode).toBe(403);
      expect(json(callNext).error).toBe('password_change_required');
      const hours = await t.app.inject({
        method: 'PUT',
        url: '/api/malls/blora/opening-hours',
        headers: { cookie },
        payload: { weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } },
      });
      expect(hours.statusCode).toBe(403);
      const second = cookieOf(await signIn('admin.cadangan', generated));
      expect((await post('/api/auth/logout', cookie)).statusCode).toBe(204);
      expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
      expect((await post('/api/auth/logout-all', second)).statusCode).toBe(204);
      expect((await get('/api/auth/me', second)).statusCode).toBe(401);
    });

    it('is what `user add` gives without a password; a chosen password must be strong', async () => {
      const target = t.ctx.config.database;
      const url =
        target.kind === 'sqlite'
          ? `sqlite:${target.file}`
          : `${target.url}${target.url.includes('?') ? '&' : '?'}schema=${target.schema}`;
      const cli = (args: string[], env: Record<string, string> = {}) =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'user', 'add', ...args], {
            env: { ...process.env, LOKET_USER_PASSWORD: '', ...env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('exit', (code) => resolve({ code, out }));
        });

      const made = await cli(['operator.satu', '--role', 'viewer']);
      expect(made.code, made.out).toBe(0);
      const password = /Password: (\S+)/.exec(made.out)?.[1];
      expect(password).toBeDefined();
      expect(json(await signIn('operator.satu', password))).toMatchObject({ mustChangePassword: true });

      const weak = await cli(['operator.dua', '--role', 'viewer'], { LOKET_USER_PASSWORD: 'rahasia123' });
      expect(weak.code).toBe(2);
      expect(weak.out).toContain('this is one of the most common passwords');
      const chosen = await cli(['operator.dua', '--role', 'viewer'], { LOKET_USER_PASSWORD: 'kopi tubruk pagi hari' });
      expect(chosen.code, chosen.out).toBe(0);
      expect(chosen.out).not.toContain('Password:');
      expect(json(await signIn('operator.dua', 'kopi tubruk pagi hari'))).toMatchObject({ mustChangePassword: false });
    }, 60_000);
  });
});

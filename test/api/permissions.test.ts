/**
 * The permission matrix (issue #6): every route of the API × every role, signed out, and another
 * mall's admin, gets exactly what src/server/plugins/access.ts says — 401 signed out where a
 * session is needed, 403 for a role or mall the route is not for, and otherwise past the gate
 * (whatever the request itself then deserves: 200, 400, 404, 409). The walk takes its routes from
 * the running server, and a route without an entry in the table stops the server from starting.
 */
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/access.js';
import { newId } from '../../src/server/ids.js';
import { hashPassword } from '../../src/server/modules/auth/passwords.js';
import { accessPlugin, routeAccess } from '../../src/server/plugins/access.js';
import { json, PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

type Actor = 'signed out' | Role | 'other mall admin';
const ACTORS: Actor[] = ['signed out', 'officer', 'agency_admin', 'viewer', 'mall_admin', 'other mall admin'];

/** What the gate answers an actor on a route: 401, 403, or 'pass'. */
function expected(access: ReturnType<typeof routeAccess>, actor: Actor): 401 | 403 | 'pass' {
  if (access === 'public') return 'pass';
  if (actor === 'signed out') return 401;
  if (access === 'account') return 'pass';
  if (actor === 'other mall admin') return 403;
  return access?.includes(actor) ? 'pass' : 403;
}

describe.each(ENGINES)('the permission matrix on %s', (engine) => {
  let t: TestApp;
  const cookies: Partial<Record<Actor, string>> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.ctx.database.db;
    // another mall on the same deployment, with its own admin
    const blora = await db.selectFrom('malls').selectAll().where('slug', '=', 'blora').executeTakeFirstOrThrow();
    const otherMall = newId();
    await db
      .insertInto('malls')
      .values({ ...blora, id: otherMall, slug: 'rembang', name: 'MPP Kabupaten Rembang' })
      .execute();
    await db
      .insertInto('users')
      .values({
        id: newId(),
        mall_id: otherMall,
        username: 'admin.rembang',
        password_hash: await hashPassword(PASSWORD),
        display_name: 'Admin Rembang',
        role: 'mall_admin',
        agency_id: null,
        created_at: t.clock.now,
        must_change_password: 0,
        password_changed_at: t.clock.now,
      })
      .execute();
    cookies.officer = await t.login('petugas.dindukcapil');
    cookies.agency_admin = await t.login('admin.dindukcapil');
    cookies.viewer = await t.login('pimpinan');
    cookies.mall_admin = await t.login('admin');
    cookies['other mall admin'] = await t.login('admin.rembang');

    const agencies = json(await t.app.inject('/api/malls/blora/agencies'));
    const dukcapil = agencies.find((a: any) => a.code === 'dindukcapil').id;
    const counter = json(await t.app.inject('/api/malls/blora/counters')).find((c: any) => c.agencyId === dukcapil);
    ids.counterId = counter.id;
    const ticket = json(
      await t.app.inject({
        method: 'POST',
        url: '/api/malls/blora/tickets',
        payload: { serviceId: counter.serviceIds[0] },
      }),
    );
    ids.token = ticket.token;
    ids.ticket = ticket.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers every route for every actor as the access table says', async () => {
    const routes = t.app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD',
    );
    // signing out ends the session the walk goes on with: those come last
    const last = (url: string) => ['/api/auth/logout-all', '/api/auth/logout'].indexOf(url) + 1;
    routes.sort((a, b) => last(a.url) - last(b.url));
    expect(routes.length).toBeGreaterThan(80);
    const mismatches: string[] = [];
    for (const route of routes) {
      const access = routeAccess(route.method, route.url);
      expect(access, `${route.method} ${route.url}`).toBeDefined();
      const url = route.url
        .replace(':mall', 'blora')
        .replace(':counterId', ids.counterId as string)
        .replace(':token', ids.token as string)
        .replace(':date', '2026-12-25')
        .replace(':id', route.url.includes('/tickets/') ? (ids.ticket as string) : newId());
      for (const actor of ACTORS) {
        const want = expected(access, actor);
        // an open stream never ends: only the refusals are asked for
        if (url.endsWith('/events') && want === 'pass') continue;
        const cookie = actor === 'signed out' ? undefined : cookies[actor];
        const res = await t.app.inject({
          method: route.method as 'GET',
          url,
          ...(cookie ? { headers: { cookie } } : {}),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        const got = res.statusCode === 401 || res.statusCode === 403 ? res.statusCode : 'pass';
        const refusedByTheGate = want !== 'pass' && got === want;
        if (!(refusedByTheGate || (want === 'pass' && got === 'pass'))) {
          mismatches.push(
            `${route.method} ${route.url} as ${actor}: want ${want}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('refuses to start with a route that has no entry in the access table', async () => {
    const app = Fastify();
    await app.register(fp(async () => {}, { name: 'auth' }));
    await app.register(accessPlugin);
    expect(() => app.get('/api/malls/:mall/secret', async () => ({ ok: true }))).toThrow(
      /GET \/api\/malls\/:mall\/secret has no entry in ROUTE_ACCESS/,
    );
    await app.close();
  });
});

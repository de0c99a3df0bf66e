/** A real server (Fastify inject) on a real, freshly seeded database, with a clock the test controls. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { Config } from '../../src/server/config.js';
import { type AppContext, createContext } from '../../src/server/context.js';
import { migrate } from '../../src/server/db/database.js';
import { seedDemo } from '../../src/server/db/seed/seed.js';
import { CSRF_HEADER, csrfTokenFor } from '../../src/server/plugins/csrf.js';
import { createTestDatabase, type Engine } from './databases.js';

export const PASSWORD = 'rahasia-demo-123';
/** Monday 30 November 2026, 09:00 in Blora (WIB) */
export const MONDAY_9AM = Date.UTC(2026, 10, 30, 2, 0, 0);

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: { now: number };
  mall: string;
  login(username: string): Promise<string>;
  /** inject exactly as given: app.inject adds the CSRF token to cookie requests, as the web app does */
  rawInject: FastifyInstance['inject'];
  close(): Promise<void>;
}

export async function startTestApp(
  engine: Engine,
  options: {
    rateLimits?: boolean;
    estimateStaleMs?: number;
    config?: Partial<Config>;
    /** the app's JSON log lines go here (at config.logLevel, which the test sets) */
    logStream?: { write(line: string): void };
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  const clock = { now: MONDAY_9AM };
  const config: Config = {
    database: database.target,
    port: 0,
    host: '127.0.0.1',
    logLevel: process.env.TEST_LOG ?? 'silent',
    seedPassword: PASSWORD,
    trustProxy: false,
    // test/api/web-surface.test.ts turns them on; elsewhere tests issue hundreds of tickets a minute
    rateLimits: options.rateLimits ?? false,
    // as test processes (test/support/processes.ts): no shedding unless a test's config asks for it
    maxEventLoopDelayMs: 0,
    now: () => clock.now,
    ...options.config,
  };
  const ctx = await createContext(config);
  await migrate(ctx.database);
  await seedDemo(ctx.database.db, { password: PASSWORD, now: clock.now });
  const app = await buildApp(ctx, {
    logger: !!process.env.TEST_LOG || !!options.logStream,
    estimateStaleMs: options.estimateStaleMs ?? 0,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  await app.ready();
  const rawInject = app.inject.bind(app) as FastifyInstance['inject'];
  // Like the web app (src/web/lib/api.ts), the test client sends the CSRF token with every
  // request it makes with the session cookie; test/api/web-surface.test.ts checks the refusals.
  app.inject = ((opts: InjectOptions | string) =>
    rawInject(typeof opts === 'string' ? opts : withCsrf(opts))) as FastifyInstance['inject'];
  return {
    app,
    ctx,
    clock,
    mall: 'blora',
    rawInject,
    async login(username) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'loket_sid');
      if (!cookie) throw new Error('no session cookie');
      return `loket_sid=${cookie.value}`;
    },
    async close() {
      await app.close();
      await ctx.close();
      await database.drop();
    },
  };
}

function withCsrf(opts: InjectOptions): InjectOptions {
  const headers = (opts.headers ?? {}) as Record<string, string | string[] | undefined>;
  const session = /(?:^|;\s*)loket_sid=([^;]+)/.exec(String(headers.cookie ?? ''))?.[1];
  if (!session || headers[CSRF_HEADER] !== undefined) return opts;
  return { ...opts, headers: { ...headers, [CSRF_HEADER]: csrfTokenFor(session) } };
}

export function json<T = any>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

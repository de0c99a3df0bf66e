/**
 * The command line: start (migrate, seed an empty database with weeks of demo history, serve), migrate, seed, user.
 *   npm start
 *   npm run loket -- migrate | seed [--history-days 56] | user add <username> --mall blora --role officer --agency dindukcapil [--password …]
 *   npm run loket -- replay-estimates <visits.csv> [--out <file>] [--baseline]
 */
import { networkInterfaces } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import {
  type Config,
  ConfigError,
  DEFAULT_DEMO_HISTORY_DAYS,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  loadConfig,
  parseDays,
} from './config.js';
import { type AppContext, createContext } from './context.js';
import { backupCommand } from './db/backup.js';
import { migrate } from './db/database.js';
import type { Role } from './db/schema.js';
import { seedRecentHistory } from './db/seed/history.js';
import { seedHistoryComplaints } from './db/seed/history-complaints.js';
import { seedHistoryEstimates } from './db/seed/history-estimates.js';
import { seedHistoryVisits } from './db/seed/history-visits.js';
import { seedDemo } from './db/seed/seed.js';
import { errorBody } from './errors.js';
import { newId } from './ids.js';
import { drain } from './lifecycle.js';
import { generatePassword, hashPassword, weakPasswordError } from './modules/auth/passwords.js';
import { AuthRepository } from './modules/auth/repository.js';
import { createMall, MallSetupError } from './modules/malls/create-mall.js';
import { removeOldPersonalData } from './modules/retention/retention.js';
import { replayCommand } from './replay-command.js';
import { ensureWebBuilt } from './web-build.js';

const ROLES: Role[] = ['mall_admin', 'agency_admin', 'officer', 'viewer'];
/** the last days of the demo history whose estimates are replayed (in the background at start) */
const DEMO_ESTIMATE_DAYS = 7;

async function start(config: Config): Promise<void> {
  const ctx = await createContext(config);
  await migrate(ctx.database);
  const seeded = await seedDemo(ctx.database.db, { password: config.seedPassword, now: config.now() });
  const historyDays = config.demoHistoryDays ?? 0;
  if (seeded.seeded) {
    printSeed(seeded);
    await loadDemoHistory(ctx.database.db, seeded.mallSlug, historyDays, config.now());
  }
  await ensureWebBuilt();
  const app = await buildApp(ctx);
  // SIGTERM or SIGINT (also SIGHUP, an uncaught error): drain, close, exit 0 (1 after an error);
  // a second signal, or a drain overrunning its bound, exits at once with 1. close-with-grace: a
  // small library by Fastify's lead maintainer, the one fastify-cli's generated apps use for this.
  const delayMs = config.drainDelayMs ?? 0;
  const timeoutMs = config.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  closeWithGrace(
    { delay: delayMs + timeoutMs + 5000, logger: { error: (m: unknown) => app.log.error(m) } },
    async ({ signal, err }) => {
      if (err) app.log.error({ err }, 'closing after an uncaught error');
      else app.log.info({ signal, drainDelayMs: delayMs, timeoutMs }, 'draining');
      const drained = await drain(app, { delayMs, timeoutMs, log: app.log });
      await ctx.close();
      app.log.info(drained, 'drained; exiting');
    },
  );
  await app.listen({ port: config.port, host: config.host });
  scheduleRetention(ctx, config, app.log);
  // messages to citizens: every serving process sends the outbox (leases keep them apart)
  if (config.outbox !== false) app.outboxWorker.start();
  // the estimates the demo history's citizens would have been given, for the evaluation's accuracy
  if (seeded.seeded && historyDays > 0) {
    const began = performance.now();
    app.lifecycle
      .warmUp(
        seedHistoryEstimates(ctx.database.db, {
          mallSlug: seeded.mallSlug,
          days: Math.min(DEMO_ESTIMATE_DAYS, historyDays),
          now: config.now(),
        }),
      )
      .then(
        (r) => app.log.info({ ...r, ms: Math.round(performance.now() - began) }, 'demo history: estimates replayed'),
        (error: unknown) => app.log.error({ error }, 'demo history: replaying the estimates failed'),
      );
  }
  // the evaluation's stored tallies of the last year, made now rather than at the first report
  const preparing = performance.now();
  app.lifecycle.warmUp(app.prepareReports()).then(
    () => app.log.info({ ms: Math.round(performance.now() - preparing) }, 'reports: stored tallies ready'),
    (error: unknown) => app.log.error({ error }, 'reports: preparing stored tallies failed'),
  );
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const mall = seeded.mallSlug;
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  console.log(
    [
      '',
      `Loket berjalan / is running (${config.database.kind}):`,
      `  Portal        http://localhost:${port}/${mall}`,
      `  Kios          http://localhost:${port}/${mall}/kiosk`,
      `  Layar (TV)    http://localhost:${port}/${mall}/display`,
      `  Loket         http://localhost:${port}/${mall}/counter`,
      `  SKM (staf)    http://localhost:${port}/${mall}/skm`,
      `  IKM publik    http://localhost:${port}/${mall}/ikm`,
      `  API           http://localhost:${port}/api/malls`,
      `  API docs      http://localhost:${port}/api/docs`,
      `  Katalog       http://localhost:${port}/api/malls/${mall}/services?q=ktp`,
      ...(lan ? [`  Di jaringan   http://${lan}:${port}/`] : []),
      '',
    ].join('\n'),
  );
}

/** Clears old personal fields now and every day after (each process; the work is idempotent). */
function scheduleRetention(
  ctx: AppContext,
  config: Config,
  log: { info(o: object, m: string): void; error(o: object, m: string): void },
) {
  const days = config.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (days === 0) return;
  const run = () =>
    removeOldPersonalData(ctx.database.db, config.now(), days).then(
      (r) => log.info(r, 'retention: old personal fields removed'),
      (error: unknown) => log.error({ error }, 'retention failed'),
    );
  void run();
  setInterval(run, 86_400_000).unref();
}

function printSeed(seeded: Awaited<ReturnType<typeof seedDemo>>): void {
  const officers = seeded.accounts.filter((a) => a.role === 'officer').map((a) => a.username);
  console.log(
    [
      '',
      `Demo data dimuat / demo data loaded: MPP Kabupaten Blora (/${seeded.mallSlug}), ${seeded.accounts.length} akun staf.`,
      '  admin (mall admin), pimpinan (viewer), petugas.<instansi> (officer), admin.<instansi> (agency admin)',
      `  e.g. ${officers.slice(0, 4).join(', ')} …`,
      seeded.generatedPassword
        ? `  Kata sandi semua akun demo / password of every demo account: ${seeded.generatedPassword}\n  (ditampilkan sekali saja / shown only once; set LOKET_SEED_PASSWORD to choose it)`
        : '  Kata sandi / password: LOKET_SEED_PASSWORD',
      '',
    ].join('\n'),
  );
}

/** Weeks of plausible traffic before today, so the reports have something to show; one line of what. */
async function loadDemoHistory(
  db: Parameters<typeof seedRecentHistory>[0],
  mallSlug: string,
  days: number,
  now: number,
): Promise<void> {
  if (days <= 0) return;
  const began = performance.now();
  const r = await seedRecentHistory(db, { mallSlug, days, now });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  const n = (x: number) => x.toLocaleString('id-ID');
  console.log(
    `Riwayat demo / demo history: ${r.from} … ${r.to} (${days} hari/days), ${n(r.tickets)} tiket, ${n(r.visits)} kunjungan/visits, ${n(r.responses)} SKM, ${seconds} s (LOKET_DEMO_HISTORY_DAYS=0 to skip)`,
  );
  // visits through several services and applications after the counter, made of that history
  const joined = performance.now();
  const v = await seedHistoryVisits(db, { mallSlug, from: r.from, to: r.to, now });
  console.log(
    `  + ${n(v.routes)} kunjungan multi-layanan / multi-service visits (${n(v.threeStops)} dengan/with 3 layanan), ${n(v.applications)} permohonan/applications (${n(v.overdueNow)} lewat tenggat/overdue now), ${((performance.now() - joined) / 1000).toFixed(1)} s`,
  );
  const c = await seedHistoryComplaints(db, { mallSlug, from: r.from, to: r.to, now });
  console.log(`  + ${n(c.complaints)} pengaduan/complaints (${n(c.overdueNow)} lewat tenggat/overdue now)\n`);
}

/** `mall add`: a new mall on this deployment with its time zone and its first mall admin. */
async function addMall(config: Config, args: string[]): Promise<void> {
  let parsed: { values: Record<string, string | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        'time-zone': { type: 'string', default: 'Asia/Jakarta' },
        address: { type: 'string' },
        admin: { type: 'string' },
        'admin-name': { type: 'string' },
      },
    }) as typeof parsed;
  } catch (e) {
    throw new ConfigError(`mall add: ${(e as Error).message.split('\n')[0]}`);
  }
  const { values, positionals } = parsed;
  if (!positionals[0] || !values.name || !values.admin) {
    throw new ConfigError(
      'usage: mall add <slug> --name "MPP Kabupaten …" --time-zone Asia/Jakarta --admin <username>',
    );
  }
  const ctx = await createContext(config);
  try {
    await migrate(ctx.database);
    const made = await createMall(
      ctx.database.db,
      {
        slug: positionals[0],
        name: values.name,
        timeZone: values['time-zone'] ?? 'Asia/Jakarta',
        ...(values.address ? { address: values.address } : {}),
        admin: { username: values.admin, ...(values['admin-name'] ? { displayName: values['admin-name'] } : {}) },
      },
      config.now(),
    ).catch((e: unknown) => {
      throw e instanceof MallSetupError ? new ConfigError(`mall add: ${e.message}`) : e;
    });
    console.log(
      `mall ${positionals[0]} created (${values['time-zone']}), open Mon–Fri 08:00–15:00 until its admin changes it.\n` +
        `admin ${values.admin}: password ${made.password} (to be changed at the first sign-in / wajib diganti saat pertama masuk); then /${positionals[0]}/admin`,
    );
  } finally {
    await ctx.close();
  }
}

async function addUser(config: Config, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      mall: { type: 'string', default: 'blora' },
      role: { type: 'string', default: 'officer' },
      agency: { type: 'string' },
      name: { type: 'string' },
      // LOKET_USER_PASSWORD is better: an argument shows in the process list and the shell history
      password: { type: 'string' },
    },
  });
  const username = positionals[0]?.toLowerCase();
  if (!username || !/^[a-z0-9._-]{3,64}$/.test(username)) {
    throw new ConfigError('user add <username>: 3–64 characters a–z, 0–9, dot, dash or underscore');
  }
  const role = values.role as Role;
  if (!ROLES.includes(role)) throw new ConfigError(`--role must be one of ${ROLES.join(', ')}`);
  // A chosen password must be strong; a generated one must be changed at the first sign-in.
  const chosen = values.password || process.env.LOKET_USER_PASSWORD || null;
  const weak = chosen ? weakPasswordError(chosen, { username }, 'password') : null;
  if (weak) throw new ConfigError(`${weak.message} / ${errorBody(weak, 'id').message}`);
  const ctx = await createContext(config);
  try {
    await migrate(ctx.database);
    const db = ctx.database.db;
    const mall = await db
      .selectFrom('malls')
      .select('id')
      .where('slug', '=', values.mall ?? 'blora')
      .executeTakeFirst();
    if (!mall) throw new ConfigError(`no mall with slug "${values.mall}"`);
    let agencyId: string | null = null;
    if (role === 'officer' || role === 'agency_admin') {
      if (!values.agency) throw new ConfigError(`--agency <code> is required for ${role}`);
      const agency = await db
        .selectFrom('agencies')
        .select('id')
        .where('mall_id', '=', mall.id)
        .where('code', '=', values.agency)
        .executeTakeFirst();
      if (!agency) throw new ConfigError(`no agency with code "${values.agency}" in ${values.mall}`);
      agencyId = agency.id;
    }
    const taken = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw new ConfigError(`username "${username}" is already taken`);
    const password = chosen ?? generatePassword(username);
    await new AuthRepository(db).createUser({
      id: newId(),
      mallId: mall.id,
      username,
      passwordHash: await hashPassword(password),
      displayName: values.name ?? username,
      role,
      agencyId,
      createdAt: config.now(),
      mustChangePassword: !chosen,
    });
    console.log(
      `user ${username} (${role}) created.${chosen ? '' : ` Password: ${password} (to be changed at the first sign-in / wajib diganti saat pertama masuk)`}`,
    );
  } finally {
    await ctx.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
    case undefined:
      return start(config);
    case 'migrate': {
      const ctx = await createContext(config);
      await migrate(ctx.database);
      await ctx.close();
      console.log('migrated');
      return;
    }
    case 'seed': {
      let values: { 'history-days'?: string | undefined };
      try {
        ({ values } = parseArgs({ args: rest, options: { 'history-days': { type: 'string' } } }));
      } catch (e) {
        throw new ConfigError(`usage: seed [--history-days <days>] (${(e as Error).message.split('\n')[0]})`);
      }
      const days = parseDays(
        values['history-days'],
        '--history-days',
        config.demoHistoryDays ?? DEFAULT_DEMO_HISTORY_DAYS,
      );
      const ctx = await createContext(config);
      try {
        await migrate(ctx.database);
        const seeded = await seedDemo(ctx.database.db, { password: config.seedPassword, now: config.now() });
        if (seeded.seeded) {
          printSeed(seeded);
          await loadDemoHistory(ctx.database.db, seeded.mallSlug, days, config.now());
          if (days > 0) {
            const r = await seedHistoryEstimates(ctx.database.db, {
              mallSlug: seeded.mallSlug,
              days: Math.min(DEMO_ESTIMATE_DAYS, days),
              now: config.now(),
            });
            console.log(`estimates replayed for the last ${r.days} days of the history: ${r.estimates}`);
          }
        } else console.log(`already has data (mall ${seeded.mallSlug}); nothing seeded`);
      } finally {
        await ctx.close();
      }
      return;
    }
    case 'user':
      if (rest[0] !== 'add')
        throw new ConfigError(
          'usage: user add <username> --mall <slug> --role <role> [--agency <code>] [--name "…"] [--password …]',
        );
      return addUser(config, rest.slice(1));
    case 'backup':
    case 'restore':
      return backupCommand(command, config.database, rest);
    case 'mall':
      if (rest[0] !== 'add') {
        throw new ConfigError(
          'usage: mall add <slug> --name "MPP Kabupaten …" --time-zone Asia/Jakarta --admin <username> [--address "…"]',
        );
      }
      return addMall(config, rest.slice(1));
    case 'retention': {
      const days = config.retentionDays ?? DEFAULT_RETENTION_DAYS;
      if (days === 0) {
        console.log('LOKET_RETENTION_DAYS=0: personal fields are kept; nothing removed');
        return;
      }
      const ctx = await createContext(config);
      try {
        await migrate(ctx.database);
        const r = await removeOldPersonalData(ctx.database.db, config.now(), days);
        console.log(
          `retention (${days} days, before ${new Date(r.before).toISOString()}): ${r.suggestions} SKM suggestions, ${r.auditEntries} audit entries and ${r.bookings} bookings cleared, ${r.ticketContacts} ticket contacts, ${r.messages} messages and ${r.sessions} ended sessions deleted; ${r.emergencies} emergency notes, the contacts of ${r.complaintContacts} complaints, ${r.applicationContacts} applications and ${r.questionContacts} questions cleared`,
        );
      } finally {
        await ctx.close();
      }
      return;
    }
    case 'replay-estimates':
      return replayCommand(rest);
    default:
      throw new ConfigError(
        `unknown command "${command}"; use start, migrate, seed, user add, mall add, backup, restore, retention or replay-estimates`,
      );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`loket: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createContext } from '../../src/server/context.js';
import { BackupError, backup, backupCommand, DERIVED, restore } from '../../src/server/db/backup.js';
import { type DatabaseTarget, migrate, openDatabase } from '../../src/server/db/database.js';
import { seedDemo } from '../../src/server/db/seed/seed.js';
import { json, MONDAY_9AM, PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.js';

const dir = mkdtempSync(join(tmpdir(), 'loket-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** rows per data table, read straight from the database */
async function countRows(target: DatabaseTarget): Promise<Record<string, number>> {
  const database = await openDatabase(target);
  try {
    const tables =
      target.kind === 'sqlite'
        ? await sql<{
            name: string;
          }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(database.db)
        : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(database.db);
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      if (name.startsWith('kysely_') || DERIVED.has(name)) continue;
      const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(database.db);
      counts[name] = Number(r.rows[0]?.n);
    }
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  } finally {
    await database.close();
  }
}

const sorted = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));

describe.each(ENGINES)('backup and restore on %s', (engine) => {
  let t: TestApp;
  let file: string;
  let tokens: { token: string; number: string }[];
  const fresh: TestDatabase[] = [];
  const freshDatabase = async () => {
    const d = await createTestDatabase(engine);
    fresh.push(d);
    return d;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    const services = json<{ id: string }[]>(
      await t.app.inject({ method: 'GET', url: '/api/malls/blora/services?q=ktp' }),
    );
    tokens = [];
    for (const [i, priority] of [undefined, 'lansia', undefined].entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/malls/blora/tickets',
        payload: { serviceId: services[i % services.length]?.id, ...(priority ? { priority } : {}) },
      });
      expect(res.statusCode).toBe(201);
      tokens.push(json(res));
    }
    file = join(dir, `${engine}.jsonl.gz`);
  });
  afterAll(async () => {
    await t?.close();
    for (const d of fresh) await d.drop();
  });

  it('backs up while the app runs and restores into a fresh database with every row', async () => {
    const made = await backup(t.ctx.database.target, file);
    const source = await countRows(t.ctx.database.target);
    expect(sorted(made.counts)).toEqual(source);
    expect(made.counts.tickets).toBe(3);
    expect(made.counts.ticket_events).toBeGreaterThanOrEqual(3);
    expect(made.rows).toBe(Object.values(source).reduce((a, b) => a + b, 0));
    expect(made.tables).toBe(Object.keys(source).length);
    expect(made.bytes).toBeGreaterThan(1000);
    // in foreign-key order: malls before agencies before services before tickets before events
    const order = Object.keys(made.counts);
    const at = (table: string) => order.indexOf(table);
    expect(at('malls')).toBeLessThan(at('agencies'));
    expect(at('agencies')).toBeLessThan(at('services'));
    expect(at('services')).toBeLessThan(at('tickets'));
    expect(at('tickets')).toBeLessThan(at('ticket_events'));

    const target = (await freshDatabase()).target;
    const restored = await restore(target, file, {});
    expect(restored.rows).toBe(made.rows);
    expect(restored.replaced).toBe(false);
    expect(restored.source.engine).toBe(engine);
    expect(await countRows(target)).toEqual(source);

    // a new app on the restored database serves the tickets and lets staff sign in
    const ctx = await createContext({
      database: target,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      seedPassword: PASSWORD,
      trustProxy: false,
      rateLimits: false,
      now: () => MONDAY_9AM,
    });
    const app = await buildApp(ctx, { logger: false });
    try {
      for (const ticket of tokens) {
        const res = await app.inject({ method: 'GET', url: `/api/tickets/${ticket.token}` });
        expect(res.statusCode).toBe(200);
        expect(json(res).number).toBe(ticket.number);
      }
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: PASSWORD },
      });
      expect(login.statusCode).toBe(200);
    } finally {
      await app.close();
      await ctx.close();
    }
  });

  it('refuses a database that holds data unless forced, and then replaces it whole', async () => {
    const target = (await freshDatabase()).target;
    await restore(target, file, {});
    await expect(restore(target, file, {})).rejects.toThrow(/already holds data .*--force/);
    const again = await restore(target, file, { force: true });
    expect(again.replaced).toBe(true);
    expect(await countRows(target)).toEqual(sorted(again.counts));
  });

  it('refuses a file that is not a Loket backup, and a truncated one, restoring nothing', async () => {
    const target = (await freshDatabase()).target;
    const junk = join(dir, `${engine}-junk.bin`);
    writeFileSync(junk, 'this is not gzip at all');
    await expect(restore(target, junk, {})).rejects.toThrow(/not a Loket backup \(not a complete gzip file\)/);
    const foreign = join(dir, `${engine}-foreign.jsonl.gz`);
    writeFileSync(foreign, gzipSync('{"hello":"world"}\n{"table":"malls","row":{}}\n'));
    await expect(restore(target, foreign, {})).rejects.toThrow(/not a Loket backup \(no "loket-backup" header\)/);
    await expect(restore(target, join(dir, 'missing.jsonl.gz'), {})).rejects.toThrow(/no such file/);
    // the same backup cut short: the transaction rolls back, the database stays empty
    const whole = readFileSync(file);
    const cut = join(dir, `${engine}-cut.jsonl.gz`);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.8)));
    await expect(restore(target, cut, {})).rejects.toThrow(/not a complete gzip file|incomplete/);
    const counts = await countRows(target);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    // a backup of a database that is not Loket's
    if (engine === 'sqlite') {
      const other = join(dir, 'other.db');
      const database = await openDatabase({ kind: 'sqlite', file: other });
      await sql`CREATE TABLE notes (id text)`.execute(database.db);
      await database.close();
      await expect(backup({ kind: 'sqlite', file: other }, join(dir, 'other.jsonl.gz'))).rejects.toThrow(
        /not a Loket database/,
      );
    }
  });

  // once, from the SQLite side (registered only where both engines run, so nothing is skipped)
  if (engine === 'sqlite' && ENGINES.includes('postgres'))
    it('a SQLite backup restores into PostgreSQL with the same rows, and back', async () => {
      const made = await backup(t.ctx.database.target, join(dir, 'cross.jsonl.gz'));
      const pgDb = await createTestDatabase('postgres');
      try {
        await restore(pgDb.target, join(dir, 'cross.jsonl.gz'), {});
        expect(await countRows(pgDb.target)).toEqual(sorted(made.counts));
        // epoch columns come back as numbers
        const database = await openDatabase(pgDb.target);
        const ticket = await database.db.selectFrom('tickets').select(['issued_at', 'seq']).executeTakeFirstOrThrow();
        await database.close();
        expect(typeof ticket.issued_at).toBe('number');
        expect(ticket.issued_at).toBe(MONDAY_9AM);
        // and PostgreSQL's backup back into a fresh SQLite file
        const back = await backup(pgDb.target, join(dir, 'cross-back.jsonl.gz'));
        const sqliteDb = await freshDatabase();
        await restore(sqliteDb.target, join(dir, 'cross-back.jsonl.gz'), {});
        expect(await countRows(sqliteDb.target)).toEqual(sorted(back.counts));
      } finally {
        await pgDb.drop();
      }
    });
});

describe('the command line', () => {
  it('backs up and restores with one line each, and explains its usage', async () => {
    const source = await createTestDatabase('sqlite');
    const target = await createTestDatabase('sqlite');
    const logged: string[] = [];
    const log = console.log;
    console.log = (line: string) => logged.push(line);
    try {
      const database = await openDatabase(source.target);
      await migrate(database);
      await seedDemo(database.db, { password: PASSWORD, now: MONDAY_9AM });
      await database.close();
      const file = join(dir, 'cli', 'demo.jsonl.gz');
      await backupCommand('backup', source.target, [file]);
      await backupCommand('restore', target.target, [file]);
      await expect(backupCommand('restore', target.target, [file])).rejects.toThrow(BackupError);
      await backupCommand('restore', target.target, [file, '--force']);
      await expect(backupCommand('backup', source.target, [])).rejects.toThrow(/usage: backup <file/);
      await expect(backupCommand('restore', source.target, [file, '--bogus'])).rejects.toThrow(/usage/);
    } finally {
      console.log = log;
      await source.drop();
      await target.drop();
    }
    expect(logged[0]).toMatch(/^backup of .*demo\.jsonl\.gz, [\d,]+ rows in \d+ tables/);
    expect(logged[1]).toMatch(/^restored .* \(sqlite, .*\) into .*: [\d,]+ rows/);
    expect(logged[2]).toMatch(/replacing its data/);
  });
});

/**
 * Backup and restore for both engines, in one portable format written by Node itself (no
 * pg_dump, no sqlite3 binary): a gzip file of JSON lines.
 *
 *   {"format":"loket-backup","version":1,"engine":"sqlite","createdAt":"…","migrations":[…],"tables":[…]}
 *   {"table":"malls","row":{…}}            one line per row, tables in foreign-key order
 *   …
 *   {"end":true,"rows":1234,"counts":{"malls":1,…}}
 *
 * A backup is one consistent snapshot taken while the app runs: a read transaction on SQLite
 * (WAL lets writers go on), a REPEATABLE READ READ ONLY transaction on PostgreSQL. It is written
 * to a temporary name and renamed, so a half-written file never carries the chosen name.
 *
 * A restore migrates the target, refuses one that already holds data unless forced (then it
 * empties every table first), and inserts every row in one transaction: it lands whole or not
 * at all. Either engine restores a backup made on either engine. Stop the app first: a running
 * app keeps caches of what it read.
 *
 *   npm run loket -- backup <file>
 *   npm run loket -- restore <file> [--force]
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import { createGunzip, createGzip } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../config.js';
import { type DatabaseTarget, migrate, openDatabase, postgresPoolConfig } from './database.js';

export const BACKUP_FORMAT = 'loket-backup';
export const BACKUP_VERSION = 1;

/** A refusal or a bad file: the CLI prints the message and exits 2. */
export class BackupError extends ConfigError {}

export interface BackupResult {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  /** rows per table */
  counts: Record<string, number>;
  milliseconds: number;
}

export interface RestoreResult {
  file: string;
  /** the engine the backup was made on, and when */
  source: { engine: string; createdAt: string };
  tables: number;
  rows: number;
  counts: Record<string, number>;
  /** true when --force emptied a database that held data */
  replaced: boolean;
  milliseconds: number;
}

interface Header {
  format: string;
  version: number;
  engine: string;
  createdAt: string;
  migrations: string[];
  tables: string[];
}

/** Kysely's own bookkeeping: recreated by migrate, never copied. */
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Tallies the reports make again from the visits when they need them: not copied, emptied on restore. */
export const DERIVED = new Set(['rollups', 'rollup_marks']);

type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

interface Catalog {
  /** data tables in foreign-key order: a table comes after every table it references */
  tables: string[];
  columns: Map<string, Set<string>>;
  migrations: string[];
}

/** Tables, columns, references and applied migrations, read from the database itself. */
async function readCatalog(engine: 'sqlite' | 'postgres', query: Query): Promise<Catalog> {
  const names =
    engine === 'sqlite'
      ? await query(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
        )
      : await query(
          `SELECT table_name AS name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
        );
  const all = names.map((r) => String(r.name));
  if (!all.includes('kysely_migration') || !all.includes('malls')) {
    throw new BackupError('not a Loket database (no kysely_migration and malls tables): nothing to back up');
  }
  const tables = all.filter((t) => !SKIPPED.has(t));
  const columns = new Map<string, Set<string>>();
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  if (engine === 'sqlite') {
    for (const t of tables) {
      columns.set(t, new Set((await query('SELECT name FROM pragma_table_info(?)', [t])).map((r) => String(r.name))));
      for (const r of await query('SELECT "table" AS parent FROM pragma_foreign_key_list(?)', [t])) {
        parents.get(t)?.add(String(r.parent));
      }
    }
  } else {
    for (const r of await query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    )) {
      const t = String(r.table_name);
      if (!columns.has(t)) columns.set(t, new Set());
      columns.get(t)?.add(String(r.column_name));
    }
    for (const r of await query(
      `SELECT child.relname AS child, parent.relname AS parent
       FROM pg_constraint c
       JOIN pg_class child ON child.oid = c.conrelid
       JOIN pg_class parent ON parent.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
       WHERE c.contype = 'f' AND n.nspname = current_schema()`,
    )) {
      parents.get(String(r.child))?.add(String(r.parent));
    }
  }
  const migrations = (await query('SELECT name FROM kysely_migration ORDER BY name')).map((r) => String(r.name));
  return { tables: dependencyOrder(tables, parents), columns, migrations };
}

/** Kahn's algorithm, alphabetical among equals; a table in a reference cycle goes last. */
function dependencyOrder(tables: string[], parents: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const pending = [...tables].sort();
  while (pending.length > 0) {
    const i = pending.findIndex((t) =>
      [...(parents.get(t) ?? [])].every((p) => p === t || placed.has(p) || !tables.includes(p)),
    );
    const [next] = pending.splice(i === -1 ? 0 : i, 1) as [string];
    order.push(next);
    placed.add(next);
  }
  return order;
}

/** A gzip writer that respects back-pressure; the file appears under its name only when complete. */
function openWriter(file: string) {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  const out = createWriteStream(partial);
  const gzip = createGzip({ level: 6 });
  gzip.pipe(out);
  let failed: Error | null = null;
  const fail = (e: Error) => {
    failed ??= e;
  };
  out.on('error', fail);
  gzip.on('error', fail);
  return {
    async text(text: string) {
      if (failed) throw failed;
      if (!gzip.write(text)) await once(gzip, 'drain');
    },
    async line(value: unknown) {
      await this.text(`${JSON.stringify(value)}\n`);
    },
    async finish(): Promise<number> {
      gzip.end();
      if (!out.writableFinished) await once(out, 'close');
      if (failed) throw failed;
      renameSync(partial, file);
      return statSync(file).size;
    },
    abort() {
      gzip.destroy();
      out.destroy();
      rmSync(partial, { force: true });
    },
  };
}

/**
 * Writes one consistent snapshot of the database to `file` (gzip, JSON lines). Safe while the
 * app runs on either engine.
 */
export async function backup(target: DatabaseTarget, file: string): Promise<BackupResult> {
  const began = performance.now();
  const writer = openWriter(file);
  const counts: Record<string, number> = {};
  let rows = 0;
  // Reads the snapshot table by table, handing each batch of rows to the writer.
  const dump = async (catalog: Catalog, engine: string, rowsOf: (t: string) => AsyncIterable<unknown[]>) => {
    await writer.line({
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      engine,
      createdAt: new Date().toISOString(),
      migrations: catalog.migrations,
      tables: catalog.tables,
    } satisfies Header);
    for (const table of catalog.tables) {
      if (DERIVED.has(table)) continue;
      counts[table] = 0;
      for await (const batch of rowsOf(table)) {
        await writer.text(batch.map((row) => `${JSON.stringify({ table, row })}\n`).join(''));
        counts[table] += batch.length;
        rows += batch.length;
      }
    }
    await writer.line({ end: true, rows, counts });
  };
  try {
    if (target.kind === 'sqlite') {
      let db: SQLite.Database;
      try {
        db = new SQLite(target.file, { readonly: true, fileMustExist: true });
      } catch (e) {
        throw new BackupError(`cannot open ${target.file}: ${(e as Error).message}`);
      }
      try {
        db.pragma('busy_timeout = 5000');
        // One read transaction: every table is read from the same snapshot while the app writes on.
        db.prepare('BEGIN').run();
        const query: Query = async (text, params = []) => db.prepare(text).all(...params) as Record<string, unknown>[];
        const catalog = await readCatalog('sqlite', query);
        await dump(catalog, 'sqlite', async function* (table) {
          let batch: unknown[] = [];
          for (const row of db.prepare(`SELECT * FROM "${table}"`).iterate()) {
            batch.push(row);
            if (batch.length === 1000) {
              yield batch;
              batch = [];
            }
          }
          if (batch.length > 0) yield batch;
        });
        db.prepare('COMMIT').run();
      } finally {
        db.close();
      }
    } else {
      const client = new pg.Client(postgresPoolConfig(target, 1));
      await client.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const query: Query = async (text, params = []) => (await client.query(text, params)).rows;
        const catalog = await readCatalog('postgres', query);
        await dump(catalog, 'postgres', async function* (table) {
          await client.query(`DECLARE loket_backup NO SCROLL CURSOR FOR SELECT * FROM "${table}"`);
          for (;;) {
            const { rows: batch } = await client.query('FETCH 2000 FROM loket_backup');
            if (batch.length === 0) break;
            yield batch;
          }
          await client.query('CLOSE loket_backup');
        });
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    }
    const bytes = await writer.finish();
    return {
      file,
      bytes,
      tables: Object.keys(counts).length,
      rows,
      counts,
      milliseconds: Math.round(performance.now() - began),
    };
  } catch (error) {
    writer.abort();
    throw error;
  }
}

/** The lines of a gzip file, one by one; a file that is not gzip fails with a clear message. */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      rest += decoder.write(chunk as Buffer);
      let at = rest.indexOf('\n');
      while (at !== -1) {
        yield rest.slice(0, at);
        rest = rest.slice(at + 1);
        at = rest.indexOf('\n');
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new BackupError(`no such file: ${file}`);
    if (code?.startsWith('Z_')) throw new BackupError(`${file} is not a Loket backup (not a complete gzip file)`);
    throw e;
  } finally {
    input.destroy();
  }
  rest += decoder.end();
  if (rest.length > 0) yield rest;
}

function parseLine(line: string, file: string, n: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // below
  }
  throw new BackupError(`${file} is not a Loket backup (line ${n} is not a JSON object)`);
}

/**
 * Restores `file` into the database: migrates it, refuses one that already holds data unless
 * `force` (then empties it), and inserts every row in one transaction. Stop the app first.
 */
export async function restore(
  target: DatabaseTarget,
  file: string,
  options: { force?: boolean } = {},
): Promise<RestoreResult> {
  const began = performance.now();
  const lines = readLines(file);
  try {
    return await restoreLines(target, file, lines, options.force === true, began);
  } finally {
    await lines.return(undefined);
  }
}

async function restoreLines(
  target: DatabaseTarget,
  file: string,
  lines: AsyncGenerator<string>,
  force: boolean,
  began: number,
): Promise<RestoreResult> {
  // Read and check the header before touching the database.
  const first = await lines.next();
  if (first.done) throw new BackupError(`${file} is empty: not a Loket backup`);
  const header = parseLine(first.value, file, 1) as Partial<Header>;
  if (header.format !== BACKUP_FORMAT || !Array.isArray(header.tables) || !Array.isArray(header.migrations)) {
    throw new BackupError(`${file} is not a Loket backup (no "${BACKUP_FORMAT}" header)`);
  }
  if (header.version !== BACKUP_VERSION) {
    throw new BackupError(
      `${file} is a Loket backup of format version ${header.version}; this Loket reads version ${BACKUP_VERSION}`,
    );
  }

  const database = await openDatabase(target);
  try {
    await migrate(database);
    const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const engine = target.kind;
    const runQuery =
      (on: Kysely<Record<string, Record<string, unknown>>>): Query =>
      async (text, params = []) =>
        (await on.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params))).rows;
    return await db.transaction().execute(async (trx) => {
      const query = runQuery(trx);
      const catalog = await readCatalog(engine, query);
      const newer = (header.migrations ?? []).filter((m) => !catalog.migrations.includes(m));
      if (newer.length > 0) {
        throw new BackupError(
          `${file} was made by a newer Loket (migrations ${newer.join(', ')}): upgrade Loket first`,
        );
      }
      let held = 0;
      for (const t of catalog.tables) {
        const [row] = await query(`SELECT count(*) AS n FROM "${t}"`);
        held += Number(row?.n ?? 0);
      }
      if (held > 0 && !force) {
        throw new BackupError(
          `the database already holds data (${held} rows): restore into an empty database, or add --force to replace everything in it`,
        );
      }
      if (held > 0) {
        if (engine === 'postgres') {
          await sql.raw(`TRUNCATE ${catalog.tables.map((t) => `"${t}"`).join(', ')}`).execute(trx);
        } else {
          for (const t of [...catalog.tables].reverse()) await sql.raw(`DELETE FROM "${t}"`).execute(trx);
        }
      }
      // SQLite checks references at commit, so the order of rows within a table does not matter.
      if (engine === 'sqlite') await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);

      const counts: Record<string, number> = Object.fromEntries(
        catalog.tables.filter((t) => !DERIVED.has(t)).map((t) => [t, 0]),
      );
      let rows = 0;
      let buffer: Record<string, unknown>[] = [];
      let bufferTable = '';
      let chunkSize = 1;
      const flush = async () => {
        if (buffer.length === 0) return;
        await trx.insertInto(bufferTable).values(buffer).execute();
        buffer = [];
      };
      let n = 1;
      let trailer: Record<string, unknown> | null = null;
      for await (const line of lines) {
        n++;
        if (line.trim() === '') continue;
        const entry = parseLine(line, file, n);
        if (trailer) throw new BackupError(`${file}: line ${n} follows the end mark`);
        if (entry.end === true) {
          trailer = entry;
          continue;
        }
        const table = entry.table;
        const row = entry.row as Record<string, unknown> | undefined;
        if (typeof table !== 'string' || !row || typeof row !== 'object') {
          throw new BackupError(`${file} is not a Loket backup (line ${n} is not {table, row})`);
        }
        const columns = catalog.columns.get(table);
        if (!columns || SKIPPED.has(table) || !catalog.tables.includes(table)) {
          throw new BackupError(`${file}: line ${n} names table "${table}", which this database does not have`);
        }
        for (const c of Object.keys(row)) {
          if (!columns.has(c)) throw new BackupError(`${file}: line ${n}: table ${table} has no column "${c}"`);
        }
        if (table !== bufferTable) {
          await flush();
          bufferTable = table;
          // SQLite allows 32,766 parameters in one statement, PostgreSQL 65,535.
          chunkSize = Math.max(1, Math.min(500, Math.floor(30_000 / Math.max(1, columns.size))));
        }
        buffer.push(row);
        counts[table] = (counts[table] ?? 0) + 1;
        rows++;
        if (buffer.length >= chunkSize) await flush();
      }
      await flush();
      if (!trailer) throw new BackupError(`${file} is incomplete (no end mark): nothing restored`);
      if (trailer.rows !== rows) {
        throw new BackupError(
          `${file} is damaged: it announces ${String(trailer.rows)} rows but holds ${rows}; nothing restored`,
        );
      }
      return {
        file,
        source: { engine: String(header.engine), createdAt: String(header.createdAt) },
        tables: catalog.tables.length,
        rows,
        counts,
        replaced: held > 0,
        milliseconds: Math.round(performance.now() - began),
      };
    });
  } finally {
    await database.close();
  }
}

/** `backup <file>` and `restore <file> [--force]` from the command line: parses, runs, prints one line. */
export async function backupCommand(
  command: 'backup' | 'restore',
  target: DatabaseTarget,
  args: string[],
): Promise<void> {
  let parsed: { values: { force?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
  } catch (e) {
    throw new BackupError(`usage: backup <file> | restore <file> [--force] (${(e as Error).message.split('\n')[0]})`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0 || (command === 'backup' && parsed.values.force)) {
    throw new BackupError('usage: backup <file.jsonl.gz> | restore <file.jsonl.gz> [--force]');
  }
  const where = target.kind === 'sqlite' ? target.file : `postgres${target.schema ? ` schema ${target.schema}` : ''}`;
  const n = (x: number) => x.toLocaleString('en-US');
  if (command === 'backup') {
    const r = await backup(target, file);
    console.log(
      `backup of ${where}: ${file}, ${n(r.rows)} rows in ${r.tables} tables, ${n(Math.round(r.bytes / 1024))} kB, ${(r.milliseconds / 1000).toFixed(1)} s`,
    );
  } else {
    const r = await restore(target, file, { force: parsed.values.force === true });
    console.log(
      `restored ${file} (${r.source.engine}, ${r.source.createdAt}) into ${where}${r.replaced ? ' (replacing its data)' : ''}: ${n(r.rows)} rows in ${r.tables} tables, ${(r.milliseconds / 1000).toFixed(1)} s`,
    );
  }
}

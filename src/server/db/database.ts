/**
 * Opens the database named by DATABASE_URL: an embedded SQLite file (the default) or PostgreSQL.
 * The same Kysely<DB> is returned either way; the rest of the server does not know which.
 */
import { constants, mkdirSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DatabaseConnection,
  Kysely,
  Migrator,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
import pg from 'pg';
import * as m0001 from './migrations/0001_initial.js';
import * as m0002 from './migrations/0002_announcements.js';
import * as m0003 from './migrations/0003_ticket_line_index.js';
import * as m0004 from './migrations/0004_skm_responses.js';
import * as m0005 from './migrations/0005_skm_followups_publications.js';
import * as m0006 from './migrations/0006_tickets_served_index.js';
import * as m0007 from './migrations/0007_visits.js';
import * as m0008 from './migrations/0008_accounts.js';
import * as m0009 from './migrations/0009_audit_log.js';
import * as m0010 from './migrations/0010_admin.js';
import * as m0011 from './migrations/0011_rollups.js';
import * as m0012 from './migrations/0012_bookings_outbox.js';
import * as m0013 from './migrations/0013_estimates.js';
import * as m0014 from './migrations/0014_applications.js';
import * as m0015 from './migrations/0015_routes.js';
import * as m0016 from './migrations/0016_stop_order.js';
import * as m0017 from './migrations/0017_booking_stops.js';
import * as m0018 from './migrations/0018_complaints.js';
import * as m0019 from './migrations/0019_facilities.js';
import * as m0020 from './migrations/0020_emergencies.js';
import * as m0021 from './migrations/0021_consultations.js';
import type { DB } from './schema.js';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string /** search_path, to keep test runs apart */; schema: string | null };

export interface Database {
  db: Kysely<DB>;
  target: DatabaseTarget;
  /** a pg.Pool for LISTEN/NOTIFY, only with postgres */
  pool: pg.Pool | null;
  close(): Promise<void>;
}

/**
 * Kysely prepares every query anew; SQLite's prepare is a measurable share of a ticket's cost.
 * The app issues a bounded set of query shapes, so their prepared statements are kept.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= 1000) cache.clear();
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
    close: () => sqlite.close(),
  };
}

/**
 * SQLite rolls a transaction back by itself when a write fails for want of space or on an I/O
 * error (SQLITE_FULL, SQLITE_IOERR…); Kysely's ROLLBACK after it would then fail with "no
 * transaction is active", and that error would replace the real one. Roll back only what is open.
 */
class OpenOnlyRollbackDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: SQLite.Database,
  ) {
    super(config);
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

class SqliteFileDialect extends SqliteDialect {
  private readonly config: SqliteDialectConfig;
  constructor(private readonly sqlite: SQLite.Database) {
    const config = { database: withStatementCache(sqlite) };
    super(config);
    this.config = config;
  }
  override createDriver(): SqliteDriver {
    return new OpenOnlyRollbackDriver(this.config, this.sqlite);
  }
}

/** Parses DATABASE_URL; throws with a readable message when it names neither engine. */
export function parseDatabaseUrl(value: string): DatabaseTarget {
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/loket.db');
    return { kind: 'sqlite', file };
  }
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    const url = new URL(value);
    const schema = url.searchParams.get('schema');
    url.searchParams.delete('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new Error(`DATABASE_URL schema "${schema}" must be lower-case letters, digits and _`);
    }
    return { kind: 'postgres', url: url.toString(), schema };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${value}")`);
}

// int8 (COUNT, bigint columns) arrives as a string by default; every value we store fits a double.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export function postgresPoolConfig(target: Extract<DatabaseTarget, { kind: 'postgres' }>, max = 10): pg.PoolConfig {
  return {
    connectionString: target.url,
    max,
    types: pgTypes,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  };
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a ticket the server has accepted is on disk before the answer goes out.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteFileDialect(sqlite) });
    return { db, target, pool: null, close: () => db.destroy() };
  }
  if (target.schema) {
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${target.schema}`);
    } catch (error) {
      // Two processes starting together can both try; "already exists" (42P06) or the catalogue's
      // unique index (23505) means the other one made it.
      const code = (error as { code?: string }).code;
      if (code !== '42P06' && code !== '23505') throw error;
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool(postgresPoolConfig(target));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // Kysely ends the pool it was given.
  return { db, target, pool, close: () => db.destroy() };
}

export async function migrate(database: Pick<Database, 'db' | 'target'>): Promise<void> {
  const schema = database.target.kind === 'postgres' ? database.target.schema : null;
  const migrator = new Migrator({
    db: database.db,
    provider: {
      getMigrations: async () => ({
        '0001_initial': m0001,
        '0002_announcements': m0002,
        '0003_ticket_line_index': m0003,
        '0004_skm_responses': m0004,
        '0005_skm_followups_publications': m0005,
        '0006_tickets_served_index': m0006,
        '0007_visits': m0007,
        '0008_accounts': m0008,
        '0009_audit_log': m0009,
        '0010_admin': m0010,
        '0011_rollups': m0011,
        '0012_bookings_outbox': m0012,
        '0013_estimates': m0013,
        '0014_applications': m0014,
        '0015_routes': m0015,
        '0016_stop_order': m0016,
        '0017_booking_stops': m0017,
        '0018_complaints': m0018,
        '0019_facilities': m0019,
        '0020_emergencies': m0020,
        '0021_consultations': m0021,
      }),
    },
    // Kysely looks for its own tables in any schema unless told which: name ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/** True when the engine is reachable and answers. */
export async function ping(db: Kysely<DB>): Promise<boolean> {
  await sql`select 1`.execute(db);
  return true;
}

/**
 * Readiness's look at the database: it answers (else this throws), and whether it takes writes —
 * cheap and honest answers only. PostgreSQL says so itself (a hot standby,
 * default_transaction_read_only) in the same round trip; for SQLite the file system says whether
 * it was made read-only (EROFS: remounted so after an I/O error). A full disk shows only when a
 * write is refused (src/server/storage-health.ts).
 */
export async function acceptsWrites(database: Pick<Database, 'db' | 'target'>): Promise<boolean> {
  const { target } = database;
  if (target.kind === 'sqlite') {
    await ping(database.db);
    if (target.file === ':memory:') return true;
    try {
      await access(target.file, constants.W_OK);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code !== 'EROFS';
    }
  }
  const { rows } = await sql<{
    read_only: string;
  }>`select current_setting('transaction_read_only') as read_only`.execute(database.db);
  return rows[0]?.read_only !== 'on';
}

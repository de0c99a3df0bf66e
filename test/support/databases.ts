/**
 * The databases every database test runs on: a fresh SQLite file, and a fresh schema on the
 * PostgreSQL at 127.0.0.1:5432 (database test). PostgreSQL is required: a test run without it
 * fails, unless LOKET_SKIP_PG=1 says so out loud.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/server/db/database.js';

export const PG_URL = process.env.LOKET_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Engine = 'sqlite' | 'postgres';

export const ENGINES: Engine[] = process.env.LOKET_SKIP_PG === '1' ? ['sqlite'] : ['sqlite', 'postgres'];

export interface TestDatabase {
  target: DatabaseTarget;
  /** the DATABASE_URL for a child process */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'loket-test-'));
    const file = join(dir, 'loket.db');
    return {
      target: { kind: 'sqlite', file },
      url: `sqlite:${file}`,
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    target: { kind: 'postgres', url: PG_URL, schema },
    url: `${PG_URL}?schema=${schema}`,
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

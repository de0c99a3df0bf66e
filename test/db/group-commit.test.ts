import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/database.js';
import { GroupCommit } from '../../src/server/db/group-commit.js';
import { storageFault } from '../../src/server/db/storage-fault.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.js';

describe.each(ENGINES)('group commit on %s', (engine) => {
  let target: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    target = await createTestDatabase(engine);
    database = await openDatabase(target.target);
    await sql`create table jobs (id integer primary key, note text not null)`.execute(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await target?.drop();
  });

  const count = async () =>
    Number(
      ((await sql<{ n: number }>`select count(*) as n from jobs`.execute(database.db)).rows[0] as { n: number }).n,
    );

  // One insert per item, so one bad item breaks the batch; the batch sizes show what ran together.
  const inserter = (batches: number[][]) =>
    new GroupCommit<any, number, number>(database.db as any, async (tx, ids) => {
      batches.push(ids);
      for (const id of ids) await sql`insert into jobs (id, note) values (${id}, ${'ok'})`.execute(tx);
      return ids.map((id) => id * 2);
    });

  it('hands items that arrive together to one write, and gives each its own result', async () => {
    const batches: number[][] = [];
    const group = inserter(batches);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => group.run(i)));
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(batches).toEqual([Array.from({ length: 40 }, (_, i) => i)]);
    expect(await count()).toBe(40);
  });

  it('fails only the job that fails when a batch breaks', async () => {
    const batches: number[][] = [];
    const group = inserter(batches);
    // id 1 exists already: its insert breaks the batch, which is then written item by item
    const outcomes = await Promise.allSettled([100, 101, 1, 102].map((id) => group.run(id)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([[100, 101, 1, 102], [100], [101], [1], [102]]);
    expect(await count()).toBe(43);
  });

  it('fails every job of a batch with the error when the database stores nothing, without retrying each alone', async () => {
    const batches: number[][] = [];
    // the engine's own refusal: a read-only connection (SQLite) or transaction (PostgreSQL)
    const group = new GroupCommit<any, number, number>(database.db as any, async (tx, ids) => {
      batches.push(ids);
      await (engine === 'sqlite' ? sql`pragma query_only = on` : sql`set transaction read only`).execute(tx);
      for (const id of ids) await sql`insert into jobs (id, note) values (${id}, ${'ok'})`.execute(tx);
      return ids.map((id) => id * 2);
    });
    try {
      const outcomes = await Promise.allSettled([200, 201, 202].map((id) => group.run(id)));
      expect(outcomes.map((o) => (o.status === 'rejected' ? storageFault(o.reason) : o.status))).toEqual([
        'read_only',
        'read_only',
        'read_only',
      ]);
      expect(batches).toEqual([[200, 201, 202]]);
    } finally {
      if (engine === 'sqlite') await sql`pragma query_only = off`.execute(database.db);
    }
    expect(await count()).toBe(43);
  });
});

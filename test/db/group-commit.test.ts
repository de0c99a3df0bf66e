import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/database.js';
import { GroupCommit } from '../../src/server/db/group-commit.js';
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
});

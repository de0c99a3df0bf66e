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

  it('runs jobs that arrive together in one transaction, and keeps every result', async () => {
    const group = new GroupCommit(database.db as any);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        group.run(async (tx) => {
          await sql`insert into jobs (id, note) values (${i}, ${'ok'})`.execute(tx);
          return i * 2;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(await count()).toBe(40);
  });

  it('fails only the job that fails when a batch breaks', async () => {
    const group = new GroupCommit(database.db as any);
    const outcomes = await Promise.allSettled(
      [100, 101, 1, 102].map((id) =>
        // id 1 exists already: its insert breaks the batch
        group.run(async (tx) => {
          await sql`insert into jobs (id, note) values (${id}, ${'again'})`.execute(tx);
          return id;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await count()).toBe(43);
  });
});

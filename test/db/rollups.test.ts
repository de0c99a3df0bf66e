/**
 * The rollups' bookkeeping on both engines: a span is stored once and read back exactly, a late
 * write makes it stale, and a tally made while a late write was in flight is never stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuresOf } from '../../src/domain/performance.js';
import { emptySurvey, mergeTallies, type Tally, tallyUnits } from '../../src/domain/tally.js';
import { type Database, migrate, openDatabase } from '../../src/server/db/database.js';
import { seedDemo } from '../../src/server/db/seed/seed.js';
import { RollupStore, type SpanRef, touchRollups } from '../../src/server/modules/performance/rollup-store.js';
import { MONDAY_9AM } from '../support/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.js';

const DAY: SpanRef = { span: 'day', start: '2026-11-30' };
const MONTH: SpanRef = { span: 'month', start: '2026-11-01' };
const HOUR = 3_600_000;
const at = (h: number, m: number) => Date.parse('2026-11-30T00:00:00Z') + h * HOUR + m * 60_000;

describe.each(ENGINES)('rollups on %s', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let store: RollupStore;
  let mallId: string;
  let units: ReturnType<typeof tallyUnits>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    database = await openDatabase(test.target);
    await migrate(database);
    await seedDemo(database.db, { password: 'rahasia-uji-1', now: MONDAY_9AM });
    mallId = (await database.db.selectFrom('malls').select('id').executeTakeFirstOrThrow()).id;
    store = new RollupStore(database.db);
    const base = { agencyId: 'a1', officerId: 'o1', date: DAY.start, priority: null, transferredIn: false } as const;
    units = tallyUnits(
      mallId,
      [
        {
          ...base,
          serviceId: 's1',
          counterId: 'c1',
          hour: 8,
          enteredAt: at(8, 0),
          calledAt: at(8, 7) + 333,
          startedAt: at(8, 8),
          finishedAt: at(8, 19) + 1,
          outcome: 'done',
        },
        {
          ...base,
          serviceId: 's2',
          counterId: 'c1',
          hour: 9,
          enteredAt: at(9, 1),
          calledAt: at(9, 30),
          startedAt: null,
          finishedAt: null,
          outcome: 'no_show',
        },
        {
          ...base,
          serviceId: 's1',
          counterId: null,
          hour: 10,
          enteredAt: at(10, 0),
          calledAt: null,
          startedAt: null,
          finishedAt: null,
          outcome: 'waiting',
        },
      ],
      [
        {
          date: DAY.start,
          agencyId: 'a1',
          serviceId: 's1',
          counterId: 'c1',
          officerId: 'o1',
          ...{ ...emptySurvey(), respondents: 2, sums: { ...emptySurvey().sums, waktu: 7, sarana: 8 } },
        },
      ],
      ['mall', 'agency', 'service', 'counter', 'officer'],
      { standardMinutes: () => 15, localHour: (t) => Math.floor(t / HOUR) },
    );
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  const current = async () => [...(await store.current(mallId, [DAY, MONTH]))].sort();

  it('stores a span once and reads every tally back exactly, with or without the times', async () => {
    const generation = await store.begin(mallId, DAY);
    expect(generation).toBe(0);
    expect(await store.save(mallId, DAY, generation as number, units)).toBe(true);
    expect(await current()).toEqual(['day|2026-11-30']);
    expect(await store.begin(mallId, DAY)).toBeNull();

    const whole = await store.read(mallId, [DAY], ['mall', 'service'], { times: true });
    const byKey = (list: { dim: string; unitId: string; tally: Tally }[]) =>
      new Map(list.map((u) => [`${u.dim}|${u.unitId}`, u.tally]));
    const made = byKey(units);
    expect(whole).toHaveLength(3); // the mall, s1, s2
    for (const u of whole) {
      const original = made.get(`${u.dim}|${u.unitId}`);
      expect(u.tally).toEqual(original);
      expect(u.date).toBe(DAY.start);
    }
    const summary = await store.read(mallId, [DAY], ['mall', 'agency', 'service', 'counter', 'officer'], {
      times: false,
      agencyId: 'a1',
    });
    expect(summary).toHaveLength(units.length - 1); // every unit of agency a1, not the mall's row
    for (const u of summary) {
      expect(u.tally.waitMs).toHaveLength(0);
      expect(measuresOf(u.tally)).toEqual(measuresOf(made.get(`${u.dim}|${u.unitId}`) as Tally));
    }
    expect(() => mergeTallies(summary.map((u) => u.tally))).toThrow(/cannot be merged/);
  });

  it('makes a stored day and its month stale on a late write, and stores again only what is current', async () => {
    const month = await store.begin(mallId, MONTH);
    expect(await store.save(mallId, MONTH, month as number, units)).toBe(true);
    expect(await current()).toEqual(['day|2026-11-30', 'month|2026-11-01']);

    await database.db.transaction().execute((tx) => touchRollups(tx, mallId, [DAY.start]));
    expect(await current()).toEqual([]);
    const generation = (await store.begin(mallId, DAY)) as number;
    expect(generation).toBe(1);
    // another late write while the day was being tallied: what was tallied is not stored
    await touchRollups(database.db, mallId, [DAY.start]);
    expect(await store.save(mallId, DAY, generation, units)).toBe(false);
    expect(await current()).toEqual([]);
    const again = (await store.begin(mallId, DAY)) as number;
    expect(again).toBe(2);
    expect(await store.save(mallId, DAY, again, units)).toBe(true);
    expect(await current()).toEqual(['day|2026-11-30']);
  });

  it('waits for a late write still in its transaction, and then does not store', async () => {
    const generation = (await store.begin(mallId, MONTH)) as number;
    let saved: Promise<boolean> | undefined;
    await database.db.transaction().execute(async (tx) => {
      await touchRollups(tx, mallId, ['2026-11-02']);
      // the save runs on another connection (PostgreSQL) or after this transaction (SQLite)
      saved = store.save(mallId, MONTH, generation, units);
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    expect(await saved).toBe(false);
    expect(await current()).not.toContain('month|2026-11-01');
  });

  it('forgets what history written behind its back would make wrong', async () => {
    const generation = (await store.begin(mallId, MONTH)) as number;
    expect(await store.save(mallId, MONTH, generation, units)).toBe(true);
    await store.forget(mallId, '2026-11-15', '2026-11-30');
    expect(await current()).toEqual([]);
    expect(await store.read(mallId, [DAY, MONTH], ['mall'], { times: true })).toEqual([]);
  });
});

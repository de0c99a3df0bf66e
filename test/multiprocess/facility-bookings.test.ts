/**
 * Two real app processes on one PostgreSQL: 100 overlapping requests for one room, sent at once
 * through both, give exactly one booking. Neither process can see the other's request in flight;
 * only the database's trigger (migration 0019) keeps the room from being booked twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localTime, weekdayOf } from '../../src/domain/schedule.js';
import { openDatabase } from '../../src/server/db/database.js';
import { PASSWORD } from '../support/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.js';
import { type AppProcess, startProcess } from '../support/processes.js';

/** A Monday to Thursday at least two days from now: the room is open 07:30–16:00 then. */
function aWorkingDay(): string {
  let date = addDays(localTime(Date.now(), 'Asia/Jakarta').date, 2);
  while (!['mon', 'tue', 'wed', 'thu'].includes(weekdayOf(date))) date = addDays(date, 1);
  return date;
}

describe.runIf(ENGINES.includes('postgres'))('room bookings through two app processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let a: AppProcess;
  let b: AppProcess;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env = { DATABASE_URL: database.url, LOKET_SEED_PASSWORD: PASSWORD };
    [a, b] = await Promise.all([startProcess(env), startProcess(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('gives exactly one of 100 overlapping requests sent at once through both', async () => {
    const facilities = (await (await fetch(`${a.base}/api/malls/blora/facilities`)).json()) as any[];
    const room = facilities.find((f) => f.code === 'auditorium');
    const date = aWorkingDay();
    // warm both processes (the mall, the room, the pools) so that the 100 arrive together
    await Promise.all(
      [a, b].flatMap((via) =>
        Array.from({ length: 10 }, () =>
          fetch(`${via.base}/api/malls/blora/facilities/${room.id}/calendar?from=${date}&to=${date}`).then((r) =>
            r.arrayBuffer(),
          ),
        ),
      ),
    );
    const results = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const via = i % 2 ? a : b;
        const res = await fetch(`${via.base}/api/malls/blora/facilities/${room.id}/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            date,
            // every one different, every one holding 10:00–10:30
            start: ['09:00', '09:30', '10:00'][i % 3],
            end: ['10:30', '11:00', '12:00'][i % 3],
            purpose: `Rapat koordinasi ${i}`,
            organiser: `Instansi ${i}`,
          }),
        });
        return { status: res.status, body: (await res.json()) as any, via: i % 2 ? 'a' : 'b' };
      }),
    );
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(99);
    expect(refused.every((r) => r.body.error === 'overlap')).toBe(true);
    // both processes answered some of them
    expect(new Set(results.map((r) => r.via))).toEqual(new Set(['a', 'b']));

    const { db, close } = await openDatabase(database.target);
    try {
      const rows = await db
        .selectFrom('facility_bookings')
        .select(['id', 'status'])
        .where('facility_id', '=', room.id)
        .where('date', '=', date)
        .execute();
      expect(rows).toEqual([{ id: won[0]!.body.id, status: 'pending' }]);
    } finally {
      await close();
    }
    // the calendar through the other process shows the one booking
    const cal = (await (
      await fetch(`${b.base}/api/malls/blora/facilities/${room.id}/calendar?from=${date}&to=${date}`)
    ).json()) as any;
    expect(cal.busy).toEqual([{ date, start: won[0]!.body.start, end: won[0]!.body.end, status: 'pending' }]);
  }, 60_000);
});

/**
 * The batch write of new tickets with visits among them (issue #13), on both engines: plain tickets
 * and routes taken in the same commit get their own services' numbers in order, a route's stops
 * share its head's number, and a route refused for a quota takes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTicketNumber } from '../../src/domain/queue.js';
import { type Database, migrate, openDatabase } from '../../src/server/db/database.js';
import { seedDemo } from '../../src/server/db/seed/seed.js';
import { newId, newToken } from '../../src/server/ids.js';
import type { TicketToIssue } from '../../src/server/modules/queue/issue-write.js';
import { QueueRepository } from '../../src/server/modules/queue/repository.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.js';

const NOW = Date.UTC(2026, 10, 30, 2, 0);

describe.each(ENGINES)('issuing in batches with visits on %s', (engine) => {
  let target: TestDatabase;
  let database: Database;
  let repo: QueueRepository;
  let mallId: string;
  const svc: Record<string, { id: string; prefix: string; agencyId: string }> = {};

  beforeAll(async () => {
    target = await createTestDatabase(engine);
    database = await openDatabase(target.target);
    await migrate(database);
    await seedDemo(database.db, { password: 'kata-sandi-uji-1', now: NOW });
    repo = new QueueRepository(database.db);
    mallId = (await database.db.selectFrom('malls').select('id').executeTakeFirstOrThrow()).id;
    const rows = await database.db.selectFrom('services').select(['id', 'prefix', 'agency_id']).execute();
    // three services of three prefixes
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r.prefix) || Object.keys(svc).length === 3) continue;
      seen.add(r.prefix);
      svc[['a', 'b', 'c'][Object.keys(svc).length] as string] = { id: r.id, prefix: r.prefix, agencyId: r.agency_id };
    }
  });
  afterAll(async () => {
    await database?.close();
    await target?.drop();
  });

  const item = (key: string, extra: Partial<TicketToIssue> = {}): TicketToIssue => {
    const s = svc[key] as { id: string; prefix: string; agencyId: string };
    return {
      mallId,
      agencyId: s.agencyId,
      ticket: {
        id: newId(),
        service_id: s.id,
        token: newToken(),
        prefix: s.prefix,
        priority: null,
        status: 'waiting',
        service_date: '2026-11-30',
        service_hour: 9,
        issued_at: NOW,
        arrival_at: NOW,
        appointment_at: null,
        called_at: null,
        started_at: null,
        finished_at: null,
        counter_id: null,
        officer_id: null,
        recall_count: 0,
        transferred_from_service_id: null,
        updated_at: NOW,
        source: 'kiosk',
      },
      quota: null,
      format: (seq) => formatTicketNumber(s.prefix, seq),
      event: {
        type: 'issue',
        fromStatus: null,
        toStatus: 'waiting',
        serviceId: s.id,
        counterId: null,
        actorId: null,
        at: NOW,
      },
      ...extra,
    };
  };
  const route = (keys: string[]) => {
    const id = newId();
    return keys.map((k, i) => item(k, { route: { id, head: i === 0 } }));
  };

  it('numbers plain tickets and visits taken in one commit each by its own line', async () => {
    // one batch: a plain C, a visit B→C→A, a plain A, a visit A→B, a plain B
    const [c1, v1, a1, v2, b1] = await Promise.all([
      repo.insertTicket(item('c')),
      repo.insertRoute(route(['b', 'c', 'a'])),
      repo.insertTicket(item('a')),
      repo.insertRoute(route(['a', 'b'])),
      repo.insertTicket(item('b')),
    ]);
    const n = (o: { row: { number: string } } | null | undefined) => o?.row.number;
    const p = (k: string) => (svc[k] as { prefix: string }).prefix;
    // heads and plain tickets in batch order within each line: C-001; B-001 (visit), B-002; A-001, A-002 (visit)
    expect(n(c1)).toBe(formatTicketNumber(p('c'), 1));
    expect(v1?.map(n)).toEqual([
      formatTicketNumber(p('b'), 1),
      formatTicketNumber(p('b'), 1),
      formatTicketNumber(p('b'), 1),
    ]);
    expect(n(a1)).toBe(formatTicketNumber(p('a'), 1));
    expect(v2?.map(n)).toEqual([formatTicketNumber(p('a'), 2), formatTicketNumber(p('a'), 2)]);
    expect(n(b1)).toBe(formatTicketNumber(p('b'), 2));
    // the stops' own prefixes never meet a service's
    expect(v1?.map((o) => o?.row.prefix)).toEqual([p('b'), `${p('b')}#2`, `${p('b')}#3`]);
    const routes = await database.db.selectFrom('routes').selectAll().execute();
    expect(routes).toHaveLength(2);
  });

  it('refuses a whole visit when one stop is over its quota, giving the other stops their counts back', async () => {
    const capped = (k: string, quota: number, extra: Partial<TicketToIssue> = {}) => ({ ...item(k), quota, ...extra });
    const id = newId();
    const counts = () => database.db.selectFrom('service_day_counts').selectAll().orderBy('service_id').execute();
    // a has room for 5, b for none beyond the one a plain ticket takes in the same batch
    const [plainB, visit] = await Promise.all([
      repo.insertTicket(capped('b', 1)),
      repo.insertRoute([capped('a', 5, { route: { id, head: true } }), capped('b', 1, { route: { id, head: false } })]),
    ]);
    expect(plainB?.row.service_id).toBe(svc.b?.id);
    expect(visit).toEqual([null, null]);
    expect((await counts()).map((c) => [c.service_id, Number(c.issued)])).toEqual(
      [
        [svc.a?.id, 0],
        [svc.b?.id, 1],
      ].sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)),
    );
    expect(await database.db.selectFrom('routes').selectAll().where('id', '=', id).execute()).toEqual([]);
  });
});

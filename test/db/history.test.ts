import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime } from '../../src/domain/schedule.js';
import { foldVisits, type Visit, type VisitEvent } from '../../src/domain/visits.js';
import { migrate, openDatabase } from '../../src/server/db/database.js';
import { seedHistory } from '../../src/server/db/seed/history.js';
import { seedDemo } from '../../src/server/db/seed/seed.js';
import { json, MONDAY_9AM, PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, ENGINES } from '../support/databases.js';

// Monday 2 to Sunday 15 November 2026: two full weeks before the test clock's Monday the 30th.
const FROM = '2026-11-02';
const TO = '2026-11-15';
const OPTIONS = { mallSlug: 'blora', from: FROM, to: TO, ticketsPerDay: 150, seed: 42 };
const ZONE = 'Asia/Jakarta';
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
const WEEKDAY_UTC = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe.each(ENGINES)('demo traffic history on %s', (engine) => {
  let t: TestApp;
  let result: Awaited<ReturnType<typeof seedHistory>>;
  let mallId: string;
  let tickets: {
    id: string;
    service_id: string;
    prefix: string;
    seq: number;
    number: string;
    priority: string | null;
    status: string;
    service_date: string;
    service_hour: number;
    issued_at: number;
    arrival_at: number;
    called_at: number | null;
    started_at: number | null;
    finished_at: number | null;
    counter_id: string | null;
    officer_id: string | null;
    recall_count: number;
    transferred_from_service_id: string | null;
    updated_at: number;
  }[];
  let events: {
    id: string;
    ticket_id: string;
    type: VisitEvent['type'];
    from_status: string | null;
    to_status: string;
    service_id: string;
    counter_id: string | null;
    actor_id: string | null;
    at: number;
  }[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.ctx.database.db;
    mallId = (await db.selectFrom('malls').select('id').where('slug', '=', 'blora').executeTakeFirstOrThrow()).id;
    result = await seedHistory(db, OPTIONS);
    tickets = (await db.selectFrom('tickets').selectAll().where('mall_id', '=', mallId).orderBy('id').execute()).map(
      (r) => ({
        ...r,
        seq: Number(r.seq),
        service_hour: Number(r.service_hour),
        issued_at: Number(r.issued_at),
        arrival_at: Number(r.arrival_at),
        called_at: r.called_at === null ? null : Number(r.called_at),
        started_at: r.started_at === null ? null : Number(r.started_at),
        finished_at: r.finished_at === null ? null : Number(r.finished_at),
        recall_count: Number(r.recall_count),
        updated_at: Number(r.updated_at),
      }),
    );
    events = (
      await db
        .selectFrom('ticket_events')
        .select(['id', 'ticket_id', 'type', 'from_status', 'to_status', 'service_id', 'counter_id', 'actor_id', 'at'])
        .where('mall_id', '=', mallId)
        .orderBy('id')
        .execute()
    ).map((e) => ({ ...e, at: Number(e.at) }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes as many rows as it says, about the asked volume, in the usual shares', () => {
    expect(tickets.length).toBe(result.tickets);
    expect(events.length).toBe(result.events);
    // 8 weekdays (Fri shorter) and 2 Saturdays at half volume: ~1,500 tickets
    expect(result.tickets).toBeGreaterThan(1100);
    expect(result.tickets).toBeLessThan(1900);
    expect(result.days).toBe(12);
    const share = (status: string) => tickets.filter((x) => x.status === status).length / tickets.length;
    expect(share('done')).toBeGreaterThan(0.9);
    expect(share('no_show')).toBeGreaterThan(0.01);
    expect(share('no_show')).toBeLessThan(0.06);
    expect(share('cancelled')).toBeGreaterThan(0);
    expect(share('cancelled')).toBeLessThan(0.03);
    expect(tickets.some((x) => x.transferred_from_service_id !== null)).toBe(true);
    const priority = tickets.filter((x) => x.priority !== null).length / tickets.length;
    expect(priority).toBeGreaterThan(0.04);
    expect(priority).toBeLessThan(0.13);
    // every ticket ends: nobody is left waiting, called or at a counter
    expect(tickets.every((x) => ['done', 'no_show', 'cancelled'].includes(x.status))).toBe(true);
  });

  it('keeps the week: Monday–Thursday 08–15, Friday 08–11 and 13–15, Saturday 08–12, Sunday closed', () => {
    for (const x of tickets) {
      const local = localTime(x.issued_at, ZONE);
      expect(local.date).toBe(x.service_date);
      expect(local.hour).toBe(x.service_hour);
      const weekday = WEEKDAY_UTC(x.service_date);
      expect(weekday).not.toBe(0);
      const minute = local.minuteOfDay;
      if (weekday === 6) expect(minute >= 480 && minute < 720).toBe(true);
      else if (weekday === 5) expect((minute >= 480 && minute < 660) || (minute >= 780 && minute < 900)).toBe(true);
      else expect(minute >= 480 && minute < 900).toBe(true);
      expect(x.service_date >= FROM && x.service_date <= TO).toBe(true);
    }
    // the morning peak: 09–11 busier than 08 and than 14
    const byHour = (h: number) => tickets.filter((x) => x.service_hour === h).length;
    expect(byHour(9) + byHour(10)).toBeGreaterThan(2 * byHour(14));
    expect(byHour(9)).toBeGreaterThan(byHour(8));
  });

  it("records each ticket's events as a chain the queue allows, its row matching the last one", () => {
    const byTicket = groupBy(events, (e) => e.ticket_id);
    for (const x of tickets) {
      const list = byTicket.get(x.id) ?? [];
      expect(list[0]?.type).toBe('issue');
      expect(list[0]?.from_status).toBeNull();
      expect(list[0]?.at).toBe(x.issued_at);
      for (let i = 1; i < list.length; i++) {
        const [before, after] = [list[i - 1], list[i]] as [(typeof list)[number], (typeof list)[number]];
        expect(after.from_status).toBe(before.to_status);
        expect(after.at).toBeGreaterThan(before.at);
      }
      const last = list[list.length - 1];
      expect(last?.to_status).toBe(x.status);
      expect(last?.at).toBe(x.updated_at);
      expect(last?.service_id).toBe(x.service_id);
      if (x.called_at !== null) expect(x.called_at).toBeGreaterThanOrEqual(x.issued_at);
      if (x.started_at !== null) expect(x.started_at).toBeGreaterThanOrEqual(x.called_at as number);
      if (x.finished_at !== null) expect(x.finished_at).toBeGreaterThan(x.started_at as number);
      expect(x.arrival_at).toBe(x.issued_at);
      if (x.status === 'done') {
        expect(x.counter_id).not.toBeNull();
        expect(x.officer_id).not.toBeNull();
      }
      if (x.status === 'no_show') expect(x.recall_count).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives ids in time order: ORDER BY id is ORDER BY at', () => {
    for (let i = 1; i < events.length; i++) {
      expect((events[i] as { at: number }).at).toBeGreaterThanOrEqual((events[i - 1] as { at: number }).at);
    }
    for (let i = 1; i < tickets.length; i++) {
      expect((tickets[i] as { issued_at: number }).issued_at).toBeGreaterThanOrEqual(
        (tickets[i - 1] as { issued_at: number }).issued_at,
      );
    }
    expect(
      events.every((e) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(e.id)),
    ).toBe(true);
  });

  it("stores each ticket's visits exactly as foldVisits makes them from its events", async () => {
    const db = t.ctx.database.db;
    const rows = await db.selectFrom('visits').selectAll().where('mall_id', '=', mallId).execute();
    expect(rows.length).toBe(result.visits);
    const services = new Map(
      (await db.selectFrom('services').select(['id', 'agency_id']).execute()).map((s) => [s.id, s.agency_id]),
    );
    const stored = groupBy(rows, (r) => r.ticket_id);
    const byTicket = groupBy(events, (e) => e.ticket_id);
    const num = (v: number | string | null) => (v === null ? null : Number(v));
    for (const x of tickets) {
      const folded = foldVisits(
        (byTicket.get(x.id) ?? []).map((e) => ({
          id: e.id,
          type: e.type,
          at: e.at,
          serviceId: e.service_id,
          counterId: e.counter_id,
          actorId: e.actor_id,
        })),
        {
          ticketId: x.id,
          priority: x.priority as Visit['priority'],
          localDateHour: (at) => {
            const l = localTime(at, ZONE);
            return { date: l.date, hour: l.hour };
          },
        },
      );
      const mine = (stored.get(x.id) ?? [])
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map(
          (r): Visit => ({
            id: r.id,
            ticketId: r.ticket_id,
            serviceId: r.service_id,
            priority: r.priority,
            date: r.service_date,
            hour: Number(r.hour),
            transferredIn: Number(r.transferred_in) === 1,
            enteredAt: Number(r.entered_at),
            calledAt: num(r.called_at),
            startedAt: num(r.started_at),
            finishedAt: num(r.finished_at),
            endedAt: num(r.ended_at),
            counterId: r.counter_id,
            officerId: r.officer_id,
            recalls: Number(r.recalls),
            outcome: r.outcome,
          }),
        );
      expect(mine).toEqual(folded);
      for (const r of stored.get(x.id) ?? []) expect(r.agency_id).toBe(services.get(r.service_id));
    }
    // a transferred ticket has two visits: one transferred, one it went on to
    const transferred = tickets.find((x) => x.transferred_from_service_id !== null);
    const two = stored.get(transferred?.id ?? '') ?? [];
    expect(two.map((v) => v.outcome).sort()).toContain('transferred');
    expect(two.length).toBe(2);
  });

  it('numbers each prefix per day from 1 without gaps, as ticket_sequences says; quotas hold', async () => {
    const db = t.ctx.database.db;
    const lines = groupBy(tickets, (x) => `${x.prefix}/${x.service_date}`);
    const sequences = await db
      .selectFrom('ticket_sequences')
      .select(['prefix', 'service_date', 'value'])
      .where('mall_id', '=', mallId)
      .execute();
    expect(sequences.length).toBe(lines.size);
    for (const s of sequences) {
      const line = lines.get(`${s.prefix}/${s.service_date}`) ?? [];
      const seqs = line.map((x) => x.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: line.length }, (_, i) => i + 1));
      expect(Number(s.value)).toBe(line.length);
      expect(new Set(line.map((x) => x.number)).size).toBe(line.length);
      for (const x of line) expect(x.number).toBe(`${x.prefix}-${String(x.seq).padStart(3, '0')}`);
    }
    // issued per service and day for the services with a quota, counted where the ticket was issued
    const quota = new Map(
      (
        await db.selectFrom('services').select(['id', 'daily_quota']).where('daily_quota', 'is not', null).execute()
      ).map((s) => [s.id, Number(s.daily_quota)]),
    );
    const firstService = new Map(events.filter((e) => e.type === 'issue').map((e) => [e.ticket_id, e.service_id]));
    const issued = new Map<string, number>();
    for (const x of tickets) {
      const service = firstService.get(x.id) as string;
      if (!quota.has(service)) continue;
      const key = `${service}/${x.service_date}`;
      issued.set(key, (issued.get(key) ?? 0) + 1);
    }
    const counts = await db
      .selectFrom('service_day_counts')
      .select(['service_id', 'service_date', 'issued'])
      .where('mall_id', '=', mallId)
      .execute();
    expect(new Map(counts.map((c) => [`${c.service_id}/${c.service_date}`, Number(c.issued)]))).toEqual(issued);
    for (const c of counts) expect(Number(c.issued)).toBeLessThanOrEqual(quota.get(c.service_id) as number);
  });

  it('serves with the agency officers and counters, Dindukcapil the busiest', async () => {
    const db = t.ctx.database.db;
    const officers = await db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['users.id', 'users.agency_id', 'agencies.code'])
      .where('users.role', '=', 'officer')
      .execute();
    const agencyOfOfficer = new Map(officers.map((o) => [o.id, o.agency_id]));
    const counters = new Map(
      (await db.selectFrom('counters').select(['id', 'agency_id']).execute()).map((c) => [c.id, c.agency_id]),
    );
    for (const e of events) {
      if (e.type === 'call') {
        expect(e.counter_id).not.toBeNull();
        expect(agencyOfOfficer.get(e.actor_id as string)).toBe(counters.get(e.counter_id as string));
      }
    }
    const visits = await db
      .selectFrom('visits')
      .innerJoin('agencies', 'agencies.id', 'visits.agency_id')
      .select(['agencies.code'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('agencies.code')
      .orderBy('n', 'desc')
      .execute();
    expect(visits[0]?.code).toBe('dindukcapil');
  });

  it('varies the days: a rush at Monday opening, each service its own spread and a long tail', async () => {
    // Monday: a share of the day at the doors in the first ten minutes, a busier first two hours
    const share = (dates: (weekday: number) => boolean, minutes: number) => {
      const day = tickets.filter((x) => dates(WEEKDAY_UTC(x.service_date)));
      return day.filter((x) => localTime(x.issued_at, ZONE).minuteOfDay < 8 * 60 + minutes).length / day.length;
    };
    const monday = (w: number) => w === 1;
    const midweek = (w: number) => w >= 2 && w <= 4;
    expect(share(monday, 10)).toBeGreaterThan(0.08);
    expect(share(midweek, 10)).toBeLessThan(0.05);
    expect(share(monday, 120)).toBeGreaterThan(share(midweek, 120) + 0.08);

    const db = t.ctx.database.db;
    const visits = (
      await db
        .selectFrom('visits')
        .select(['service_id', 'started_at', 'ended_at'])
        .where('mall_id', '=', mallId)
        .where('outcome', '=', 'done')
        .execute()
    ).map((v) => ({ service_id: v.service_id, served: Number(v.ended_at) - Number(v.started_at) }));
    // served times: each service its own spread, and a long tail of cases far over the median
    const quantile = (xs: number[], p: number) =>
      [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] as number;
    const spreads: number[] = [];
    const ratios: number[] = [];
    for (const list of groupBy(visits, (v) => v.service_id).values()) {
      if (list.length < 15) continue;
      const served = list.map((v) => v.served);
      const median = quantile(served, 0.5);
      spreads.push(quantile(served, 0.9) / median);
      for (const x of served) ratios.push(x / median);
    }
    expect(spreads.length).toBeGreaterThan(5);
    // (one sigma for every service made these 1.5 and 1.1%)
    expect(Math.max(...spreads) / Math.min(...spreads)).toBeGreaterThan(1.9);
    expect(ratios.filter((x) => x >= 2.5).length / ratios.length).toBeGreaterThan(0.03);
  });

  it('answers the SKM for a share of the served tickets, and GET /skm counts them', async () => {
    const db = t.ctx.database.db;
    const responses = await db.selectFrom('skm_responses').selectAll().where('mall_id', '=', mallId).execute();
    expect(responses.length).toBe(result.responses);
    const done = tickets.filter((x) => x.status === 'done');
    expect(responses.length / done.length).toBeGreaterThan(0.2);
    expect(responses.length / done.length).toBeLessThan(0.4);
    const byId = new Map(tickets.map((x) => [x.id, x]));
    const values: number[] = [];
    for (const r of responses) {
      const x = byId.get(r.ticket_id as string);
      expect(x?.status).toBe('done');
      expect(r.source).toBe('ticket');
      expect(r.service_id).toBe(x?.service_id);
      expect(r.counter_id).toBe(x?.counter_id);
      expect(r.officer_id).toBe(x?.officer_id);
      expect(r.service_date).toBe(x?.service_date);
      expect(Number(r.age)).toBeGreaterThanOrEqual(15);
      expect(Number(r.created_at)).toBeGreaterThan(x?.finished_at as number);
      for (const k of ['persyaratan', 'prosedur', 'waktu', 'produk', 'kompetensi', 'perilaku', 'sarana'] as const) {
        values.push(Number(r[k]));
      }
    }
    const share = (v: number) => values.filter((x) => x === v).length / values.length;
    expect(share(3) + share(4)).toBeGreaterThan(0.8);
    expect(share(2)).toBeGreaterThan(0.01);
    expect(share(1)).toBeLessThan(0.03);
    expect(responses.some((r) => r.suggestion)).toBe(true);

    const res = await t.app.inject({ method: 'GET', url: '/api/malls/blora/skm?period=2026-11' });
    expect(res.statusCode).toBe(200);
    const report = json(res);
    expect(report.respondents).toBe(responses.length);
    expect(report.population).toBe(done.length);
    expect(report.ikm).toBeGreaterThan(70);
    expect(report.ikm).toBeLessThan(95);
  });
});

describe('demo traffic history, repeatable (sqlite)', () => {
  const run = async (now?: number) => {
    const database = await createTestDatabase('sqlite');
    const opened = await openDatabase(database.target);
    try {
      await migrate(opened);
      await seedDemo(opened.db, { password: PASSWORD, now: MONDAY_9AM });
      const result = await seedHistory(opened.db, {
        ...OPTIONS,
        ...(now === undefined ? {} : { from: '2026-11-23', to: '2026-12-05', now }),
      });
      const rows = await opened.db
        .selectFrom('tickets')
        .innerJoin('services', 'services.id', 'tickets.service_id')
        .select(['tickets.id', 'tickets.number', 'tickets.status', 'tickets.issued_at', 'services.name'])
        .orderBy('tickets.id')
        .execute();
      const events = await opened.db.selectFrom('ticket_events').select(['id', 'at']).orderBy('id').execute();
      return { result, rows, events };
    } finally {
      await opened.close();
      await database.drop();
    }
  };

  it('makes the same history for the same seed, ids included', async () => {
    const [a, b] = [await run(), await run()];
    expect(b.result).toEqual(a.result);
    expect(b.rows).toEqual(a.rows);
    expect(b.events).toEqual(a.events);
  });

  it('stops the day before `now`', async () => {
    const { rows } = await run(MONDAY_9AM);
    expect(rows.length).toBeGreaterThan(0);
    const last = Math.max(...rows.map((r) => Number(r.issued_at)));
    expect(localTime(last, ZONE).date <= '2026-11-29').toBe(true);
  });
});

describe('demo traffic history, a busy week (sqlite)', () => {
  it('has counters start late, take a break or leave early while citizens of their agency wait', async () => {
    const database = await createTestDatabase('sqlite');
    const opened = await openDatabase(database.target);
    try {
      await migrate(opened);
      await seedDemo(opened.db, { password: PASSWORD, now: MONDAY_9AM });
      await seedHistory(opened.db, { ...OPTIONS, from: '2026-11-16', to: '2026-11-21', ticketsPerDay: 900 });
      const calls = (
        await opened.db
          .selectFrom('visits')
          .select(['agency_id', 'service_date', 'counter_id', 'entered_at', 'called_at', 'ended_at'])
          .where('called_at', 'is not', null)
          .execute()
      ).map((v) => ({
        ...v,
        entered_at: Number(v.entered_at),
        called_at: Number(v.called_at),
        ended_at: Number(v.ended_at),
      }));
      // Every demo counter serves all of its agency's services, and a line's longest idle counter
      // calls whoever joins it: a citizen of the agency waiting through a stretch in which the
      // counter calls nobody, or calls by the others only for citizens who came after its last,
      // mean it was not there.
      const byAgencyDay = groupBy(calls, (v) => `${v.agency_id}/${v.service_date}`);
      const waitingThrough = (agencyId: string, date: string, from: number, to: number) =>
        (byAgencyDay.get(`${agencyId}/${date}`) ?? []).some((v) => v.entered_at <= from && v.called_at >= to);
      let late = 0;
      let away = 0;
      let gone = 0;
      for (const list of groupBy(calls, (v) => `${v.counter_id}/${v.service_date}`).values()) {
        list.sort((a, b) => a.called_at - b.called_at);
        const { agency_id: agency, service_date: date, called_at: first } = list[0] as (typeof list)[number];
        const open = Date.parse(`${date}T01:00:00Z`); // 08:00 in Jakarta
        const close = open + (WEEKDAY_UTC(date) === 6 ? 4 : 7) * 3_600_000;
        if (first >= open + 20 * 60_000 && waitingThrough(agency, date, first - 5 * 60_000, first)) late++;
        for (let i = 1; i < list.length; i++) {
          const [end, next] = [
            (list[i - 1] as (typeof list)[number]).ended_at,
            (list[i] as (typeof list)[number]).called_at,
          ];
          if (next - end >= 12 * 60_000 && waitingThrough(agency, date, end + 60_000, next)) away++;
        }
        const last = (list[list.length - 1] as (typeof list)[number]).ended_at;
        const servedByOthersAfter = (byAgencyDay.get(`${agency}/${date}`) ?? []).filter(
          (v) => v.counter_id !== list[0]?.counter_id && v.entered_at > last + 60_000,
        ).length;
        if (last <= close - 30 * 60_000 && servedByOthersAfter >= 5) gone++;
      }
      // (the history before counters had their own days: 0 of each)
      expect(late).toBeGreaterThan(5);
      expect(away).toBeGreaterThan(2);
      expect(gone).toBeGreaterThan(2);
    } finally {
      await opened.close();
      await database.drop();
    }
  });
});

/**
 * The demo history's visits through several services and its applications (seed/history-visits.ts)
 * on SQLite and PostgreSQL: routes made of served tickets are written as the live queue writes a
 * visit (one number, the head's place, at one counter at a time), applications follow the steps'
 * rule with their due dates, nothing happens after `now`, and the evaluation reads them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplicationStatus, checkStep, standardPeriod } from '../../src/domain/application.js';
import { allowedSteps, type ComplaintStatus, verifyDueDate } from '../../src/domain/complaint.js';
import { dueDateOf } from '../../src/domain/due-date.js';
import { seedHistory } from '../../src/server/db/seed/history.js';
import { seedHistoryComplaints } from '../../src/server/db/seed/history-complaints.js';
import { seedHistoryVisits } from '../../src/server/db/seed/history-visits.js';
import { json, MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const FROM = '2026-11-02';
const TO = '2026-11-27';

describe.each(ENGINES)('demo visits and applications on %s', (engine) => {
  let t: TestApp;
  let mallId: string;
  let result: Awaited<ReturnType<typeof seedHistoryVisits>>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.ctx.database.db;
    mallId = (await db.selectFrom('malls').select('id').where('slug', '=', 'blora').executeTakeFirstOrThrow()).id;
    await seedHistory(db, { mallSlug: 'blora', from: FROM, to: TO, ticketsPerDay: 200, seed: 7 });
    result = await seedHistoryVisits(db, { mallSlug: 'blora', from: FROM, to: TO, now: MONDAY_9AM });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('joins served tickets into visits of two or three agencies, written as the live queue writes them', async () => {
    const db = t.ctx.database.db;
    expect(result.skipped).toBe(false);
    expect(result.routes).toBeGreaterThan(50);
    expect(result.threeStops).toBeGreaterThan(0);
    const routes = await db.selectFrom('routes').selectAll().where('mall_id', '=', mallId).execute();
    expect(routes).toHaveLength(result.routes);
    const stops = await db
      .selectFrom('tickets as t')
      .innerJoin('services as s', 's.id', 't.service_id')
      .select(['t.id', 't.route_id', 't.number', 't.seq', 't.prefix', 's.agency_id', 't.status'])
      .select(['t.issued_at', 't.arrival_at', 't.called_at', 't.finished_at', 't.counter_id'])
      .where('t.route_id', 'is not', null)
      .orderBy('t.id')
      .execute();
    const byRoute = new Map<string, typeof stops>();
    for (const s of stops) byRoute.set(s.route_id as string, [...(byRoute.get(s.route_id as string) ?? []), s]);
    expect(byRoute.size).toBe(routes.length);
    let three = 0;
    for (const route of routes) {
      const list = (byRoute.get(route.id) ?? []).sort((a, b) => Number(a.called_at) - Number(b.called_at));
      expect(list.length).toBeGreaterThanOrEqual(2);
      if (list.length === 3) three++;
      const head = list.find((s) => s.id === route.head_ticket_id);
      expect(head).toBeDefined();
      expect(route.held_ticket_id).toBeNull();
      expect(new Set(list.map((s) => s.agency_id)).size).toBe(list.length);
      for (const [k, s] of list.entries()) {
        expect(s.status).toBe('done');
        // one number, taken when the head was, its place counted from then
        expect(s.number).toBe(head?.number);
        expect(Number(s.seq)).toBe(Number(head?.seq));
        expect(Number(s.issued_at)).toBe(Number(head?.issued_at));
        expect(Number(s.arrival_at)).toBe(Number(head?.issued_at));
        if (s.id !== head?.id) expect(s.prefix).toMatch(/#[23]$/);
        // at one counter at a time
        if (k > 0) expect(Number(s.called_at)).toBeGreaterThan(Number(list[k - 1]?.finished_at));
      }
    }
    expect(three).toBe(result.threeStops);
    // every stop's issue event and first visit moved to the instant the number was taken
    const moved = await db
      .selectFrom('tickets as t')
      .innerJoin('ticket_events as e', 'e.ticket_id', 't.id')
      .innerJoin('visits as v', 'v.ticket_id', 't.id')
      .select(['t.issued_at', 'e.at', 'v.entered_at'])
      .where('t.route_id', 'is not', null)
      .where('e.type', '=', 'issue')
      .where('v.transferred_in', '=', 0)
      .execute();
    expect(moved).toHaveLength(stops.length);
    for (const m of moved) {
      expect(Number(m.at)).toBe(Number(m.issued_at));
      expect(Number(m.entered_at)).toBe(Number(m.issued_at));
    }
  });

  it('takes applications through allowed steps, due by the standard in working days, nothing after now', async () => {
    const db = t.ctx.database.db;
    expect(result.applications).toBeGreaterThan(20);
    expect(result.overdueNow).toBeGreaterThan(0);
    const apps = await db
      .selectFrom('applications as a')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .select(['a.id', 'a.status', 'a.received_date', 'a.due_date', 'a.ready_date', 'a.ticket_id', 's.standard'])
      .where('a.mall_id', '=', mallId)
      .execute();
    expect(apps).toHaveLength(result.applications);
    const events = await db
      .selectFrom('application_events')
      .selectAll()
      .where('mall_id', '=', mallId)
      .orderBy('at')
      .execute();
    expect(events).toHaveLength(result.applicationEvents);
    const history = new Map<string, typeof events>();
    for (const e of events) history.set(e.application_id, [...(history.get(e.application_id) ?? []), e]);
    const own = await db.selectFrom('special_days').selectAll().where('mall_id', '=', mallId).execute();
    const specialDay = (date: string) => {
      const d = own.find((x) => x.date === date);
      return d ? { date, spans: JSON.parse(d.spans), note: d.note } : null;
    };
    const statuses = new Set<string>();
    for (const a of apps) {
      const period = standardPeriod(JSON.parse(a.standard).duration);
      expect(period?.unit).not.toBe('same_day');
      expect(a.due_date).toBe(dueDateOf(a.received_date, period as NonNullable<typeof period>, specialDay));
      const steps = history.get(a.id) ?? [];
      expect(steps[0]?.status).toBe('diterima');
      for (let k = 1; k < steps.length; k++) {
        const from = steps[k - 1]?.status as ApplicationStatus;
        const to = steps[k]?.status as ApplicationStatus;
        expect(checkStep(from, to, steps[k]?.note), `${from} → ${to}`).toEqual({ ok: true });
      }
      for (const s of steps) expect(Number(s.at)).toBeLessThanOrEqual(MONDAY_9AM);
      expect(a.status).toBe(steps[steps.length - 1]?.status);
      statuses.add(a.status);
    }
    for (const s of ['diproses', 'siap_diambil', 'diambil']) expect(statuses).toContain(s);
  });

  it('is what the evaluation reads, and a second run adds nothing', async () => {
    const cookie = await t.login('pimpinan');
    const visits = json(
      await t.app.inject({ url: `/api/malls/blora/performance/visits?from=${FROM}&to=${TO}`, headers: { cookie } }),
    );
    const multi = visits.byStops
      .filter((b: { stops: number }) => b.stops >= 2)
      .reduce((n: number, b: { visits: number }) => n + b.visits, 0);
    expect(multi).toBe(result.routes);
    const figures = json(
      await t.app.inject({
        url: `/api/malls/blora/performance/applications?from=${FROM}&to=${TO}`,
        headers: { cookie },
      }),
    );
    expect(figures.received).toBe(result.applications);
    expect(figures.overdueNow).toBe(result.overdueNow);
    const again = await seedHistoryVisits(t.ctx.database.db, {
      mallSlug: 'blora',
      from: FROM,
      to: TO,
      now: MONDAY_9AM,
    });
    expect(again.skipped).toBe(true);
  });

  it("adds complaints taken through SP4N-LAPOR!'s course, nothing after now, some late today", async () => {
    const db = t.ctx.database.db;
    const r = await seedHistoryComplaints(db, { mallSlug: 'blora', from: FROM, to: TO, now: MONDAY_9AM });
    expect(r.skipped).toBe(false);
    expect(r.complaints).toBeGreaterThan(20);
    expect(r.overdueNow).toBeGreaterThan(0);
    const rows = await db.selectFrom('complaints').selectAll().where('mall_id', '=', mallId).execute();
    const events = await db.selectFrom('complaint_events').selectAll().orderBy('at').orderBy('id').execute();
    expect(rows).toHaveLength(r.complaints);
    expect(events).toHaveLength(r.events);
    const statuses = new Set<string>();
    for (const c of rows) {
      expect(c.verify_due).toBe(verifyDueDate(c.received_date, () => null));
      const steps = events.filter((e) => e.complaint_id === c.id && e.type === 'step');
      expect(steps[0]?.status).toBe('diterima');
      for (let k = 1; k < steps.length; k++) {
        expect(allowedSteps(steps[k - 1]?.status as ComplaintStatus)).toContain(steps[k]?.status);
      }
      expect(c.status).toBe(steps.at(-1)?.status);
      for (const e of events.filter((x) => x.complaint_id === c.id))
        expect(Number(e.at)).toBeLessThanOrEqual(MONDAY_9AM);
      if (c.status === 'didisposisi') expect(c.disposed_agency_id).not.toBeNull();
      if (c.anonymous === 1) expect(c.name).toBeNull();
      statuses.add(c.status);
    }
    for (const s of ['selesai', 'didisposisi']) expect(statuses).toContain(s);
    const cookie = await t.login('pimpinan');
    const figures = json(
      await t.app.inject({ url: `/api/malls/blora/performance/complaints?from=${FROM}&to=${TO}`, headers: { cookie } }),
    );
    expect(figures.received).toBe(r.complaints);
    expect(figures.overdueNow).toBe(r.overdueNow);
    expect(figures.meanRating).not.toBeNull();
    expect((await seedHistoryComplaints(db, { mallSlug: 'blora', from: FROM, to: TO, now: MONDAY_9AM })).skipped).toBe(
      true,
    );
  });
});

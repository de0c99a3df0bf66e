import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heatMap, measuresOf, staffingByHour, type VisitFact } from './performance.js';
import { emptyTally, mergeTallies, type SurveyGroup, tallyUnits, tallyVisits } from './tally.js';
import { VISIT_OUTCOMES } from './visits.js';

const DATES = ['2026-11-27', '2026-11-28', '2026-11-30', '2026-12-01'];
const HOUR = 3_600_000;

// Visits whose times fall on their own day, as the queue writes them.
const fact = fc
  .record({
    agencyId: fc.constantFrom('a1', 'a2'),
    serviceId: fc.constantFrom('s1', 's2', 's3'),
    counterId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: null }),
    officerId: fc.option(fc.constantFrom('o1', 'o2'), { nil: null }),
    day: fc.integer({ min: 0, max: DATES.length - 1 }),
    hour: fc.integer({ min: 7, max: 15 }),
    priority: fc.constant(null),
    transferredIn: fc.boolean(),
    wait: fc.option(fc.integer({ min: 0, max: 2 * HOUR }), { nil: null }),
    service: fc.integer({ min: 0, max: HOUR }),
    outcome: fc.constantFrom(...VISIT_OUTCOMES),
  })
  .map(({ day, wait, service, ...f }): VisitFact => {
    const enteredAt = Date.parse(`${DATES[day]}T00:00:00Z`) + f.hour * HOUR + 17_321;
    const calledAt = wait === null ? null : enteredAt + wait;
    const startedAt = calledAt === null ? null : calledAt + 30_000;
    return {
      ...f,
      date: DATES[day] as string,
      enteredAt,
      calledAt,
      startedAt,
      finishedAt: startedAt === null ? null : startedAt + service,
    };
  });

const options = {
  standardMinutes: (id: string) => (id === 's1' ? 20 : id === 's2' ? 45 : null),
  localHour: (at: number) => Math.floor(at / HOUR),
};

/** Means summed in another order may differ in the last bits; everything else is exact. */
function expectSameMeasures(a: ReturnType<typeof measuresOf>, b: ReturnType<typeof measuresOf>) {
  for (const key of ['waitSeconds', 'serviceSeconds'] as const) {
    expect(a[key].mean ?? 0).toBeCloseTo(b[key].mean ?? 0, 6);
    expect({ ...a[key], mean: null }).toEqual({ ...b[key], mean: null });
  }
  const strip = (m: typeof a) => ({ ...m, waitSeconds: null, serviceSeconds: null });
  expect(strip(a)).toEqual(strip(b));
}

describe('tallies', () => {
  it("merging each day's tally gives the figures of all the visits at once", () => {
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 80 }), (facts) => {
        const whole = tallyVisits(facts, options);
        const days = DATES.map((d) =>
          tallyVisits(
            facts.filter((f) => f.date === d),
            options,
          ),
        );
        const merged = mergeTallies(days);
        expectSameMeasures(measuresOf(merged), measuresOf(whole));
        expect(heatMap(merged)).toEqual(heatMap(whole));
        expect(staffingByHour(merged, { targetWaitMinutes: 10 })).toEqual(
          staffingByHour(whole, { targetWaitMinutes: 10 }),
        );
        expect(merged.days).toBe(new Set(facts.map((f) => f.date)).size);
      }),
    );
  });

  it('tallies every unit of every dimension from the same visits, and adds the questionnaires to each', () => {
    const survey = fc.record({
      date: fc.constantFrom(...DATES),
      agencyId: fc.constantFrom('a1', 'a2'),
      serviceId: fc.constantFrom('s1', 's2', 's3'),
      counterId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: null }),
      officerId: fc.option(fc.constantFrom('o1', 'o2'), { nil: null }),
      respondents: fc.integer({ min: 1, max: 5 }),
      sums: fc.record({
        persyaratan: fc.nat(20),
        prosedur: fc.nat(20),
        waktu: fc.nat(20),
        biaya: fc.nat(20),
        produk: fc.nat(20),
        kompetensi: fc.nat(20),
        perilaku: fc.nat(20),
        pengaduan: fc.nat(20),
        sarana: fc.nat(20),
      }),
    }) as fc.Arbitrary<SurveyGroup>;
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 60 }), fc.array(survey, { maxLength: 10 }), (facts, surveys) => {
        const units = tallyUnits('m', facts, surveys, ['mall', 'agency', 'service', 'counter', 'officer'], options);
        for (const date of DATES) {
          const own = facts.filter((f) => f.date === date);
          const mall = units.find((u) => u.date === date && u.dim === 'mall');
          if (own.length === 0 && !surveys.some((s) => s.date === date)) {
            expect(mall).toBeUndefined();
            continue;
          }
          expectSameMeasures(measuresOf(mall?.tally ?? emptyTally()), measuresOf(tallyVisits(own, options)));
          const respondents = surveys.filter((s) => s.date === date).reduce((n, s) => n + s.respondents, 0);
          expect(mall?.tally.survey.respondents ?? 0).toBe(respondents);
          // each visit in exactly one agency and one service; in a counter or officer when it has one
          for (const [dim, key] of [
            ['agency', 'agencyId'],
            ['service', 'serviceId'],
            ['counter', 'counterId'],
            ['officer', 'officerId'],
          ] as const) {
            const visits = units
              .filter((u) => u.date === date && u.dim === dim)
              .reduce((n, u) => n + u.tally.visits, 0);
            expect(visits).toBe(own.filter((f) => f[key] !== null).length);
            for (const u of units.filter((x) => x.date === date && x.dim === dim)) {
              const mine = own.filter((f) => f[key] === u.unitId && f.agencyId === u.agencyId);
              expect(u.tally.visits).toBe(mine.length);
              expect([...u.tally.waitMs]).toEqual([...tallyVisits(mine, options).waitMs]);
              const answered = surveys.filter(
                (s) => s.date === date && s[key] === u.unitId && s.agencyId === u.agencyId,
              );
              expect(u.tally.survey.respondents).toBe(answered.reduce((n, s) => n + s.respondents, 0));
            }
          }
        }
      }),
    );
  });

  it('keeps the standard time per visit served and the counters per hour they worked', () => {
    const at = (h: number, m: number) => Date.parse('2026-11-30T00:00:00Z') + h * HOUR + m * 60_000;
    const base = { agencyId: 'a1', officerId: null, date: '2026-11-30', priority: null, transferredIn: false };
    const t = tallyVisits(
      [
        // 15 min of a 20-min standard, served 08:05–08:20 at c1
        {
          ...base,
          serviceId: 's1',
          counterId: 'c1',
          hour: 8,
          enteredAt: at(8, 0),
          calledAt: at(8, 4),
          startedAt: at(8, 5),
          finishedAt: at(8, 20),
          outcome: 'done',
        },
        // 25 min: over the standard; c1 works on into 09:00
        {
          ...base,
          serviceId: 's1',
          counterId: 'c1',
          hour: 8,
          enteredAt: at(8, 10),
          calledAt: at(8, 40),
          startedAt: at(8, 41),
          finishedAt: at(9, 6),
          outcome: 'done',
        },
        // a service without a standard in minutes
        {
          ...base,
          serviceId: 's3',
          counterId: 'c2',
          hour: 8,
          enteredAt: at(8, 15),
          calledAt: at(8, 16),
          startedAt: at(8, 16),
          finishedAt: at(8, 30),
          outcome: 'done',
        },
      ],
      options,
    );
    expect([t.measured, t.within]).toEqual([2, 1]);
    expect([...t.counterHours]).toEqual([
      ['c1', [Math.floor(at(8, 0) / HOUR), Math.floor(at(9, 0) / HOUR)]],
      ['c2', [Math.floor(at(8, 0) / HOUR)]],
    ]);
    expect([...t.waitMs]).toEqual([60_000, 240_000, 1_800_000]);
    expect(measuresOf(t).counters).toEqual({ active: 2, perDay: 2, hoursStaffed: 3 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGE_GROUPS,
  type Answers,
  ageGroup,
  computeIkm,
  EDUCATIONS,
  elementGrades,
  gradeOf,
  type IkmValue,
  isValidAge,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  requiredSample,
  roundTo,
  SEXES,
  SKM_ELEMENT_KEYS,
  SKM_ELEMENTS,
  type SkmAnswer,
  type SkmElement,
  type Sums,
  sampleMet,
  sumAnswers,
  validateAnswers,
  weakestElements,
} from './skm.js';

const NUM_RUNS = 200;

function sumsOf(values: readonly number[]): Sums {
  return Object.fromEntries(SKM_ELEMENT_KEYS.map((k, i) => [k, values[i]])) as Sums;
}

function uniform(respondents: number, answer: SkmAnswer): Sums {
  return sumsOf(SKM_ELEMENT_KEYS.map(() => respondents * answer));
}

function allSame(answer: SkmAnswer): Answers {
  return Object.fromEntries(SKM_ELEMENT_KEYS.map((k) => [k, answer])) as Answers;
}

function value(result: ReturnType<typeof computeIkm>): IkmValue {
  if (result.noData) throw new Error('expected data');
  return result;
}

const answerArb = fc.constantFrom<SkmAnswer>(1, 2, 3, 4);
const answersArb: fc.Arbitrary<Answers> = fc.record(
  Object.fromEntries(SKM_ELEMENT_KEYS.map((k) => [k, answerArb])) as Record<SkmElement, fc.Arbitrary<SkmAnswer>>,
);

describe('elements', () => {
  it('lists the nine elements in the rule order', () => {
    expect(SKM_ELEMENT_KEYS).toEqual([
      'persyaratan',
      'prosedur',
      'waktu',
      'biaya',
      'produk',
      'kompetensi',
      'perilaku',
      'pengaduan',
      'sarana',
    ]);
    expect(Object.keys(SKM_ELEMENTS)).toEqual([...SKM_ELEMENT_KEYS]);
    for (const key of SKM_ELEMENT_KEYS) expect(SKM_ELEMENTS[key].key).toBe(key);
  });

  it('carries the reference table names and answer labels', () => {
    const table: Record<SkmElement, [string, string, string, string, string]> = {
      persyaratan: ['Persyaratan', 'Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
      prosedur: ['Sistem, mekanisme, dan prosedur', 'Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
      waktu: ['Waktu penyelesaian', 'Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
      biaya: ['Biaya/tarif', 'Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
      produk: ['Produk spesifikasi jenis pelayanan', 'Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
      kompetensi: ['Kompetensi pelaksana', 'Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
      perilaku: [
        'Perilaku pelaksana',
        'Tidak sopan dan ramah',
        'Kurang sopan dan ramah',
        'Sopan dan ramah',
        'Sangat sopan dan ramah',
      ],
      pengaduan: [
        'Penanganan pengaduan, saran dan masukan',
        'Tidak ada',
        'Ada tetapi tidak berfungsi',
        'Berfungsi kurang maksimal',
        'Dikelola dengan baik',
      ],
      sarana: ['Sarana dan prasarana', 'Buruk', 'Cukup', 'Baik', 'Sangat baik'],
    };
    for (const key of SKM_ELEMENT_KEYS) {
      const info = SKM_ELEMENTS[key];
      const [name, a1, a2, a3, a4] = table[key];
      expect(info.name.id).toBe(name);
      expect([info.answers[1].id, info.answers[2].id, info.answers[3].id, info.answers[4].id]).toEqual([
        a1,
        a2,
        a3,
        a4,
      ]);
      expect(info.name.en).not.toBe('');
      for (const a of [1, 2, 3, 4] as const) expect(info.answers[a].en).not.toBe('');
    }
  });
});

describe('respondent profile', () => {
  it('offers the reference options', () => {
    expect(SEXES).toEqual(['L', 'P']);
    expect(EDUCATIONS).toEqual(['SD', 'SMP', 'SMA', 'D1-D3', 'S1', 'S2', 'S3']);
    expect(OCCUPATIONS.map((o) => OCCUPATION_LABELS[o].id)).toEqual([
      'PNS',
      'TNI',
      'POLRI',
      'Swasta',
      'Wirausaha',
      'Pelajar/Mahasiswa',
      'Lainnya',
    ]);
  });

  it('bounds the age', () => {
    expect(isValidAge(15)).toBe(true);
    expect(isValidAge(100)).toBe(true);
    expect(isValidAge(14)).toBe(false);
    expect(isValidAge(101)).toBe(false);
    expect(isValidAge(30.5)).toBe(false);
    expect(isValidAge('30')).toBe(false);
  });

  it('groups ages for reports', () => {
    expect([15, 19, 20, 29, 30, 45, 59, 60, 100].map(ageGroup)).toEqual([
      '15-19',
      '15-19',
      '20-29',
      '20-29',
      '30-39',
      '40-49',
      '50-59',
      '60+',
      '60+',
    ]);
    expect(ageGroup(14)).toBeNull();
    expect(ageGroup(101)).toBeNull();
    expect(ageGroup(33.3)).toBeNull();
    for (let age = 15; age <= 100; age++) expect(AGE_GROUPS).toContain(ageGroup(age));
  });
});

describe('validateAnswers', () => {
  const good = { ...allSame(3), waktu: 4, sarana: 1 };

  it('accepts nine answers 1–4', () => {
    expect(validateAnswers(good)).toEqual({ ok: true, answers: good });
  });

  it('names a missing element', () => {
    const { sarana: _dropped, ...rest } = good;
    expect(validateAnswers(rest)).toEqual({ ok: false, problems: [{ key: 'sarana', code: 'missing' }] });
    expect(validateAnswers({ ...good, sarana: null })).toEqual({
      ok: false,
      problems: [{ key: 'sarana', code: 'missing' }],
    });
  });

  it('names an answer out of range, a string, a fraction', () => {
    expect(validateAnswers({ ...good, waktu: 5 })).toEqual({
      ok: false,
      problems: [{ key: 'waktu', code: 'not_an_answer' }],
    });
    expect(validateAnswers({ ...good, biaya: '3' })).toEqual({
      ok: false,
      problems: [{ key: 'biaya', code: 'not_an_answer' }],
    });
    expect(validateAnswers({ ...good, prosedur: 2.5 })).toEqual({
      ok: false,
      problems: [{ key: 'prosedur', code: 'not_an_answer' }],
    });
    expect(validateAnswers({ ...good, produk: 0, perilaku: Number.NaN })).toEqual({
      ok: false,
      problems: [
        { key: 'produk', code: 'not_an_answer' },
        { key: 'perilaku', code: 'not_an_answer' },
      ],
    });
  });

  it('lists every problem, and refuses positional keys', () => {
    const { persyaratan: _a, ...rest } = good;
    expect(validateAnswers({ ...rest, waktu: 7, u1: 3 })).toEqual({
      ok: false,
      problems: [
        { key: 'persyaratan', code: 'missing' },
        { key: 'waktu', code: 'not_an_answer' },
        { key: 'u1', code: 'unknown_element' },
      ],
    });
  });

  it('refuses a body that is not an object', () => {
    for (const input of [null, undefined, 3, 'x', [3, 3, 3, 3, 3, 3, 3, 3, 3]]) {
      expect(validateAnswers(input)).toEqual({ ok: false, problems: [{ key: '', code: 'not_an_object' }] });
    }
  });

  it('does not take answers from the prototype', () => {
    const inherited = Object.create(good) as object;
    const check = validateAnswers(inherited);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems).toHaveLength(9);
  });
});

describe('roundTo', () => {
  it('rounds half up on the printed decimal', () => {
    expect(roundTo(91.475, 2)).toBe(91.48);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
    expect(roundTo(91.474, 2)).toBe(91.47);
    expect(roundTo(1.23456, 4)).toBe(1.2346);
    expect(roundTo(2.5, 0)).toBe(3);
  });

  it('rounds negatives away from zero and leaves no negative zero', () => {
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(Object.is(roundTo(-0.001, 2), 0)).toBe(true);
  });

  it('copes with numbers printed in exponent form', () => {
    expect(roundTo(1e-7, 2)).toBe(0);
    expect(roundTo(1.5e-7, 7)).toBe(2e-7);
    expect(roundTo(1.5e21, 2)).toBe(1.5e21);
  });

  it('refuses a bad number of decimals', () => {
    expect(() => roundTo(1, -1)).toThrow(RangeError);
    expect(() => roundTo(1, 1.5)).toThrow(RangeError);
  });
});

describe('gradeOf', () => {
  it('puts the band edges on the right side', () => {
    expect(gradeOf(100)).toBe('A');
    expect(gradeOf(88.31)).toBe('A');
    expect(gradeOf(88.3)).toBe('B');
    expect(gradeOf(76.61)).toBe('B');
    expect(gradeOf(76.6)).toBe('C');
    expect(gradeOf(65.0)).toBe('C');
    expect(gradeOf(64.99)).toBe('D');
    expect(gradeOf(25)).toBe('D');
  });

  it('classifies on the value rounded to two decimals', () => {
    expect(gradeOf(88.305)).toBe('A');
    expect(gradeOf(88.3049)).toBe('B');
    expect(gradeOf(64.995)).toBe('C');
  });

  it('refuses NaN', () => {
    expect(() => gradeOf(Number.NaN)).toThrow(RangeError);
  });
});

describe('computeIkm', () => {
  it('reproduces the worked example', () => {
    const r = value(computeIkm(sumsOf([105, 101, 100, 116, 102, 105, 106, 105, 115]), 29));
    expect(r.ikm).toBe(91.48);
    expect(r.grade).toBe('A');
    expect(r.label).toEqual({ id: 'Sangat Baik', en: 'Very good' });
    expect(r.nrr.biaya).toBe(116 / 29);
    expect(r.nrrTertimbang.biaya).toBeCloseTo(116 / 29 / 9, 15);
    expect(r.ikmUnit).toBeCloseTo(955 / 261, 15);
    expect(r.ikmUnit * 25).toBeCloseTo(91.4751, 4);
    expect(roundTo(r.nrr.waktu, 2)).toBe(3.45);
    expect(r.elements.waktu).toEqual({ score: 86.21, grade: 'B' });
    expect(r.elements.biaya).toEqual({ score: 100, grade: 'A' });
  });

  it('gives exactly 100 when everyone answers 4 (the printed 0.111 weight would give 99.90)', () => {
    const r = value(computeIkm(uniform(37, 4), 37));
    expect(r.ikm).toBe(100);
    expect(r.ikmUnit).toBe(4);
    expect(r.grade).toBe('A');
  });

  it('gives 25.00, grade D, when everyone answers 1', () => {
    const r = value(computeIkm(uniform(12, 1), 12));
    expect(r.ikm).toBe(25);
    expect(r.grade).toBe('D');
    expect(r.label.id).toBe('Tidak Baik');
  });

  it('grades C "Kurang Baik" and B "Baik"', () => {
    const b = value(computeIkm(sumsOf(SKM_ELEMENT_KEYS.map(() => 32)), 10)); // NRR 3.2 → 80
    expect(b.ikm).toBe(80);
    expect(b.grade).toBe('B');
    expect(b.label.id).toBe('Baik');
    const c = value(computeIkm(uniform(5, 3), 5)); // NRR 3 → 75
    expect(c.ikm).toBe(75);
    expect(c.grade).toBe('C');
    expect(c.label.id).toBe('Kurang Baik');
  });

  it('rounds an exact half up, where float arithmetic would round it down', () => {
    // 1000 respondents, 11583 points: exactly 32.175. (11583 × 25) / 9000 in floats is 32.17499…
    const sums = sumsOf([1287, 1287, 1287, 1287, 1287, 1287, 1287, 1287, 1287]);
    expect(value(computeIkm(sums, 1000)).ikm).toBe(32.18);
    // 5000 respondents, exactly 76.605 → 76.61 → B, not C.
    const b = value(computeIkm(sumsOf(SKM_ELEMENT_KEYS.map(() => 15321)), 5000));
    expect(b.ikm).toBe(76.61);
    expect(b.grade).toBe('B');
    // 5000 respondents, exactly 88.305 → 88.31 → A.
    const a = value(computeIkm(sumsOf(SKM_ELEMENT_KEYS.map(() => 17661)), 5000));
    expect(a.ikm).toBe(88.31);
    expect(a.grade).toBe('A');
  });

  it('scores one element exactly too', () => {
    // 41 / 40 × 25 = 25.625 exactly; 41 / 40 * 25 in floats is 25.624999…
    const sums = { ...uniform(40, 1), sarana: 41 };
    expect(elementGrades(sums, 40).sarana).toEqual({ score: 25.63, grade: 'D' });
  });

  it('says "no data" for zero respondents', () => {
    expect(computeIkm(uniform(0, 1), 0)).toEqual({ noData: true, respondents: 0 });
  });

  it('refuses sums that cannot come from answers 1–4', () => {
    expect(() => computeIkm({ ...uniform(10, 2), waktu: 9 }, 10)).toThrow(/waktu/);
    expect(() => computeIkm({ ...uniform(10, 2), waktu: 41 }, 10)).toThrow(/waktu/);
    expect(() => computeIkm({ ...uniform(10, 2), waktu: 20.5 }, 10)).toThrow(/waktu/);
    expect(() => computeIkm(uniform(10, 2), -1)).toThrow(RangeError);
    expect(() => computeIkm(uniform(0, 1), 0.5)).toThrow(RangeError);
  });
});

describe('sumAnswers', () => {
  it('adds per element and counts', () => {
    const { sums, respondents } = sumAnswers([allSame(4), { ...allSame(1), biaya: 3 }, allSame(2)]);
    expect(respondents).toBe(3);
    expect(sums).toEqual({ ...sumsOf(SKM_ELEMENT_KEYS.map(() => 7)), biaya: 9 });
  });

  it('gives zeros for an empty list', () => {
    expect(sumAnswers([])).toEqual({ sums: uniform(0, 1), respondents: 0 });
  });
});

describe('weakestElements', () => {
  it('returns the lowest, ties in display order', () => {
    const nrr = { ...uniform(1, 4), sarana: 2.5, waktu: 3, biaya: 3, prosedur: 3.5 };
    expect(weakestElements(nrr)).toEqual(['sarana', 'waktu', 'biaya']);
    expect(weakestElements(nrr, 1)).toEqual(['sarana']);
    expect(weakestElements(nrr, 0)).toEqual([]);
    expect(weakestElements(uniform(1, 3), 9)).toEqual([...SKM_ELEMENT_KEYS]);
  });

  it('breaks a tie by display order even when the later key is listed first', () => {
    const nrr = { ...uniform(1, 4), sarana: 2, persyaratan: 2 };
    expect(weakestElements(nrr, 2)).toEqual(['persyaratan', 'sarana']);
  });
});

describe('requiredSample (Krejcie & Morgan)', () => {
  it('matches the published table', () => {
    const table: [number, number][] = [
      [10, 10],
      [50, 44],
      [100, 80],
      [200, 132],
      [500, 217],
      [1000, 278],
      [2000, 322],
      [5000, 357],
      [10000, 370],
      [50000, 381],
      [1000000, 384],
    ];
    for (const [population, sample] of table)
      expect([population, requiredSample(population)]).toEqual([population, sample]);
  });

  it('needs nobody when nobody was served, everyone when one was', () => {
    expect(requiredSample(0)).toBe(0);
    expect(requiredSample(1)).toBe(1);
  });

  it('refuses a bad population', () => {
    expect(() => requiredSample(-1)).toThrow(RangeError);
    expect(() => requiredSample(10.5)).toThrow(RangeError);
  });

  it('tells whether the sample is met', () => {
    expect(sampleMet(278, 1000)).toBe(true);
    expect(sampleMet(277, 1000)).toBe(false);
    expect(sampleMet(0, 0)).toBe(true);
  });
});

describe('properties', () => {
  const responsesArb = fc.array(answersArb, { minLength: 1, maxLength: 60 });

  it('keeps the IKM within 25–100 with a grade that matches it', () => {
    fc.assert(
      fc.property(responsesArb, (list) => {
        const { sums, respondents } = sumAnswers(list);
        const r = value(computeIkm(sums, respondents));
        expect(r.ikm).toBeGreaterThanOrEqual(25);
        expect(r.ikm).toBeLessThanOrEqual(100);
        expect(r.grade).toBe(gradeOf(r.ikm));
        expect(r.respondents).toBe(list.length);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('makes the IKM the mean of the nine NRR × 25, within rounding', () => {
    fc.assert(
      fc.property(responsesArb, (list) => {
        const { sums, respondents } = sumAnswers(list);
        const r = value(computeIkm(sums, respondents));
        const mean = (SKM_ELEMENT_KEYS.reduce((s, k) => s + r.nrr[k], 0) / 9) * 25;
        expect(Math.abs(r.ikm - mean)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(r.ikm).toBe(roundTo(r.ikm, 2));
        expect(Math.abs(r.ikmUnit * 25 - mean)).toBeLessThan(1e-9);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('does not depend on the order of the responses', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(answersArb, fc.double({ noNaN: true })), { minLength: 1, maxLength: 40 }),
        (tagged) => {
          const list = tagged.map(([a]) => a);
          const shuffled = [...tagged].sort((x, y) => x[1] - y[1]).map(([a]) => a);
          const one = sumAnswers(list);
          const two = sumAnswers(shuffled);
          expect(computeIkm(two.sums, two.respondents)).toEqual(computeIkm(one.sums, one.respondents));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('never needs more responses than people served, nor fewer for a larger population', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(requiredSample(small)).toBeLessThanOrEqual(requiredSample(large));
        expect(requiredSample(small)).toBeLessThanOrEqual(small);
        expect(requiredSample(small + 1)).toBeGreaterThanOrEqual(requiredSample(small));
        expect(requiredSample(large)).toBeLessThanOrEqual(384);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('grades one element by the same bands as the IKM', () => {
    fc.assert(
      fc.property(responsesArb, (list) => {
        const { sums, respondents } = sumAnswers(list);
        const elements = elementGrades(sums, respondents);
        for (const key of SKM_ELEMENT_KEYS) {
          expect(Math.abs(elements[key].score - (sums[key] / respondents) * 25)).toBeLessThanOrEqual(0.005 + 1e-9);
          expect(elements[key].grade).toBe(gradeOf(elements[key].score));
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

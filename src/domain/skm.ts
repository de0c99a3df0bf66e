/**
 * Survei Kepuasan Masyarakat (SKM) and its index (IKM), per PermenPANRB 14/2017. Pure: answer
 * sums in, NRR, IKM, grade and sample checks out. Answers are stored by element key, never by
 * position: published questionnaires disagree on whether "sarana" or "pengaduan" is U8.
 */

// ---------------------------------------------------------------------------------------------
// Elements (unsur) and their answers

/** The rule's own display order. */
export const SKM_ELEMENT_KEYS = [
  'persyaratan',
  'prosedur',
  'waktu',
  'biaya',
  'produk',
  'kompetensi',
  'perilaku',
  'pengaduan',
  'sarana',
] as const;
export type SkmElement = (typeof SKM_ELEMENT_KEYS)[number];

export const SKM_ANSWER_VALUES = [1, 2, 3, 4] as const;
export type SkmAnswer = (typeof SKM_ANSWER_VALUES)[number];
export type Answers = Record<SkmElement, SkmAnswer>;

export interface Bilingual {
  id: string;
  en: string;
}

export interface SkmElementInfo {
  key: SkmElement;
  /** the unsur's name as the rule prints it, and in English */
  name: Bilingual;
  /** what each answer means, 1 (worst) to 4 (best) */
  answers: Record<SkmAnswer, Bilingual>;
}

function labels(id: readonly [string, string, string, string], en: readonly [string, string, string, string]) {
  return {
    1: { id: id[0], en: en[0] },
    2: { id: id[1], en: en[1] },
    3: { id: id[2], en: en[2] },
    4: { id: id[3], en: en[3] },
  };
}

/** Keyed by element; iterate SKM_ELEMENT_KEYS for the display order. */
export const SKM_ELEMENTS: Record<SkmElement, SkmElementInfo> = {
  persyaratan: {
    key: 'persyaratan',
    name: { id: 'Persyaratan', en: 'Requirements' },
    answers: labels(
      ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
      ['Not appropriate', 'Not very appropriate', 'Appropriate', 'Very appropriate'],
    ),
  },
  prosedur: {
    key: 'prosedur',
    name: { id: 'Sistem, mekanisme, dan prosedur', en: 'Systems, mechanisms and procedures' },
    answers: labels(
      ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
      ['Not easy', 'Not very easy', 'Easy', 'Very easy'],
    ),
  },
  waktu: {
    key: 'waktu',
    name: { id: 'Waktu penyelesaian', en: 'Completion time' },
    answers: labels(
      ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
      ['Not fast', 'Not very fast', 'Fast', 'Very fast'],
    ),
  },
  biaya: {
    key: 'biaya',
    name: { id: 'Biaya/tarif', en: 'Cost/fee' },
    answers: labels(
      ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
      ['Very expensive', 'Fairly expensive', 'Cheap', 'Free'],
    ),
  },
  produk: {
    key: 'produk',
    name: { id: 'Produk spesifikasi jenis pelayanan', en: 'Product specification by type of service' },
    answers: labels(
      ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
      ['Not appropriate', 'Not very appropriate', 'Appropriate', 'Very appropriate'],
    ),
  },
  kompetensi: {
    key: 'kompetensi',
    name: { id: 'Kompetensi pelaksana', en: 'Staff competence' },
    answers: labels(
      ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
      ['Not competent', 'Not very competent', 'Competent', 'Very competent'],
    ),
  },
  perilaku: {
    key: 'perilaku',
    name: { id: 'Perilaku pelaksana', en: 'Staff conduct' },
    answers: labels(
      ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
      ['Not polite and friendly', 'Not very polite and friendly', 'Polite and friendly', 'Very polite and friendly'],
    ),
  },
  pengaduan: {
    key: 'pengaduan',
    name: { id: 'Penanganan pengaduan, saran dan masukan', en: 'Handling of complaints, suggestions and feedback' },
    answers: labels(
      ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
      ['None', 'Exists but does not work', 'Works, but not fully', 'Well managed'],
    ),
  },
  sarana: {
    key: 'sarana',
    name: { id: 'Sarana dan prasarana', en: 'Facilities and infrastructure' },
    answers: labels(['Buruk', 'Cukup', 'Baik', 'Sangat baik'], ['Poor', 'Fair', 'Good', 'Very good']),
  },
};

// ---------------------------------------------------------------------------------------------
// Respondent profile

export const SEXES = ['L', 'P'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, Bilingual> = {
  L: { id: 'Laki-laki', en: 'Male' },
  P: { id: 'Perempuan', en: 'Female' },
};

export const EDUCATIONS = ['SD', 'SMP', 'SMA', 'D1-D3', 'S1', 'S2', 'S3'] as const;
export type Education = (typeof EDUCATIONS)[number];
export const EDUCATION_LABELS: Record<Education, Bilingual> = {
  SD: { id: 'SD', en: 'Primary school' },
  SMP: { id: 'SMP', en: 'Junior high school' },
  SMA: { id: 'SMA', en: 'Senior high school' },
  'D1-D3': { id: 'D1–D3', en: 'Diploma (D1–D3)' },
  S1: { id: 'S1', en: "Bachelor's degree" },
  S2: { id: 'S2', en: "Master's degree" },
  S3: { id: 'S3', en: 'Doctorate' },
};

export const OCCUPATIONS = ['PNS', 'TNI', 'POLRI', 'SWASTA', 'WIRAUSAHA', 'PELAJAR_MAHASISWA', 'LAINNYA'] as const;
export type Occupation = (typeof OCCUPATIONS)[number];
export const OCCUPATION_LABELS: Record<Occupation, Bilingual> = {
  PNS: { id: 'PNS', en: 'Civil servant' },
  TNI: { id: 'TNI', en: 'Armed forces' },
  POLRI: { id: 'POLRI', en: 'Police' },
  SWASTA: { id: 'Swasta', en: 'Private sector employee' },
  WIRAUSAHA: { id: 'Wirausaha', en: 'Self-employed' },
  PELAJAR_MAHASISWA: { id: 'Pelajar/Mahasiswa', en: 'Student' },
  LAINNYA: { id: 'Lainnya', en: 'Other' },
};

export const AGE_MIN = 15;
export const AGE_MAX = 100;

export function isValidAge(age: unknown): age is number {
  return typeof age === 'number' && Number.isInteger(age) && age >= AGE_MIN && age <= AGE_MAX;
}

export const AGE_GROUPS = ['15-19', '20-29', '30-39', '40-49', '50-59', '60+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** The report's age band; null for an age outside AGE_MIN–AGE_MAX or not a whole number. */
export function ageGroup(age: number): AgeGroup | null {
  if (!isValidAge(age)) return null;
  if (age < 20) return '15-19';
  if (age >= 60) return '60+';
  const decade = Math.floor(age / 10) * 10;
  return `${decade}-${decade + 9}` as AgeGroup;
}

// ---------------------------------------------------------------------------------------------
// Validating one questionnaire

export interface AnswerProblem {
  /** the element key (or the unexpected key); '' when the whole input is wrong */
  key: string;
  code: 'not_an_object' | 'missing' | 'not_an_answer' | 'unknown_element';
}

export type AnswersCheck = { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] };

function isAnswer(value: unknown): value is SkmAnswer {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4;
}

/**
 * Answers from an untrusted body, or every problem with them. Strict on purpose: a string "3"
 * is not an answer, and a key we do not know (say "u8") is refused rather than silently dropped,
 * since it most likely means a client is sending positions instead of element keys.
 */
export function validateAnswers(input: unknown): AnswersCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ key: '', code: 'not_an_object' }] };
  }
  const record = input as Record<string, unknown>;
  const problems: AnswerProblem[] = [];
  const answers: Partial<Answers> = {};
  for (const key of SKM_ELEMENT_KEYS) {
    // Own properties only, so nothing inherited from Object.prototype passes as an answer.
    const value = Object.hasOwn(record, key) ? record[key] : undefined;
    if (value === undefined || value === null) problems.push({ key, code: 'missing' });
    else if (!isAnswer(value)) problems.push({ key, code: 'not_an_answer' });
    else answers[key] = value;
  }
  const known: ReadonlySet<string> = new Set(SKM_ELEMENT_KEYS);
  for (const key of Object.keys(record)) if (!known.has(key)) problems.push({ key, code: 'unknown_element' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers: answers as Answers };
}

// ---------------------------------------------------------------------------------------------
// Rounding

/**
 * Rounds half away from zero to `decimals` places, on the decimal the number prints as: 91.475
 * gives 91.48 and 1.005 gives 1.01, where Math.round(x * 100) / 100 sees 100.49999… and gives 1.
 */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`decimals must be a whole number 0–20, got ${decimals}`);
  }
  if (!Number.isFinite(x)) return x;
  // Shift the decimal point in the string, not by multiplying: "91.475e2" parses to 9147.5 exactly.
  const [mantissa, exponent = '0'] = String(Math.abs(x)).split('e');
  const rounded = Math.round(Number(`${mantissa}e${Number(exponent) + decimals}`));
  const [m, e = '0'] = String(rounded).split('e');
  const result = Number(`${m}e${Number(e) - decimals}`);
  return x < 0 && result !== 0 ? -result : result;
}

/** numerator / denominator rounded half up to `decimals` places, exactly (positive whole numbers). */
function roundRatio(numerator: number, denominator: number, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const n = BigInt(numerator) * scale;
  const d = BigInt(denominator);
  return Number((2n * n + d) / (2n * d)) / Number(scale);
}

// ---------------------------------------------------------------------------------------------
// Grade

export type Grade = 'A' | 'B' | 'C' | 'D';

export const GRADE_LABELS: Record<Grade, Bilingual> = {
  A: { id: 'Sangat Baik', en: 'Very good' },
  B: { id: 'Baik', en: 'Good' },
  C: { id: 'Kurang Baik', en: 'Less than good' },
  D: { id: 'Tidak Baik', en: 'Not good' },
};

/**
 * The mutu pelayanan of an IKM (or of one element's NRR × 25), on the value rounded to two
 * decimals as the rule prescribes: ≥ 88.31 A, ≥ 76.61 B, ≥ 65.00 C, else D.
 */
export function gradeOf(ikm: number): Grade {
  if (!Number.isFinite(ikm)) throw new RangeError(`IKM must be a finite number, got ${ikm}`);
  // Compare whole hundredths so no float noise decides a band.
  const hundredths = Math.round(roundTo(ikm, 2) * 100);
  if (hundredths >= 8831) return 'A';
  if (hundredths >= 7661) return 'B';
  if (hundredths >= 6500) return 'C';
  return 'D';
}

// ---------------------------------------------------------------------------------------------
// IKM

export type Sums = Record<SkmElement, number>;

export function zeroSums(): Sums {
  return {
    persyaratan: 0,
    prosedur: 0,
    waktu: 0,
    biaya: 0,
    produk: 0,
    kompetensi: 0,
    perilaku: 0,
    pengaduan: 0,
    sarana: 0,
  };
}

/** Per element sums of a list of completed questionnaires, and how many there were. */
export function sumAnswers(list: readonly Answers[]): { sums: Sums; respondents: number } {
  const sums = zeroSums();
  for (const answers of list) for (const key of SKM_ELEMENT_KEYS) sums[key] += answers[key];
  return { sums, respondents: list.length };
}

export interface ElementScore {
  /** NRR × 25, rounded to two decimals */
  score: number;
  grade: Grade;
}

export interface IkmValue {
  noData: false;
  respondents: number;
  /** nilai rata-rata per element: sum ÷ respondents, unrounded */
  nrr: Record<SkmElement, number>;
  /** NRR × 1/9 with the exact ninth (the rule's printed 0.111 would cap the IKM at 99.90) */
  nrrTertimbang: Record<SkmElement, number>;
  /** Σ NRR tertimbang, i.e. the mean NRR (1–4), unrounded */
  ikmUnit: number;
  /** ikmUnit × 25, rounded to two decimals (25.00–100.00) */
  ikm: number;
  grade: Grade;
  label: Bilingual;
  elements: Record<SkmElement, ElementScore>;
}

export interface IkmNoData {
  noData: true;
  respondents: 0;
}

export type IkmResult = IkmValue | IkmNoData;

function checkSums(sums: Sums, respondents: number): void {
  if (!Number.isSafeInteger(respondents) || respondents < 0) {
    throw new RangeError(`respondents must be a whole number ≥ 0, got ${respondents}`);
  }
  for (const key of SKM_ELEMENT_KEYS) {
    const sum = sums[key];
    // Every answer is 1–4, so anything outside [n, 4n] means the sums and the count disagree.
    if (!Number.isSafeInteger(sum) || sum < respondents || sum > 4 * respondents) {
      throw new RangeError(`sum for ${key} must be a whole number ${respondents}–${4 * respondents}, got ${sum}`);
    }
  }
}

/** Each element's NRR × 25, rounded exactly from the sums, with its grade. */
export function elementGrades(sums: Sums, respondents: number): Record<SkmElement, ElementScore> {
  checkSums(sums, respondents);
  if (respondents === 0) throw new RangeError('no respondents: there is no element score to grade');
  const out = {} as Record<SkmElement, ElementScore>;
  for (const key of SKM_ELEMENT_KEYS) {
    const score = roundRatio(sums[key] * 25, respondents, 2);
    out[key] = { score, grade: gradeOf(score) };
  }
  return out;
}

/**
 * The IKM of a period from the per-element answer sums. The published value is computed as
 * (all answers × 25) / (respondents × 9) in whole numbers and rounded once, half up, so it is
 * exact; the unrounded NRR values are for display and export.
 */
export function computeIkm(sums: Sums, respondents: number): IkmResult {
  checkSums(sums, respondents);
  if (respondents === 0) return { noData: true, respondents: 0 };
  const nrr = zeroSums();
  const nrrTertimbang = zeroSums();
  let total = 0;
  for (const key of SKM_ELEMENT_KEYS) {
    nrr[key] = sums[key] / respondents;
    nrrTertimbang[key] = sums[key] / (respondents * 9);
    total += sums[key];
  }
  const ikm = roundRatio(total * 25, respondents * 9, 2);
  const grade = gradeOf(ikm);
  return {
    noData: false,
    respondents,
    nrr,
    nrrTertimbang,
    ikmUnit: total / (respondents * 9),
    ikm,
    grade,
    label: GRADE_LABELS[grade],
    elements: elementGrades(sums, respondents),
  };
}

/** The n lowest elements by NRR, lowest first; equal NRRs keep the display order. */
export function weakestElements(nrr: Record<SkmElement, number>, n = 3): SkmElement[] {
  // Array.prototype.sort is stable, and the keys start in display order.
  return [...SKM_ELEMENT_KEYS].sort((a, b) => nrr[a] - nrr[b]).slice(0, Math.max(0, n));
}

// ---------------------------------------------------------------------------------------------
// Sample size (Krejcie & Morgan)

/**
 * Responses needed for a population (people served in the period):
 * s = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)) with χ² = 3.841, P = 0.5, d = 0.05, rounded half up.
 * Scaled by 100 000 to whole numbers: s = 96025·N / (250·(N−1) + 96025), so it rounds exactly.
 */
export function requiredSample(population: number): number {
  if (!Number.isSafeInteger(population) || population < 0) {
    throw new RangeError(`population must be a whole number ≥ 0, got ${population}`);
  }
  if (population === 0) return 0;
  return roundRatio(96025 * population, 250 * (population - 1) + 96025, 0);
}

export function sampleMet(respondents: number, population: number): boolean {
  return respondents >= requiredSample(population);
}

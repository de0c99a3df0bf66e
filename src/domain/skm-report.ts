/**
 * The SKM report around the IKM arithmetic of ./skm: periods (a `period` shortcut, the previous
 * period of the same length, how a period is written in Indonesian), the respondent profile
 * shaped from grouped counts, and the change against the previous period. Pure.
 */
import {
  AGE_GROUPS,
  type AgeGroup,
  ageGroup,
  type Bilingual,
  EDUCATION_LABELS,
  EDUCATIONS,
  type Education,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  type Occupation,
  roundTo,
  SEX_LABELS,
  SEXES,
  type Sex,
} from './skm.js';

// ---------------------------------------------------------------------------------------------
// Calendar days (YYYY-MM-DD), on UTC midnights so no time zone moves a day

export interface Period {
  /** first day, YYYY-MM-DD */
  from: string;
  /** last day (inclusive), YYYY-MM-DD */
  to: string;
}

const DAY_MS = 86_400_000;

/** A real calendar day written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const toDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const pad2 = (n: number): string => String(n).padStart(2, '0');
/** last day of a month (1–12) */
const lastDayOf = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthStart = (year: number, month: number): string => `${year}-${pad2(month)}-01`;
const monthEnd = (year: number, month: number): string => `${year}-${pad2(month)}-${pad2(lastDayOf(year, month))}`;

/** Days in a period, both ends included. */
export function periodDays(period: Period): number {
  return toDay(period.to) - toDay(period.from) + 1;
}

/** The period's length in whole calendar months, when it runs from a 1st to a month's last day. */
function wholeMonths(period: Period): number | null {
  const [fy, fm, fd] = period.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = period.to.split('-').map(Number) as [number, number, number];
  if (fd !== 1 || td !== lastDayOf(ty, tm)) return null;
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  return months >= 1 ? months : null;
}

/**
 * The period of the same length just before this one. Whole calendar months step back by
 * months, so November compares with October (31 days) and a quarter with the quarter before;
 * any other period steps back by its number of days.
 */
export function previousPeriod(period: Period): Period {
  const months = wholeMonths(period);
  if (months !== null) {
    const [fy, fm] = period.from.split('-').map(Number) as [number, number];
    const start = fy * 12 + (fm - 1) - months; // months since year 0
    const end = start + months - 1;
    const y = (m: number) => Math.floor(m / 12);
    const mo = (m: number) => (m % 12) + 1;
    return { from: monthStart(y(start), mo(start)), to: monthEnd(y(end), mo(end)) };
  }
  const days = periodDays(period);
  const from = toDay(period.from);
  return { from: fromDay(from - days), to: fromDay(from - 1) };
}

/**
 * A `period` shortcut as the date range it names: 2026 (the year), 2026-11 (a month), 2026-Q4
 * (a quarter, triwulan), 2026-S2 (a half year, semester). Null for anything else.
 */
export function parsePeriod(value: string): Period | null {
  let m = /^(\d{4})$/.exec(value);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { from: monthStart(year, month), to: monthEnd(year, month) } : null;
  }
  m = /^(\d{4})-([QqSs])([1-4])$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    const n = Number(m[3]);
    const size = m[2]?.toUpperCase() === 'Q' ? 3 : 6;
    if (size === 6 && n > 2) return null;
    const first = (n - 1) * size + 1;
    return { from: monthStart(year, first), to: monthEnd(year, first + size - 1) };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Writing dates and periods in Indonesian

export const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** 2026-11-01 → "1 November 2026" */
export function formatDateId(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS_ID[m - 1]} ${y}`;
}

/**
 * A period as Indonesian reports name it: "November 2026", "Triwulan IV 2026", "Semester I 2026",
 * "Tahun 2026", or the two dates ("1 - 15 November 2026", "20 Oktober - 5 November 2026").
 * The dash is a plain hyphen so the built-in PDF fonts print it.
 */
export function formatPeriodId(period: Period): string {
  const [fy, fm, fd] = period.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = period.to.split('-').map(Number) as [number, number, number];
  const months = wholeMonths(period);
  if (months !== null && fy === ty) {
    if (months === 1) return `${MONTHS_ID[fm - 1]} ${fy}`;
    if (months === 12) return `Tahun ${fy}`;
    if (months === 3 && (fm - 1) % 3 === 0) return `Triwulan ${ROMAN[(fm - 1) / 3]} ${fy}`;
    if (months === 6 && (fm - 1) % 6 === 0) return `Semester ${ROMAN[(fm - 1) / 6]} ${fy}`;
  }
  if (period.from === period.to) return formatDateId(period.from);
  if (fy === ty && fm === tm) return `${fd} - ${td} ${MONTHS_ID[tm - 1]} ${ty}`;
  if (fy === ty) return `${fd} ${MONTHS_ID[fm - 1]} - ${td} ${MONTHS_ID[tm - 1]} ${ty}`;
  return `${formatDateId(period.from)} - ${formatDateId(period.to)}`;
}

// ---------------------------------------------------------------------------------------------
// Respondent profile

export interface ProfileRow<K extends string> {
  key: K;
  label: Bilingual;
  count: number;
  /** share of the respondents, in percent rounded to two decimals; 0 with no respondents */
  percent: number;
}

export interface Profile {
  sex: ProfileRow<Sex>[];
  ageGroup: ProfileRow<AgeGroup>[];
  education: ProfileRow<Education>[];
  occupation: ProfileRow<Occupation>[];
}

/** Grouped counts as the database returns them: a value and how many answered it. */
export interface GroupCount<V> {
  value: V;
  count: number;
}

export interface ProfileCounts {
  sex: GroupCount<string>[];
  /** by exact age; folded into the report's age groups here */
  age: GroupCount<number>[];
  education: GroupCount<string>[];
  occupation: GroupCount<string>[];
}

function rows<K extends string>(
  keys: readonly K[],
  label: (key: K) => Bilingual,
  counts: ReadonlyMap<string, number>,
  total: number,
): ProfileRow<K>[] {
  return keys.map((key) => {
    const count = counts.get(key) ?? 0;
    return { key, label: label(key), count, percent: total > 0 ? roundTo((count * 100) / total, 2) : 0 };
  });
}

function tally(groups: readonly GroupCount<string>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of groups) out.set(g.value, (out.get(g.value) ?? 0) + g.count);
  return out;
}

/**
 * The profile tables of a report from grouped counts: every option in the questionnaire's
 * order, zeros included, so periods line up. Percentages are of `respondents`.
 */
export function profileBreakdown(counts: ProfileCounts, respondents: number): Profile {
  const ages = new Map<string, number>();
  for (const g of counts.age) {
    const group = ageGroup(g.value);
    if (group) ages.set(group, (ages.get(group) ?? 0) + g.count);
  }
  return {
    sex: rows(SEXES, (k) => SEX_LABELS[k], tally(counts.sex), respondents),
    ageGroup: rows(AGE_GROUPS, (k) => ({ id: `${k} tahun`, en: `${k} years` }), ages, respondents),
    education: rows(EDUCATIONS, (k) => EDUCATION_LABELS[k], tally(counts.education), respondents),
    occupation: rows(OCCUPATIONS, (k) => OCCUPATION_LABELS[k], tally(counts.occupation), respondents),
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison

/** This period's IKM minus the previous one's, to two decimals; null when either has no IKM. */
export function ikmChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  // Both are whole hundredths; subtract those so 88.31 - 76.6 is 11.71, not 11.710000000000008.
  return (Math.round(current * 100) - Math.round(previous * 100)) / 100;
}

/** The export's file name: skm-blora-2026-11-01-2026-11-30.pdf, with the agency's code when filtered. */
export function exportFileName(
  mallSlug: string,
  unitCode: string | null,
  period: Period,
  ext: string,
  kind: 'skm' | 'kinerja' = 'skm',
): string {
  const safe = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const parts = [kind, safe(mallSlug), unitCode ? safe(unitCode) : '', period.from, period.to].filter(Boolean);
  return `${parts.join('-')}.${ext}`;
}

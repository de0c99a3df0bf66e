/** The period choice and the report query it makes: period=2026-11 / 2026-Q4 / 2026-S2 / 2026, or from/to. */
export type PeriodKind = 'month' | 'quarter' | 'semester' | 'year' | 'range';

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  month: number; // 1–12
  quarter: number; // 1–4
  semester: number; // 1–2
  from: string;
  to: string;
}

/** Last month before `today` (YYYY-MM-DD): a report is usually made for a finished month. */
export function defaultChoice(today: string): PeriodChoice {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  return { kind: 'month', year, month, quarter: Math.ceil(month / 3), semester: month <= 6 ? 1 : 2, from: '', to: '' };
}

/** The query's period part, or null while a date range is incomplete or backwards. */
export function periodParams(c: PeriodChoice): Record<string, string> | null {
  switch (c.kind) {
    case 'month':
      return { period: `${c.year}-${String(c.month).padStart(2, '0')}` };
    case 'quarter':
      return { period: `${c.year}-Q${c.quarter}` };
    case 'semester':
      return { period: `${c.year}-S${c.semester}` };
    case 'year':
      return { period: String(c.year) };
    case 'range':
      return c.from && c.to && c.from <= c.to ? { from: c.from, to: c.to } : null;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The choice a URL's query names (period=2026-11 | 2026-Q4 | 2026-S2 | 2026, or from=&to=), over
 * `fallback` for what it does not name; so a report's address can be shared and linked to.
 */
export function choiceFromParams(params: URLSearchParams, fallback: PeriodChoice): PeriodChoice {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (DATE.test(from) || DATE.test(to)) return { ...fallback, kind: 'range', from, to };
  const p = params.get('period') ?? '';
  let m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const month = Number(m[2]);
    return {
      ...fallback,
      kind: 'month',
      year: Number(m[1]),
      month,
      quarter: Math.ceil(month / 3),
      semester: month <= 6 ? 1 : 2,
    };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(p);
  if (m) {
    const quarter = Number(m[2]);
    return {
      ...fallback,
      kind: 'quarter',
      year: Number(m[1]),
      quarter,
      month: quarter * 3 - 2,
      semester: quarter <= 2 ? 1 : 2,
    };
  }
  m = /^(\d{4})-S([12])$/.exec(p);
  if (m) {
    const semester = Number(m[2]);
    return {
      ...fallback,
      kind: 'semester',
      year: Number(m[1]),
      semester,
      month: semester * 6 - 5,
      quarter: semester * 2 - 1,
    };
  }
  m = /^(\d{4})$/.exec(p);
  if (m) return { ...fallback, kind: 'year', year: Number(m[1]) };
  return fallback;
}

export interface UnitChoice {
  agencyId: string;
  serviceId: string;
  /** one counter (loket) of the agency */
  counterId?: string;
  /** one officer (petugas) of the agency */
  officerId?: string;
}

export type UnitLevel = 'mall' | 'agency' | 'service' | 'counter' | 'officer';

export function unitLevel(u: UnitChoice): UnitLevel {
  if (u.officerId) return 'officer';
  if (u.counterId) return 'counter';
  if (u.serviceId) return 'service';
  if (u.agencyId) return 'agency';
  return 'mall';
}

/** The query's unit part: the most specific unit chosen (the API takes one). */
export function unitParams(u: UnitChoice): Record<string, string> {
  if (u.officerId) return { officerId: u.officerId };
  if (u.counterId) return { counterId: u.counterId };
  if (u.serviceId) return { serviceId: u.serviceId };
  if (u.agencyId) return { agencyId: u.agencyId };
  return {};
}

/** The unit a URL names; the agency is kept beside a service, counter or officer so the pickers can show it. */
export function unitFromParams(params: URLSearchParams): UnitChoice {
  return {
    agencyId: params.get('agencyId') ?? '',
    serviceId: params.get('serviceId') ?? '',
    counterId: params.get('counterId') ?? '',
    officerId: params.get('officerId') ?? '',
  };
}

/** The URL query of a choice: the period, the agency and the unit inside it. */
export function choiceToParams(period: PeriodChoice, unit: UnitChoice): URLSearchParams {
  const out = new URLSearchParams();
  const p = period.kind === 'range' ? { from: period.from, to: period.to } : periodParams(period);
  for (const [k, v] of Object.entries(p ?? {})) if (v) out.set(k, v);
  if (unit.agencyId) out.set('agencyId', unit.agencyId);
  const inner = unitLevel(unit);
  if (inner === 'service' || inner === 'counter' || inner === 'officer') {
    const [k, v] = Object.entries(unitParams(unit))[0] as [string, string];
    out.set(k, v);
  }
  return out;
}

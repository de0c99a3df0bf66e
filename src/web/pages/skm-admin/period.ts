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

export interface UnitChoice {
  agencyId: string;
  serviceId: string;
}

export function unitParams(u: UnitChoice): Record<string, string> {
  if (u.serviceId) return { serviceId: u.serviceId };
  if (u.agencyId) return { agencyId: u.agencyId };
  return {};
}

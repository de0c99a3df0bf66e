/**
 * What the performance report exports (PDF and XLSX) are rendered from: the report of the period,
 * the 12 months ending with it, the staffing advice, and for the workbook every visit behind it.
 */
import type { PerformanceReport, Staffing, Trend } from '../../../api/performance.js';

/** One visit of the period as the workbook's "Data kunjungan" sheet lists it. */
export interface VisitExportRow {
  /** local date (YYYY-MM-DD) and hour the visit joined the line */
  date: string;
  hour: number;
  agency: string;
  service: string;
  counter: string | null;
  officer: string | null;
  /** priority class (lansia, disabilitas, ibu_hamil, anak) or null */
  priority: string | null;
  transferredIn: boolean;
  /** epoch ms */
  enteredAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** waiting, called, serving, done, no_show, cancelled or transferred */
  outcome: string;
  /** issue (or transfer in) → first call; null when never called */
  waitSeconds: number | null;
  /** start → finish; null unless served to the end */
  serviceSeconds: number | null;
  /** served within the service's standard time in minutes; null when not measured */
  withinStandard: boolean | null;
}

export interface PerformanceExport {
  report: PerformanceReport;
  /** month by month, the 12 months ending with the period */
  trend: Trend;
  staffing: Staffing;
  /** epoch ms */
  generatedAt: number;
  /** the mall's IANA time zone */
  timeZone: string;
}

// ---------------------------------------------------------------------------------------------
// Shared by the two renderers

type Unit = PerformanceReport['unit'];
export type BreakdownKind = keyof PerformanceReport['breakdown'];

/** The breakdown lists in print order, with what each row is. */
export const BREAKDOWN_KINDS: readonly { key: BreakdownKind; label: string }[] = [
  { key: 'agencies', label: 'Instansi' },
  { key: 'services', label: 'Layanan' },
  { key: 'counters', label: 'Loket' },
  { key: 'officers', label: 'Petugas' },
];

export const OUTCOME_LABELS: Record<string, string> = {
  waiting: 'Menunggu',
  called: 'Dipanggil',
  serving: 'Sedang dilayani',
  done: 'Selesai dilayani',
  no_show: 'Tidak hadir',
  cancelled: 'Dibatalkan',
  transferred: 'Dialihkan',
};

export const PRIORITY_LABELS: Record<string, string> = {
  lansia: 'Lansia',
  disabilitas: 'Penyandang disabilitas',
  ibu_hamil: 'Ibu hamil',
  anak: 'Anak',
};

/** The unit, most specific first: "Loket 3", "Layanan KTP-el", the agency, the mall. */
export function unitLines(unit: Unit): string[] {
  if (unit.level === 'mall') return [unit.mall.name];
  if (unit.level === 'agency') return [unit.name, unit.mall.name];
  const own =
    unit.level === 'counter' ? unit.name : unit.level === 'officer' ? `Petugas ${unit.name}` : `Layanan ${unit.name}`;
  const service = unit.level !== 'service' && unit.service ? `Layanan ${unit.service.name}` : '';
  return [own, service, unit.agency?.name ?? '', unit.mall.name].filter(Boolean);
}

const stampFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock at the mall for an instant: date parts and time to the second. */
export function wallClock(
  at: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let f = stampFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    stampFormatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

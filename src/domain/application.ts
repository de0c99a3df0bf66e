/**
 * Applications after the counter (permohonan; "penelusuran dokumen"): many services end with a
 * product days later — a passport, a PBG permit, an STNK. Pure: the steps an application may take,
 * the period its service's published standard time states, whether it is late, the evaluation's
 * tally. (Its due date in working days is in due-date.ts, apart: it needs the holiday calendar,
 * which the screens that show these rules need not load.)
 */

export const APPLICATION_STATUSES = [
  'diterima',
  'diproses',
  'perlu_perbaikan',
  'siap_diambil',
  'selesai',
  'diambil',
  'ditolak',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * Received → in process → (needs fixing: what is missing → in process again) → ready to collect →
 * collected; or finished without collecting (a product sent by e-mail, a record updated); or
 * rejected with a reason, until it is ready.
 */
const NEXT: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  diterima: ['diproses', 'perlu_perbaikan', 'siap_diambil', 'selesai', 'ditolak'],
  diproses: ['perlu_perbaikan', 'siap_diambil', 'selesai', 'ditolak'],
  perlu_perbaikan: ['diproses', 'ditolak'],
  siap_diambil: ['diambil'],
  selesai: [],
  diambil: [],
  ditolak: [],
};

/** A step the citizen must be told why: what is missing, why it was rejected. */
const NEEDS_NOTE: readonly ApplicationStatus[] = ['perlu_perbaikan', 'ditolak'];

/** Open: the agency still owes the citizen something (the product, or an answer). */
export const OPEN_APPLICATION: readonly ApplicationStatus[] = ['diterima', 'diproses', 'perlu_perbaikan'];

export type StepCheck =
  | { ok: true }
  | { ok: false; reason: 'state'; allowed: readonly ApplicationStatus[] }
  | { ok: false; reason: 'note_required' };

export function checkStep(from: ApplicationStatus, to: ApplicationStatus, note: string | null | undefined): StepCheck {
  const allowed = NEXT[from];
  if (!allowed.includes(to)) return { ok: false, reason: 'state', allowed };
  if (NEEDS_NOTE.includes(to) && !note?.trim()) return { ok: false, reason: 'note_required' };
  return { ok: true };
}

/** The standard's period, read from its published wording ("14 hari kerja", "7 hari", "3 bulan"). */
export type StandardPeriod =
  | { unit: 'working_days'; n: number }
  | { unit: 'days'; n: number }
  | { unit: 'months'; n: number }
  | { unit: 'same_day' };

/**
 * The period a published standard time states, or null when it states none to count
 * ("sesuai jadwal persidangan"). Minutes and hours at the counter are the same day.
 */
export function standardPeriod(duration: string): StandardPeriod | null {
  const text = duration.toLowerCase();
  const working = /(\d+)\s*hari\s+kerja/.exec(text);
  if (working) return { unit: 'working_days', n: Number(working[1]) };
  const days = /(\d+)\s*hari\b/.exec(text);
  if (days) return { unit: 'days', n: Number(days[1]) };
  const months = /(\d+)\s*bulan\b/.exec(text);
  if (months) return { unit: 'months', n: Number(months[1]) };
  if (/\d+\s*(menit|jam)\b/.test(text)) return { unit: 'same_day' };
  return null;
}

/** Late: still open after its due date. */
export function isOverdue(status: ApplicationStatus, dueDate: string | null, today: string): boolean {
  return dueDate !== null && OPEN_APPLICATION.includes(status) && today > dueDate;
}

/** Finished within the standard: ready (or finished) on or before its due date. */
export function finishedInTime(readyDate: string | null, dueDate: string | null): boolean | null {
  if (readyDate === null || dueDate === null) return null;
  return readyDate <= dueDate;
}

/** One application as the evaluation counts it. */
export interface ApplicationFact {
  status: ApplicationStatus;
  receivedDate: string;
  dueDate: string | null;
  readyDate: string | null;
}

export interface ApplicationTally {
  received: number;
  ready: number;
  withinStandard: number;
  withinShare: number | null;
  rejected: number;
  open: number;
  overdueNow: number;
  meanDaysToReady: number | null;
}

const DAY_MS = 86_400_000;
const epochDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The evaluation's figures of a set of applications, as they stand today. */
export function tallyApplications(facts: readonly ApplicationFact[], today: string): ApplicationTally {
  let ready = 0;
  let within = 0;
  let rejected = 0;
  let open = 0;
  let overdue = 0;
  let days = 0;
  for (const f of facts) {
    if (f.readyDate !== null) {
      ready++;
      days += epochDay(f.readyDate) - epochDay(f.receivedDate);
      if (finishedInTime(f.readyDate, f.dueDate) !== false) within++;
    }
    if (f.status === 'ditolak') rejected++;
    if (OPEN_APPLICATION.includes(f.status)) open++;
    if (isOverdue(f.status, f.dueDate, today)) overdue++;
  }
  return {
    received: facts.length,
    ready,
    withinStandard: within,
    withinShare: ready > 0 ? within / ready : null,
    rejected,
    open,
    overdueNow: overdue,
    meanDaysToReady: ready > 0 ? days / ready : null,
  };
}

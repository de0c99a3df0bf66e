/**
 * Complaints, aspirations and requests for information (pengaduan, aspirasi, permintaan
 * informasi: SP4N-LAPOR!'s classification) and their course on LAPOR!'s clock. Pure: the steps a
 * complaint may take and who must say what at each, the deadlines in working days, lateness, and
 * the evaluation's tally.
 *
 * The course: diterima → terverifikasi by the mall within 3 working days (or ditolak / bukan
 * wewenang, with a reason) → didisposisi to an agency → ditindaklanjuti (the agency's answer)
 * within 5 working days of the disposition, or 14 / 60 for a case that needs an inspection (chosen
 * at verification) → selesai. Tunda postpones the answer with a reason and a new date.
 */
import { addWorkingDays } from './holidays.js';
import type { SpecialDay } from './schedule.js';

export const COMPLAINT_KINDS = ['pengaduan', 'aspirasi', 'permintaan_informasi'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** LAPOR!-style topics a citizen picks from (the agency and service are asked apart). */
export const COMPLAINT_CATEGORIES = [
  'kualitas_pelayanan',
  'perilaku_petugas',
  'waktu_pelayanan',
  'biaya_pungli',
  'persyaratan',
  'sarana_prasarana',
  'informasi',
  'lainnya',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_STATUSES = [
  'diterima',
  'terverifikasi',
  'didisposisi',
  'ditindaklanjuti',
  'tunda',
  'selesai',
  'ditolak',
  'bukan_wewenang',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Where a complaint came from: the portal, a ticket page (tied to that visit), a counter's QR, an officer for the citizen. */
export const COMPLAINT_SOURCES = ['portal', 'ticket', 'counter', 'staff'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

/** What a history entry records: a step, information the citizen added, a staff's internal note, the rating, LAPOR! forwarding. */
export type ComplaintEventType = 'step' | 'info' | 'note' | 'rating' | 'lapor';

/** Working days for the answer after the disposition: ordinary, or a case needing an inspection. */
export const COMPLAINT_TRACKS = [5, 14, 60] as const;
export type ComplaintTrack = (typeof COMPLAINT_TRACKS)[number];

/** Working days the mall has to verify a new complaint. */
export const VERIFY_WORKING_DAYS = 3;

const NEXT: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  diterima: ['terverifikasi', 'ditolak', 'bukan_wewenang'],
  terverifikasi: ['didisposisi'],
  // the mall may send it on to another agency; the agency answers or postpones
  didisposisi: ['didisposisi', 'ditindaklanjuti', 'tunda'],
  tunda: ['ditindaklanjuti', 'tunda'],
  ditindaklanjuti: ['selesai'],
  selesai: [],
  ditolak: [],
  bukan_wewenang: [],
};

/** Still owed an answer. */
export const OPEN_COMPLAINT: readonly ComplaintStatus[] = ['diterima', 'terverifikasi', 'didisposisi', 'tunda'];

/** Steps only the mall (its admins) takes; the agency the complaint was sent to takes the others. */
const MALL_STEPS: readonly ComplaintStatus[] = ['terverifikasi', 'ditolak', 'bukan_wewenang', 'didisposisi'];

export function allowedSteps(from: ComplaintStatus): readonly ComplaintStatus[] {
  return NEXT[from];
}

export function isMallStep(to: ComplaintStatus): boolean {
  return MALL_STEPS.includes(to);
}

export interface StepInput {
  note?: string | null | undefined;
  agencyId?: string | null | undefined;
  track?: number | null | undefined;
  /** tunda: the new date for the answer, YYYY-MM-DD */
  dueDate?: string | null | undefined;
}

export type ComplaintStepCheck =
  | { ok: true }
  | { ok: false; reason: 'state'; allowed: readonly ComplaintStatus[] }
  | { ok: false; reason: 'missing'; field: 'note' | 'agencyId' | 'dueDate' }
  | { ok: false; reason: 'bad_track' }
  | { ok: false; reason: 'past_date' };

/**
 * Whether a complaint may go from `from` to `to` with what was given: a reason to refuse, the
 * answer itself, an agency to send it to, a new date for a postponement (after today).
 */
export function checkComplaintStep(
  from: ComplaintStatus,
  to: ComplaintStatus,
  input: StepInput,
  today: string,
): ComplaintStepCheck {
  if (!NEXT[from].includes(to)) return { ok: false, reason: 'state', allowed: NEXT[from] };
  const note = input.note?.trim();
  if ((to === 'ditolak' || to === 'bukan_wewenang' || to === 'ditindaklanjuti' || to === 'tunda') && !note) {
    return { ok: false, reason: 'missing', field: 'note' };
  }
  if (to === 'didisposisi' && !input.agencyId) return { ok: false, reason: 'missing', field: 'agencyId' };
  if (to === 'terverifikasi' && input.track != null && !COMPLAINT_TRACKS.includes(input.track as ComplaintTrack)) {
    return { ok: false, reason: 'bad_track' };
  }
  if (to === 'tunda') {
    if (!input.dueDate) return { ok: false, reason: 'missing', field: 'dueDate' };
    if (input.dueDate <= today) return { ok: false, reason: 'past_date' };
  }
  return { ok: true };
}

type Calendar = (date: string) => SpecialDay | null;

/** When the mall must have verified a complaint received on `date`. */
export function verifyDueDate(date: string, calendar: Calendar): string {
  return addWorkingDays(date, VERIFY_WORKING_DAYS, calendar);
}

/** When the agency must answer a complaint sent to it on `date`, on the track chosen at verification. */
export function answerDueDate(date: string, track: ComplaintTrack, calendar: Calendar): string {
  return addWorkingDays(date, track, calendar);
}

/**
 * The deadline that stands now: verification while it waits for the mall, the answer once sent to
 * an agency (or the postponement's date); none once answered or closed.
 */
export function currentDueDate(
  status: ComplaintStatus,
  dates: { verifyDue: string; answerDue: string | null },
): string | null {
  if (status === 'diterima' || status === 'terverifikasi') return dates.verifyDue;
  if (status === 'didisposisi' || status === 'tunda') return dates.answerDue;
  return null;
}

export function isComplaintOverdue(status: ComplaintStatus, dueDate: string | null, today: string): boolean {
  return dueDate !== null && OPEN_COMPLAINT.includes(status) && today > dueDate;
}

/** One complaint as the evaluation counts it. */
export interface ComplaintFact {
  status: ComplaintStatus;
  /** when the agency answered (ditindaklanjuti), YYYY-MM-DD */
  answeredDate: string | null;
  /** the answer's deadline in force when it was answered, or now */
  answerDue: string | null;
  verifyDue: string;
  verifiedDate: string | null;
  /** the citizen's rating of the answer, 1–5 */
  rating: number | null;
}

export interface ComplaintTally {
  received: number;
  answered: number;
  answeredInTime: number;
  inTimeShare: number | null;
  verifiedInTime: number;
  refused: number;
  open: number;
  overdueNow: number;
  ratings: number;
  meanRating: number | null;
}

/** The evaluation's figures of a set of complaints, as they stand today. */
export function tallyComplaints(facts: readonly ComplaintFact[], today: string): ComplaintTally {
  let answered = 0;
  let inTime = 0;
  let verifiedInTime = 0;
  let refused = 0;
  let open = 0;
  let overdue = 0;
  let ratings = 0;
  let ratingSum = 0;
  for (const f of facts) {
    if (f.answeredDate !== null) {
      answered++;
      if (f.answerDue === null || f.answeredDate <= f.answerDue) inTime++;
    }
    if (f.verifiedDate !== null && f.verifiedDate <= f.verifyDue) verifiedInTime++;
    if (f.status === 'ditolak' || f.status === 'bukan_wewenang') refused++;
    if (OPEN_COMPLAINT.includes(f.status)) open++;
    const due = currentDueDate(f.status, { verifyDue: f.verifyDue, answerDue: f.answerDue });
    if (isComplaintOverdue(f.status, due, today)) overdue++;
    if (f.rating !== null) {
      ratings++;
      ratingSum += f.rating;
    }
  }
  return {
    received: facts.length,
    answered,
    answeredInTime: inTime,
    inTimeShare: answered > 0 ? inTime / answered : null,
    verifiedInTime,
    refused,
    open,
    overdueNow: overdue,
    ratings,
    meanRating: ratings > 0 ? ratingSum / ratings : null,
  };
}

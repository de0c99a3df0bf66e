/**
 * The citizen's step indicator of a complaint: Diterima → Diperiksa → Diteruskan → Dijawab →
 * Selesai; "Ditunda" stands before the answer while postponed; "Ditolak" or "Bukan wewenang" ends
 * the line after Diterima.
 */
import type { ComplaintStatus } from '../../../domain/complaint';

export interface StepView {
  key: ComplaintStatus;
  state: 'done' | 'current' | 'upcoming';
  tone: 'normal' | 'warning' | 'danger' | 'success';
}

const LINE: readonly ComplaintStatus[] = ['diterima', 'terverifikasi', 'didisposisi', 'ditindaklanjuti', 'selesai'];

export function complaintSteps(status: ComplaintStatus): StepView[] {
  if (status === 'ditolak' || status === 'bukan_wewenang') {
    return [
      { key: 'diterima', state: 'done', tone: 'normal' },
      { key: status, state: 'current', tone: 'danger' },
    ];
  }
  if (status === 'tunda') {
    return [
      { key: 'diterima', state: 'done', tone: 'normal' },
      { key: 'terverifikasi', state: 'done', tone: 'normal' },
      { key: 'didisposisi', state: 'done', tone: 'normal' },
      { key: 'tunda', state: 'current', tone: 'warning' },
      { key: 'ditindaklanjuti', state: 'upcoming', tone: 'normal' },
    ];
  }
  const at = LINE.indexOf(status);
  return LINE.map((key, i) => ({
    key,
    state: i < at ? 'done' : i === at ? 'current' : 'upcoming',
    tone: i === at && (key === 'ditindaklanjuti' || key === 'selesai') ? 'success' : 'normal',
  }));
}

/** The note of the latest step with one of these statuses: the answer, the reason. */
export function latestStepNote(
  history: readonly {
    type: string;
    status: ComplaintStatus | null;
    note?: string | undefined;
    agencyName?: string | undefined;
  }[],
  statuses: readonly ComplaintStatus[],
): string | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i];
    if (h?.type === 'step' && h.status !== null && statuses.includes(h.status)) return h.note ?? null;
  }
  return null;
}

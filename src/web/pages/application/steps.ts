/**
 * The citizen's step indicator: Diterima → Diproses → Siap diambil → Diambil (or → Selesai, for a
 * product that is not collected), with "Perlu perbaikan" standing in for Diproses while something
 * is missing, and "Ditolak" ending the line where it was rejected.
 */
import type { ApplicationPublic } from '../../../api/applications';

type Status = ApplicationPublic['status'];

export interface StepView {
  key: Status;
  state: 'done' | 'current' | 'upcoming';
  tone: 'normal' | 'warning' | 'danger' | 'success';
}

const step = (key: Status, state: StepView['state'], tone: StepView['tone'] = 'normal'): StepView => ({
  key,
  state,
  tone,
});

export function stepsOf(status: Status, history: ApplicationPublic['history']): StepView[] {
  switch (status) {
    case 'diterima':
      return [
        step('diterima', 'current'),
        step('diproses', 'upcoming'),
        step('siap_diambil', 'upcoming'),
        step('diambil', 'upcoming'),
      ];
    case 'diproses':
      return [
        step('diterima', 'done'),
        step('diproses', 'current'),
        step('siap_diambil', 'upcoming'),
        step('diambil', 'upcoming'),
      ];
    case 'perlu_perbaikan':
      return [
        step('diterima', 'done'),
        step('perlu_perbaikan', 'current', 'warning'),
        step('siap_diambil', 'upcoming'),
        step('diambil', 'upcoming'),
      ];
    case 'siap_diambil':
      return [
        step('diterima', 'done'),
        step('diproses', 'done'),
        step('siap_diambil', 'current', 'success'),
        step('diambil', 'upcoming'),
      ];
    case 'diambil':
      return [
        step('diterima', 'done'),
        step('diproses', 'done'),
        step('siap_diambil', 'done'),
        step('diambil', 'current', 'success'),
      ];
    case 'selesai':
      return [step('diterima', 'done'), step('diproses', 'done'), step('selesai', 'current', 'success')];
    case 'ditolak': {
      const processed = history.some((h) => h.status === 'diproses' || h.status === 'perlu_perbaikan');
      return [
        step('diterima', 'done'),
        ...(processed ? [step('diproses', 'done')] : []),
        step('ditolak', 'current', 'danger'),
      ];
    }
  }
}

/** The note of the latest entry with this status: what is missing, why it was rejected. */
export function latestNote(history: ApplicationPublic['history'], status: Status): string | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    if (entry?.status === status) return entry.note ?? null;
  }
  return null;
}

/** Final: nothing more will happen to it. */
export const isFinal = (status: Status) => status === 'diambil' || status === 'selesai' || status === 'ditolak';

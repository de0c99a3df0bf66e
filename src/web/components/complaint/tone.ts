import type { ComplaintStatus } from '../../../domain/complaint';

/** A status's badge colours, on the citizen's page and the staff screen alike. */
export const STATUS_TONE: Record<ComplaintStatus, string> = {
  diterima: 'bg-brand-100 text-brand-900',
  terverifikasi: 'bg-brand-100 text-brand-900',
  didisposisi: 'bg-brand-100 text-brand-900',
  tunda: 'bg-amber-100 text-amber-950',
  ditindaklanjuti: 'bg-green-100 text-green-900',
  selesai: 'bg-green-100 text-green-900',
  ditolak: 'bg-red-100 text-red-900',
  bukan_wewenang: 'bg-red-100 text-red-900',
};

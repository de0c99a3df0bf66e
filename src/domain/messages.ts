/**
 * The texts Loket sends to citizens (booking confirmed, reminders, checked in, your turn is near,
 * called, moved, cancelled), in Indonesian or English. Pure. Every text fits one SMS (160 GSM-7
 * characters): long names are shortened, never the code, number or counter.
 */
import { weekdayOf } from './schedule.js';

export const MESSAGE_KINDS = [
  'booking_confirmed',
  'reminder_evening',
  'reminder_hour',
  'booking_moved',
  'booking_cancelled',
  'checked_in',
  'ahead',
  'called',
  'transferred',
  'ticket_cancelled',
  'application_received',
  'application_step',
  'facility_booking',
  'complaint_received',
  'complaint_step',
  'question_answered',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export type MessageLang = 'id' | 'en';

export interface MessageParams {
  mallName: string;
  serviceName: string;
  /** the booking's code, e.g. 4821-0937 */
  code?: string;
  /** YYYY-MM-DD */
  date?: string;
  /** "HH:MM" */
  start?: string;
  /** "HH:MM": when the booking's check-in window opens (the service's rule) */
  checkInFrom?: string;
  /** the ticket's number, e.g. A-023 */
  number?: string;
  counterName?: string;
  ahead?: number;
  /** the booking's or ticket's page */
  link?: string;
  /** an application's new status (src/domain/application.ts) */
  status?: string;
  /** an application's due date, YYYY-MM-DD */
  dueDate?: string;
  /** "HH:MM": when a room booking ends (facility_booking; serviceName is the room) */
  end?: string;
}

/** An application's step as the citizen is told it. */
const STEP: Record<MessageLang, Record<string, string>> = {
  id: {
    diterima: 'diterima',
    diproses: 'sedang diproses',
    perlu_perbaikan: 'perlu perbaikan, lihat catatan',
    siap_diambil: 'SIAP DIAMBIL',
    selesai: 'selesai',
    diambil: 'sudah diambil',
    ditolak: 'ditolak, lihat alasannya',
  },
  en: {
    diterima: 'received',
    diproses: 'in process',
    perlu_perbaikan: 'needs fixing, see the note',
    siap_diambil: 'READY TO COLLECT',
    selesai: 'finished',
    diambil: 'collected',
    ditolak: 'rejected, see why',
  },
};

/** A room booking's decision as the organiser is told it. */
const ROOM_STEP: Record<MessageLang, Record<string, string>> = {
  id: { approved: 'DISETUJUI', rejected: 'ditolak, lihat alasannya', cancelled: 'dibatalkan' },
  en: { approved: 'APPROVED', rejected: 'rejected, see why', cancelled: 'cancelled' },
};

/** A complaint's step as the citizen is told it. */
const COMPLAINT_STEP: Record<MessageLang, Record<string, string>> = {
  id: {
    terverifikasi: 'sudah diverifikasi',
    didisposisi: 'diteruskan ke instansi terkait',
    ditindaklanjuti: 'SUDAH DIJAWAB, lihat jawabannya',
    tunda: 'ditunda, lihat alasannya',
    selesai: 'selesai',
    ditolak: 'tidak dapat diproses, lihat alasannya',
    bukan_wewenang: 'bukan wewenang MPP, lihat keterangannya',
  },
  en: {
    terverifikasi: 'is verified',
    didisposisi: 'is sent to the agency concerned',
    ditindaklanjuti: 'HAS AN ANSWER, see it',
    tunda: 'is postponed, see why',
    selesai: 'is closed',
    ditolak: 'cannot be processed, see why',
    bukan_wewenang: "is outside the mall's authority, see the note",
  },
};

export interface MessageText {
  subject: string;
  text: string;
}

export const SMS_LIMIT = 160;

const DAYS: Record<MessageLang, Record<string, string>> = {
  id: { mon: 'Senin', tue: 'Selasa', wed: 'Rabu', thu: 'Kamis', fri: 'Jumat', sat: 'Sabtu', sun: 'Minggu' },
  en: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
};
const MONTHS: Record<MessageLang, string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** "Selasa 1 Des" / "Tue 1 Dec" */
export function shortDate(date: string, lang: MessageLang): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${DAYS[lang][weekdayOf(date)]} ${d} ${MONTHS[lang][m - 1]}`;
}

/** The clock as Indonesians write it (09.30) or as English does (09:30). */
const time = (start: string | undefined, lang: MessageLang) =>
  lang === 'id' ? (start ?? '').replace(':', '.') : (start ?? '');

type Template = (
  p: Required<Pick<MessageParams, 'mallName' | 'serviceName'>> & MessageParams,
  lang: MessageLang,
) => MessageText;

const when = (p: MessageParams, lang: MessageLang) =>
  `${shortDate(p.date ?? '1970-01-01', lang)} ${time(p.start, lang)}`;

const TEMPLATES: Record<MessageKind, Template> = {
  booking_confirmed: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Booking ${p.serviceName} ${when(p, lang)}`,
          text: `${p.mallName}: booking ${p.serviceName} ${when(p, lang)} tercatat. Kode ${p.code}. Check-in di kiosk mulai ${time(p.checkInFrom ?? p.start, lang)}. ${p.link ?? ''}`,
        }
      : {
          subject: `Booking ${p.serviceName} ${when(p, lang)}`,
          text: `${p.mallName}: your booking for ${p.serviceName} on ${when(p, lang)} is confirmed. Code ${p.code}. Check in at the kiosk from ${time(p.checkInFrom ?? p.start, lang)}. ${p.link ?? ''}`,
        },
  reminder_evening: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Pengingat: besok ${time(p.start, lang)} ${p.serviceName}`,
          text: `${p.mallName}: pengingat, besok ${when(p, lang)} ${p.serviceName}. Kode ${p.code}. Bawa persyaratan. Batal: ${p.link ?? ''}`,
        }
      : {
          subject: `Reminder: tomorrow ${time(p.start, lang)} ${p.serviceName}`,
          text: `${p.mallName}: reminder, tomorrow ${when(p, lang)} ${p.serviceName}. Code ${p.code}. Bring the requirements. Cancel: ${p.link ?? ''}`,
        },
  reminder_hour: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Satu jam lagi: ${p.serviceName}`,
          text: `${p.mallName}: jam ${time(p.start, lang)} booking ${p.serviceName} Anda. Kode ${p.code}, check-in di kiosk saat tiba.`,
        }
      : {
          subject: `In one hour: ${p.serviceName}`,
          text: `${p.mallName}: your ${p.serviceName} booking is at ${time(p.start, lang)}. Code ${p.code}, check in at the kiosk on arrival.`,
        },
  booking_moved: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Booking dipindah ke ${when(p, lang)}`,
          text: `${p.mallName}: booking ${p.serviceName} dipindah ke ${when(p, lang)}. Kode tetap ${p.code}. ${p.link ?? ''}`,
        }
      : {
          subject: `Booking moved to ${when(p, lang)}`,
          text: `${p.mallName}: your ${p.serviceName} booking moved to ${when(p, lang)}. Code still ${p.code}. ${p.link ?? ''}`,
        },
  booking_cancelled: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Booking dibatalkan`,
          text: `${p.mallName}: booking ${p.serviceName} ${when(p, lang)} (kode ${p.code}) dibatalkan.`,
        }
      : {
          subject: `Booking cancelled`,
          text: `${p.mallName}: your ${p.serviceName} booking on ${when(p, lang)} (code ${p.code}) is cancelled.`,
        },
  checked_in: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Nomor antrian ${p.number}`,
          text: `${p.mallName}: check-in berhasil. Nomor antrian ${p.number}, ${p.serviceName}. Kami kabari saat giliran Anda. ${p.link ?? ''}`,
        }
      : {
          subject: `Queue number ${p.number}`,
          text: `${p.mallName}: checked in. Your number is ${p.number}, ${p.serviceName}. We will tell you when it is your turn. ${p.link ?? ''}`,
        },
  ahead: (p, lang) =>
    lang === 'id'
      ? {
          subject: `${p.ahead} orang lagi sebelum ${p.number}`,
          text: `${p.mallName}: tinggal ${p.ahead} orang sebelum nomor ${p.number} (${p.serviceName}). Mohon bersiap di ruang tunggu.`,
        }
      : {
          subject: `${p.ahead} people before ${p.number}`,
          text: `${p.mallName}: ${p.ahead} people before number ${p.number} (${p.serviceName}). Please be ready in the waiting area.`,
        },
  called: (p, lang) =>
    lang === 'id'
      ? {
          subject: `${p.number}: silakan ke ${p.counterName}`,
          text: `${p.mallName}: nomor ${p.number} dipanggil. Silakan menuju ${p.counterName} sekarang (${p.serviceName}).`,
        }
      : {
          subject: `${p.number}: please go to ${p.counterName}`,
          text: `${p.mallName}: number ${p.number} is called. Please go to ${p.counterName} now (${p.serviceName}).`,
        },
  transferred: (p, lang) =>
    lang === 'id'
      ? {
          subject: `${p.number} dipindah ke ${p.serviceName}`,
          text: `${p.mallName}: nomor ${p.number} dipindahkan ke layanan ${p.serviceName}. Tunggu panggilan berikutnya.`,
        }
      : {
          subject: `${p.number} moved to ${p.serviceName}`,
          text: `${p.mallName}: number ${p.number} moved to ${p.serviceName}. Please wait for the next call.`,
        },
  application_received: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Permohonan ${p.code} diterima`,
          text: `${p.mallName}: permohonan ${p.serviceName} diterima, kode ${p.code}.${p.dueDate ? ` Target selesai ${shortDate(p.dueDate, lang)}.` : ''} ${p.link ?? ''}`,
        }
      : {
          subject: `Application ${p.code} received`,
          text: `${p.mallName}: your ${p.serviceName} application is received, code ${p.code}.${p.dueDate ? ` Due ${shortDate(p.dueDate, lang)}.` : ''} ${p.link ?? ''}`,
        },
  application_step: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Permohonan ${p.code}: ${STEP.id[p.status ?? ''] ?? p.status}`,
          text: `${p.mallName}: permohonan ${p.code} (${p.serviceName}) ${STEP.id[p.status ?? ''] ?? p.status}. ${p.link ?? ''}`,
        }
      : {
          subject: `Application ${p.code}: ${STEP.en[p.status ?? ''] ?? p.status}`,
          text: `${p.mallName}: application ${p.code} (${p.serviceName}) ${STEP.en[p.status ?? ''] ?? p.status}. ${p.link ?? ''}`,
        },
  // a room request's decision: status approved, rejected or cancelled (src/domain/facility.ts)
  facility_booking: (p, lang) => {
    const clock = (v: string | undefined) => (lang === 'id' ? (v ?? '').replace(':', '.') : (v ?? ''));
    const when = p.date ? `${shortDate(p.date, lang)} ${clock(p.start)}-${clock(p.end)}` : '';
    return lang === 'id'
      ? {
          subject: `${p.serviceName}: ${ROOM_STEP.id[p.status ?? ''] ?? p.status}`,
          text: `${p.mallName}: peminjaman ${p.serviceName} ${when} ${ROOM_STEP.id[p.status ?? ''] ?? p.status}. ${p.link ?? ''}`,
        }
      : {
          subject: `${p.serviceName}: ${ROOM_STEP.en[p.status ?? ''] ?? p.status}`,
          text: `${p.mallName}: your booking of ${p.serviceName} ${when} is ${ROOM_STEP.en[p.status ?? ''] ?? p.status}. ${p.link ?? ''}`,
        };
  },
  complaint_received: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Laporan ${p.code} diterima`,
          text: `${p.mallName}: laporan Anda diterima, kode ${p.code}. Diverifikasi paling lambat ${shortDate(p.dueDate ?? '', lang)}. ${p.link ?? ''}`,
        }
      : {
          subject: `Report ${p.code} received`,
          text: `${p.mallName}: your report is received, code ${p.code}. Verified by ${shortDate(p.dueDate ?? '', lang)}. ${p.link ?? ''}`,
        },
  complaint_step: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Laporan ${p.code}: ${COMPLAINT_STEP.id[p.status ?? ''] ?? p.status}`,
          text: `${p.mallName}: laporan ${p.code} ${COMPLAINT_STEP.id[p.status ?? ''] ?? p.status}. ${p.link ?? ''}`,
        }
      : {
          subject: `Report ${p.code}: ${COMPLAINT_STEP.en[p.status ?? ''] ?? p.status}`,
          text: `${p.mallName}: report ${p.code} ${COMPLAINT_STEP.en[p.status ?? ''] ?? p.status}. ${p.link ?? ''}`,
        },
  question_answered: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Pertanyaan Anda tentang ${p.serviceName} sudah dijawab`,
          text: `${p.mallName}: pertanyaan Anda tentang ${p.serviceName} sudah dijawab. ${p.link ?? ''}`,
        }
      : {
          subject: `Your question about ${p.serviceName} is answered`,
          text: `${p.mallName}: your question about ${p.serviceName} is answered. ${p.link ?? ''}`,
        },
  ticket_cancelled: (p, lang) =>
    lang === 'id'
      ? {
          subject: `Nomor ${p.number} dibatalkan`,
          text: `${p.mallName}: nomor antrian ${p.number} (${p.serviceName}) dibatalkan.`,
        }
      : {
          subject: `Number ${p.number} cancelled`,
          text: `${p.mallName}: queue number ${p.number} (${p.serviceName}) is cancelled.`,
        },
};

/** Letters an SMS can carry in its 7-bit alphabet: accents folded, the rest dropped. */
export function toSmsText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/[^\x20-\x7e\n]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function shorten(name: string, by: number): string {
  if (by <= 0) return name;
  const keep = Math.max(8, name.length - by - 3);
  return `${name.slice(0, keep).trimEnd()}...`;
}

/**
 * A message in the citizen's language, its text at most one SMS long: the service's and the mall's
 * names are shortened when they would make it longer (the link is dropped last).
 */
export function renderMessage(kind: MessageKind, params: MessageParams, lang: MessageLang): MessageText {
  const template = TEMPLATES[kind];
  let p = { ...params };
  let out = template(p, lang);
  for (let round = 0; round < 4 && toSmsText(out.text).length > SMS_LIMIT; round++) {
    const over = toSmsText(out.text).length - SMS_LIMIT;
    if (round === 0) p = { ...p, serviceName: shorten(p.serviceName, over) };
    else if (round === 1) p = { ...p, mallName: shorten(p.mallName, over) };
    else p = { ...p, link: '' };
    out = template(p, lang);
  }
  return { subject: out.subject, text: toSmsText(out.text) };
}

/**
 * Every error a client can get: its code, HTTP status and message in Indonesian and English.
 * Services throw AppError(code, params); the error handler renders it in the caller's language.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export type Lang = 'id' | 'en';
type Params = Record<string, string | number | boolean | readonly string[] | undefined>;
type Message = (p: Params) => string;

const STATUS_ID: Record<string, string> = {
  waiting: 'menunggu',
  called: 'dipanggil',
  serving: 'sedang dilayani',
  done: 'selesai',
  no_show: 'tidak hadir',
  cancelled: 'dibatalkan',
};
const BOOKING_STATUS_ID: Record<string, string> = {
  booked: 'terpesan',
  checked_in: 'sudah check-in',
  cancelled: 'dibatalkan',
  no_show: 'tidak datang',
};
const APPLICATION_STATUS_ID: Record<string, string> = {
  diterima: 'diterima',
  diproses: 'diproses',
  perlu_perbaikan: 'perlu perbaikan',
  siap_diambil: 'siap diambil',
  selesai: 'selesai',
  diambil: 'diambil',
  ditolak: 'ditolak',
};
const ROOM_STATUS_ID: Record<string, string> = {
  pending: 'menunggu persetujuan',
  approved: 'disetujui',
  rejected: 'ditolak',
  cancelled: 'dibatalkan',
};
const COMPLAINT_STATUS_ID: Record<string, string> = {
  diterima: 'diterima',
  terverifikasi: 'terverifikasi',
  didisposisi: 'didisposisi',
  ditindaklanjuti: 'ditindaklanjuti',
  tunda: 'ditunda',
  selesai: 'selesai',
  ditolak: 'ditolak',
  bukan_wewenang: 'bukan wewenang',
};
const statusId = (s: unknown) => STATUS_ID[String(s)] ?? String(s);
/** A clock as Indonesian writes it: 09.30 */
const jam = (v: unknown) => String(v ?? '').replace(':', '.');
const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

/** A wait in whole seconds as people say it: seconds under a minute, else minutes rounded up. */
const waitId = (v: unknown) => {
  const s = Math.max(1, Number(v) || 0);
  return s < 60 ? `${s} detik` : `${Math.ceil(s / 60)} menit`;
};
const waitEn = (v: unknown) => {
  const s = Math.max(1, Number(v) || 0);
  if (s < 60) return s === 1 ? '1 second' : `${s} seconds`;
  const m = Math.ceil(s / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
};
/** The rules of src/domain/passwords.ts (PasswordRule), in words. */
const WEAK_PASSWORD: Record<string, { id: string; en: string }> = {
  too_short: { id: 'kata sandi minimal 10 karakter', en: 'the password needs at least 10 characters' },
  too_long: { id: 'kata sandi paling banyak 200 karakter', en: 'the password may have at most 200 characters' },
  one_character: {
    id: 'kata sandi tidak boleh berupa satu karakter yang diulang',
    en: 'the password must not be one character repeated',
  },
  digits_only: { id: 'kata sandi tidak boleh hanya berisi angka', en: 'the password must not be digits only' },
  contains_username: {
    id: 'kata sandi tidak boleh memuat nama pengguna',
    en: 'the password must not contain the username',
  },
  common: {
    id: 'kata sandi ini termasuk yang paling umum dipakai dan mudah ditebak; pilih yang lain',
    en: 'this is one of the most common passwords and easy to guess; choose another',
  },
  unchanged: {
    id: 'kata sandi baru harus berbeda dari kata sandi saat ini',
    en: 'the new password must differ from the current one',
  },
};

/** Why the database stores nothing now (src/server/db/storage-fault.ts), as the first sentence of storage_unavailable. */
const STORAGE_FAULT: Record<string, { id: string; en: string }> = {
  full: {
    id: 'Penyimpanan basis data penuh, sehingga data baru tidak dapat disimpan.',
    en: "The database's storage is full, so nothing new can be saved.",
  },
  read_only: {
    id: 'Basis data sedang hanya dapat dibaca, sehingga data baru tidak dapat disimpan.',
    en: 'The database is read-only for now, so nothing new can be saved.',
  },
  failing: {
    id: 'Penyimpanan basis data sedang bermasalah, sehingga data baru tidak dapat disimpan.',
    en: "The database's storage is failing, so nothing new can be saved.",
  },
};

/** What people call a request's fields: messages name these, the `field` property keeps the path. */
const FIELD_LABELS: Record<string, { id: string; en: string }> = {
  name: { id: 'Nama', en: 'Name' },
  shortName: { id: 'Nama singkat', en: 'Short name' },
  code: { id: 'Kode', en: 'Code' },
  color: { id: 'Warna', en: 'Colour' },
  prefix: { id: 'Awalan nomor', en: 'Number prefix' },
  dailyQuota: { id: 'Kuota harian', en: 'Daily quota' },
  waitThresholdMinutes: { id: 'Batas waktu tunggu', en: 'Waiting-time limit' },
  agencyId: { id: 'Instansi', en: 'Agency' },
  serviceId: { id: 'Layanan', en: 'Service' },
  serviceIds: { id: 'Layanan', en: 'Services' },
  counterId: { id: 'Loket', en: 'Counter' },
  officerId: { id: 'Petugas', en: 'Officer' },
  zoneId: { id: 'Zona layar', en: 'Display zone' },
  number: { id: 'Nomor loket', en: 'Counter number' },
  username: { id: 'Nama pengguna', en: 'Username' },
  password: { id: 'Kata sandi', en: 'Password' },
  currentPassword: { id: 'Kata sandi saat ini', en: 'Current password' },
  newPassword: { id: 'Kata sandi baru', en: 'New password' },
  displayName: { id: 'Nama tampilan', en: 'Display name' },
  role: { id: 'Peran', en: 'Role' },
  priority: { id: 'Prioritas', en: 'Priority' },
  date: { id: 'Tanggal', en: 'Date' },
  start: { id: 'Jam sesi', en: 'Slot time' },
  phone: { id: 'Nomor HP', en: 'Mobile number' },
  nik: { id: 'NIK', en: 'NIK' },
  email: { id: 'E-mail', en: 'E-mail' },
  slotMinutes: { id: 'Lama sesi', en: 'Slot length' },
  capacity: { id: 'Kapasitas per sesi', en: 'Capacity per slot' },
  walkInShare: { id: 'Bagian untuk datang langsung', en: 'Walk-in share' },
  daysAhead: { id: 'Hari ke depan', en: 'Days ahead' },
  opensAt: { id: 'Booking dibuka pukul', en: 'Booking opens at' },
  from: { id: 'Dari tanggal', en: 'From' },
  to: { id: 'Sampai tanggal', en: 'To' },
  period: { id: 'Periode', en: 'Period' },
  text: { id: 'Teks', en: 'Text' },
  note: { id: 'Keterangan', en: 'Note' },
  open: { id: 'Jam buka', en: 'Opening time' },
  close: { id: 'Jam tutup', en: 'Closing time' },
  standard: { id: 'Standar layanan', en: 'Service standard' },
  requirements: { id: 'Persyaratan', en: 'Requirements' },
  procedure: { id: 'Prosedur', en: 'Procedure' },
  duration: { id: 'Jangka waktu', en: 'Time' },
  durationMinutes: { id: 'Waktu layanan (menit)', en: 'Service time (minutes)' },
  feeRupiah: { id: 'Biaya', en: 'Fee' },
  feeNote: { id: 'Keterangan biaya', en: 'Fee note' },
  product: { id: 'Produk layanan', en: 'Product' },
  complaint: { id: 'Pengaduan', en: 'Complaints' },
  legalBasis: { id: 'Dasar hukum', en: 'Legal basis' },
  suggestion: { id: 'Saran', en: 'Suggestion' },
  answers: { id: 'Jawaban', en: 'Answers' },
  age: { id: 'Umur', en: 'Age' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  education: { id: 'Pendidikan', en: 'Education' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  end: { id: 'Jam selesai', en: 'End time' },
  purpose: { id: 'Keperluan', en: 'Purpose' },
  organiser: { id: 'Penyelenggara', en: 'Organiser' },
  attendees: { id: 'Jumlah peserta', en: 'Attendees' },
  title: { id: 'Judul laporan', en: 'Title' },
  story: { id: 'Isi laporan', en: 'What happened' },
  eventDate: { id: 'Tanggal kejadian', en: 'Date of the event' },
  eventPlace: { id: 'Lokasi kejadian', en: 'Place of the event' },
  kind: { id: 'Jenis laporan', en: 'Kind of report' },
  category: { id: 'Kategori', en: 'Category' },
  internalNote: { id: 'Catatan internal', en: 'Internal note' },
  track: { id: 'Batas waktu tindak lanjut', en: 'Answer deadline' },
  dueDate: { id: 'Tanggal target', en: 'Due date' },
  score: { id: 'Nilai', en: 'Score' },
  comment: { id: 'Komentar', en: 'Comment' },
  trackingNumber: { id: 'Nomor tiket LAPOR!', en: 'LAPOR! tracking number' },
  photos: { id: 'Foto', en: 'Photos' },
  question: { id: 'Pertanyaan', en: 'Question' },
  answer: { id: 'Jawaban', en: 'Answer' },
};

/** "standard.product" → `"Produk layanan" (standard.product)`; an unknown path quoted as it is. */
function fieldName(field: unknown, lang: Lang): string {
  const path = String(field ?? '');
  const last =
    path
      .split('.')
      .pop()
      ?.replace(/\[\d+\]$/, '') ?? path;
  const label = FIELD_LABELS[last]?.[lang];
  return label ? `"${label}" (${path})` : `"${path}"`;
}

const CATALOGUE = {
  validation: {
    status: 400,
    id: (p: Params) => `Isian ${fieldName(p.field, 'id')} tidak valid: ${p.problemId}`,
    en: (p: Params) => `Field ${fieldName(p.field, 'en')} is invalid: ${p.problemEn}`,
  },
  nul_character: {
    status: 400,
    id: (p: Params) => `Isian "${p.field}" memuat karakter NUL (\\u0000), yang tidak dapat disimpan.`,
    en: (p: Params) => `Field "${p.field}" holds a NUL character (\\u0000), which cannot be stored.`,
  },
  bad_request: {
    status: 400,
    id: (p: Params) => `Permintaan tidak valid: ${p.detail}`,
    en: (p: Params) => `Bad request: ${p.detail}`,
  },
  unauthenticated: {
    status: 401,
    id: () => 'Silakan masuk terlebih dahulu.',
    en: () => 'Please sign in first.',
  },
  bad_credentials: {
    status: 401,
    id: () => 'Nama pengguna atau kata sandi salah.',
    en: () => 'Wrong username or password.',
  },
  password_change_required: {
    status: 403,
    id: () => 'Kata sandi Anda harus diganti terlebih dahulu (POST /api/auth/password).',
    en: () => 'You must change your password first (POST /api/auth/password).',
  },
  locked_out: {
    status: 429,
    id: (p: Params) =>
      `Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini. Coba lagi dalam ${waitId(p.retryAfterSeconds)}.`,
    en: (p: Params) =>
      `Too many failed sign-in attempts for this username. Try again in ${waitEn(p.retryAfterSeconds)}.`,
  },
  weak_password: {
    status: 400,
    id: (p: Params) =>
      `Isian ${fieldName(p.field, 'id')}: ${WEAK_PASSWORD[String(p.rule)]?.id ?? 'kata sandi terlalu lemah'}.`,
    en: (p: Params) =>
      `Field ${fieldName(p.field, 'en')}: ${WEAK_PASSWORD[String(p.rule)]?.en ?? 'the password is too weak'}.`,
  },
  current_password_wrong: {
    status: 400,
    id: (p: Params) => `Isian ${fieldName(p.field, 'id')}: kata sandi saat ini salah.`,
    en: (p: Params) => `Field ${fieldName(p.field, 'en')}: the current password is wrong.`,
  },
  forbidden: {
    status: 403,
    id: () => 'Anda tidak berwenang untuk tindakan ini.',
    en: () => 'You are not allowed to do this.',
  },
  not_found: {
    status: 404,
    id: () => 'Alamat tidak ditemukan.',
    en: () => 'Not found.',
  },
  mall_not_found: {
    status: 404,
    id: (p: Params) => `MPP "${p.mall}" tidak ditemukan.`,
    en: (p: Params) => `Mall "${p.mall}" not found.`,
  },
  agency_not_found: {
    status: 404,
    id: (p: Params) => `Instansi "${p.agencyId}" tidak ditemukan di MPP ini.`,
    en: (p: Params) => `Agency "${p.agencyId}" not found in this mall.`,
  },
  service_not_found: {
    status: 404,
    id: (p: Params) => `Layanan "${p.serviceId}" tidak ditemukan di MPP ini.`,
    en: (p: Params) => `Service "${p.serviceId}" not found in this mall.`,
  },
  counter_not_found: {
    status: 404,
    id: (p: Params) => `Loket "${p.counterId}" tidak ditemukan di MPP ini.`,
    en: (p: Params) => `Counter "${p.counterId}" not found in this mall.`,
  },
  officer_not_found: {
    status: 404,
    id: (p: Params) => `Petugas "${p.officerId}" tidak ditemukan di MPP ini.`,
    en: (p: Params) => `Officer "${p.officerId}" not found in this mall.`,
  },
  ticket_not_found: {
    status: 404,
    id: () => 'Tiket antrian tidak ditemukan.',
    en: () => 'Ticket not found.',
  },
  invalid_transition: {
    status: 409,
    id: (p: Params) =>
      `Tiket ${p.number} berstatus "${statusId(p.currentStatus)}"; tindakan ini hanya untuk tiket berstatus ${list(
        (p.allowed as string[]).map(statusId),
      )}.`,
    en: (p: Params) => `Ticket ${p.number} is "${p.currentStatus}"; this action needs status ${list(p.allowed)}.`,
  },
  recalls_needed: {
    status: 409,
    id: (p: Params) =>
      `Tiket ${p.number} belum dapat dinyatakan tidak hadir: panggil ulang dahulu (sudah ${p.made} dari ${p.needed} kali).`,
    en: (p: Params) =>
      `Ticket ${p.number} cannot be marked no-show yet: recall it first (${p.made} of ${p.needed} recalls made).`,
  },
  other_day: {
    status: 409,
    id: (p: Params) => `Tiket ${p.number} dari tanggal ${p.serviceDate} tidak dapat diaktifkan kembali hari ini.`,
    en: (p: Params) => `Ticket ${p.number} is from ${p.serviceDate} and cannot be reactivated today.`,
  },
  counter_inactive: {
    status: 409,
    id: (p: Params) => `${p.counterName} tidak aktif: aktifkan kembali di halaman admin sebelum memanggil.`,
    en: (p: Params) => `${p.counterName} is not active: reactivate it in the admin pages before calling.`,
  },
  counter_busy: {
    status: 409,
    id: (p: Params) =>
      `Loket masih memegang tiket ${p.number} (${statusId(p.currentStatus)}). Selesaikan, tandai tidak hadir, atau alihkan dahulu.`,
    en: (p: Params) =>
      `The counter still holds ticket ${p.number} (${p.currentStatus}). Finish it, mark it no-show or transfer it first.`,
  },
  not_served_here: {
    status: 409,
    id: (p: Params) => `Tiket ${p.number} bukan untuk layanan loket ini.`,
    en: (p: Params) => `Ticket ${p.number} is not for a service of this counter.`,
  },
  wrong_counter: {
    status: 409,
    id: (p: Params) => `Tiket ${p.number} sedang ditangani loket lain.`,
    en: (p: Params) => `Ticket ${p.number} is being handled at another counter.`,
  },
  same_service: {
    status: 409,
    id: () => 'Tiket sudah berada di layanan tersebut.',
    en: () => 'The ticket is already in that service.',
  },
  mall_closed: {
    status: 409,
    id: (p: Params) => `${p.mallName} sedang tutup. ${p.hoursId ?? ''}`.trim(),
    en: (p: Params) => `${p.mallName} is closed now. ${p.hoursEn ?? ''}`.trim(),
  },
  quota_full: {
    status: 409,
    id: (p: Params) =>
      `Kuota harian layanan "${p.serviceName}"${Number(p.quota) > 0 ? ` (${p.quota} tiket)` : ''} sudah habis. Silakan datang lagi besok.`,
    en: (p: Params) =>
      `Today's quota for "${p.serviceName}"${Number(p.quota) > 0 ? ` (${p.quota} tickets)` : ''} is used up. Please come back tomorrow.`,
  },
  service_inactive: {
    status: 409,
    id: (p: Params) => `Layanan "${p.serviceName}" sedang tidak dibuka.`,
    en: (p: Params) => `The service "${p.serviceName}" is not open.`,
  },
  not_served: {
    status: 409,
    id: (p: Params) =>
      `Survei hanya dapat diisi setelah layanan selesai; tiket ${p.number} berstatus "${statusId(p.currentStatus)}".`,
    en: (p: Params) => `The survey opens once the service is finished; ticket ${p.number} is "${p.currentStatus}".`,
  },
  already_surveyed: {
    status: 409,
    id: (p: Params) => `Survei untuk tiket ${p.number} sudah diisi. Terima kasih.`,
    en: (p: Params) => `The survey for ticket ${p.number} has already been filled in. Thank you.`,
  },
  followup_not_found: {
    status: 404,
    id: (p: Params) => `Rencana tindak lanjut "${p.id}" tidak ditemukan di MPP ini.`,
    en: (p: Params) => `Follow-up "${p.id}" not found in this mall.`,
  },
  publication_not_found: {
    status: 404,
    id: (p: Params) => `Publikasi hasil SKM "${p.id}" tidak ditemukan di MPP ini.`,
    en: (p: Params) => `SKM publication "${p.id}" not found in this mall.`,
  },
  already_published: {
    status: 409,
    id: (p: Params) => `Hasil SKM periode ${p.from} s.d. ${p.to} sudah dipublikasikan.`,
    en: (p: Params) => `The SKM result for ${p.from} to ${p.to} is already published.`,
  },
  zone_not_found: {
    status: 404,
    id: (p: Params) => `Zona "${p.zoneId}" tidak ditemukan di MPP ini.`,
    en: (p: Params) => `Zone "${p.zoneId}" not found in this mall.`,
  },
  user_not_found: {
    status: 404,
    id: (p: Params) => `Akun "${p.userId}" tidak ditemukan di MPP ini.`,
    en: (p: Params) => `Account "${p.userId}" not found in this mall.`,
  },
  special_day_not_found: {
    status: 404,
    id: (p: Params) => `Tanggal ${p.date} tidak memiliki jam layanan khusus.`,
    en: (p: Params) => `${p.date} has no special hours.`,
  },
  agency_code_taken: {
    status: 409,
    id: (p: Params) =>
      p.archived
        ? `Kode instansi "${p.code}" sudah dipakai instansi yang diarsipkan; pulihkan instansi itu atau pilih kode lain.`
        : `Kode instansi "${p.code}" sudah dipakai instansi lain.`,
    en: (p: Params) =>
      p.archived
        ? `Agency code "${p.code}" belongs to an archived agency; restore it or choose another code.`
        : `Agency code "${p.code}" is already taken.`,
  },
  prefix_taken: {
    status: 409,
    id: (p: Params) =>
      `Awalan nomor antrian "${p.prefix}" sudah dipakai ${p.agencyName}; setiap instansi memakai awalannya sendiri.`,
    en: (p: Params) => `Ticket prefix "${p.prefix}" is used by ${p.agencyName}; each agency has its own prefixes.`,
  },
  counter_number_taken: {
    status: 409,
    id: (p: Params) =>
      p.archived
        ? `Nomor loket ${p.number} dipakai loket yang diarsipkan ("${p.counterName}"); pulihkan loket itu atau pilih nomor lain.`
        : `Nomor loket ${p.number} sudah dipakai "${p.counterName}".`,
    en: (p: Params) =>
      p.archived
        ? `Counter number ${p.number} belongs to an archived counter ("${p.counterName}"); restore it or choose another number.`
        : `Counter number ${p.number} is already used by "${p.counterName}".`,
  },
  username_taken: {
    status: 409,
    id: (p: Params) => `Nama pengguna "${p.username}" sudah dipakai.`,
    en: (p: Params) => `Username "${p.username}" is already taken.`,
  },
  agency_archived: {
    status: 409,
    id: (p: Params) => `Instansi "${p.agencyName}" sudah diarsipkan; pulihkan instansi itu terlebih dahulu.`,
    en: (p: Params) => `The agency "${p.agencyName}" is archived; restore it first.`,
  },
  archived: {
    status: 409,
    id: (p: Params) => `"${p.name}" sudah diarsipkan; pulihkan terlebih dahulu sebelum mengubahnya.`,
    en: (p: Params) => `"${p.name}" is archived; restore it before changing it.`,
  },
  agency_in_queue: {
    status: 409,
    id: (p: Params) =>
      `${p.agencyName} masih memiliki ${p.tickets} antrian hari ini yang belum selesai; selesaikan atau batalkan dahulu.`,
    en: (p: Params) =>
      `${p.agencyName} still has ${p.tickets} unfinished ticket(s) today; finish or cancel them first.`,
  },
  counter_in_use: {
    status: 409,
    id: (p: Params) => `Loket "${p.counterName}" sedang menangani tiket ${p.number}; selesaikan dahulu.`,
    en: (p: Params) => `Counter "${p.counterName}" is handling ticket ${p.number}; finish it first.`,
  },
  zone_in_use: {
    status: 409,
    id: (p: Params) =>
      `Zona "${p.zoneName}" masih dipakai ${p.counters} loket; pindahkan loket tersebut ke zona lain dahulu.`,
    en: (p: Params) => `Zone "${p.zoneName}" still has ${p.counters} counter(s); move them to another zone first.`,
  },
  past_date: {
    status: 409,
    id: (p: Params) =>
      `Tanggal ${p.date} sudah lewat (hari ini ${p.today}); jam layanan hari yang sudah lewat tetap tercatat dan tidak dapat diubah.`,
    en: (p: Params) =>
      `${p.date} has passed (today is ${p.today}); the hours of past days stay on record and cannot be changed.`,
  },
  own_account: {
    status: 409,
    id: () =>
      'Anda tidak dapat mengubah peran, instansi, status, atau kata sandi akun Anda sendiri di sini; mintalah admin lain, atau ganti kata sandi lewat menu akun.',
    en: () =>
      "You cannot change your own account's role, agency, status or password here; ask another admin, or change your password from the account menu.",
  },
  csrf_invalid: {
    status: 403,
    id: () =>
      'Token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi; aplikasi lain: ambil token dari GET /api/auth/csrf dan kirim di header x-csrf-token.',
    en: () =>
      'The security token (CSRF) is missing or does not match. Reload the page and try again; other clients: get the token from GET /api/auth/csrf and send it in the x-csrf-token header.',
  },
  payload_too_large: {
    status: 413,
    id: (p: Params) => `Data yang dikirim terlalu besar (paling banyak ${p.limitKb} kB).`,
    en: (p: Params) => `The request body is too large (at most ${p.limitKb} kB).`,
  },
  rate_limited: {
    status: 429,
    id: (p: Params) =>
      p.retryAfterSeconds === undefined
        ? 'Terlalu banyak permintaan. Coba lagi sebentar lagi.'
        : `Terlalu banyak permintaan dari alamat ini. Coba lagi dalam ${waitId(p.retryAfterSeconds)}.`,
    en: (p: Params) =>
      p.retryAfterSeconds === undefined
        ? 'Too many requests. Please try again shortly.'
        : `Too many requests from this address. Try again in ${waitEn(p.retryAfterSeconds)}.`,
  },
  overloaded: {
    status: 503,
    id: (p: Params) => `Server sedang sangat sibuk. Coba lagi dalam ${waitId(p.retryAfterSeconds)}.`,
    en: (p: Params) => `The server is very busy right now. Try again in ${waitEn(p.retryAfterSeconds)}.`,
  },
  storage_unavailable: {
    status: 503,
    id: (p: Params) =>
      `${STORAGE_FAULT[String(p.fault)]?.id ?? STORAGE_FAULT.failing?.id} Permintaan Anda belum tersimpan; coba lagi dalam ${waitId(p.retryAfterSeconds)}.`,
    en: (p: Params) =>
      `${STORAGE_FAULT[String(p.fault)]?.en ?? STORAGE_FAULT.failing?.en} Your request was not saved; try again in ${waitEn(p.retryAfterSeconds)}.`,
  },
  metrics_token_required: {
    status: 401,
    id: () => 'Metrik memerlukan token: Authorization: Bearer <LOKET_METRICS_TOKEN>.',
    en: () => 'The metrics need the token: Authorization: Bearer <LOKET_METRICS_TOKEN>.',
  },
  metrics_local_only: {
    status: 403,
    id: () => 'Metrik hanya untuk alamat jaringan lokal; dari tempat lain setel LOKET_METRICS_TOKEN.',
    en: () => 'The metrics are for local-network addresses only; from elsewhere set LOKET_METRICS_TOKEN.',
  },
  booking_not_found: {
    status: 404,
    id: () => 'Booking dengan kode itu tidak ditemukan. Periksa kembali kode pada pesan konfirmasi.',
    en: () => 'No booking has that code. Please check the code in your confirmation.',
  },
  slot_full: {
    status: 409,
    id: (p: Params) => `Sesi ${jam(p.start)} tanggal ${p.date} sudah penuh. Silakan pilih sesi lain.`,
    en: (p: Params) => `The ${p.start} slot on ${p.date} is full. Please choose another slot.`,
  },
  duplicate_booking: {
    status: 409,
    id: (p: Params) =>
      `Sudah ada booking aktif untuk ${p.by === 'nik' ? 'NIK' : 'nomor HP'} ini pada layanan yang sama tanggal ${p.date}. Satu orang satu booking per layanan per hari.`,
    en: (p: Params) =>
      `This ${p.by === 'nik' ? 'NIK' : 'phone number'} already has an active booking for this service on ${p.date}. One booking per person, service and day.`,
  },
  booking_closed: {
    status: 409,
    id: (p: Params) =>
      p.reason === 'disabled'
        ? `Layanan "${p.serviceName}" belum dapat dipesan online.`
        : p.reason === 'past'
          ? `Sesi ${jam(p.start)} tanggal ${p.date} sudah lewat.`.replace('  ', ' ')
          : p.reason === 'closed_day'
            ? `Tanggal ${p.date} tidak ada layanan${p.note ? ` (${p.note})` : ''}.`
            : `Booking untuk tanggal ${p.date} dibuka ${p.opensId}.`,
    en: (p: Params) =>
      p.reason === 'disabled'
        ? `"${p.serviceName}" cannot be booked online yet.`
        : p.reason === 'past'
          ? `The ${p.start ?? ''} slot on ${p.date} has passed.`.replace('  ', ' ')
          : p.reason === 'closed_day'
            ? `There is no service on ${p.date}${p.note ? ` (${p.note})` : ''}.`
            : `Booking for ${p.date} opens ${p.opensEn}.`,
  },
  booking_not_changeable: {
    status: 409,
    id: (p: Params) =>
      p.status === 'booked'
        ? 'Check-in sudah dibuka: booking tidak dapat dibatalkan atau dipindah lagi. Silakan datang ke kiosk.'
        : `Booking ini berstatus "${BOOKING_STATUS_ID[String(p.status)] ?? p.status}" dan tidak dapat diubah.`,
    en: (p: Params) =>
      p.status === 'booked'
        ? 'Check-in has opened: the booking can no longer be cancelled or moved. Please come to the kiosk.'
        : `This booking is "${p.status}" and cannot be changed.`,
  },
  too_early: {
    status: 409,
    id: (p: Params) =>
      `Check-in untuk booking pukul ${jam(p.start)} dibuka pukul ${jam(p.comeAt)}. Silakan kembali nanti.`,
    en: (p: Params) => `Check-in for the ${p.start} booking opens at ${p.comeAt}. Please come back then.`,
  },
  too_late: {
    status: 409,
    id: (p: Params) =>
      `Waktu check-in booking pukul ${jam(p.start)} sudah lewat.${p.walkInAllowed ? ' Anda dapat mengambil antrian biasa.' : ''}`,
    en: (p: Params) =>
      `Check-in for the ${p.start} booking has closed.${p.walkInAllowed ? ' You can take a regular queue ticket.' : ''}`,
  },
  already_checked_in: {
    status: 409,
    id: (p: Params) => `Booking ini sudah check-in${p.number ? ` dengan nomor antrian ${p.number}` : ''}.`,
    en: (p: Params) => `This booking is already checked in${p.number ? ` as number ${p.number}` : ''}.`,
  },
  booking_cancelled: {
    status: 409,
    id: () => 'Booking ini sudah dibatalkan.',
    en: () => 'This booking was cancelled.',
  },
  online_queue_closed: {
    status: 409,
    id: (p: Params) => `Antrian online untuk "${p.serviceName}" tidak dibuka. Silakan ambil tiket di kiosk.`,
    en: (p: Params) => `"${p.serviceName}" has no online queue. Please take a ticket at the kiosk.`,
  },
  already_in_queue: {
    status: 409,
    id: (p: Params) => `Nomor HP ini sudah punya antrian ${p.number} untuk layanan ini hari ini.`,
    en: (p: Params) => `This phone number already holds ticket ${p.number} for this service today.`,
  },
  already_postponed: {
    status: 409,
    id: () => '"Saya perlu waktu lagi" hanya dapat dipakai sekali.',
    en: () => '"I need more time" can be used once.',
  },
  rejoin_expired: {
    status: 409,
    id: (p: Params) => `Batas waktu untuk masuk antrian lagi (${p.minutes} menit setelah dilewati) sudah habis.`,
    en: (p: Params) => `The time to rejoin the line (${p.minutes} minutes after the missed call) is over.`,
  },
  not_waiting: {
    status: 409,
    id: (p: Params) => `Tiket ${p.number} berstatus "${statusId(p.currentStatus)}".`,
    en: (p: Params) => `Ticket ${p.number} is "${p.currentStatus}".`,
  },
  stop_exists: {
    status: 409,
    id: (p: Params) => `Nomor ${p.number} sudah menunggu di layanan "${p.serviceName}".`,
    en: (p: Params) => `Number ${p.number} already waits for "${p.serviceName}".`,
  },
  needs_first: {
    status: 409,
    id: (p: Params) => `Nomor ${p.number} harus selesai di layanan "${p.serviceName}" lebih dahulu.`,
    en: (p: Params) => `Number ${p.number} must be done at "${p.serviceName}" first.`,
  },
  stop_not_found: {
    status: 404,
    id: (p: Params) => `Nomor ${p.number} tidak menunggu di layanan itu.`,
    en: (p: Params) => `Number ${p.number} does not wait for that service.`,
  },
  application_not_found: {
    status: 404,
    id: () => 'Permohonan tidak ditemukan. Periksa kembali kode atau tautannya.',
    en: () => 'Application not found. Check the code or the link.',
  },
  invalid_step: {
    status: 409,
    id: (p: Params) =>
      `Permohonan ${p.code} berstatus "${APPLICATION_STATUS_ID[String(p.currentStatus)] ?? p.currentStatus}"; tidak dapat menjadi "${APPLICATION_STATUS_ID[String(p.to)] ?? p.to}"${Array.isArray(p.allowed) && p.allowed.length > 0 ? ` (bisa: ${(p.allowed as string[]).map((a) => APPLICATION_STATUS_ID[a] ?? a).join(', ')})` : ''}.`,
    en: (p: Params) =>
      `Application ${p.code} is "${p.currentStatus}"; it cannot become "${p.to}"${Array.isArray(p.allowed) && p.allowed.length > 0 ? ` (it can become: ${list(p.allowed)})` : ''}.`,
  },
  complaint_not_found: {
    status: 404,
    id: () => 'Laporan tidak ditemukan. Periksa kembali kode atau tautannya.',
    en: () => 'Report not found. Check the code or the link.',
  },
  invalid_complaint_step: {
    status: 409,
    id: (p: Params) =>
      `Laporan ${p.code} berstatus "${COMPLAINT_STATUS_ID[String(p.currentStatus)] ?? p.currentStatus}"; tidak dapat menjadi "${COMPLAINT_STATUS_ID[String(p.to)] ?? p.to}"${Array.isArray(p.allowed) && p.allowed.length > 0 ? ` (bisa: ${(p.allowed as string[]).map((a) => COMPLAINT_STATUS_ID[a] ?? a).join(', ')})` : ''}.`,
    en: (p: Params) =>
      `Report ${p.code} is "${p.currentStatus}"; it cannot become "${p.to}"${Array.isArray(p.allowed) && p.allowed.length > 0 ? ` (it can become: ${list(p.allowed)})` : ''}.`,
  },
  complaint_closed: {
    status: 409,
    id: (p: Params) => `Laporan ${p.code} sudah ditutup; informasi tambahan tidak dapat dikirim lagi.`,
    en: (p: Params) => `Report ${p.code} is closed; no more information can be added.`,
  },
  complaint_not_answered: {
    status: 409,
    id: (p: Params) => `Laporan ${p.code} belum dijawab; penilaian dapat diberikan setelah ada jawaban.`,
    en: (p: Params) => `Report ${p.code} has no answer yet; it can be rated once answered.`,
  },
  complaint_already_rated: {
    status: 409,
    id: (p: Params) => `Jawaban laporan ${p.code} sudah dinilai.`,
    en: (p: Params) => `The answer to report ${p.code} is already rated.`,
  },
  question_not_found: {
    status: 404,
    id: () => 'Pertanyaan tidak ditemukan. Periksa kembali tautannya.',
    en: () => 'Question not found. Check the link.',
  },
  question_not_answered: {
    status: 409,
    id: () => 'Pertanyaan belum dijawab; hanya yang sudah dijawab dapat ditampilkan di FAQ.',
    en: () => 'The question has no answer yet; only answered ones can stand in the FAQ.',
  },
  bad_photo: {
    status: 400,
    id: (p: Params) => `Berkas "${p.name}" bukan foto JPEG, PNG atau WebP${p.why ? ` (${p.why})` : ''}.`,
    en: (p: Params) => `File "${p.name}" is not a JPEG, PNG or WebP photo${p.why ? ` (${p.why})` : ''}.`,
  },
  facility_not_found: {
    status: 404,
    id: () => 'Fasilitas tidak ditemukan di MPP ini.',
    en: () => 'Facility not found in this mall.',
  },
  not_bookable: {
    status: 404,
    id: (p: Params) => `${p.name} tidak dapat dipinjam.`,
    en: (p: Params) => `${p.name} cannot be booked.`,
  },
  overlap: {
    status: 409,
    id: (p: Params) =>
      `${p.name} sudah dipesan pada waktu itu${p.takenStart ? ` (pukul ${jam(p.takenStart)}–${jam(p.takenEnd)})` : ''}. Pilih jam lain.`,
    en: (p: Params) =>
      `${p.name} is already booked at that time${p.takenStart ? ` (${p.takenStart}–${p.takenEnd})` : ''}. Choose another time.`,
  },
  facility_booking_not_found: {
    status: 404,
    id: () => 'Peminjaman ruang tidak ditemukan.',
    en: () => 'Room booking not found.',
  },
  invalid_booking_step: {
    status: 409,
    id: (p: Params) =>
      `Peminjaman ini berstatus "${ROOM_STATUS_ID[String(p.currentStatus)] ?? p.currentStatus}"; tidak dapat menjadi "${ROOM_STATUS_ID[String(p.to)] ?? p.to}".`,
    en: (p: Params) => `This booking is "${p.currentStatus}"; it cannot become "${p.to}".`,
  },
  emergency_not_found: {
    status: 404,
    id: () => 'Laporan darurat tidak ditemukan di MPP ini.',
    en: () => 'Emergency report not found in this mall.',
  },
  emergency_taken: {
    status: 409,
    id: (p: Params) => `Laporan darurat ini sudah ditangani${p.takenBy ? ` oleh ${p.takenBy}` : ''}.`,
    en: (p: Params) => `This emergency is already being handled${p.takenBy ? ` by ${p.takenBy}` : ''}.`,
  },
  emergency_closed: {
    status: 409,
    id: (p: Params) => `Laporan darurat ini sudah ditutup${p.closedBy ? ` oleh ${p.closedBy}` : ''}.`,
    en: (p: Params) => `This emergency was already closed${p.closedBy ? ` by ${p.closedBy}` : ''}.`,
  },
  internal: {
    status: 500,
    // the request's id, read out or sent with a screenshot, finds the log lines of the failure
    id: (p: Params) =>
      `Terjadi kesalahan pada server. Silakan coba lagi.${p.requestId ? ` Kode: ${p.requestId}.` : ''}`,
    en: (p: Params) =>
      `Something went wrong on the server. Please try again.${p.requestId ? ` Code: ${p.requestId}.` : ''}`,
  },
} satisfies Record<string, { status: number; id: Message; en: Message }>;

export type ErrorCode = keyof typeof CATALOGUE;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Params = {},
  ) {
    super(CATALOGUE[code].en(params));
  }
  get status(): number {
    return CATALOGUE[this.code].status;
  }
}

/** The caller's language: ?lang=, else Accept-Language; Indonesian first. */
export function requestLang(request: FastifyRequest): Lang {
  const q = (request.query as { lang?: unknown } | undefined)?.lang;
  if (q === 'en' || q === 'id') return q;
  const accept = request.headers['accept-language'];
  if (typeof accept === 'string' && /^\s*en\b/i.test(accept)) return 'en';
  return 'id';
}

export function errorBody(error: AppError, lang: Lang) {
  const entry = CATALOGUE[error.code];
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(error.params)) {
    if (!k.startsWith('problem') && !k.startsWith('hours')) extra[k] = v;
  }
  return { error: error.code, message: entry[lang](error.params), ...extra };
}

const PROBLEMS: Record<string, { id: string; en: string }> = {
  required: { id: 'wajib diisi', en: 'is required' },
  type: { id: 'jenis nilainya salah', en: 'has the wrong type' },
  enum: { id: 'nilainya bukan salah satu pilihan', en: 'is not one of the allowed values' },
  anyOf: { id: 'nilainya bukan salah satu pilihan', en: 'is not one of the allowed values' },
  const: { id: 'nilainya bukan salah satu pilihan', en: 'is not one of the allowed values' },
  pattern: { id: 'formatnya tidak sesuai', en: 'is not in the expected format' },
  format: { id: 'formatnya tidak sesuai', en: 'is not in the expected format' },
  minLength: { id: 'terlalu pendek', en: 'is too short' },
  maxLength: { id: 'terlalu panjang', en: 'is too long' },
  minimum: { id: 'terlalu kecil', en: 'is too small' },
  maximum: { id: 'terlalu besar', en: 'is too large' },
  minItems: { id: 'isinya terlalu sedikit', en: 'has too few items' },
  maxItems: { id: 'isinya terlalu banyak', en: 'has too many items' },
  additionalProperties: { id: 'memuat isian yang tidak dikenal', en: 'has an unknown field' },
};

/** Turns Fastify's schema validation failure into a 400 naming the field. */
export function validationError(error: FastifyError): AppError {
  const first = error.validation?.[0];
  const context = error.validationContext ?? 'body';
  let field = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : '';
  const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
  if (missing) field = field ? `${field}.${missing}` : missing;
  if (!field) field = context;
  // a text that must hold at least one character was left empty: say so as a form would
  const limit = (first?.params as { limit?: number } | undefined)?.limit;
  const keyword = first?.keyword === 'minLength' && limit === 1 ? 'required' : (first?.keyword ?? '');
  const problem = PROBLEMS[keyword] ?? {
    id: first?.message ?? 'tidak valid',
    en: first?.message ?? 'is invalid',
  };
  return new AppError('validation', { field, in: context, problemId: problem.id, problemEn: problem.en });
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  // a failure on the server's side names its request (as X-Request-Id does), to be matched to the
  // log; an overloaded 503 is no failure to look into and keeps its body
  const named = error.status === 500 ? new AppError(error.code, { ...error.params, requestId: request.id }) : error;
  return reply.status(error.status).send(errorBody(named, requestLang(request)));
}

/** Complaints (pengaduan), aspirations and requests for information, on SP4N-LAPOR!'s clock. */
import { type Static, Type } from 'typebox';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_KINDS,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  COMPLAINT_TRACKS,
} from '../domain/complaint.js';
import { Id } from './common.js';

const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ComplaintKind = Type.Enum([...COMPLAINT_KINDS], {
  description: 'pengaduan (a complaint), aspirasi (a suggestion), permintaan_informasi (a request for information)',
});
export const ComplaintStatus = Type.Enum([...COMPLAINT_STATUSES], {
  description:
    'diterima → terverifikasi (the mall, within 3 working days; or ditolak / bukan_wewenang with a reason) → didisposisi (to an agency) → ditindaklanjuti (the answer, within 5, 14 or 60 working days) → selesai; tunda postpones the answer to a new date',
});
export const ComplaintCategory = Type.Enum([...COMPLAINT_CATEGORIES]);

export const NewComplaint = Type.Object({
  kind: ComplaintKind,
  title: Type.String({ minLength: 5, maxLength: 150 }),
  story: Type.String({ minLength: 10, maxLength: 4000, description: 'what happened' }),
  category: Type.Optional(ComplaintCategory),
  eventDate: Type.Optional(LocalDate),
  eventPlace: Type.Optional(Type.String({ maxLength: 200 })),
  agencyId: Type.Optional(Id),
  serviceId: Type.Optional(Id),
  /** from a ticket page: the visit it is about */
  ticketToken: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  /** from the QR at a counter */
  counterId: Type.Optional(Id),
  /** no contact kept at all: the citizen follows it by its code and link only */
  anonymous: Type.Optional(Type.Boolean()),
  /** the identity is kept for the mall only, hidden from the agency */
  confidential: Type.Optional(Type.Boolean()),
  name: Type.Optional(Type.String({ maxLength: 120 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});
export type NewComplaint = Static<typeof NewComplaint>;

export const ComplaintCreated = Type.Object({
  id: Type.String(),
  code: Type.String({ description: 'what the citizen types or reads out, e.g. K2761-2565' }),
  token: Type.String({ description: 'the citizen page /c/:token and GET /api/complaints/:token' }),
  status: ComplaintStatus,
  dueDate: LocalDate,
});

export const ComplaintStep = Type.Object({
  status: ComplaintStatus,
  /** shown to the citizen: the reason, the answer, why postponed */
  note: Type.Optional(Type.String({ maxLength: 4000 })),
  /** staff only */
  internalNote: Type.Optional(Type.String({ maxLength: 2000 })),
  /** didisposisi: the agency it is sent to */
  agencyId: Type.Optional(Id),
  /** terverifikasi: working days for the answer (5, or 14 / 60 for a case needing an inspection) */
  track: Type.Optional(Type.Enum([...COMPLAINT_TRACKS])),
  /** tunda: the new date for the answer */
  dueDate: Type.Optional(LocalDate),
});

export const ComplaintParams = Type.Object({ mall: Type.String(), id: Id });
export const ComplaintTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });
export const ComplaintPhotoParams = Type.Object({ mall: Type.String(), id: Id, photoId: Id });

export const ComplaintInfo = Type.Object({ text: Type.String({ minLength: 2, maxLength: 2000 }) });
export const ComplaintRating = Type.Object({
  score: Type.Integer({ minimum: 1, maximum: 5, description: '1 (very unsatisfied) … 5 (very satisfied)' }),
  comment: Type.Optional(Type.String({ maxLength: 1000 })),
});
export const ComplaintLapor = Type.Object({
  trackingNumber: Type.String({ minLength: 3, maxLength: 40, description: "LAPOR!'s tracking number" }),
});

const PublicEntry = Type.Object({
  type: Type.Enum(['step', 'info', 'rating']),
  status: Nullable(ComplaintStatus),
  at: Type.Integer({ description: 'epoch ms' }),
  note: Type.Optional(Type.String()),
  agencyName: Type.Optional(Type.String()),
  dueDate: Type.Optional(LocalDate),
});

/** What the citizen sees: no internal notes, no names. */
export const ComplaintPublic = Type.Object({
  code: Type.String(),
  mallName: Type.String(),
  timeZone: Type.String(),
  kind: ComplaintKind,
  category: ComplaintCategory,
  title: Type.String(),
  status: ComplaintStatus,
  agencyName: Type.Optional(Type.String({ description: 'the agency it was sent to' })),
  receivedDate: LocalDate,
  dueDate: Nullable(LocalDate),
  overdue: Type.Boolean(),
  photos: Type.Integer(),
  rating: Nullable(Type.Integer()),
  canRate: Type.Boolean(),
  canAddInfo: Type.Boolean(),
  history: Type.Array(PublicEntry),
});
export type ComplaintPublic = Static<typeof ComplaintPublic>;

const StaffEntry = Type.Object({
  id: Type.String(),
  type: Type.Enum(['step', 'info', 'note', 'rating', 'lapor']),
  status: Nullable(ComplaintStatus),
  at: Type.Integer(),
  note: Nullable(Type.String()),
  internalNote: Nullable(Type.String()),
  agencyId: Nullable(Type.String()),
  dueDate: Nullable(LocalDate),
  actor: Nullable(Type.String({ description: 'the staff member; null for the citizen' })),
});

/** What staff see; the identity only where the mall may (never for an anonymous one). */
export const Complaint = Type.Object({
  id: Type.String(),
  code: Type.String(),
  token: Type.String(),
  kind: ComplaintKind,
  category: ComplaintCategory,
  title: Type.String(),
  story: Type.String(),
  eventDate: Nullable(LocalDate),
  eventPlace: Nullable(Type.String()),
  agencyId: Nullable(Type.String()),
  agencyShortName: Nullable(Type.String()),
  serviceId: Nullable(Type.String()),
  serviceName: Nullable(Type.String()),
  disposedAgencyId: Nullable(Type.String()),
  disposedAgencyShortName: Nullable(Type.String()),
  ticketNumber: Nullable(Type.String()),
  counterName: Nullable(Type.String()),
  source: Type.Enum([...COMPLAINT_SOURCES]),
  anonymous: Type.Boolean(),
  confidential: Type.Boolean(),
  identityHidden: Type.Boolean({ description: 'a confidential complaint seen by the agency: no identity shown' }),
  name: Nullable(Type.String()),
  phoneMasked: Nullable(Type.String()),
  emailMasked: Nullable(Type.String()),
  status: ComplaintStatus,
  track: Nullable(Type.Integer()),
  receivedDate: LocalDate,
  dueDate: Nullable(LocalDate),
  overdue: Type.Boolean(),
  answeredDate: Nullable(LocalDate),
  rating: Nullable(Type.Integer()),
  ratingComment: Nullable(Type.String()),
  laporNumber: Nullable(Type.String()),
  photoIds: Type.Array(Type.String()),
  allowedSteps: Type.Array(ComplaintStatus, { description: 'the steps this staff member may take now' }),
  history: Type.Array(StaffEntry),
});
export type Complaint = Static<typeof Complaint>;

export const ComplaintListQuery = Type.Object({
  /** open (still owed an answer; the default), done, or all */
  state: Type.Optional(Type.Enum(['open', 'done', 'all'])),
  agencyId: Type.Optional(Id),
  /** a code, or part of one */
  q: Type.Optional(Type.String({ maxLength: 40 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export const ComplaintExportQuery = Type.Object({
  from: LocalDate,
  to: LocalDate,
  format: Type.Optional(Type.Enum(['json', 'csv'])),
});

/** One complaint as SP4N-LAPOR!'s form takes it. */
export const ComplaintExportRow = Type.Object({
  code: Type.String(),
  judul: Type.String(),
  isi: Type.String(),
  tanggalKejadian: Nullable(LocalDate),
  lokasi: Nullable(Type.String()),
  instansi: Nullable(Type.String()),
  layanan: Nullable(Type.String()),
  klasifikasi: ComplaintKind,
  kategori: ComplaintCategory,
  anonim: Type.Boolean(),
  rahasia: Type.Boolean(),
  lampiran: Type.Integer({ description: 'photos attached' }),
  status: ComplaintStatus,
  disposisi: Nullable(Type.String()),
  tanggalDiterima: LocalDate,
  batasWaktu: Nullable(LocalDate),
  tanggalTindakLanjut: Nullable(LocalDate),
  tindakLanjut: Nullable(Type.String()),
  nomorLapor: Nullable(Type.String()),
});
export type ComplaintExportRow = Static<typeof ComplaintExportRow>;

export const ComplaintFiguresQuery = Type.Object({
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
  period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(\\d{2}|[QqSs]\\d))?$' })),
  agencyId: Type.Optional(Id),
});
export type ComplaintFiguresQuery = Static<typeof ComplaintFiguresQuery>;

const Figures = {
  received: Type.Integer(),
  answered: Type.Integer(),
  answeredInTime: Type.Integer(),
  inTimeShare: Nullable(Type.Number()),
  verifiedInTime: Type.Integer(),
  refused: Type.Integer(),
  open: Type.Integer(),
  overdueNow: Type.Integer(),
  ratings: Type.Integer(),
  meanRating: Nullable(Type.Number()),
};

export const ComplaintFigures = Type.Object({
  period: Type.Object({ from: LocalDate, to: LocalDate }),
  ...Figures,
  agencies: Type.Array(Type.Object({ agencyId: Type.String(), agencyShortName: Type.String(), ...Figures })),
  services: Type.Array(
    Type.Object({ serviceId: Type.String(), serviceName: Type.String(), agencyId: Type.String(), ...Figures }),
  ),
});
export type ComplaintFigures = Static<typeof ComplaintFigures>;

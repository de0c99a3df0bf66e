/** Applications after the counter (permohonan): opened by staff, followed by the citizen by code. */
import { type Static, Type } from 'typebox';
import { APPLICATION_STATUSES } from '../domain/application.js';
import { Id } from './common.js';

export const ApplicationStatus = Type.Enum([...APPLICATION_STATUSES], {
  description:
    'diterima (received), diproses (in process), perlu_perbaikan (needs fixing: the note says what is missing), siap_diambil (ready to collect), selesai (finished, nothing to collect), diambil (collected), ditolak (rejected: the note says why)',
});

const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const NewApplication = Type.Object({
  /** the served ticket it comes from; its contact (a number left to be told) is taken when none is given */
  ticketId: Type.Optional(Id),
  serviceId: Id,
  /** shown to the citizen with the first step */
  note: Type.Optional(Type.String({ maxLength: 1000 })),
  name: Type.Optional(Type.String({ maxLength: 120 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
  /** instead of the one the service's standard time gives (a standard that states none) */
  dueDate: Type.Optional(LocalDate),
});

export const ApplicationCreated = Type.Object({
  id: Type.String(),
  code: Type.String({ description: 'what the citizen types or reads out, e.g. P2761-2565' }),
  token: Type.String({ description: 'the citizen page /p/:token and GET /api/applications/:token' }),
  status: ApplicationStatus,
  dueDate: Type.Union([LocalDate, Type.Null()], {
    description:
      "the service's standard time in working days from today (weekends, national holidays and the mall's closed days not counted); null when the standard states none",
  }),
});

export const ApplicationStep = Type.Object({
  status: ApplicationStatus,
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});

export const ApplicationParams = Type.Object({ mall: Type.String(), id: Id });
export const ApplicationTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });

const HistoryEntry = Type.Object({
  status: ApplicationStatus,
  at: Type.Integer({ description: 'epoch ms' }),
  note: Type.Optional(Type.String()),
});

/** What the citizen sees: no names or numbers. */
export const ApplicationPublic = Type.Object({
  code: Type.String(),
  mallName: Type.String(),
  timeZone: Type.String(),
  serviceName: Type.String(),
  agencyName: Type.String(),
  status: ApplicationStatus,
  receivedDate: LocalDate,
  dueDate: Type.Union([LocalDate, Type.Null()]),
  overdue: Type.Boolean(),
  history: Type.Array(HistoryEntry),
});
export type ApplicationPublic = Static<typeof ApplicationPublic>;

/** What staff see. */
export const Application = Type.Object({
  id: Type.String(),
  code: Type.String(),
  token: Type.String(),
  serviceId: Type.String(),
  serviceName: Type.String(),
  agencyId: Type.String(),
  agencyShortName: Type.String(),
  ticketId: Type.Union([Type.String(), Type.Null()]),
  ticketNumber: Type.Union([Type.String(), Type.Null()]),
  status: ApplicationStatus,
  receivedDate: LocalDate,
  dueDate: Type.Union([LocalDate, Type.Null()]),
  readyDate: Type.Union([LocalDate, Type.Null()]),
  overdue: Type.Boolean(),
  name: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  emailMasked: Type.Union([Type.String(), Type.Null()]),
  history: Type.Array(HistoryEntry),
});
export type Application = Static<typeof Application>;

export const ApplicationListQuery = Type.Object({
  /** open (diterima, diproses, perlu_perbaikan; the default), done, or all */
  state: Type.Optional(Type.Enum(['open', 'done', 'all'])),
  agencyId: Type.Optional(Id),
  serviceId: Type.Optional(Id),
  /** a code, or part of one */
  q: Type.Optional(Type.String({ maxLength: 40 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export const ApplicationFiguresQuery = Type.Object({
  period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(\\d{2}|[QqSs]\\d))?$' })),
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
  agencyId: Type.Optional(Id),
  serviceId: Type.Optional(Id),
});
export type ApplicationFiguresQuery = Static<typeof ApplicationFiguresQuery>;

const Figures = {
  received: Type.Integer({ description: 'applications received in the period' }),
  ready: Type.Integer({ description: 'of them, ready or finished (siap_diambil, selesai, diambil)' }),
  withinStandard: Type.Integer({ description: 'of the ready ones, ready by their due date' }),
  withinShare: Type.Union([Type.Number(), Type.Null()], { description: 'withinStandard ÷ ready' }),
  rejected: Type.Integer(),
  open: Type.Integer({ description: 'of them, still open (diterima, diproses, perlu_perbaikan)' }),
  overdueNow: Type.Integer({ description: 'of them, open past their due date today' }),
  meanDaysToReady: Type.Union([Type.Number(), Type.Null()], { description: 'calendar days from received to ready' }),
};

export const ApplicationFigures = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  ...Figures,
  agencies: Type.Array(Type.Object({ agencyId: Type.String(), agencyShortName: Type.String(), ...Figures })),
  services: Type.Array(
    Type.Object({ serviceId: Type.String(), serviceName: Type.String(), agencyId: Type.String(), ...Figures }),
  ),
  weeks: Type.Array(Type.Object({ from: Type.String({ description: 'the Monday' }), to: Type.String(), ...Figures })),
});
export type ApplicationFigures = Static<typeof ApplicationFigures>;

/** The crisis center: urgent reports from the kiosk, the portal or a staff screen, and their log. */
import { type Static, Type } from 'typebox';
import { EMERGENCY_KINDS, EMERGENCY_SOURCES, EMERGENCY_STATUSES } from '../domain/emergency.js';
import { Id } from './common.js';

export const EmergencyKind = Type.Enum([...EMERGENCY_KINDS], {
  description: 'violence (kekerasan), lost_child (anak hilang), medical (darurat medis), fire (kebakaran), other',
});
export const EmergencyStatus = Type.Enum([...EMERGENCY_STATUSES], {
  description: 'reported (nobody on it yet), taken (someone is on it), closed (done: the note says what was done)',
});
export const EmergencySource = Type.Enum([...EMERGENCY_SOURCES]);

// Short enough that a view with every text at its longest stays well inside one NOTIFY (8000 bytes).
const PLACE_MAX = 100;
const NOTE_MAX = 300;
const CLOSE_NOTE_MAX = 500;

export const NewEmergency = Type.Object({
  kind: EmergencyKind,
  place: Type.Optional(Type.String({ maxLength: PLACE_MAX, description: 'where in the mall, e.g. "Toilet lantai 2"' })),
  note: Type.Optional(Type.String({ maxLength: NOTE_MAX })),
  source: Type.Optional(
    Type.Enum(['kiosk', 'portal'], {
      description: "where a citizen reports from (default portal); a signed-in staff member's report is 'staff'",
    }),
  ),
});
export type NewEmergency = Static<typeof NewEmergency>;

export const CloseEmergency = Type.Object({
  note: Type.String({ minLength: 1, maxLength: CLOSE_NOTE_MAX, description: 'what was done' }),
});

export const EmergencyParams = Type.Object({ mall: Type.String(), id: Id });

const Instant = Type.Integer({ description: 'epoch ms' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const Emergency = Type.Object({
  id: Type.String(),
  kind: EmergencyKind,
  place: Nullable(Type.String()),
  note: Nullable(Type.String()),
  source: EmergencySource,
  status: EmergencyStatus,
  reportedAt: Instant,
  /** the staff member who reported it (source staff) */
  reportedBy: Nullable(Type.String()),
  takenAt: Nullable(Instant),
  takenBy: Nullable(Type.String({ description: "the taker's display name" })),
  takenById: Nullable(Type.String()),
  closedAt: Nullable(Instant),
  closedBy: Nullable(Type.String()),
  closeNote: Nullable(Type.String()),
  responseMs: Nullable(Type.Integer({ description: 'takenAt − reportedAt; null while nobody has taken it' })),
});
export type Emergency = Static<typeof Emergency>;

/** What the public answer of a report says: no names. */
export const EmergencyReported = Type.Object({
  id: Type.String(),
  kind: EmergencyKind,
  status: EmergencyStatus,
  reportedAt: Instant,
});
export type EmergencyReported = Static<typeof EmergencyReported>;

/** One event of the staff stream ("reported", "taken", "closed"). */
export const EmergencyEvent = Type.Object({
  eventId: Type.String(),
  type: EmergencyStatus,
  at: Instant,
  emergency: Emergency,
});
export type EmergencyEvent = Static<typeof EmergencyEvent>;

/** Sent first on every connection: every open report of the mall, oldest first. */
export const EmergencySnapshot = Type.Object({
  open: Type.Array(Emergency),
  serverTime: Instant,
});
export type EmergencySnapshot = Static<typeof EmergencySnapshot>;

const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const EmergencyListQuery = Type.Object({
  period: Type.Optional(
    Type.String({ maxLength: 16, description: 'instead of from/to: 2026-11, 2026-Q4, 2026-S2 or 2026' }),
  ),
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});

export const EmergencyStreamQuery = Type.Object({
  lastEventId: Type.Optional(Type.String({ maxLength: 64, description: 'same as the Last-Event-ID header' })),
});

const Ms = Nullable(Type.Number());

export const EmergencyReport = Type.Object({
  from: LocalDate,
  to: LocalDate,
  count: Type.Integer(),
  unanswered: Type.Integer({ description: 'reports nobody has taken' }),
  medianResponseMs: Ms,
  maxResponseMs: Ms,
  perKind: Type.Array(
    Type.Object({ kind: EmergencyKind, count: Type.Integer(), medianResponseMs: Ms, maxResponseMs: Ms }),
  ),
});
export type EmergencyReport = Static<typeof EmergencyReport>;

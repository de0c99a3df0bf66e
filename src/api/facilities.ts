/** The mall's facilities: the directory, and requests for its bookable rooms with their calendar. */
import { type Static, Type } from 'typebox';
import { FACILITY_BOOKING_STATUSES } from '../domain/facility.js';
import { WeeklyHours } from './catalog.js';
import { Id } from './common.js';

const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'HH:mm' });

export const FacilityBookingStatus = Type.Enum([...FACILITY_BOOKING_STATUSES], {
  description:
    'pending (requested, waiting for the mall admin; it holds the time), approved, rejected (the note says why), cancelled (frees the time)',
});

export const Facility = Type.Object({
  id: Type.String(),
  code: Type.String(),
  kind: Type.String({ description: 'auditorium, meeting_room, crisis_center, nursing_room, play_area, …' }),
  name: Type.String(),
  nameEn: Type.String(),
  description: Type.String(),
  descriptionEn: Type.String(),
  location: Type.String({ description: 'where in the building' }),
  locationEn: Type.String(),
  hours: WeeklyHours,
  openNow: Type.Boolean(),
  accessible: Type.Boolean({ description: 'reachable and usable in a wheelchair' }),
  accessibilityNote: Type.Union([Type.String(), Type.Null()]),
  accessibilityNoteEn: Type.Union([Type.String(), Type.Null()]),
  capacity: Type.Union([Type.Integer(), Type.Null()]),
  occupancy: Type.Union([
    Type.Object(
      {
        count: Type.Integer(),
        capacity: Type.Union([Type.Integer(), Type.Null()]),
        at: Type.Integer({ description: 'when it was counted, epoch ms' }),
        level: Type.Union([Type.Enum(['free', 'busy', 'full']), Type.Null()]),
      },
      { description: 'where staff count who is in; null elsewhere' },
    ),
    Type.Null(),
  ]),
  bookable: Type.Boolean({ description: 'agencies and the public may request it (POST …/bookings)' }),
});
export type Facility = Static<typeof Facility>;

export const FacilityParams = Type.Object({ mall: Type.String(), id: Id });
export const FacilityBookingParams = Type.Object({ mall: Type.String(), id: Id });
export const FacilityBookingTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });

export const NewFacilityBooking = Type.Object({
  date: LocalDate,
  start: Clock,
  end: Clock,
  purpose: Type.String({ minLength: 1, maxLength: 300 }),
  organiser: Type.String({ minLength: 1, maxLength: 160, description: 'the agency or person holding it' }),
  attendees: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  /** to be told of the admin's decision */
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});

/** What the requester sees (and, with contacts, the mall admin). */
export const FacilityBooking = Type.Object({
  id: Type.String(),
  token: Type.String({ description: 'GET /api/facility-bookings/:token follows it' }),
  facilityId: Type.String(),
  facilityName: Type.String(),
  date: LocalDate,
  start: Clock,
  end: Clock,
  startAt: Type.Integer({ description: 'epoch ms' }),
  endAt: Type.Integer({ description: 'epoch ms' }),
  status: FacilityBookingStatus,
  purpose: Type.String(),
  organiser: Type.String(),
  attendees: Type.Union([Type.Integer(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Integer(),
  decidedAt: Type.Union([Type.Integer(), Type.Null()]),
});
export type FacilityBooking = Static<typeof FacilityBooking>;

/** The mall admin's view: the contact left to be told. */
export const FacilityBookingAdmin = Type.Object({
  ...FacilityBooking.properties,
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
});
export type FacilityBookingAdmin = Static<typeof FacilityBookingAdmin>;

export const FacilityBookingStep = Type.Object({
  status: Type.Enum(['approved', 'rejected', 'cancelled']),
  /** required to reject: why */
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

export const FacilityBookingListQuery = Type.Object({
  facilityId: Type.Optional(Id),
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
  /** pending, approved, rejected, cancelled; all when absent */
  status: Type.Optional(FacilityBookingStatus),
});

export const CalendarQuery = Type.Object({
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
});

/** A room's busy times, as anyone may see them: no names, purposes or contacts. */
export const FacilityCalendar = Type.Object({
  facilityId: Type.String(),
  from: LocalDate,
  to: LocalDate,
  hours: WeeklyHours,
  busy: Type.Array(
    Type.Object({
      date: LocalDate,
      start: Clock,
      end: Clock,
      status: Type.Enum(['pending', 'approved'], { description: 'pending: requested, not yet approved' }),
    }),
  ),
});
export type FacilityCalendar = Static<typeof FacilityCalendar>;

export const OccupancyCount = Type.Object({ count: Type.Integer({ minimum: 0, maximum: 100_000 }) });

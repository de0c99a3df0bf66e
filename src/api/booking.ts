/** Online booking, check-in, joining the queue from a phone, and the message outbox. */
import { type Static, Type } from 'typebox';
import { Id } from './common.js';
import { EstimateReason, Ticket, TicketStop, WaitEstimate } from './queue.js';

const Clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: '"HH:MM" on the mall\'s clock' });
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "YYYY-MM-DD, the mall's local date" });

export const BookingRules = Type.Object({
  enabled: Type.Boolean(),
  slotMinutes: Type.Integer({ minimum: 5, maximum: 240 }),
  capacity: Type.Integer({ minimum: 1, maximum: 500, description: 'citizens one slot serves, walk-ins included' }),
  walkInShare: Type.Number({ minimum: 0, maximum: 1, description: 'share of each slot kept for walk-ins' }),
  daysAhead: Type.Integer({ minimum: 0, maximum: 60 }),
  opensAt: Clock,
  checkInBeforeMinutes: Type.Integer({ minimum: 0, maximum: 240 }),
  checkInAfterMinutes: Type.Integer({ minimum: 0, maximum: 240 }),
  askNik: Type.Boolean(),
  onlineQueue: Type.Optional(
    Type.Boolean({ description: "citizens may join today's queue from their phone (antrian online)" }),
  ),
});
export type BookingRulesBody = Static<typeof BookingRules>;

export const StoredBookingRules = Type.Intersect([
  BookingRules,
  Type.Object({
    serviceId: Type.String(),
    onlineQueue: Type.Boolean(),
    bookablePerSlot: Type.Integer({ description: "capacity less the walk-ins' share: places a citizen can book" }),
  }),
]);

export const ServiceParams = Type.Object({ mall: Type.String(), serviceId: Id });
export const SlotsQuery = Type.Object({ date: Type.String({ maxLength: 20 }) });

export const SlotView = Type.Object({
  start: Type.String(),
  end: Type.String(),
  capacity: Type.Integer({ description: 'places a citizen can book in the slot' }),
  booked: Type.Integer(),
  available: Type.Integer(),
});
export type SlotView = Static<typeof SlotView>;

export const NewBooking = Type.Object({
  serviceId: Id,
  date: DateText,
  start: Clock,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  phone: Type.String({ minLength: 1, maxLength: 30, description: 'an Indonesian mobile number, 08… or +628…' }),
  nik: Type.Optional(
    Type.String({ maxLength: 30, description: 'only when the service asks for it; kept masked and hashed' }),
  ),
  email: Type.Optional(Type.String({ maxLength: 254, description: 'to receive the confirmation by e-mail too' })),
  lang: Type.Optional(Type.Enum(['id', 'en'], { description: 'the language of the messages' })),
  alsoServiceIds: Type.Optional(
    Type.Array(Id, {
      maxItems: 4,
      description:
        'other services of any agency needed on the same visit: at check-in the number waits in their lines too, from then (issue #13)',
    }),
  ),
});
export type NewBooking = Static<typeof NewBooking>;

/** A service open to booking or to the online queue (GET /api/malls/:mall/booking/services). */
export const BookableService = Type.Object({
  serviceId: Type.String(),
  agencyId: Type.String(),
  booking: Type.Boolean({ description: 'a time can be booked' }),
  onlineQueue: Type.Boolean({ description: "today's queue can be joined from a phone" }),
});
export type BookableService = Static<typeof BookableService>;

/** GET /api/malls/:mall/services/:serviceId/booking-days: what a citizen may book of a service, day by day. */
export const BookingDays = Type.Object({
  enabled: Type.Boolean(),
  onlineQueue: Type.Boolean(),
  askNik: Type.Boolean(),
  slotMinutes: Type.Integer(),
  daysAhead: Type.Integer(),
  checkInBeforeMinutes: Type.Integer(),
  checkInAfterMinutes: Type.Integer(),
  days: Type.Array(
    Type.Object({
      date: Type.String(),
      status: Type.Enum(['open', 'closed', 'not_open_yet', 'full']),
      opensAt: Type.Union([Type.Integer(), Type.Null()], { description: 'when booking for the day opens (epoch ms)' }),
    }),
  ),
});
export type BookingDays = Static<typeof BookingDays>;

export const BookingStatus = Type.Enum(['booked', 'checked_in', 'cancelled', 'no_show']);

export const Booking = Type.Object({
  id: Type.String(),
  code: Type.String({ description: 'eight digits, typed or scanned at the kiosk' }),
  token: Type.String({ description: "the booking's page /b/:token" }),
  serviceId: Type.String(),
  date: Type.String(),
  start: Type.String(),
  end: Type.String(),
  status: BookingStatus,
  /** the other services of the visit, joined as stops at check-in */
  alsoServiceIds: Type.Array(Type.String()),
});
export type Booking = Static<typeof Booking>;

/** What the booking's page shows. */
export const BookingView = Type.Intersect([
  Booking,
  Type.Object({
    name: Type.String(),
    phoneMasked: Type.String(),
    nikMasked: Type.Union([Type.String(), Type.Null()]),
    mallSlug: Type.String(),
    mallName: Type.String(),
    serviceName: Type.String(),
    agencyName: Type.String(),
    timeZone: Type.String(),
    checkInFrom: Type.Integer({ description: 'epoch ms' }),
    checkInUntil: Type.Integer(),
    /** cancel and move are possible until check-in opens */
    changeable: Type.Boolean(),
    ticketToken: Type.Union([Type.String(), Type.Null()]),
    lang: Type.Enum(['id', 'en']),
    /** the other services of the visit, by name */
    alsoServices: Type.Array(
      Type.Object({ serviceId: Type.String(), serviceName: Type.String(), agencyName: Type.String() }),
    ),
  }),
]);
export type BookingView = Static<typeof BookingView>;

/** A booking as staff see it in the day's list. */
export const StaffBooking = Type.Intersect([
  Booking,
  Type.Object({
    name: Type.String(),
    phoneMasked: Type.String(),
    nikMasked: Type.Union([Type.String(), Type.Null()]),
    ticketId: Type.Union([Type.String(), Type.Null()]),
    ticketNumber: Type.Union([Type.String(), Type.Null()]),
    checkedInAt: Type.Union([Type.Integer(), Type.Null()]),
    createdBy: Type.Union([Type.String(), Type.Null()]),
  }),
]);

export const BookingListQuery = Type.Object({
  date: Type.String({ maxLength: 20 }),
  serviceId: Type.Optional(Id),
});

export const BookingTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });
export const MoveBookingBody = Type.Object({ date: DateText, start: Clock });
export const CheckInBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 20 }),
  /** after a too_late answer: join the queue as a walk-in, where the mall allows it */
  asWalkIn: Type.Optional(Type.Boolean()),
});
export const CheckedIn = Type.Object({
  ticket: Ticket,
  token: Type.String({ description: 'the ticket page /t/:token' }),
  peopleAhead: Type.Integer({ description: 'people before this ticket in its queue' }),
  booking: Booking,
  /** false when a late arrival joined as a walk-in */
  asBooked: Type.Boolean(),
  estimate: Type.Union([WaitEstimate, Type.Null()]),
  estimateReason: Type.Union([EstimateReason, Type.Null()]),
  stops: Type.Array(TicketStop),
});

export type CheckedIn = Static<typeof CheckedIn>;

export const OnlineTicketBody = Type.Object({
  serviceId: Id,
  phone: Type.String({ minLength: 1, maxLength: 30 }),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});

export const ContactBody = Type.Object({
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});

export const OutboxQuery = Type.Object({
  status: Type.Optional(Type.Enum(['pending', 'sending', 'sent', 'failed', 'unsent', 'cancelled'])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export const OutboxMessage = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  channel: Type.Enum(['email', 'whatsapp', 'sms']),
  recipient: Type.String({ description: 'masked' }),
  subject: Type.String(),
  body: Type.String(),
  status: Type.Enum(['pending', 'sending', 'sent', 'failed', 'unsent', 'cancelled']),
  tries: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Integer(),
  notBefore: Type.Integer(),
  sentAt: Type.Union([Type.Integer(), Type.Null()]),
});

export const SmtpConfig = Type.Object({
  host: Type.String({ minLength: 1, maxLength: 200 }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  secure: Type.Boolean({ description: 'TLS from the start (port 465); otherwise STARTTLS when offered' }),
  user: Type.Optional(Type.String({ maxLength: 200 })),
  password: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.String({ minLength: 3, maxLength: 200, description: 'e.g. "MPP Blora <mpp@blorakab.go.id>"' }),
});
export type SmtpConfig = Static<typeof SmtpConfig>;

export const GatewayConfig = Type.Object({
  preset: Type.Enum(['fonnte', 'wablas', 'json'], {
    description:
      'fonnte: POST {target, message} with Authorization: <token>; wablas: POST {phone, message}; json: your own body template',
  }),
  url: Type.String({ minLength: 8, maxLength: 500, pattern: '^https?://' }),
  token: Type.Optional(Type.String({ maxLength: 500 })),
  /** for "json": the body with {{to}}, {{message}}, {{id}} in it */
  bodyTemplate: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type GatewayConfig = Static<typeof GatewayConfig>;

export const ChannelParams = Type.Object({ mall: Type.String(), channel: Type.Enum(['email', 'whatsapp', 'sms']) });
export const ChannelBody = Type.Object({
  enabled: Type.Boolean(),
  config: Type.Union([SmtpConfig, GatewayConfig]),
});
export const ChannelView = Type.Object({
  channel: Type.Enum(['email', 'whatsapp', 'sms']),
  enabled: Type.Boolean(),
  /** secrets left out */
  config: Type.Record(Type.String(), Type.Unknown()),
  updatedAt: Type.Integer(),
});

const Figures = {
  booked: Type.Integer({ description: 'bookings made and not cancelled' }),
  checkedIn: Type.Integer(),
  noShow: Type.Integer({ description: 'never checked in inside the window (a late walk-in counts here too)' }),
  cancelled: Type.Integer(),
  capacity: Type.Integer({ description: 'places offered: slots × bookable places per slot' }),
  noShowRate: Type.Union([Type.Number(), Type.Null()], { description: 'noShow ÷ (checkedIn + noShow)' }),
  usedShare: Type.Union([Type.Number(), Type.Null()], { description: 'booked ÷ capacity' }),
};

export const BookingPerformanceQuery = Type.Object({
  period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(\\d{2}|[QqSs]\\d))?$' })),
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
  agencyId: Type.Optional(Id),
  serviceId: Type.Optional(Id),
});

export const BookingPerformance = Type.Object({
  from: Type.String(),
  to: Type.String(),
  rows: Type.Array(
    Type.Object({ date: Type.String(), serviceId: Type.String(), serviceName: Type.String(), ...Figures }),
    { description: 'per service and day with bookings or places offered' },
  ),
  totals: Type.Object(Figures),
});

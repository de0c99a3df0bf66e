import { type Static, Type } from 'typebox';

/**
 * The published standard of one service (PermenPANRB 15/2014): the six components shown to
 * citizens, plus the legal basis kept with it.
 */
export const ServiceStandard = Type.Object({
  /** persyaratan */
  requirements: Type.Array(Type.String()),
  /** sistem, mekanisme dan prosedur: the steps, in order */
  procedure: Type.Array(Type.String()),
  /** jangka waktu penyelesaian, as published ("15 menit", "3 hari kerja") */
  duration: Type.String(),
  /** the same in minutes when it is counted in minutes at the counter; null when in days */
  durationMinutes: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  /** biaya/tarif in whole rupiah; 0 is free; null when it depends on the case (see feeNote) */
  feeRupiah: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  /** how the fee is set or where it is paid, e.g. "PNBP sesuai PP 28/2019" */
  feeNote: Type.String(),
  /** produk pelayanan */
  product: Type.String(),
  /** penanganan pengaduan, saran dan masukan: where to complain */
  complaint: Type.String(),
  /** dasar hukum */
  legalBasis: Type.Array(Type.String()),
});
export type ServiceStandard = Static<typeof ServiceStandard>;

const Clock = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
  description: 'HH:mm; 24:00 closes at midnight',
});
export const Span = Type.Object({ open: Clock, close: Clock });
const Day = Type.Array(Span, { maxItems: 6 });
export const WeeklyHours = Type.Object({
  mon: Day,
  tue: Day,
  wed: Day,
  thu: Day,
  fri: Day,
  sat: Day,
  sun: Day,
});
export const OpeningHours = Type.Object({ weekly: WeeklyHours });
export type OpeningHours = Static<typeof OpeningHours>;

export const MallSummary = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  timeZone: Type.String({ description: 'IANA zone: Asia/Jakarta, Asia/Makassar or Asia/Jayapura' }),
});
export type MallSummary = Static<typeof MallSummary>;

export const MallDetail = Type.Object({
  ...MallSummary.properties,
  address: Type.String(),
  openingHours: OpeningHours,
  openNow: Type.Boolean(),
  today: Type.String({ description: 'the local date at the mall, YYYY-MM-DD' }),
  queue: Type.Object({
    priorityPerRegular: Type.Integer(),
    maxWaitMinutes: Type.Integer(),
    recallsBeforeNoShow: Type.Integer(),
  }),
});
export type MallDetail = Static<typeof MallDetail>;

export const Agency = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  code: Type.String(),
  color: Type.String(),
  serviceCount: Type.Integer(),
});
export type Agency = Static<typeof Agency>;

export const Service = Type.Object({
  id: Type.String(),
  name: Type.String(),
  agencyId: Type.String(),
  prefix: Type.String(),
  dailyQuota: Type.Union([Type.Integer(), Type.Null()]),
  standard: ServiceStandard,
});
export type Service = Static<typeof Service>;

export const ServicesQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'words; each must start a word of the service' })),
  agencyId: Type.Optional(Type.String({ maxLength: 64 })),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});
export type ServicesQuery = Static<typeof ServicesQuery>;

export const Counter = Type.Object({
  id: Type.String(),
  name: Type.String(),
  number: Type.Integer(),
  agencyId: Type.String(),
  zoneId: Type.Union([Type.String(), Type.Null()]),
  serviceIds: Type.Array(Type.String()),
});
export type Counter = Static<typeof Counter>;

export const Announcement = Type.Object({ id: Type.String(), text: Type.String(), createdAt: Type.Integer() });
export type Announcement = Static<typeof Announcement>;
export const NewAnnouncement = Type.Object({ text: Type.String({ minLength: 1, maxLength: 500 }) });
export const AnnouncementParams = Type.Object({
  mall: Type.String(),
  id: Type.String({ minLength: 1, maxLength: 64 }),
});

/** A mall's queue, booking and message settings (GET and PUT /api/malls/:mall/admin/settings). */
export const QueueSettings = Type.Object(
  {
    priorityPerRegular: Type.Integer({
      minimum: 0,
      maximum: 10,
      description: 'priority tickets called in a row before one regular ticket, while regular tickets wait',
    }),
    maxWaitMinutes: Type.Integer({ minimum: 5, maximum: 480, description: 'a ticket waiting this long goes first' }),
    recallsBeforeNoShow: Type.Integer({ minimum: 0, maximum: 5 }),
    waitWarningMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
    notifyAhead: Type.Integer({
      minimum: 0,
      maximum: 20,
      description: 'a citizen who left a number is told when this many people are before them (0: never)',
    }),
    lateCheckIn: Type.Enum(['walk_in', 'refuse'], {
      description: 'a booking checked in after its window: joins as a walk-in, or is refused',
    }),
    postponePlaces: Type.Integer({
      minimum: 1,
      maximum: 20,
      description: '"I need more time" moves back this many places',
    }),
    rejoinMinutes: Type.Integer({
      minimum: 0,
      maximum: 240,
      description: 'a missed call may rejoin from the phone within this many minutes (0: never)',
    }),
    phoneChannel: Type.Enum(['whatsapp', 'sms'], { description: 'where messages to a phone go' }),
    closedOnNationalHolidays: Type.Boolean({
      description:
        "national holidays close the mall (no tickets, no slots) unless a special day gives that date's hours",
    }),
  },
  { additionalProperties: false },
);
export type QueueSettingsBody = Static<typeof QueueSettings>;

/**
 * The administration contract (issue #6 point 1): a mall's agencies, services with their
 * standards, counters, display zones, staff accounts and special days. The mall admin manages
 * everything in the mall; an agency admin their own agency's services, counters and officers.
 *
 * Nothing that anything refers to is deleted: DELETE archives it (and answers outcome "archived"),
 * and only a row that nothing ever referred to (made by mistake) is deleted for good ("deleted").
 * Archived rows stay in reports and in these lists (archived: true) and can be restored.
 *
 * The limits are exported so that the screens validate as the server does.
 */
import { type Static, Type } from 'typebox';
import { Role } from './auth.js';
import { Span } from './catalog.js';
import { Id, MallParams } from './common.js';

export const LIMITS = {
  /** ticket number prefixes: one to three capital letters */
  prefixPattern: '^[A-Z]{1,3}$',
  /** an agency's code, as in staff usernames (petugas.dindukcapil): lower-case letters and digits */
  agencyCodePattern: '^[a-z0-9]{2,20}$',
  colorPattern: '^#[0-9a-fA-F]{6}$',
  /** as `loket user add`; stored lower-case */
  usernamePattern: '^[A-Za-z0-9._-]{3,64}$',
  datePattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  nameMax: 200,
  shortNameMax: 40,
  dailyQuotaMax: 10_000,
  counterNumberMax: 999,
  waitThresholdMax: 600,
  noteMax: 200,
  /** days one range PUT of special days may write */
  specialDayRangeMax: 366,
} as const;

const Name = Type.String({ minLength: 1, maxLength: LIMITS.nameMax });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const SortOrder = Type.Integer({ minimum: 0, maximum: 100_000 });
/**
 * A whole number or null, as one JSON Schema type list rather than a union: Fastify's validator
 * coerces types, and inside a union it would turn null into 0 (or 0 into null) on the way.
 * The minimum is 0 so that the service explains a 0 ("at least 1; leave empty for none").
 */
const CountOrNull = (max: number, description: string) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 0, maximum: max, description });
const LocalDate = Type.String({ pattern: LIMITS.datePattern, description: 'a local date at the mall, YYYY-MM-DD' });

/** The answer of every DELETE: archived when something refers to it, deleted when nothing ever did. */
export const RemoveResult = Type.Object({
  id: Type.String(),
  outcome: Type.Enum(['archived', 'deleted']),
});
export type RemoveResult = Static<typeof RemoveResult>;

export const IdParams = Type.Object({ ...MallParams.properties, id: Id });
export type IdParams = Static<typeof IdParams>;

// ---------------------------------------------------------------- agencies (mall admin)

export const AdminAgency = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  code: Type.String(),
  color: Type.String(),
  /** the live board warns past it; null: the mall's default */
  waitThresholdMinutes: Type.Union([Type.Integer(), Type.Null()]),
  sortOrder: Type.Integer(),
  archived: Type.Boolean(),
  /** its services that are not archived */
  serviceCount: Type.Integer(),
  /** its counters that are not archived */
  counterCount: Type.Integer(),
});
export type AdminAgency = Static<typeof AdminAgency>;

const agencyFields = {
  name: Name,
  shortName: Text(LIMITS.shortNameMax),
  code: Type.String({
    pattern: LIMITS.agencyCodePattern,
    description: 'lower-case letters and digits, unique in the mall',
  }),
  color: Type.String({ pattern: LIMITS.colorPattern, description: '#rrggbb' }),
  waitThresholdMinutes: Type.Optional(
    CountOrNull(LIMITS.waitThresholdMax, 'minutes, at least 1; null: the mall default'),
  ),
  sortOrder: Type.Optional(SortOrder),
};
export const NewAgency = Type.Object(agencyFields, { additionalProperties: false });
export type NewAgency = Static<typeof NewAgency>;
export const AgencyChange = Type.Partial(Type.Object(agencyFields), { additionalProperties: false });
export type AgencyChange = Static<typeof AgencyChange>;

// ---------------------------------------------------------------- services

/** ServiceStandard (src/api/catalog.ts) as an admin writes it: the same shape, with limits. */
/** one line of a list; blank lines are dropped */
const Line = Type.String({ maxLength: 1000 });
export const StandardInput = Type.Object(
  {
    requirements: Type.Array(Line, { maxItems: 60 }),
    procedure: Type.Array(Line, { minItems: 1, maxItems: 60 }),
    duration: Text(100),
    durationMinutes: Type.Unsafe<number | null>({
      type: ['integer', 'null'],
      minimum: 1,
      maximum: 24 * 60,
      description: 'minutes at the counter; null when counted in days',
    }),
    // a type list, not a union: in a union the validator would coerce null (fee depends on the
    // case) into 0 (free)
    feeRupiah: Type.Unsafe<number | null>({
      type: ['integer', 'null'],
      minimum: 0,
      maximum: 1_000_000_000,
      description: 'whole rupiah; 0 is free; null when it depends on the case (see feeNote)',
    }),
    feeNote: Type.String({ maxLength: 1000 }),
    product: Text(500),
    complaint: Text(1000),
    legalBasis: Type.Array(Line, { maxItems: 60 }),
  },
  { additionalProperties: false },
);

export const AdminService = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  dailyQuota: Type.Union([Type.Integer(), Type.Null()]),
  standard: StandardInput,
  /** open for tickets (an inactive service is hidden from the catalog and the kiosk) */
  active: Type.Boolean(),
  archived: Type.Boolean(),
  sortOrder: Type.Integer(),
  /** the counters that call its tickets */
  counterIds: Type.Array(Type.String()),
  /** a service that must be done first when a citizen's visit has both (e.g. the new KK first) */
  afterServiceId: Type.Union([Type.String(), Type.Null()]),
});
export type AdminService = Static<typeof AdminService>;

const serviceFields = {
  agencyId: Id,
  name: Name,
  prefix: Type.String({
    pattern: LIMITS.prefixPattern,
    description: "1–3 capital letters; an agency's prefixes are its own (another agency's is 409 prefix_taken)",
  }),
  dailyQuota: CountOrNull(LIMITS.dailyQuotaMax, 'tickets a day, at least 1; null: no quota'),
  standard: StandardInput,
  active: Type.Optional(Type.Boolean()),
  sortOrder: Type.Optional(SortOrder),
  counterIds: Type.Optional(
    Type.Array(Id, {
      maxItems: 200,
      description:
        "counters of the service's agency that call its tickets; on creation, left out: every active counter of the agency",
    }),
  ),
  afterServiceId: Type.Optional(
    Type.Union([Id, Type.Null()], {
      description:
        "a service of any agency that must be done first when a citizen's visit has both: this line holds the number until it is (an agency's rule, e.g. a document that needs the new KK); null: none",
    }),
  ),
};
export const NewService = Type.Object(serviceFields, { additionalProperties: false });
export type NewService = Static<typeof NewService>;
export const ServiceChange = Type.Partial(Type.Object(serviceFields), { additionalProperties: false });
export type ServiceChange = Static<typeof ServiceChange>;

export const AgencyFilter = Type.Object({
  agencyId: Type.Optional(Id),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});
export type AgencyFilter = Static<typeof AgencyFilter>;

// ---------------------------------------------------------------- counters

export const AdminCounter = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  name: Type.String(),
  number: Type.Integer(),
  zoneId: Type.Union([Type.String(), Type.Null()]),
  serviceIds: Type.Array(Type.String()),
  /** open (an inactive counter is hidden from the counter list and the display) */
  active: Type.Boolean(),
  archived: Type.Boolean(),
});
export type AdminCounter = Static<typeof AdminCounter>;

const counterFields = {
  agencyId: Id,
  name: Text(100),
  number: Type.Integer({
    minimum: 1,
    maximum: LIMITS.counterNumberMax,
    description: 'spoken on the display; unique in the mall, archived counters included (409 counter_number_taken)',
  }),
  zoneId: Type.Union([Id, Type.Null()]),
  serviceIds: Type.Array(Id, { maxItems: 500, description: "services of the counter's own agency" }),
  active: Type.Optional(Type.Boolean()),
};
export const NewCounter = Type.Object(counterFields, { additionalProperties: false });
export type NewCounter = Static<typeof NewCounter>;
export const CounterChange = Type.Partial(Type.Object(counterFields), { additionalProperties: false });
export type CounterChange = Static<typeof CounterChange>;

// ---------------------------------------------------------------- zones (mall admin)

export const AdminZone = Type.Object({
  id: Type.String(),
  name: Type.String(),
  sortOrder: Type.Integer(),
  archived: Type.Boolean(),
  /** counters in it that are not archived */
  counterCount: Type.Integer(),
});
export type AdminZone = Static<typeof AdminZone>;

const zoneFields = { name: Text(100), sortOrder: Type.Optional(SortOrder) };
export const NewZone = Type.Object(zoneFields, { additionalProperties: false });
export type NewZone = Static<typeof NewZone>;
export const ZoneChange = Type.Partial(Type.Object(zoneFields), { additionalProperties: false });
export type ZoneChange = Static<typeof ZoneChange>;

// ---------------------------------------------------------------- staff accounts

export const AdminUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  agencyId: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  /** the password was generated and has not been changed yet */
  mustChangePassword: Type.Boolean(),
  createdAt: Type.Integer(),
  passwordChangedAt: Type.Union([Type.Integer(), Type.Null()]),
});
export type AdminUser = Static<typeof AdminUser>;

export const NewUser = Type.Object(
  {
    username: Type.String({
      pattern: LIMITS.usernamePattern,
      description: '3–64 of a–z, 0–9, . _ -; stored lower-case',
    }),
    displayName: Name,
    role: Role,
    agencyId: Type.Optional(
      Type.Union([Id, Type.Null()], { description: 'required for officer and agency_admin; none for the others' }),
    ),
  },
  { additionalProperties: false },
);
export type NewUser = Static<typeof NewUser>;

export const UserChange = Type.Partial(
  Type.Object({
    displayName: Name,
    role: Role,
    agencyId: Type.Union([Id, Type.Null()]),
    active: Type.Boolean({ description: 'false signs the account out and keeps it from signing in' }),
  }),
  { additionalProperties: false },
);
export type UserChange = Static<typeof UserChange>;

/** A generated password, shown this once; it must be changed at the first sign-in. */
export const UserWithPassword = Type.Object({
  /** the account's id (also user.id) */
  id: Type.String(),
  user: AdminUser,
  password: Type.String({ description: 'generated; shown this once, never stored in the clear' }),
});
export type UserWithPassword = Static<typeof UserWithPassword>;

// ---------------------------------------------------------------- special days (mall admin)

export const SpecialDay = Type.Object({
  date: Type.String(),
  /** true when spans is empty */
  closed: Type.Boolean(),
  spans: Type.Array(Span),
  note: Type.String(),
});
export type SpecialDay = Static<typeof SpecialDay>;

const dayFields = {
  spans: Type.Array(Span, { maxItems: 6, description: 'the hours of that date; [] closes it' }),
  note: Type.String({ maxLength: LIMITS.noteMax, description: 'why: "Idul Fitri 1448 H", "Ramadan"' }),
};
export const SpecialDayBody = Type.Object(dayFields, { additionalProperties: false });
export type SpecialDayBody = Static<typeof SpecialDayBody>;

const Weekday = Type.Enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export const SpecialDayRange = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    weekdays: Type.Optional(
      Type.Array(Weekday, {
        minItems: 1,
        maxItems: 7,
        description: 'only these weekdays of the range (Ramadan hours on working days only); left out: every day',
      }),
    ),
    ...dayFields,
  },
  { additionalProperties: false },
);
export type SpecialDayRange = Static<typeof SpecialDayRange>;

export const DateParams = Type.Object({ ...MallParams.properties, date: LocalDate });
export type DateParams = Static<typeof DateParams>;

export const DateRangeQuery = Type.Object({
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});
export type DateRangeQuery = Static<typeof DateRangeQuery>;

export const SpecialDaysWritten = Type.Object({ days: Type.Array(SpecialDay) });
export const SpecialDaysDeleted = Type.Object({ deleted: Type.Integer() });

/**
 * Table types for Kysely: the one place the stored shape is written down. Instants are epoch
 * milliseconds; JSON columns are text (parsed in the repositories); flags are 0/1 integers so
 * SQLite and PostgreSQL return the same values.
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { Role } from '../../domain/access.js';
import type { ApplicationStatus } from '../../domain/application.js';
import type {
  ComplaintCategory,
  ComplaintEventType,
  ComplaintKind,
  ComplaintSource,
  ComplaintStatus,
} from '../../domain/complaint.js';
import type { ConsultationStatus } from '../../domain/consultation.js';
import type { EmergencyKind, EmergencySource, EmergencyStatus } from '../../domain/emergency.js';
import type { FacilityBookingStatus } from '../../domain/facility.js';
import type { PriorityClass, TicketAction, TicketStatus } from '../../domain/queue.js';
import type { Education, Occupation, Sex, SkmAnswer, SkmElement } from '../../domain/skm.js';
import type { Dimension } from '../../domain/tally.js';
import type { VisitOutcome } from '../../domain/visits.js';

export type { Role };

export interface MallsTable {
  id: string;
  slug: string;
  name: string;
  address: string;
  time_zone: string;
  /** JSON WeeklyHours */
  opening_hours: string;
  /** JSON MallQueueSettings */
  settings: string;
  created_at: number;
}

export interface AgenciesTable {
  id: string;
  mall_id: string;
  name: string;
  short_name: string;
  code: string;
  color: string;
  sort_order: number;
  /** the live board warns when someone has waited longer; null: the mall's default */
  wait_threshold_minutes: number | null;
  created_at: number;
  /** when it was archived (migration 0010): gone from the catalog and the kiosk, kept in reports; null while in use */
  archived_at: number | null;
}

export interface ServicesTable {
  id: string;
  mall_id: string;
  agency_id: string;
  name: string;
  prefix: string;
  daily_quota: number | null;
  /** JSON ServiceStandard */
  standard: string;
  /** name, agency and product folded by foldForSearch, for word-prefix search */
  search_text: string;
  sort_order: number;
  active: Generated<number>;
  created_at: number;
  /** when it was archived (also made inactive); null while in use */
  archived_at: number | null;
  /** a service that must be done first when a visit has both, an agency's rule (migration 0016) */
  after_service_id: string | null;
}

export interface ZonesTable {
  id: string;
  mall_id: string;
  name: string;
  sort_order: number;
  /** when it was archived; null while in use */
  archived_at: number | null;
}

export interface CountersTable {
  id: string;
  mall_id: string;
  agency_id: string;
  zone_id: string | null;
  name: string;
  /** the number spoken on the display: "silakan menuju loket tiga" */
  number: number;
  active: Generated<number>;
  created_at: number;
  /** when it was archived (also made inactive); null while in use */
  archived_at: number | null;
  /** what its officer said (migration 0013): open, on a break, closed; null or an earlier day: nothing said */
  presence: CounterPresenceState | null;
  presence_at: number | null;
}

export type CounterPresenceState = 'open' | 'break' | 'closed';

export interface CounterServicesTable {
  mall_id: string;
  counter_id: string;
  service_id: string;
}

export interface UsersTable {
  id: string;
  mall_id: string;
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  agency_id: string | null;
  active: Generated<number>;
  created_at: number;
  /** 1 while the password was generated for the user: only the account routes answer until it is changed */
  must_change_password: Generated<number>;
  password_changed_at: number | null;
}

export interface SessionsTable {
  /** sha256 of the cookie's token, so a leaked table opens no session */
  id: string;
  user_id: string;
  created_at: number;
  /** the absolute end: created_at + the session's lifetime */
  expires_at: number;
  /** the last request, refreshed at most once a minute: the idle timeout counts from it */
  last_seen_at: number;
}

export interface TicketsTable {
  id: string;
  mall_id: string;
  service_id: string;
  /** public 128-bit random token for the ticket page and QR */
  token: string;
  prefix: string;
  seq: number;
  number: string;
  priority: PriorityClass | null;
  status: TicketStatus;
  /** local date (YYYY-MM-DD) and hour at the mall when issued: reports group on these */
  service_date: string;
  service_hour: number;
  issued_at: number;
  /** when the citizen joined the queue; kept across a transfer */
  arrival_at: number;
  appointment_at: number | null;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  counter_id: string | null;
  officer_id: string | null;
  recall_count: number;
  transferred_from_service_id: string | null;
  updated_at: number;
  /** how the ticket was taken (migration 0012): null or 'kiosk' at the kiosk, 'booking' at a check-in, 'online' from a phone, 'staff' by an officer */
  source: TicketSource | null;
  /** 1 once the citizen used "I need more time" (once per ticket) */
  postponed: Generated<number>;
  /** the route this stop belongs to (migration 0015); null for a ticket of one service */
  route_id: string | null;
  /** the stop of the same route that must be done before this one is called (migration 0016) */
  after_ticket_id: string | null;
}

/** One citizen's number waiting in several lines at once (migration 0015). */
export interface RoutesTable {
  id: string;
  mall_id: string;
  /** the stop taken first: its token is the ticket page's */
  head_ticket_id: string;
  /** the stop being called or served now; null while the citizen is at no counter */
  held_ticket_id: string | null;
  created_at: number;
}

export type TicketSource = 'kiosk' | 'booking' | 'online' | 'staff';

export type TicketEventType = 'issue' | TicketAction;

/** One ticket's stay at one service (src/domain/visits.ts), kept with every event; reports read these. */
export interface VisitsTable {
  /** the id of the event that opened it (issue or transfer) */
  id: string;
  mall_id: string;
  ticket_id: string;
  agency_id: string;
  service_id: string;
  /** local date and hour at the mall when it joined the line */
  service_date: string;
  hour: number;
  priority: PriorityClass | null;
  transferred_in: number;
  entered_at: number;
  /** the first call */
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  ended_at: number | null;
  counter_id: string | null;
  officer_id: string | null;
  recalls: number;
  outcome: VisitOutcome;
}

export interface TicketEventsTable {
  /** UUIDv7: sortable, so SSE clients resume after the last id they saw */
  id: string;
  mall_id: string;
  ticket_id: string;
  type: TicketEventType;
  from_status: TicketStatus | null;
  to_status: TicketStatus;
  service_id: string;
  counter_id: string | null;
  actor_id: string | null;
  at: number;
  /** JSON: details such as the transfer's origin or why a call picked this ticket */
  data: string | null;
}

export interface TicketSequencesTable {
  mall_id: string;
  prefix: string;
  service_date: string;
  value: number;
}

export interface ServiceDayCountsTable {
  mall_id: string;
  service_id: string;
  service_date: string;
  issued: number;
}

export interface AnnouncementsTable {
  id: string;
  mall_id: string;
  /** the running text on the hall's displays */
  text: string;
  active: Generated<number>;
  created_by: string | null;
  created_at: number;
}

/** One completed SKM questionnaire: from a served ticket's link, or a paper form entered by staff. */
export interface SkmResponsesTable {
  id: string;
  mall_id: string;
  /** UNIQUE: a ticket is surveyed once; null for a paper questionnaire */
  ticket_id: string | null;
  service_id: string;
  /** the service's agency, denormalised for reports */
  agency_id: string;
  /** from the ticket when there is one */
  counter_id: string | null;
  officer_id: string | null;
  /** local date (YYYY-MM-DD) the citizen was served: the period the response counts in */
  service_date: string;
  source: 'ticket' | 'paper';
  /** the nine elements by key, each 1–4 */
  persyaratan: SkmAnswer;
  prosedur: SkmAnswer;
  waktu: SkmAnswer;
  biaya: SkmAnswer;
  produk: SkmAnswer;
  kompetensi: SkmAnswer;
  perilaku: SkmAnswer;
  pengaduan: SkmAnswer;
  sarana: SkmAnswer;
  sex: Sex;
  age: number;
  education: Education;
  occupation: Occupation;
  suggestion: string | null;
  /** the staff member who typed a paper questionnaire in */
  entered_by: string | null;
  created_at: number;
}

/** One step of an SKM report's follow-up plan (rencana tindak lanjut): a unit, a period, a weak element. */
export interface SkmFollowupsTable {
  id: string;
  mall_id: string;
  level: 'mall' | 'agency' | 'service';
  /** the agency, or the service's agency; null for the whole mall */
  agency_id: string | null;
  service_id: string | null;
  /** the report period, local dates YYYY-MM-DD, both included */
  period_from: string;
  period_to: string;
  element: SkmElement;
  /** what will be done */
  action: string;
  /** who answers for it */
  owner: string;
  /** YYYY-MM-DD */
  due_date: string;
  done: Generated<number>;
  done_at: number | null;
  /** 1 once deleted: kept on record, left out of lists and reports */
  archived: Generated<number>;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** A period of the mall's SKM result made public to citizens. UNIQUE (mall_id, period_from, period_to). */
export interface SkmPublicationsTable {
  id: string;
  mall_id: string;
  period_from: string;
  period_to: string;
  published_by: string | null;
  published_at: number;
}

/**
 * The audit trail (migration 0009): one row per staff action or sign-in attempt. Append-only: the
 * app has no path that updates or deletes a row.
 */
export interface AuditLogTable {
  /** UUIDv7 */
  id: string;
  /** the mall acted upon (or the actor's); null for a sign-in attempt with an unknown username */
  mall_id: string | null;
  at: number;
  /** the signed-in staff member; for a sign-in attempt, the account its username names; null when none */
  actor_id: string | null;
  /** the staff member's username; at a sign-in attempt, the username as typed */
  actor_username: string | null;
  /** the actor's agency at the time: what an agency admin may read */
  actor_agency_id: string | null;
  /** stable code, e.g. ticket.finish, auth.login_failed */
  action: string;
  /** method and URL pattern, e.g. POST /api/malls/:mall/tickets/:id/finish */
  route: string | null;
  /** JSON: the route's parameters (ticket, counter, …) and what the action produced */
  target: string | null;
  status_code: number;
  /** the error code of a refused action */
  error: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON: the request body, secrets removed, NIK and phone numbers masked, size capped */
  detail: string | null;
}

/** A date with other hours than its weekday's (migration 0010). PRIMARY KEY (mall_id, date). */
export interface SpecialDaysTable {
  mall_id: string;
  /** the mall's local date, YYYY-MM-DD */
  date: string;
  /** JSON Span[]; [] closes the whole day */
  spans: string;
  /** why: "Idul Fitri 1448 H", "Ramadan" */
  note: string;
  updated_by: string | null;
  updated_at: number;
}

/** Which spans of a mall's days are tallied and stored: usable when built = generation (migration 0011). */
export interface RollupMarksTable {
  mall_id: string;
  span: 'day' | 'month';
  /** the day, or the month's first day (YYYY-MM-DD) */
  start: string;
  generation: number;
  built: number | null;
}

/** One unit's tally over a closed day or month (src/domain/tally.ts). */
export interface RollupsTable {
  mall_id: string;
  span: 'day' | 'month';
  start: string;
  dim: Dimension;
  /** the visits' agency; '' for the whole mall */
  agency_id: string;
  unit_id: string;
  visits: number;
  transferred_in: number;
  served: number;
  no_show: number;
  cancelled: number;
  transferred: number;
  open: number;
  days: number;
  measured: number;
  within: number;
  /** ascending float64 milliseconds, little-endian bytes */
  wait_ms: Uint8Array;
  service_ms: Uint8Array;
  /** JSON: the spreads of both (TimeSpreads), for reading one span without its times */
  spreads: string;
  /** JSON: arrivals by weekday × 24 + hour */
  arrivals: string;
  /** JSON: { counterId: [local hours] } */
  counter_hours: string;
  respondents: number;
  /** JSON: the SKM element sums */
  skm_sums: string;
}

/** A service's booking rules (migration 0012). */
export interface ServiceBookingRulesTable {
  service_id: string;
  mall_id: string;
  /** JSON BookingRules (src/domain/booking.ts) */
  rules: string;
  updated_by: string | null;
  updated_at: number;
}

/** Booked places of one slot. PRIMARY KEY (service_id, date, start). */
export interface BookingSlotsTable {
  mall_id: string;
  service_id: string;
  date: string;
  /** "HH:MM" at the mall */
  start: string;
  booked: number;
}

export type BookingStatus = 'booked' | 'checked_in' | 'cancelled' | 'no_show';

export interface BookingsTable {
  id: string;
  mall_id: string;
  service_id: string;
  agency_id: string;
  /** eight digits, typed at the kiosk; unique per mall */
  code: string;
  /** 128-bit random: the booking's page /b/:token */
  token: string;
  date: string;
  start: string;
  end: string;
  slot_start_at: number;
  check_in_from: number;
  check_in_until: number;
  name: string;
  /** 62… */
  phone: string;
  email: string | null;
  /** never the whole NIK: its masked form, for the officer to compare with the KTP */
  nik_masked: string | null;
  /** sha-256 of the phone, or of the NIK where the service asks for it */
  person_key: string;
  /** person_key while booked or checked in, null after: one active booking per person, service and day */
  active_key: string | null;
  lang: 'id' | 'en';
  status: BookingStatus;
  ticket_id: string | null;
  /** the officer who booked on the citizen's behalf */
  created_by: string | null;
  created_at: number;
  updated_at: number;
  checked_in_at: number | null;
  cancelled_at: number | null;
  /** the other services of the visit (migration 0017): a JSON array of ids, stops from check-in; null: none */
  also_service_ids: string | null;
}

/** Where to tell a ticket's citizen. */
export interface TicketContactsTable {
  ticket_id: string;
  mall_id: string;
  phone: string | null;
  email: string | null;
  lang: 'id' | 'en';
  booking_id: string | null;
  created_at: number;
}

export type MessageChannel = 'email' | 'whatsapp' | 'sms';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unsent' | 'cancelled';

/** One message to a citizen (migration 0012). UNIQUE (mall_id, event_key, channel). */
export interface OutboxTable {
  id: string;
  mall_id: string;
  /** what caused it, e.g. booking:<id>:confirmed, call:<event id> */
  event_key: string;
  channel: MessageChannel;
  /** an e-mail address or a 62… number */
  recipient: string;
  kind: string;
  lang: 'id' | 'en';
  subject: string;
  body: string;
  status: OutboxStatus;
  tries: number;
  /** not sent before this instant (a reminder the evening before) */
  not_before: number;
  next_attempt_at: number;
  /** a worker holds it until then; a worker that died lets go when it passes */
  lease_until: number | null;
  last_error: string | null;
  booking_id: string | null;
  ticket_id: string | null;
  created_at: number;
  sent_at: number | null;
}

/** A mall's message adapter. PRIMARY KEY (mall_id, channel). */
export interface MessageChannelsTable {
  mall_id: string;
  channel: MessageChannel;
  /** JSON: SmtpConfig or GatewayConfig */
  config: string;
  enabled: number;
  updated_by: string | null;
  updated_at: number;
}

/** An estimate a citizen was given (migration 0013): at issue, or the last shown before the call. */
export interface TicketEstimatesTable {
  ticket_id: string;
  kind: 'issue' | 'last';
  mall_id: string;
  service_id: string;
  agency_id: string;
  service_date: string;
  given_at: number;
  wait_ms: number;
  low_ms: number;
  high_ms: number;
  /** the queue-length estimator's answer at the same moment; null when it had none */
  baseline_ms: number | null;
}

/** An application after the counter (migration 0014): a product days later, followed by code. */
export interface ApplicationsTable {
  id: string;
  mall_id: string;
  agency_id: string;
  service_id: string;
  ticket_id: string | null;
  code: string;
  token: string;
  status: ApplicationStatus;
  /** local dates at the mall */
  received_date: string;
  due_date: string | null;
  ready_date: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  lang: 'id' | 'en';
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface ApplicationEventsTable {
  id: string;
  application_id: string;
  mall_id: string;
  status: ApplicationStatus;
  note: string | null;
  actor_id: string | null;
  at: number;
}

/** A complaint, aspiration or request for information (migration 0018; src/domain/complaint.ts). */
export interface ComplaintsTable {
  id: string;
  mall_id: string;
  code: string;
  token: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  title: string;
  story: string;
  event_date: string | null;
  event_place: string | null;
  /** what the citizen says it concerns */
  agency_id: string | null;
  service_id: string | null;
  /** where the mall sent it */
  disposed_agency_id: string | null;
  ticket_id: string | null;
  counter_id: string | null;
  source: ComplaintSource;
  /** 1: no contact kept anywhere */
  anonymous: number;
  /** 1: the identity is the mall's only, hidden from the agency */
  confidential: number;
  name: string | null;
  phone: string | null;
  email: string | null;
  lang: 'id' | 'en';
  status: ComplaintStatus;
  /** working days for the answer, chosen at verification: 5, 14 or 60 */
  track: number | null;
  /** local dates at the mall */
  received_date: string;
  verify_due: string;
  verified_date: string | null;
  disposed_date: string | null;
  answer_due: string | null;
  answered_date: string | null;
  closed_date: string | null;
  rating: number | null;
  rating_comment: string | null;
  lapor_number: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface ComplaintEventsTable {
  id: string;
  complaint_id: string;
  mall_id: string;
  /** step, info (the citizen added), note (internal), rating, lapor (forwarded) */
  type: ComplaintEventType;
  status: ComplaintStatus | null;
  /** shown to the citizen */
  note: string | null;
  /** staff only */
  internal_note: string | null;
  agency_id: string | null;
  due_date: string | null;
  actor_id: string | null;
  at: number;
}

/** A question about a service before coming (migration 0021); published answers are its FAQ. */
export interface ConsultationsTable {
  id: string;
  mall_id: string;
  service_id: string;
  agency_id: string;
  token: string;
  question: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  lang: 'id' | 'en';
  status: ConsultationStatus;
  answer: string | null;
  answered_by: string | null;
  answered_at: number | null;
  published: number;
  created_at: number;
  updated_at: number;
}

export interface ComplaintPhotosTable {
  id: string;
  complaint_id: string;
  mall_id: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  /** the re-encoded image, base64 */
  data: string;
  created_at: number;
}

/** A facility of the mall (migration 0019): the directory; rooms with bookable = 1 take requests. */
export interface FacilitiesTable {
  id: string;
  mall_id: string;
  /** stable per mall, e.g. auditorium */
  code: string;
  /** auditorium, meeting_room, crisis_center, nursing_room, reading_corner, play_area, cafe, craft_center, … */
  kind: string;
  name: string;
  name_en: string;
  description: string;
  description_en: string;
  location: string;
  location_en: string;
  /** JSON WeeklyHours */
  hours: string;
  accessible: number;
  accessibility_note: string | null;
  accessibility_note_en: string | null;
  capacity: number | null;
  /** counted by staff where someone counts; null elsewhere */
  occupancy: number | null;
  occupancy_at: number | null;
  bookable: number;
  sort_order: number;
  created_at: number;
}

/** A request for a room (migration 0019); active ones (pending, approved) never overlap: a trigger refuses it. */
export interface FacilityBookingsTable {
  id: string;
  mall_id: string;
  facility_id: string;
  /** the requester's link to follow or cancel it */
  token: string;
  /** the local date and clock times at the mall */
  date: string;
  start_time: string;
  end_time: string;
  start_at: number;
  end_at: number;
  status: FacilityBookingStatus;
  purpose: string;
  organiser: string;
  attendees: number | null;
  phone: string | null;
  email: string | null;
  lang: 'id' | 'en';
  /** the admin's note with the decision or the cancellation */
  note: string | null;
  decided_by: string | null;
  decided_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** An urgent report in the hall (migration 0020): who reported, took and closed it, and when. */
export interface EmergenciesTable {
  id: string;
  mall_id: string;
  kind: EmergencyKind;
  place: string | null;
  note: string | null;
  source: EmergencySource;
  status: EmergencyStatus;
  /** the staff member who reported it; null from the kiosk or the portal */
  reported_by: string | null;
  reported_at: number;
  taken_by: string | null;
  taken_at: number | null;
  closed_by: string | null;
  closed_at: number | null;
  /** what was done */
  close_note: string | null;
}

/** Each step of an emergency; a reconnecting screen resumes after the last id it saw. */
export interface EmergencyEventsTable {
  id: string;
  emergency_id: string;
  mall_id: string;
  type: EmergencyStatus;
  actor_id: string | null;
  at: number;
}

export interface DB {
  emergencies: EmergenciesTable;
  emergency_events: EmergencyEventsTable;
  facilities: FacilitiesTable;
  facility_bookings: FacilityBookingsTable;
  routes: RoutesTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  complaint_photos: ComplaintPhotosTable;
  consultations: ConsultationsTable;
  ticket_estimates: TicketEstimatesTable;
  service_booking_rules: ServiceBookingRulesTable;
  booking_slots: BookingSlotsTable;
  bookings: BookingsTable;
  ticket_contacts: TicketContactsTable;
  outbox: OutboxTable;
  message_channels: MessageChannelsTable;
  special_days: SpecialDaysTable;
  announcements: AnnouncementsTable;
  malls: MallsTable;
  agencies: AgenciesTable;
  services: ServicesTable;
  zones: ZonesTable;
  counters: CountersTable;
  counter_services: CounterServicesTable;
  users: UsersTable;
  sessions: SessionsTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  visits: VisitsTable;
  ticket_sequences: TicketSequencesTable;
  service_day_counts: ServiceDayCountsTable;
  skm_responses: SkmResponsesTable;
  skm_followups: SkmFollowupsTable;
  skm_publications: SkmPublicationsTable;
  audit_log: AuditLogTable;
  rollup_marks: RollupMarksTable;
  rollups: RollupsTable;
}

export type MallRow = Selectable<MallsTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type CounterRow = Selectable<CountersTable>;
export type TicketRow = Selectable<TicketsTable>;
export type NewTicket = Insertable<TicketsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewSkmResponse = Insertable<SkmResponsesTable>;
export type SkmFollowupRow = Selectable<SkmFollowupsTable>;
export type BookingRow = Selectable<BookingsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutbox = Insertable<OutboxTable>;

import { type Static, Type } from 'typebox';
import { PRIORITY_CLASSES, TICKET_STATUSES } from '../domain/queue.js';
import { Id } from './common.js';

export const Priority = Type.Enum([...PRIORITY_CLASSES], {
  description: 'priority class (UU 25/2009 art. 29): lansia, disabilitas, ibu_hamil, anak',
});
export const TicketStatus = Type.Enum([...TICKET_STATUSES]);

export const IssueTicketBody = Type.Object({
  /** one service (a plain ticket) … */
  serviceId: Type.Optional(Id),
  /** … or several: one number waiting in every one of their lines at once */
  serviceIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 5 })),
  priority: Type.Optional(Type.Union([Priority, Type.Null()])),
});
export type IssueTicketBody = Static<typeof IssueTicketBody>;

/** When a waiting ticket is expected to be called: the median of the estimator's plays and a range. */
export const WaitEstimate = Type.Object({
  waitMinutes: Type.Integer({ minimum: 0, description: 'minutes from now until the call, the point estimate' }),
  lowMinutes: Type.Integer({ minimum: 0, description: 'the range: its short end (20th percentile)' }),
  highMinutes: Type.Integer({ minimum: 0, description: 'the range: its long end (80th percentile)' }),
  callAt: Type.Integer({ description: 'epoch ms: now + waitMinutes, to show as a clock time ("± 09.40")' }),
});
export type WaitEstimate = Static<typeof WaitEstimate>;

export const EstimateReason = Type.Enum(['closed', 'no_counter_open', 'not_waiting', 'after_stop'], {
  description:
    'why there is no estimate: the mall is closed, no counter serving the service is open, the ticket no longer waits, or (a stop of a visit) it waits for another stop to be done first',
});
export type EstimateReason = Static<typeof EstimateReason>;

const estimateFields = {
  estimate: Type.Union([WaitEstimate, Type.Null()]),
  estimateReason: Type.Union([EstimateReason, Type.Null()], { description: 'set when estimate is null' }),
};

export const CounterRef = Type.Object({ id: Type.String(), name: Type.String(), number: Type.Integer() });

/** One stop of a visit: one of the services the number waits for, in its own line. */
export const TicketStop = Type.Object({
  serviceId: Type.String(),
  serviceName: Type.String(),
  agencyShortName: Type.String(),
  status: TicketStatus,
  peopleAhead: Type.Integer({ description: 'waiting before it in its line; 0 unless waiting' }),
  counter: Type.Optional(CounterRef),
  /** the stop (its serviceId) that must be done first, an agency's rule: this line holds the number until then */
  after: Type.Optional(Type.String()),
  ...estimateFields,
});
export type TicketStop = Static<typeof TicketStop>;

export const IssuedTicket = Type.Object({
  id: Type.String(),
  token: Type.String({ description: 'for the ticket page /t/:token and GET /api/tickets/:token' }),
  number: Type.String({ description: 'e.g. A-001' }),
  status: TicketStatus,
  serviceId: Type.String(),
  priority: Type.Union([Priority, Type.Null()]),
  peopleAhead: Type.Integer(),
  issuedAt: Type.Integer({ description: 'epoch ms' }),
  serviceDate: Type.String(),
  ...estimateFields,
  /** every service the number waits for (one for a plain ticket), in the order taken */
  stops: Type.Array(TicketStop),
});
export type IssuedTicket = Static<typeof IssuedTicket>;

export const TicketPublic = Type.Object({
  number: Type.String(),
  mallSlug: Type.String(),
  mallName: Type.String(),
  /** the mall's IANA zone, to show times as the hall's clock shows them */
  timeZone: Type.String(),
  serviceName: Type.String(),
  agencyName: Type.String(),
  agencyShortName: Type.String(),
  status: TicketStatus,
  serviceId: Type.String(),
  priority: Type.Union([Priority, Type.Null()]),
  peopleAhead: Type.Integer({ description: 'waiting tickets before this one; 0 unless waiting' }),
  counter: Type.Optional(CounterRef),
  /** goes up with each recall, so the ticket page alerts again */
  recallCount: Type.Integer(),
  /** the SKM survey of this ticket was already answered (here, at the counter tablet or on paper) */
  surveyed: Type.Boolean(),
  issuedAt: Type.Integer(),
  calledAt: Type.Union([Type.Integer(), Type.Null()]),
  /** the booked slot's start (epoch ms) for a checked-in booking; null for a walk-in */
  appointmentAt: Type.Union([Type.Integer(), Type.Null()]),
  /** "I need more time" was used (it can be, once, while waiting) */
  postponed: Type.Boolean(),
  /** after a missed call: the citizen may rejoin the line from the phone until then (epoch ms) */
  canRejoinUntil: Type.Union([Type.Integer(), Type.Null()]),
  ...estimateFields,
  /** the visit's route: every service the number waits for, done, at a counter, or waiting with its place and estimate */
  stops: Type.Array(TicketStop),
  /** where the citizen is told, masked; null when nobody left a number */
  contact: Type.Union([
    Type.Object({
      phoneMasked: Type.Union([Type.String(), Type.Null()]),
      emailMasked: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});
export type TicketPublic = Static<typeof TicketPublic>;

/** A ticket as staff see it. */
export const Ticket = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: TicketStatus,
  serviceId: Type.String(),
  priority: Type.Union([Priority, Type.Null()]),
  counterId: Type.Union([Type.String(), Type.Null()]),
  recallCount: Type.Integer(),
  issuedAt: Type.Integer(),
  arrivalAt: Type.Integer(),
  calledAt: Type.Union([Type.Integer(), Type.Null()]),
  startedAt: Type.Union([Type.Integer(), Type.Null()]),
  finishedAt: Type.Union([Type.Integer(), Type.Null()]),
  transferredFromServiceId: Type.Union([Type.String(), Type.Null()]),
  serviceDate: Type.String(),
  /** the booked slot's start (epoch ms) for a checked-in booking; null for a walk-in */
  appointmentAt: Type.Union([Type.Integer(), Type.Null()]),
  /** how it was taken: kiosk, booking (a check-in), online (from a phone), staff; null for older tickets */
  source: Type.Union([Type.Enum(['kiosk', 'booking', 'online', 'staff']), Type.Null()]),
});
export type Ticket = Static<typeof Ticket>;

export const TicketEnvelope = Type.Object({ ticket: Ticket });

export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });
export const TicketParams = Type.Object({ mall: Type.String(), id: Id });
export const CounterParams = Type.Object({ mall: Type.String(), counterId: Id });
export const CallBody = Type.Object({ ticketId: Id });
export const AddStopBody = Type.Object({ serviceId: Id });
export const StopParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }), serviceId: Id });
export const TransferBody = Type.Object({ serviceId: Id });

export const CounterPresenceState = Type.Enum(['open', 'break', 'closed'], {
  description: 'what the officer says of the counter: open (serving), on a break, closed for the day',
});
export const CounterPresenceBody = Type.Object({ state: CounterPresenceState });
export const CounterPresence = Type.Object({
  counterId: Type.String(),
  state: CounterPresenceState,
  since: Type.Integer({ description: 'epoch ms' }),
});
export type CounterPresence = Static<typeof CounterPresence>;

export const CounterQueue = Type.Object({
  counter: Type.Object({
    id: Type.String(),
    name: Type.String(),
    number: Type.Integer(),
    agencyId: Type.String(),
    /** what was said of it today; null when nothing was (it counts as open while it calls) */
    presence: Type.Union([Type.Object({ state: CounterPresenceState, since: Type.Integer() }), Type.Null()]),
  }),
  current: Type.Union([Ticket, Type.Null()]),
  /** when the current ticket is one stop of a visit: every stop, so the officer sees what else the citizen needs */
  currentStops: Type.Array(TicketStop),
  waiting: Type.Array(Ticket),
  today: Type.Object({
    served: Type.Integer(),
    noShow: Type.Integer(),
    waiting: Type.Integer(),
    averageServiceSeconds: Type.Union([Type.Number(), Type.Null()]),
  }),
});
export type CounterQueue = Static<typeof CounterQueue>;

/** What the kiosk shows before a citizen chooses: open or not, and each service's room today. */
export const Availability = Type.Object({
  openNow: Type.Boolean(),
  today: Type.String(),
  /** today's opening spans, "HH:mm" */
  hoursToday: Type.Array(Type.Object({ open: Type.String(), close: Type.String() })),
  services: Type.Array(
    Type.Object({
      serviceId: Type.String(),
      waiting: Type.Integer(),
      /** tickets left today under the quota; null when the service has none */
      remaining: Type.Union([Type.Integer(), Type.Null()]),
      /** a ticket taken now: the estimated minutes until its call; null when none can be made */
      estimatedWaitMinutes: Type.Union([Type.Integer(), Type.Null()]),
      estimateLowMinutes: Type.Union([Type.Integer(), Type.Null()]),
      estimateHighMinutes: Type.Union([Type.Integer(), Type.Null()]),
      estimateReason: Type.Union([EstimateReason, Type.Null()]),
    }),
  ),
});
export type Availability = Static<typeof Availability>;

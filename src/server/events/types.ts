/** What travels on the bus: one typed map of topics to payloads. */
import type { EmergencyKind, EmergencySource, EmergencyStatus } from '../../domain/emergency.js';
import type { PriorityClass, TicketStatus } from '../../domain/queue.js';
import type { TicketEventType } from '../db/schema.js';

export interface TicketChanged {
  /** the ticket_events row id (UUIDv7): SSE clients resume after it */
  eventId: string;
  mallId: string;
  type: TicketEventType;
  at: number;
  ticket: {
    id: string;
    token: string;
    number: string;
    status: TicketStatus;
    priority: PriorityClass | null;
    serviceId: string;
    /** on a transfer, the service it left */
    fromServiceId: string | null;
    counterId: string | null;
    recallCount: number;
    /** the visit's route when the ticket is one stop of several (its siblings' pages follow it too) */
    routeId?: string | null;
  };
  /** the counter on calls and recalls, as the display shows and speaks it */
  counter: { id: string; name: string; number: number; zoneId: string | null } | null;
}

/** An emergency's step with the whole report as it now stands (src/api/emergencies.ts Emergency). */
export interface EmergencyChanged {
  /** the emergency_events row id (UUIDv7): staff screens resume after it */
  eventId: string;
  mallId: string;
  type: EmergencyStatus;
  at: number;
  emergency: {
    id: string;
    kind: EmergencyKind;
    place: string | null;
    note: string | null;
    source: EmergencySource;
    status: EmergencyStatus;
    reportedAt: number;
    reportedBy: string | null;
    takenAt: number | null;
    takenBy: string | null;
    takenById: string | null;
    closedAt: number | null;
    closedBy: string | null;
    closeNote: string | null;
    responseMs: number | null;
  };
}

export interface BusEvents {
  'ticket.changed': TicketChanged;
  /** a mall's own settings (hours, queue rules) changed: processes drop their cached copy */
  'mall.changed': { mallId: string };
  /** a mall's agencies, services or counters changed: processes drop their cached copies */
  'catalog.changed': { mallId: string };
  /** a booked place was given back (cancel, move): processes read the slot's count afresh */
  'booking.place_freed': { mallId: string; serviceId: string; date: string; start: string };
  /** a counter's officer said it is open, on a break or closed: the wait estimates change */
  'counter.changed': { mallId: string; counterId: string };
  /** the display's running text changed: displays refetch it */
  'announcements.changed': { mallId: string };
  /** an urgent report was made, taken or closed: every staff screen of the mall hears it */
  'emergency.changed': EmergencyChanged;
}

export type Topic = keyof BusEvents;
/**
 * One message: a topic and its payload, narrowed together by checking the topic; `sentAt` is the
 * publishing process's clock at publish (epoch ms), for the bus delay metric.
 */
export type BusMessage = { [T in Topic]: { topic: T; payload: BusEvents[T]; sentAt?: number } }[Topic];

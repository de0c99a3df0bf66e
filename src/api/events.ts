/** What the server-sent event streams carry. */
import { type Static, Type } from 'typebox';
import { Priority } from './queue.js';

export const CallEvent = Type.Object({
  eventId: Type.String(),
  type: Type.Enum(['call', 'recall']),
  at: Type.Integer(),
  ticket: Type.Object({
    id: Type.String(),
    number: Type.String(),
    priority: Type.Union([Priority, Type.Null()]),
    serviceId: Type.String(),
  }),
  counter: Type.Object({
    id: Type.String(),
    name: Type.String(),
    number: Type.Integer(),
    zoneId: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type CallEvent = Static<typeof CallEvent>;

/** Sent first on every display connection: the state to draw before live calls arrive. */
export const DisplaySnapshot = Type.Object({
  /** today's latest calls, newest first, one per ticket (its latest call or recall) */
  calls: Type.Array(CallEvent),
  /** per counter, the number it called last today */
  counters: Type.Array(Type.Object({ counterId: Type.String(), number: Type.String(), at: Type.Integer() })),
  /** the server's clock, so a display can tell how old a missed call is without trusting its own */
  serverTime: Type.Integer(),
});
export type DisplaySnapshot = Static<typeof DisplaySnapshot>;

export const DisplayQuery = Type.Object({
  zone: Type.Optional(Type.String({ maxLength: 64 })),
  lastEventId: Type.Optional(Type.String({ maxLength: 64, description: 'same as the Last-Event-ID header' })),
});

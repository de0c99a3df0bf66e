/**
 * The audit trail's contract (issue #6 point 3): who did what, when and from where. Read-only:
 * there is no route that changes or deletes an entry.
 */
import { type Static, Type } from 'typebox';
import { Id } from './common.js';

export const AuditQuery = Type.Object({
  from: Type.Optional(Type.Integer({ minimum: 0, description: 'entries at or after this instant (epoch ms)' })),
  to: Type.Optional(
    Type.Integer({ minimum: 0, description: 'entries before this instant (epoch ms); not before from' }),
  ),
  actorId: Type.Optional(
    Type.String({ ...Id, description: 'one staff member: what they did, and sign-ins to their account' }),
  ),
  action: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'one action, e.g. ticket.finish or auth.login_failed; ending in * for every action it begins, e.g. ticket.* or auth.login*',
    }),
  ),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'text in the username, action, route, target, detail or IP address (case-insensitive)',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'entries per page' })),
  before: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'the next cursor of the previous page' }),
  ),
  lang: Type.Optional(Type.Enum(['id', 'en'])),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditActor = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
});

export const AuditEntry = Type.Object({
  id: Type.String(),
  at: Type.Integer({ description: 'epoch ms' }),
  actor: Type.Union([AuditActor, Type.Null()], {
    description:
      'who acted; for a sign-in attempt, the account its username names (null when it names none: see username)',
  }),
  username: Type.Union([Type.String(), Type.Null()], {
    description: "the actor's username at the time; at a sign-in attempt, as typed",
  }),
  action: Type.String({
    description:
      'stable code: auth.login, auth.login_failed, auth.locked_out, auth.login_while_locked, auth.logout, auth.logout_all, auth.password_change, ticket.call_next, ticket.call, ticket.recall, ticket.start, ticket.finish, ticket.no_show, ticket.cancel, ticket.reactivate, ticket.transfer, mall.opening_hours, announcement.create, announcement.delete, skm.paper_entry, skm.followup.create|update|delete, skm.publication.publish|unpublish, and for other routes <noun>.<verb> derived from the route',
  }),
  route: Type.Union([Type.String(), Type.Null()], {
    description: 'the method and URL pattern, e.g. POST /api/malls/:mall/tickets/:id/finish',
  }),
  target: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
    description:
      "what was acted on: the route's parameters (id, counterId, …), and from the answer the ticket (ticketId, number) or the id created",
  }),
  statusCode: Type.Integer({ description: 'the HTTP status of the answer: 4xx for a refused attempt' }),
  error: Type.Union([Type.String(), Type.Null()], { description: 'the error code of a refused attempt' }),
  ip: Type.Union([Type.String(), Type.Null()], {
    description: "the client's address (behind a trusted proxy, the forwarded one)",
  }),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Unknown({
    description:
      'the request body, passwords and tokens replaced by "[redacted]", NIK and phone numbers masked, size capped; null without a body',
  }),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntry, { description: 'newest first' }),
  next: Type.Union([Type.String(), Type.Null()], {
    description: 'pass as before= for the following (older) page; null on the last page',
  }),
});
export type AuditPage = Static<typeof AuditPage>;

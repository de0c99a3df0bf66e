/**
 * The queue's states and the transitions between them. Pure: the service layer asks here whether
 * an action is allowed and what the ticket becomes, then stores the answer.
 */

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** UU 25/2009 art. 29: special treatment for these groups. */
export const PRIORITY_CLASSES = ['lansia', 'disabilitas', 'ibu_hamil', 'anak'] as const;
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

export const TICKET_ACTIONS = [
  'call',
  'recall',
  'start',
  'finish',
  'no_show',
  'cancel',
  'reactivate',
  'transfer',
  'postpone',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const RULES: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  finish: { from: ['serving'], to: 'done' },
  no_show: { from: ['called'], to: 'no_show' },
  cancel: { from: ['waiting', 'called'], to: 'cancelled' },
  reactivate: { from: ['no_show'], to: 'waiting' },
  // A transferred ticket waits again, at the new service, keeping its arrival time.
  transfer: { from: ['waiting', 'called', 'serving'], to: 'waiting' },
  // "I need more time": the citizen steps back a few places in the line (postponedArrival), once.
  postpone: { from: ['waiting'], to: 'waiting' },
};

/** Statuses from which an action may be taken; used to word a 409. */
export function allowedFrom(action: TicketAction): readonly TicketStatus[] {
  return RULES[action].from;
}

export interface TransitionSubject {
  status: TicketStatus;
  recallCount: number;
  /** the ticket's local service date, YYYY-MM-DD */
  serviceDate: string;
}

export interface TransitionContext {
  /** recalls an officer must make before a called ticket may be marked no-show */
  recallsBeforeNoShow: number;
  /** today's local date at the mall, YYYY-MM-DD */
  today: string;
}

export type TransitionResult =
  | { ok: true; to: TicketStatus }
  | { ok: false; reason: 'state'; allowed: readonly TicketStatus[] }
  | { ok: false; reason: 'recalls_needed'; needed: number; made: number }
  | { ok: false; reason: 'other_day' };

export function checkTransition(
  ticket: TransitionSubject,
  action: TicketAction,
  ctx: TransitionContext,
): TransitionResult {
  const rule = RULES[action];
  if (!rule.from.includes(ticket.status)) return { ok: false, reason: 'state', allowed: rule.from };
  if (action === 'no_show' && ticket.recallCount < ctx.recallsBeforeNoShow) {
    return { ok: false, reason: 'recalls_needed', needed: ctx.recallsBeforeNoShow, made: ticket.recallCount };
  }
  // A no-show may come back only on the day of the ticket: tomorrow's numbers start afresh.
  if (action === 'reactivate' && ticket.serviceDate !== ctx.today) return { ok: false, reason: 'other_day' };
  return { ok: true, to: rule.to };
}

/** A counter holds at most one ticket at a time: while it has one called or serving, it cannot call. */
export function isHeldByCounter(status: TicketStatus): boolean {
  return status === 'called' || status === 'serving';
}

/** "A-001": the prefix, a dash and the day's sequence, at least three digits. */
export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(3, '0')}`;
}

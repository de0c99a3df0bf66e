/**
 * The console's seven actions: their shortcut keys and when each is possible. Whether a ticket's
 * status allows an action comes from the domain rules, not from a second list here.
 */
import type { Ticket } from '../../../api/queue';
import { checkTransition, isHeldByCounter, type TicketAction } from '../../../domain/queue';

export type ConsoleAction = 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'transfer' | 'addStop';

export interface ActionSpec {
  id: ConsoleAction;
  /** e.key values (lower case) that trigger it */
  keys: string[];
  /** what the button shows, e.g. "Spasi / N"; 'space' is translated */
  keyLabels: string[];
  /** the domain's name for it, for ticket actions */
  domain: TicketAction | null;
}

export const ACTIONS: ActionSpec[] = [
  { id: 'callNext', keys: [' ', 'n'], keyLabels: ['space', 'N'], domain: null },
  { id: 'recall', keys: ['r'], keyLabels: ['R'], domain: 'recall' },
  { id: 'start', keys: ['s'], keyLabels: ['S'], domain: 'start' },
  { id: 'finish', keys: ['f'], keyLabels: ['F'], domain: 'finish' },
  { id: 'noShow', keys: ['x'], keyLabels: ['X'], domain: 'no_show' },
  { id: 'transfer', keys: ['t'], keyLabels: ['T'], domain: 'transfer' },
  // "Tambah layanan": the citizen also needs another service; the same number waits in its line too
  { id: 'addStop', keys: ['l'], keyLabels: ['L'], domain: null },
];

export function actionForKey(key: string): ConsoleAction | null {
  const k = key.toLowerCase();
  return ACTIONS.find((a) => a.keys.includes(k))?.id ?? null;
}

/** The server's path segment of each ticket action. */
export const ACTION_PATH: Record<Exclude<ConsoleAction, 'callNext' | 'transfer' | 'addStop'>, string> = {
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  noShow: 'no-show',
};

/** recallsBeforeNoShow: the mall's rule (GET /api/malls/:mall), so no-show waits for the recalls. */
export function isActionEnabled(action: ActionSpec, current: Ticket | null, recallsBeforeNoShow: number): boolean {
  // A stop is added to the citizen at the counter now.
  if (action.id === 'addStop') return current !== null && isHeldByCounter(current.status);
  // A counter holding a ticket cannot call another one.
  if (action.domain === null) return !current || !isHeldByCounter(current.status);
  if (!current) return false;
  const check = checkTransition(
    { status: current.status, recallCount: current.recallCount, serviceDate: current.serviceDate },
    action.domain,
    { recallsBeforeNoShow, today: current.serviceDate },
  );
  return check.ok;
}

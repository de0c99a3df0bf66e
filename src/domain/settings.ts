/** A mall's queue settings and their defaults. */
import type { PickPolicy } from './pick-next.js';

export interface QueueSettings {
  /** priority tickets called in a row before one regular ticket, while regular tickets wait */
  priorityPerRegular: number;
  /** a ticket waiting this many minutes is called before anyone else */
  maxWaitMinutes: number;
  /** recalls before a called ticket may be marked no-show */
  recallsBeforeNoShow: number;
  /** the live board warns about an agency whose citizens wait longer (unless the agency sets its own) */
  waitWarningMinutes: number;
  /** a citizen who left a number is told when this many people are before them */
  notifyAhead: number;
  /** a booking checked in after its window: joins as a walk-in, or is refused */
  lateCheckIn: 'walk_in' | 'refuse';
  /** "I need more time" moves a ticket back this many places (once per ticket) */
  postponePlaces: number;
  /** a citizen who missed the call may rejoin from the phone within this many minutes */
  rejoinMinutes: number;
  /** where messages to a phone go: the mall's WhatsApp gateway or its SMS gateway */
  phoneChannel: 'whatsapp' | 'sms';
  /** national holidays close the mall (its own special days still decide their dates) */
  closedOnNationalHolidays: boolean;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  priorityPerRegular: 2,
  maxWaitMinutes: 45,
  recallsBeforeNoShow: 1,
  waitWarningMinutes: 30,
  notifyAhead: 3,
  lateCheckIn: 'walk_in',
  postponePlaces: 3,
  rejoinMinutes: 30,
  phoneChannel: 'whatsapp',
  closedOnNationalHolidays: true,
};

export function pickPolicy(settings: QueueSettings): PickPolicy {
  return { priorityPerRegular: settings.priorityPerRegular, maxWaitMs: settings.maxWaitMinutes * 60_000 };
}

/** Settings as stored may miss keys added later; defaults fill them. */
export function withDefaults(stored: Partial<QueueSettings>): QueueSettings {
  return { ...DEFAULT_QUEUE_SETTINGS, ...stored };
}

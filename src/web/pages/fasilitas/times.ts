/** The start and end times a request may choose on a day: the room's hours on a 15-minute grid. */

import { clock } from '../../../domain/booking';
import { ROOM_RULES } from '../../../domain/facility';
import { parseClock, type Span } from '../../../domain/schedule';

export function startTimes(
  spans: readonly Span[],
  step = ROOM_RULES.stepMinutes,
  min = ROOM_RULES.minMinutes,
): string[] {
  return spans.flatMap((s) => {
    const open = parseClock(s.open) ?? 0;
    const close = parseClock(s.close, true) ?? 0;
    const out: string[] = [];
    for (let m = Math.ceil(open / step) * step; m + min <= close; m += step) out.push(clock(m));
    return out;
  });
}

/** The ends after a start, within the same span and the longest booking. */
export function endTimes(
  spans: readonly Span[],
  start: string,
  step = ROOM_RULES.stepMinutes,
  min = ROOM_RULES.minMinutes,
  max = ROOM_RULES.maxMinutes,
): string[] {
  const from = parseClock(start);
  if (from === null) return [];
  const span = spans.find((s) => (parseClock(s.open) ?? 0) <= from && from < (parseClock(s.close, true) ?? 0));
  if (!span) return [];
  const close = parseClock(span.close, true) ?? 0;
  const out: string[] = [];
  for (let m = from + min; m <= close && m - from <= max; m += step) out.push(clock(m));
  return out;
}

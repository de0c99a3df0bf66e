/**
 * A week of hours in a few words: days with the same hours joined ("Sen–Kam 07.30–16.00"), in
 * the way Indonesian writes a clock (07.30) or English (07:30).
 */
import { type Span, WEEKDAYS, type Weekday, type WeeklyHours } from '../../../domain/schedule';

export interface HoursGroup {
  from: Weekday;
  to: Weekday;
  spans: Span[];
}

/** Consecutive days with the same spans, closed days left out. */
export function groupHours(weekly: WeeklyHours): HoursGroup[] {
  const groups: HoursGroup[] = [];
  let last: HoursGroup | null = null;
  for (const day of WEEKDAYS) {
    const spans = weekly[day] ?? [];
    const key = JSON.stringify(spans);
    if (
      last &&
      spans.length > 0 &&
      JSON.stringify(last.spans) === key &&
      WEEKDAYS.indexOf(last.to) === WEEKDAYS.indexOf(day) - 1
    ) {
      last.to = day;
    } else if (spans.length > 0) {
      last = { from: day, to: day, spans };
      groups.push(last);
    } else {
      last = null;
    }
  }
  return groups;
}

export const clockText = (value: string, lang: string) => (lang === 'en' ? value : value.replace(':', '.'));

export const spansText = (spans: readonly Span[], lang: string) =>
  spans.map((s) => `${clockText(s.open, lang)}–${clockText(s.close, lang)}`).join(', ');

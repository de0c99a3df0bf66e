/**
 * Where the citizen is in the booking lives in the URL (?agency=, ?q=, ?service=, ?date=,
 * ?start=), so the phone's back button steps back and a reload lands on the same step.
 */
import type { To } from 'react-router';

export interface BookPlace {
  agency?: string | undefined;
  q?: string | undefined;
  service?: string | undefined;
  date?: string | undefined;
  start?: string | undefined;
}

export type Step = 'service' | 'day' | 'slot' | 'details';
export const STEPS: Step[] = ['service', 'day', 'slot', 'details'];

export function bookTo(place: BookPlace): To {
  const params = new URLSearchParams();
  for (const key of ['agency', 'q', 'service', 'date', 'start'] as const) {
    const value = place[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return { search: search ? `?${search}` : '' };
}

export function stepOf(place: BookPlace): Step {
  if (!place.service) return 'service';
  if (!place.date) return 'day';
  if (!place.start) return 'slot';
  return 'details';
}

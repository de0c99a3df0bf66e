/**
 * The other services of a booked visit (issue #13): up to four more services, of any agency, that
 * the citizen's number also waits for from check-in. Which ones a search offers, and which of the
 * server's refusals are about them.
 */
import type { Service } from '../../../api/catalog';
import { type Indexed, searchServices } from '../portal/search';

/** As many as the server takes (NewBooking.alsoServiceIds). */
export const MAX_OTHER_SERVICES = 4;

/** Matches shown at once; more ask for a longer search. */
export const SHOWN_MATCHES = 6;

/** The services a search finds, without the booked one and those already chosen. */
export function otherServiceMatches(index: Indexed[], query: string, leaveOut: ReadonlySet<string>): Service[] {
  return searchServices(index, query).filter((s) => !leaveOut.has(s.id));
}

/**
 * Whether a refused booking is about the other services: a 400 naming alsoServiceIds[i], or a
 * chosen service unknown (404, by id) or closed (409, by name) — said under the picker.
 */
export function isOtherServiceProblem(
  code: string,
  body: Record<string, unknown>,
  chosen: readonly Pick<Service, 'id' | 'name'>[],
): boolean {
  if (String(body.field ?? '').startsWith('alsoServiceIds')) return true;
  if (code === 'service_not_found') return chosen.some((s) => s.id === body.serviceId);
  if (code === 'service_inactive') return chosen.some((s) => s.name === body.serviceName);
  return false;
}

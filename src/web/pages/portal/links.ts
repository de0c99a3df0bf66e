/**
 * The portal's places live in the URL (?q=, ?agency=, ?service=) so the back button, a shared
 * link and a reload all land on the same view. The agency is named by its code (?agency=polres);
 * its id is accepted too.
 */
import type { To } from 'react-router';

export interface Place {
  q?: string;
  agency?: string;
  service?: string;
}

export function placeTo(place: Place): To {
  const params = new URLSearchParams();
  if (place.q) params.set('q', place.q);
  if (place.agency) params.set('agency', place.agency);
  if (place.service) params.set('service', place.service);
  const search = params.toString();
  return { search: search ? `?${search}` : '' };
}

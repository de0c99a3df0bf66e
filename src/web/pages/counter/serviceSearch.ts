/** Searching the mall's services in the browser, the way the server's ?q= does: word starts, folded. */
import type { Agency, Service } from '../../../api/catalog';
import { foldForSearch, queryWords } from '../../../domain/text';

export interface SearchableService {
  service: Service;
  words: string[];
}

/** Each service with the words it can be found by: its name and its agency's names. */
export function indexServices(services: Service[], agencies: Agency[]): SearchableService[] {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  return services.map((service) => {
    const agency = byId.get(service.agencyId);
    const text = [service.name, agency?.shortName ?? '', agency?.name ?? ''].join(' ');
    return { service, words: foldForSearch(text).split(' ') };
  });
}

export function matches(entry: SearchableService, query: string): boolean {
  return queryWords(query).every((q) => entry.words.some((w) => w.startsWith(q)));
}

/** Matching services grouped by agency in the agencies' order, `firstAgencyId`'s group first. */
export function groupByAgency(
  entries: SearchableService[],
  agencies: Agency[],
  query: string,
  firstAgencyId: string | null,
): { agency: Agency; services: Service[] }[] {
  const found = entries.filter((e) => matches(e, query)).map((e) => e.service);
  const ordered = [...agencies].sort((a, b) => Number(b.id === firstAgencyId) - Number(a.id === firstAgencyId));
  return ordered
    .map((agency) => ({ agency, services: found.filter((s) => s.agencyId === agency.id) }))
    .filter((g) => g.services.length > 0);
}

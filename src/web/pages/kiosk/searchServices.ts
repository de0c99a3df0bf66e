/**
 * The kiosk's service search, run in the browser on the cached catalog with the server's rule
 * (GET /services?q=): each query word must start a word of the service's name, its agency's
 * short or full name, or its product.
 */
import type { Agency, Service } from '../../../api/catalog';
import { foldForSearch, queryWords } from '../../../domain/text';

export interface SearchEntry {
  service: Service;
  /** folded text with a leading space, so " word" finds a word start */
  text: string;
}

export function buildSearchIndex(services: readonly Service[], agencies: ReadonlyMap<string, Agency>): SearchEntry[] {
  return services.map((service) => {
    const agency = agencies.get(service.agencyId);
    const text = foldForSearch(
      `${service.name} ${agency?.shortName ?? ''} ${agency?.name ?? ''} ${service.standard.product}`,
    );
    return { service, text: ` ${text}` };
  });
}

/** The matching services in catalog order; none for an empty query. */
export function searchServices(index: readonly SearchEntry[], query: string): Service[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  return index.filter((e) => words.every((w) => e.text.includes(` ${w}`))).map((e) => e.service);
}

/**
 * Searching services in the browser by the server's rule (catalog repository): the text is the
 * service name, the agency's names and the product, folded; each query word must start a word.
 */
import type { Agency, Service } from '../../../api/catalog';
import { foldForSearch, queryWords } from '../../../domain/text';

export interface Indexed {
  service: Service;
  /** folded text with a leading space, so " word" finds a word start */
  text: string;
}

export function indexServices(services: Service[], agencies: Map<string, Agency>): Indexed[] {
  return services.map((service) => {
    const agency = agencies.get(service.agencyId);
    const raw = `${service.name} ${agency?.shortName ?? ''} ${agency?.name ?? ''} ${service.standard.product}`;
    return { service, text: ` ${foldForSearch(raw)}` };
  });
}

export function searchServices(index: Indexed[], query: string): Service[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  return index.filter((e) => words.every((w) => e.text.includes(` ${w}`))).map((e) => e.service);
}

/**
 * Consultation before coming (konsultasi): a citizen asks about a service, the agency answers, and
 * an answer useful to others may be published under the service's standard as a FAQ. Pure: what
 * may be published and how the FAQ is ordered.
 */

export type ConsultationStatus = 'open' | 'answered';

/** Only an answered question can stand in the FAQ. */
export function canPublish(status: ConsultationStatus): boolean {
  return status === 'answered';
}

export interface FaqEntry {
  question: string;
  answer: string;
  answeredAt: number;
}

/** The FAQ of a service: the most recently answered first, at most `limit`. */
export function faqOf(entries: readonly FaqEntry[], limit = 20): FaqEntry[] {
  return [...entries].sort((a, b) => b.answeredAt - a.answeredAt).slice(0, limit);
}

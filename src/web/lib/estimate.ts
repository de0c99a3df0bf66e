/**
 * How the screens say a wait estimate (issue #12): the range in minutes in one of four shapes,
 * and the clock time of the call on the hall's clock. Each screen words the sentence itself
 * (i18next context: key_soon, key_upTo, key_exact, key_range); the reasons for no estimate are
 * shared (common:estimate.reason.*).
 */
import type { EstimateReason } from '../../api/queue';

export type SpanContext = 'soon' | 'upTo' | 'exact' | 'range';

/**
 * The options for t() of a range "25–35": `soon` when the call is a minute away at most, `upTo`
 * when the short end is now ("kurang dari 10 menit"), `exact` when both ends are the same minute.
 */
export function spanOf(lowMinutes: number, highMinutes: number): { context: SpanContext; low: number; high: number } {
  const low = Math.max(0, Math.round(lowMinutes));
  const high = Math.max(low, Math.round(highMinutes));
  const context: SpanContext = high <= 1 ? 'soon' : low === 0 ? 'upTo' : low === high ? 'exact' : 'range';
  return { context, low, high };
}

/** "09.40" in Indonesian, "09:40" in English, on the mall's clock whatever the phone's zone. */
export function clockAt(epochMs: number, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(epochMs);
}

/** The shared words for a missing estimate; null for not_waiting (nothing to say). */
export function reasonKey(reason: EstimateReason | null): string | null {
  if (reason === 'closed') return 'common:estimate.reason.closed';
  if (reason === 'no_counter_open') return 'common:estimate.reason.no_counter_open';
  return null;
}

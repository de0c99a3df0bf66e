/** How the kiosk writes dates, times, money and counters, always in the mall's time zone. */
import type { Counter } from '../../../api/catalog';

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'id-ID');

/** "Sabtu, 28 November 2026" */
export function formatDate(instant: number, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(instant);
}

/** "14.05" in Indonesian, "14:05" in English */
export function formatTime(instant: number, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** An opening-hours clock "08:00" as people write it: "08.00" in Indonesian. */
export function formatClock(hhmm: string, lang: string): string {
  return lang === 'en' ? hhmm : hhmm.replace(':', '.');
}

export function formatRupiah(amount: number): string {
  return new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** The numbers of the counters that serve a service, lowest first. */
export function counterNumbersFor(counters: readonly Counter[], serviceId: string): number[] {
  return counters
    .filter((c) => c.serviceIds.includes(serviceId))
    .map((c) => c.number)
    .sort((a, b) => a - b);
}

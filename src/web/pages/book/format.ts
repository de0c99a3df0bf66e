/**
 * How the booking screens write dates, times and codes: a date as citizens read it ("Sabtu,
 * 5 Desember 2026"), the hall's clock in the Indonesian way ("08.30"), the code in two groups.
 */
import type { Lang } from '../../i18n';

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'id-ID');

/** A calendar date "YYYY-MM-DD" as a Date at its UTC midnight, so no phone's zone shifts the day. */
function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** "Sabtu, 5 Desember 2026" / "Saturday, 5 December 2026" */
export function longDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utcDate(date));
}

/** The two lines of a day chip: "Sab" and "5 Des". */
export function chipDate(date: string, lang: Lang): { weekday: string; day: string } {
  const d = utcDate(date);
  const weekday = new Intl.DateTimeFormat(locale(lang), { weekday: 'short', timeZone: 'UTC' }).format(d);
  const day = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
  return { weekday: weekday.replace(/\.$/, ''), day: day.replace(/\.$/, '') };
}

/** A slot's "HH:MM" as the language writes the time: "08.30" in Indonesian, "08:30" in English. */
export function clockText(hhmm: string, lang: Lang): string {
  return lang === 'en' ? hhmm : hhmm.replace(':', '.');
}

/** An instant on the mall's clock: "08.30". */
export function timeAt(epochMs: number, timeZone: string, lang: Lang): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(epochMs);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return clockText(`${part('hour')}:${part('minute')}`, lang);
}

/** The mall's local date of an instant, "YYYY-MM-DD". */
export function dateAt(epochMs: number, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(
    epochMs,
  );
}

/** "12345678" → "1234 5678": two groups are read out and typed at the kiosk more surely. */
export function groupCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

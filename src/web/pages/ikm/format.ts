/** Numbers and dates as the reader's language writes them: 85,28 in Bahasa Indonesia, 85.28 in English. */
import type { Lang } from '../../i18n';

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'id-ID');

/** An IKM always with two decimals, as the rule reports it. */
export function formatIkm(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A local date YYYY-MM-DD as "31 Desember 2026"; read as UTC so the day never shifts. */
export function formatDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

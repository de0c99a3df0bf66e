/** How the staff list writes a day ("Sel, 8 Des 2026") and an instant on the mall's clock. */
import type { Lang } from '../../i18n';
import { dateAt, timeAt } from '../book/format';

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'id-ID');

export function shortDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
    .format(new Date(`${date}T00:00:00Z`))
    .replace(/\./g, '');
}

export function shortInstant(at: number, timeZone: string, lang: Lang): { date: string; time: string } {
  return { date: shortDate(dateAt(at, timeZone), lang), time: timeAt(at, timeZone, lang) };
}

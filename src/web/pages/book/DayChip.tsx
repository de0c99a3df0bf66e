import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n';
import type { BookingDay } from './data';
import { chipDate, dateAt, longDate, timeAt } from './format';
import './translations';

interface Props {
  day: BookingDay;
  /** the mall's today and tomorrow, "YYYY-MM-DD" */
  today: string;
  tomorrow: string;
  timeZone: string;
  selected: boolean;
  onPick: (date: string) => void;
}

/** One day to pick: its date, and whether it can be booked (or when its booking opens). */
export function DayChip({ day, today, tomorrow, timeZone, selected, onPick }: Props) {
  const { t } = useTranslation(['book']);
  const lang = currentLang();
  const { weekday, day: dayText } = chipDate(day.date, lang);
  const relative = (date: string) =>
    date === today ? t('book:day.today') : date === tomorrow ? t('book:day.tomorrow') : null;

  let status: string;
  if (day.status === 'not_open_yet' && day.opensAt !== null) {
    const opensDate = dateAt(day.opensAt, timeZone);
    const when = relative(opensDate)?.toLowerCase() ?? chipDate(opensDate, lang).day;
    status = t('book:day.opensAt', { when, time: timeAt(day.opensAt, timeZone, lang) });
  } else {
    status = t(`book:day.status.${day.status}`);
  }
  const open = day.status === 'open';

  return (
    <button
      type="button"
      disabled={!open}
      aria-pressed={open ? selected : undefined}
      onClick={() => onPick(day.date)}
      className={`flex min-h-20 w-full flex-col items-center justify-center rounded-xl border-2 px-1 py-2 text-center leading-tight ${
        selected
          ? 'border-brand-800 bg-brand-700 text-white'
          : open
            ? 'border-brand-600 bg-white text-brand-900 hover:bg-brand-50'
            : 'cursor-not-allowed border-dashed border-slate-400 bg-slate-100 text-slate-700'
      }`}
    >
      <span aria-hidden="true" className="text-sm font-semibold">
        {relative(day.date) ?? weekday}
      </span>
      <span aria-hidden="true" className="text-lg font-bold">
        {dayText}
      </span>
      <span className="sr-only">{longDate(day.date, lang)}, </span>
      <span className={`text-sm ${open && !selected ? 'text-green-800' : ''} ${open ? 'font-semibold' : ''}`}>
        {status}
      </span>
    </button>
  );
}

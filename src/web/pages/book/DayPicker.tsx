import { useTranslation } from 'react-i18next';
import { DayChip } from './DayChip';
import type { BookingDay } from './data';
import './translations';

interface Props {
  days: BookingDay[];
  today: string;
  timeZone: string;
  selected?: string | undefined;
  onPick: (date: string) => void;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The days a service can be booked, as chips; closed and full days stay visible with the reason. */
export function DayPicker({ days, today, timeZone, selected, onPick }: Props) {
  const { t } = useTranslation(['book']);
  if (days.length === 0) return <p className="text-base">{t('book:day.none')}</p>;
  const tomorrow = nextDay(today);
  return (
    <ul aria-label={t('book:day.listLabel')} className="grid grid-cols-3 gap-2 sm:grid-cols-4 md:grid-cols-6">
      {days.map((day) => (
        <li key={day.date}>
          <DayChip
            day={day}
            today={today}
            tomorrow={tomorrow}
            timeZone={timeZone}
            selected={day.date === selected}
            onPick={onPick}
          />
        </li>
      ))}
    </ul>
  );
}

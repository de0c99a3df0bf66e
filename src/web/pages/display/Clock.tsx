/** The date and a live clock in the mall's time zone (not the TV's), id-ID style: "Sabtu, 28 November 2026 · 14.05.09 WIB". */
import { useMemo } from 'react';
import { zoneName } from '../../../domain/schedule';
import { useSecond } from '../../lib/useNow';

function formatters(locale: string, timeZone: string | undefined) {
  const make = (tz: string | undefined) => ({
    date: new Intl.DateTimeFormat(locale, {
      timeZone: tz,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }),
    time: new Intl.DateTimeFormat(locale, {
      timeZone: tz,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }),
  });
  try {
    return make(timeZone);
  } catch {
    // an unknown zone name: the TV's own zone is better than no clock
    return make(undefined);
  }
}

export function Clock({ timeZone, lang }: { timeZone: string | undefined; lang: 'id' | 'en' }) {
  const now = useSecond();
  // The clock reads the same in both languages (id-ID: 14.05.09); the date follows the UI language.
  const f = useMemo(() => formatters('id-ID', timeZone), [timeZone]);
  const d = useMemo(() => formatters(lang === 'en' ? 'en-GB' : 'id-ID', timeZone), [lang, timeZone]);
  const zone = zoneName(timeZone);
  return (
    <div className="text-right leading-tight">
      <p className="text-[2.6vh] font-semibold text-slate-100">{d.date.format(now)}</p>
      <p className="font-bold tabular-nums">
        <time dateTime={new Date(now).toISOString()} className="text-[5.4vh]">
          {f.time.format(now)}
        </time>
        {zone && <span className="ml-[1vh] text-[2.6vh] text-slate-100">{zone}</span>}
      </p>
    </div>
  );
}

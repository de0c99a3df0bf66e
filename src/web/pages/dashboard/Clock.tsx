/** The date and the time at the mall (its zone, not the screen's), ticking each second. */
import { useMemo } from 'react';
import { zoneName } from '../../../domain/schedule';
import { useSecond } from '../../lib/useNow';

/** hh.mm.ss in the mall's zone, as Indonesia writes a time (14.05.09), in either language. */
export function timeFormatter(timeZone: string | undefined, seconds = true): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  };
  try {
    return new Intl.DateTimeFormat('id-ID', { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat('id-ID', options);
  }
}

export function Clock({ timeZone, lang }: { timeZone: string | undefined; lang: 'id' | 'en' }) {
  const now = useSecond();
  const time = useMemo(() => timeFormatter(timeZone), [timeZone]);
  const date = useMemo(() => {
    const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
    const locale = lang === 'en' ? 'en-GB' : 'id-ID';
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      return new Intl.DateTimeFormat(locale, options);
    }
  }, [lang, timeZone]);
  const zone = zoneName(timeZone);
  return (
    <div className="text-right leading-tight" data-testid="clock">
      <p className="text-base text-slate-100">{date.format(now)}</p>
      <p className="font-bold tabular-nums">
        <time dateTime={new Date(now).toISOString()} className="text-2xl xl:text-3xl">
          {time.format(now)}
        </time>
        {zone && <span className="ml-2 text-base text-slate-100">{zone}</span>}
      </p>
    </div>
  );
}

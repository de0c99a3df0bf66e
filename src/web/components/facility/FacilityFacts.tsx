import { useTranslation } from 'react-i18next';
import type { Facility } from '../../../api/facilities';
import { localized } from './data';
import { HoursList } from './HoursList';
import './strings';

const LEVEL_TONE = {
  free: 'bg-green-100 text-green-900',
  busy: 'bg-amber-100 text-amber-950',
  full: 'bg-red-100 text-red-900',
} as const;

/**
 * What the directory says of one facility, on the portal and the kiosk alike (the kiosk scales the
 * text up): where, open now, the hours, wheelchair access, how full where counted, capacity.
 */
export function FacilityFacts({ facility: f, timeZone }: { facility: Facility; timeZone: string }) {
  const { t, i18n } = useTranslation('facility');
  const text = localized(f, i18n.language);
  const time = (at: number) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
    }).format(at);
  return (
    <div className="flex flex-col gap-2">
      <p>{text.description}</p>
      <p className="font-semibold">{text.location}</p>
      <ul className="flex flex-wrap gap-2" aria-label={text.name}>
        <li
          className={`rounded-full px-3 py-0.5 font-semibold ${f.openNow ? 'bg-green-100 text-green-900' : 'bg-slate-200 text-slate-900'}`}
        >
          {f.openNow ? t('openNow') : t('closedNow')}
        </li>
        <li
          className={`rounded-full px-3 py-0.5 font-semibold ${f.accessible ? 'bg-sky-100 text-sky-950' : 'bg-amber-100 text-amber-950'}`}
        >
          {f.accessible ? t('accessible') : t('notAccessible')}
        </li>
        {f.occupancy?.level && (
          <li className={`rounded-full px-3 py-0.5 font-semibold ${LEVEL_TONE[f.occupancy.level]}`}>
            {t(`level.${f.occupancy.level}`)}
          </li>
        )}
        {f.bookable && (
          <li className="rounded-full bg-brand-100 px-3 py-0.5 font-semibold text-brand-900">{t('bookable')}</li>
        )}
      </ul>
      {text.accessibilityNote && <p className="text-slate-800">{text.accessibilityNote}</p>}
      {f.occupancy && (
        <p>
          {f.occupancy.capacity !== null
            ? t('occupancy', { count: f.occupancy.count, capacity: f.occupancy.capacity })
            : t('occupancyUncapped', { count: f.occupancy.count })}{' '}
          <span className="text-slate-700">({t('countedAt', { time: time(f.occupancy.at) })})</span>
        </p>
      )}
      {!f.occupancy && f.capacity !== null && <p>{t('capacity', { count: f.capacity })}</p>}
      <div>
        <p className="font-semibold">{t('hours')}</p>
        <HoursList hours={f.hours} />
      </div>
    </div>
  );
}

/**
 * "Fasilitas" on the kiosk: the directory, read from two metres away (large type, one facility a
 * card, the important facts first: where, open now, wheelchair access, how full). Information
 * only; a room is requested on a phone through the portal.
 */
import { useTranslation } from 'react-i18next';
import { localized, useFacilities } from '../../components/facility/data';
import { spansText } from '../../components/facility/hours';
import '../../components/facility/strings';
import { weekdayOf } from '../../../domain/schedule';
import { NavBar } from './NavBar';
import { StepHeading } from './StepHeading';

/** The counted rooms change while someone reads: refresh the counts every half minute. */
const REFRESH_MS = 30_000;

export function FacilitiesStep({ mall, today, onHome }: { mall: string; today: string; onHome: () => void }) {
  const { t, i18n } = useTranslation(['facility', 'kiosk']);
  const facilities = useFacilities(mall, REFRESH_MS);
  const lang = i18n.language;
  const todayHours = (hours: Parameters<typeof spansText>[0]) =>
    hours.length ? spansText(hours, lang) : t('calendar.closed');
  return (
    <div className="flex h-full flex-col gap-5">
      <NavBar onBack={onHome} />
      <StepHeading className="text-[52px]">{t('directoryTitle')}</StepHeading>
      <p className="text-[28px] text-slate-800">{t('directoryHint')}</p>
      {!facilities.data && <p className="text-[32px]">…</p>}
      <ul className="grid grid-cols-1 gap-4">
        {(facilities.data ?? []).map((f) => {
          const text = localized(f, lang);
          return (
            <li key={f.id} data-testid="kiosk-facility" className="rounded-3xl border-4 border-brand-100 bg-white p-6">
              <div className="flex flex-wrap items-baseline justify-between gap-x-6">
                <h2 className="text-[40px] font-bold leading-tight text-brand-900">{text.name}</h2>
                <span
                  className={`rounded-full px-5 py-1 text-[26px] font-bold ${f.openNow ? 'bg-green-100 text-green-900' : 'bg-slate-200 text-slate-900'}`}
                >
                  {f.openNow ? t('openNow') : t('closedNow')}
                </span>
              </div>
              <p className="mt-2 text-[30px] font-semibold text-slate-900">{text.location}</p>
              <p className="mt-1 text-[26px] text-slate-800">{text.description}</p>
              <div className="mt-3 flex flex-wrap gap-3 text-[26px] font-semibold">
                <span className="rounded-2xl bg-slate-100 px-4 py-1 text-slate-900">
                  {t('hoursToday')}: {todayHours(f.hours[weekdayOf(today)] ?? [])}
                </span>
                <span
                  className={`rounded-2xl px-4 py-1 ${f.accessible ? 'bg-sky-100 text-sky-950' : 'bg-amber-100 text-amber-950'}`}
                >
                  {f.accessible ? t('accessible') : t('notAccessible')}
                </span>
                {f.occupancy && (
                  <span className="rounded-2xl bg-slate-100 px-4 py-1 text-slate-900">
                    {f.occupancy.capacity !== null
                      ? t('occupancy', { count: f.occupancy.count, capacity: f.occupancy.capacity })
                      : t('occupancyUncapped', { count: f.occupancy.count })}
                    {f.occupancy.level ? ` · ${t(`level.${f.occupancy.level}`)}` : ''}
                  </span>
                )}
                {f.bookable && (
                  <span className="rounded-2xl bg-brand-100 px-4 py-1 text-brand-900">{t('bookable')}</span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { MallDetail } from '../../../api/catalog';
import { WEEKDAYS } from '../../../domain/schedule';
import { formatSpans, weekdayIndex } from './format';

/** Open now or not, today's hours, and the whole week behind a disclosure. */
export function OpeningHours({ mall }: { mall: MallDetail }) {
  const { t } = useTranslation(['portal']);
  const words = { closed: t('portal:closed'), allDay: t('portal:allDay') };
  const todayIndex = weekdayIndex(mall.today);
  const weekly = mall.openingHours.weekly;
  const todayDay = WEEKDAYS[todayIndex] ?? 'mon';

  return (
    <div className="mt-3 flex flex-col gap-2">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span
          className={`rounded-full px-3 py-0.5 text-sm font-bold ${
            mall.openNow ? 'bg-green-100 text-green-900' : 'bg-red-100 text-red-900'
          }`}
        >
          {mall.openNow ? t('portal:openNow') : t('portal:closedNow')}
        </span>
        <span className="text-sm">{t('portal:today', { hours: formatSpans(weekly[todayDay], words) })}</span>
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer font-semibold underline">{t('portal:hoursTitle')}</summary>
        <table className="mt-2 w-full max-w-xs text-left">
          <thead className="sr-only">
            <tr>
              <th scope="col">{t('portal:day')}</th>
              <th scope="col">{t('portal:hours')}</th>
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((day, i) => (
              <tr key={day} className={i === todayIndex ? 'font-bold' : ''}>
                <th scope="row" className="py-0.5 pr-4 font-normal">
                  <span className={i === todayIndex ? 'font-bold' : ''}>{t(`portal:days.${day}`)}</span>
                  {i === todayIndex && <span className="ml-1">({t('portal:todayMark')})</span>}
                </th>
                <td className="py-0.5">{formatSpans(weekly[day], words)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/**
 * Online booking in the period (issue #11): how many booked, came and checked in, did not come or
 * cancelled, and how much of the bookable capacity was used, per service and day.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatShare } from '../../components/report/format';
import type { UnitChoice } from '../../components/report/period';
import { api } from '../../lib/api';
import { Scroll, Section } from './Section';

export interface BookingPerformance {
  rows: {
    date: string;
    serviceId: string;
    serviceName: string;
    capacity: number;
    booked: number;
    checkedIn: number;
    noShow: number;
    cancelled: number;
    usedShare: number | null;
  }[];
  totals: {
    booked: number;
    checkedIn: number;
    noShow: number;
    cancelled: number;
    noShowRate: number | null;
    usedShare: number | null;
  };
}

/** Rows shown before "show all": a month of a busy agency would otherwise be a very long page. */
const FIRST_ROWS = 31;

const th = 'px-2 py-1.5 text-right align-bottom font-semibold';
const td = 'px-2 py-1.5 text-right tabular-nums whitespace-nowrap';

export function BookingSection({ base, periodQuery, unit }: { base: string; periodQuery: string; unit: UnitChoice }) {
  const { t, i18n } = useTranslation('kinerja');
  const [all, setAll] = useState(false);
  // Bookings belong to a service: a counter or an officer is shown with its agency's.
  const scope = unit.serviceId ? `&serviceId=${unit.serviceId}` : unit.agencyId ? `&agencyId=${unit.agencyId}` : '';
  const query = `${periodQuery}${scope}`;
  const report = useQuery({
    queryKey: ['performance-bookings', base, query],
    queryFn: () => api.get<BookingPerformance>(`${base}/bookings?${query}`),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const day = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const data = report.data;
  const rows = data?.rows ?? [];
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  const totals = data?.totals;
  const figures = totals
    ? [
        { id: 'booked', label: t('booking.booked'), value: formatNumber(totals.booked) },
        { id: 'checked-in', label: t('booking.checkedIn'), value: formatNumber(totals.checkedIn) },
        { id: 'no-show', label: t('booking.noShow'), value: formatNumber(totals.noShow) },
        { id: 'cancelled', label: t('booking.cancelled'), value: formatNumber(totals.cancelled) },
        { id: 'no-show-rate', label: t('booking.noShowRate'), value: formatShare(totals.noShowRate) },
        { id: 'used', label: t('booking.usedShare'), value: formatShare(totals.usedShare) },
      ]
    : [];

  return (
    <Section id="kinerja-booking" title={t('booking.heading')} testId="kinerja-booking">
      {report.isPending && <p aria-live="polite">{t('booking.loading')}</p>}
      {report.error && (
        <p role="alert" className="font-semibold text-red-800">
          {report.error.message}
        </p>
      )}
      {data && (
        <div className={report.isPlaceholderData ? 'opacity-60' : ''}>
          <dl className="mb-2 grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
            {figures.map((f) => (
              <div key={f.id} className="min-w-0">
                <dt className="text-sm font-semibold text-slate-700">{f.label}</dt>
                <dd className="text-3xl font-bold tabular-nums text-brand-900" data-testid={`booking-total-${f.id}`}>
                  {f.value}
                </dd>
              </div>
            ))}
          </dl>
          <p className="mb-3 text-sm text-slate-700">{t('booking.explain')}</p>
          {rows.length === 0 ? (
            <p data-testid="booking-empty">{t('booking.empty')}</p>
          ) : (
            <>
              <Scroll label={t('booking.tableLabel')}>
                <table className="w-full min-w-[48rem] border-collapse text-sm" data-testid="booking-table">
                  <thead>
                    <tr className="border-b-2 border-slate-400">
                      <th scope="col" className="px-2 py-1.5 text-left align-bottom font-semibold">
                        {t('booking.date')}
                      </th>
                      <th scope="col" className="px-2 py-1.5 text-left align-bottom font-semibold">
                        {t('booking.service')}
                      </th>
                      <th scope="col" className={th}>
                        {t('booking.capacity')}
                      </th>
                      <th scope="col" className={th}>
                        {t('booking.booked')}
                      </th>
                      <th scope="col" className={th}>
                        {t('booking.checkedIn')}
                      </th>
                      <th scope="col" className={th}>
                        {t('booking.noShow')}
                      </th>
                      <th scope="col" className={th}>
                        {t('booking.cancelled')}
                      </th>
                      <th scope="col" className={th}>
                        {t('booking.usedShare')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((r) => (
                      <tr
                        key={`${r.date}-${r.serviceId}`}
                        className="border-b border-slate-200"
                        data-testid="booking-row"
                      >
                        <td className="px-2 py-1.5 whitespace-nowrap">{day.format(new Date(`${r.date}T00:00:00Z`))}</td>
                        <th scope="row" className="px-2 py-1.5 text-left font-normal">
                          {r.serviceName}
                        </th>
                        <td className={td}>{formatNumber(r.capacity)}</td>
                        <td className={td}>{formatNumber(r.booked)}</td>
                        <td className={td}>{formatNumber(r.checkedIn)}</td>
                        <td className={td}>{formatNumber(r.noShow)}</td>
                        <td className={td}>{formatNumber(r.cancelled)}</td>
                        <td className={td}>{formatShare(r.usedShare)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Scroll>
              {rows.length > FIRST_ROWS && (
                <button
                  type="button"
                  onClick={() => setAll(!all)}
                  className="mt-3 min-h-11 rounded-lg border-2 border-brand-700 px-4 font-semibold text-brand-800 hover:bg-brand-50"
                >
                  {all ? t('booking.showFewer') : t('booking.showAll', { count: rows.length })}
                </button>
              )}
            </>
          )}
        </div>
      )}
    </Section>
  );
}

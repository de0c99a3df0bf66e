import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingView } from '../../../api/booking';
import { currentLang } from '../../i18n';
import { clockText, longDate, timeAt } from '../book/format';
import './translations';

function Item({ label, children, lang }: { label: string; children: ReactNode; lang?: string }) {
  return (
    <div className="border-t border-slate-200 py-2 first:border-t-0 first:pt-0 last:pb-0">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd lang={lang} className="text-base font-semibold">
        {children}
      </dd>
    </div>
  );
}

/** What was booked: the service and any other services of the visit, the day and time, when to come, and the contact kept. */
export function BookingDetails({ booking }: { booking: BookingView }) {
  const { t } = useTranslation(['booking']);
  const lang = currentLang();
  const from = timeAt(booking.checkInFrom, booking.timeZone, lang);
  const until = timeAt(booking.checkInUntil, booking.timeZone, lang);
  const active = booking.status === 'booked';
  return (
    <section aria-labelledby="booking-details" className="rounded-2xl bg-white p-4 shadow-sm">
      <h2 id="booking-details" className="mb-2 text-lg font-bold">
        {t('booking:details')}
      </h2>
      <dl>
        <Item label={t('booking:service')} lang="id">
          {booking.serviceName}
        </Item>
        <Item label={t('booking:agency')} lang="id">
          {booking.agencyName}
        </Item>
        {booking.alsoServices.length > 0 && (
          <Item label={t('booking:alsoServices')}>
            <ul className="flex flex-col gap-1" data-testid="booking-also">
              {booking.alsoServices.map((s) => (
                <li key={s.serviceId} lang="id">
                  {s.serviceName}
                  <span className="block text-sm font-normal text-slate-700">{s.agencyName}</span>
                </li>
              ))}
            </ul>
            <p className="mt-1 text-sm font-normal text-slate-700">{t('booking:alsoHint')}</p>
          </Item>
        )}
        <Item label={t('booking:date')}>
          <span data-testid="booking-date">{longDate(booking.date, lang)}</span>
        </Item>
        <Item label={t('booking:time')}>
          {clockText(booking.start, lang)}–{clockText(booking.end, lang)}
        </Item>
        {active && (
          <Item label={t('booking:checkIn')}>
            <span className="text-lg text-brand-900">{t('booking:window', { from, until })}</span>
          </Item>
        )}
        <Item label={t('booking:name')}>{booking.name}</Item>
        <Item label={t('booking:phone')}>{booking.phoneMasked}</Item>
        {booking.nikMasked && <Item label={t('booking:nik')}>{booking.nikMasked}</Item>}
      </dl>
    </section>
  );
}

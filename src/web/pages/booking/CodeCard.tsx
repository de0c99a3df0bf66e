import { useTranslation } from 'react-i18next';
import type { BookingView } from '../../../api/booking';
import { groupCode } from '../book/format';
import { StatusBadge } from './StatusBadge';
import './translations';

/** The booking code, big, and its QR code: what the kiosk reads at check-in. */
export function CodeCard({ booking, token }: { booking: BookingView; token: string }) {
  const { t } = useTranslation(['booking']);
  const usable = booking.status === 'booked';
  return (
    <section
      aria-labelledby="booking-code-label"
      className="flex flex-col items-center rounded-2xl bg-white p-5 text-center shadow"
    >
      <h1 id="booking-code-label" className="text-base font-semibold text-slate-700">
        {t('booking:code')}
      </h1>
      <p
        data-testid="booking-code"
        className={`my-1 text-[clamp(2rem,12vw,3rem)] leading-none font-extrabold tracking-wide whitespace-nowrap tabular-nums ${
          usable ? 'text-brand-800' : booking.status === 'checked_in' ? 'text-slate-600' : 'text-slate-600 line-through'
        }`}
      >
        <span aria-hidden="true">{groupCode(booking.code)}</span>
        {/* read digit by digit, not as "twelve million…" */}
        <span className="sr-only">{booking.code.split('').join(' ')}</span>
      </p>
      <div className="mt-2">
        <StatusBadge status={booking.status} />
      </div>
      {usable && (
        <>
          <img
            src={`/api/bookings/${encodeURIComponent(token)}/qr.svg`}
            alt={t('booking:qrAlt', { code: groupCode(booking.code) })}
            width={200}
            height={200}
            className="mt-4 h-52 w-52 [image-rendering:pixelated]"
          />
          <p className="mt-2 text-base text-slate-800">{t('booking:codeHint')}</p>
        </>
      )}
    </section>
  );
}

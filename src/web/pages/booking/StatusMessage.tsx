import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BookingView } from '../../../api/booking';
import { Notice } from '../book/Notice';
import './translations';

/** What the citizen should do now, when it is something else than coming at the booked time. */
export function StatusMessage({ booking, noticeRef }: { booking: BookingView; noticeRef?: Ref<HTMLDivElement> }) {
  const { t } = useTranslation(['booking']);
  const bookAgain = (
    <Link
      to={`/${booking.mallSlug}/book?service=${encodeURIComponent(booking.serviceId)}`}
      className="mt-2 flex min-h-12 items-center font-semibold underline"
    >
      {t('booking:bookAgain')}
    </Link>
  );
  switch (booking.status) {
    case 'checked_in':
      return (
        <Notice noticeRef={noticeRef} tone="success" title={t('booking:checkedIn')}>
          {booking.ticketToken ? (
            <Link
              to={`/t/${booking.ticketToken}`}
              className="mt-2 flex min-h-12 items-center justify-center rounded-xl bg-green-800 px-4 py-2 text-center text-base font-bold text-white hover:bg-green-900"
            >
              {t('booking:toTicket')}
            </Link>
          ) : (
            t('booking:checkedInHint')
          )}
        </Notice>
      );
    case 'cancelled':
      return (
        <Notice noticeRef={noticeRef} tone="info" title={t('booking:cancelled')}>
          {bookAgain}
        </Notice>
      );
    case 'no_show':
      return (
        <Notice noticeRef={noticeRef} tone="warning" title={t('booking:noShow')}>
          <p>{t('booking:noShowHint')}</p>
          {bookAgain}
        </Notice>
      );
    default:
      return booking.changeable ? null : (
        <Notice noticeRef={noticeRef} tone="info" title={t('booking:checkInOpen')}>
          {t('booking:checkInOpenHint')}
        </Notice>
      );
  }
}

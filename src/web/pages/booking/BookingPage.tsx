/**
 * /b/:token — a citizen's booking, opened from the confirmation message or right after booking:
 * the code and its QR for the kiosk, the day and time, when to come, and (until check-in opens)
 * moving or cancelling it. Asked again every 30 s, so a check-in at the kiosk shows here with a
 * link to the ticket page.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import type { BookingView } from '../../../api/booking';
import { MessagePage } from '../../components/MessagePage';
import { ApiError, api } from '../../lib/api';
import { groupCode } from '../book/format';
import { BookingScreen } from './BookingScreen';
import './translations';

export default function BookingPage() {
  const { t } = useTranslation(['booking', 'common']);
  const token = useParams().token ?? '';
  const location = useLocation();
  const justBooked = Boolean((location.state as { justBooked?: boolean } | null)?.justBooked);
  const queryClient = useQueryClient();
  const queryKey = ['booking', token];
  const booking = useQuery({
    queryKey,
    queryFn: () => api.get<BookingView>(`/api/bookings/${encodeURIComponent(token)}`),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 3,
    // while it waits for its day, a check-in at the kiosk should show here
    refetchInterval: (query) => (query.state.data?.status === 'booked' ? 30_000 : false),
    staleTime: 0,
  });

  useEffect(() => {
    if (booking.data)
      document.title = `${t('booking:code')} ${groupCode(booking.data.code)} — ${booking.data.mallName}`;
  }, [booking.data, t]);

  if (booking.data) {
    return (
      <BookingScreen
        booking={booking.data}
        token={token}
        justBooked={justBooked}
        onChanged={(view) => queryClient.setQueryData(queryKey, view)}
      />
    );
  }
  if (booking.error instanceof ApiError && booking.error.status === 404) {
    return <MessagePage narrow title={t('booking:notFound')} text={t('booking:notFoundHint')} />;
  }
  if (booking.error) {
    return (
      <MessagePage
        narrow
        title={t('booking:loadError')}
        text={booking.error.message}
        onRetry={() => void booking.refetch()}
      />
    );
  }
  return <MessagePage narrow title={t('common:loading')} />;
}

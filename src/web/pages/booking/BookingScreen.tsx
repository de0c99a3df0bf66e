import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BookingView } from '../../../api/booking';
import { currentLang } from '../../i18n';
import { BookHeader } from '../book/BookHeader';
import { clockText, longDate } from '../book/format';
import { Notice } from '../book/Notice';
import { BookingActions } from './BookingActions';
import { BookingDetails } from './BookingDetails';
import { CodeCard } from './CodeCard';
import { StatusMessage } from './StatusMessage';
import './translations';

interface Props {
  booking: BookingView;
  token: string;
  /** opened right after booking */
  justBooked: boolean;
  onChanged: (view: BookingView) => void;
}

/** The booking's page, phone-wide: the code and QR first, then what was booked and what can be done. */
export function BookingScreen({ booking, token, justBooked, onChanged }: Props) {
  const { t } = useTranslation(['booking']);
  const [news, setNews] = useState<{ title: string; text?: string } | null>(
    justBooked ? { title: t('booking:booked'), text: t('booking:bookedHint') } : null,
  );
  // A move or a cancellation: its news takes the focus (the button pressed is gone).
  const newsRef = useRef<HTMLDivElement>(null);
  const firstNews = useRef(true);
  useEffect(() => {
    if (firstNews.current) {
      firstNews.current = false;
      return;
    }
    if (news) newsRef.current?.focus();
  }, [news]);
  // A cancellation: what the page now says about the booking takes the focus.
  const statusRef = useRef<HTMLDivElement>(null);
  const [focusStatus, setFocusStatus] = useState(false);
  useEffect(() => {
    if (focusStatus) statusRef.current?.focus();
  }, [focusStatus]);
  const lang = currentLang();

  return (
    <div className="flex min-h-full flex-col">
      <BookHeader mallName={booking.mallName} slug={booking.mallSlug} width="max-w-md" />
      <main className="mx-auto flex w-full max-w-md flex-1 flex-col gap-4 px-4 py-5">
        {news && (
          <Notice tone="success" title={news.title} noticeRef={newsRef}>
            {news.text}
          </Notice>
        )}
        <CodeCard booking={booking} token={token} />
        <StatusMessage booking={booking} noticeRef={statusRef} />
        <BookingDetails booking={booking} />
        <BookingActions
          booking={booking}
          token={token}
          onChanged={(view, how) => {
            onChanged(view);
            window.scrollTo(0, 0);
            if (how === 'cancelled') {
              setNews(null);
              setFocusStatus(true);
              return;
            }
            setNews({
              title: t('booking:moved'),
              text: t('booking:movedText', { date: longDate(view.date, lang), time: clockText(view.start, lang) }),
            });
          }}
        />
        <Link to={`/${booking.mallSlug}`} className="mt-auto py-3 text-center text-base text-brand-700 underline">
          {t('booking:toPortal', { mall: booking.mallName })}
        </Link>
      </main>
    </div>
  );
}

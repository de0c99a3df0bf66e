import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingView } from '../../../api/booking';
import { CancelDialog } from './CancelDialog';
import { Icon } from './Icon';
import { MovePanel } from './MovePanel';
import './translations';

interface Props {
  booking: BookingView;
  token: string;
  onChanged: (view: BookingView, how: 'moved' | 'cancelled') => void;
}

const button =
  'flex min-h-12 w-full items-center justify-center gap-2 rounded-xl border-2 px-4 text-base font-semibold';

/** Add to the calendar; and, until check-in opens, move or cancel. */
export function BookingActions({ booking, token, onChanged }: Props) {
  const { t } = useTranslation(['booking']);
  const [moving, setMoving] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  if (booking.status !== 'booked') return null;

  return (
    <section aria-label={t('booking:actions')} className="flex flex-col gap-2">
      <a
        href={`/api/bookings/${encodeURIComponent(token)}/booking.ics`}
        download={`booking-${booking.code}.ics`}
        className={`${button} border-brand-700 bg-white text-brand-800 hover:bg-brand-50`}
      >
        <Icon name="calendar" />
        {t('booking:calendar')}
      </a>
      {booking.changeable && (
        <>
          {moving ? (
            <MovePanel
              booking={booking}
              token={token}
              onClose={() => setMoving(false)}
              onMoved={(view) => {
                setMoving(false);
                onChanged(view, 'moved');
              }}
            />
          ) : (
            <button
              type="button"
              onClick={() => setMoving(true)}
              className={`${button} border-brand-700 bg-white text-brand-800 hover:bg-brand-50`}
            >
              <Icon name="move" />
              {t('booking:move')}
            </button>
          )}
          <button
            type="button"
            onClick={() => setCancelling(true)}
            className={`${button} border-red-800 bg-white text-red-800 hover:bg-red-50`}
          >
            <Icon name="cancel" />
            {t('booking:cancel')}
          </button>
          <p className="text-sm text-slate-700">{t('booking:changeUntil')}</p>
          <CancelDialog
            booking={booking}
            token={token}
            open={cancelling}
            onClose={() => setCancelling(false)}
            onCancelled={(view) => onChanged(view, 'cancelled')}
          />
        </>
      )}
    </section>
  );
}

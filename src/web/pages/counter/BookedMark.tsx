import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../api/queue';

/**
 * How a ticket came, when that matters to the officer: "Booking 09.00" (a checked-in booking, its
 * slot's start on the mall's clock) or "Antrian online" (joined from a phone). An icon and words,
 * never colour alone.
 */
export function BookedMark({
  ticket,
  timeZone,
  large = false,
}: {
  ticket: Pick<Ticket, 'appointmentAt' | 'source'>;
  timeZone: string;
  large?: boolean;
}) {
  const { t, i18n } = useTranslation('counter');
  const size = large ? 'px-3 py-1 text-lg' : 'px-2 py-0.5 text-sm';
  const icon = large ? 'size-5' : 'size-4';
  if (ticket.appointmentAt !== null) {
    const time = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(ticket.appointmentAt);
    return (
      <span
        data-testid="booked-mark"
        className={`inline-flex items-center gap-1.5 rounded-full border-2 border-sky-800 bg-sky-50 font-semibold whitespace-nowrap text-sky-900 ${size}`}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className={`shrink-0 ${icon}`} fill="currentColor">
          {/* a calendar page: "booked for a time" */}
          <path d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3zm12 7H5v10h14zm-9 2v3H7v-3z" />
        </svg>
        {t('booked.at', { time })}
      </span>
    );
  }
  if (ticket.source === 'online') {
    return (
      <span
        data-testid="online-mark"
        className={`inline-flex items-center gap-1.5 rounded-full border-2 border-slate-600 bg-slate-50 font-semibold whitespace-nowrap text-slate-900 ${size}`}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className={`shrink-0 ${icon}`} fill="currentColor">
          {/* a phone */}
          <path d="M7 1h10a2 2 0 0 1 2 2v18a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2zm0 3v14h10V4zm5 15.5a1 1 0 1 0 0 2 1 1 0 0 0 0-2z" />
        </svg>
        {t('booked.online')}
      </span>
    );
  }
  return null;
}

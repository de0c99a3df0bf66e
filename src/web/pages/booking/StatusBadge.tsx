import { useTranslation } from 'react-i18next';
import type { BookingView } from '../../../api/booking';
import './translations';

const TONE: Record<BookingView['status'], string> = {
  booked: 'bg-brand-100 text-brand-900',
  checked_in: 'bg-green-100 text-green-900',
  cancelled: 'bg-slate-200 text-slate-900',
  no_show: 'bg-red-100 text-red-900',
};

export function StatusBadge({ status }: { status: BookingView['status'] }) {
  const { t } = useTranslation(['booking']);
  return (
    <span data-testid="booking-status" className={`rounded-full px-3 py-1 text-base font-bold ${TONE[status]}`}>
      {t(`booking:status.${status}`)}
    </span>
  );
}

/** A room request by its link: its time, status and the admin's note; the requester may cancel it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { FacilityBooking } from '../../../api/facilities';
import { clockText } from '../../components/facility/hours';
import { dayLabel } from '../../components/facility/WeekCalendar';
import { api } from '../../lib/api';

const TONE = {
  pending: 'bg-amber-100 text-amber-950',
  approved: 'bg-green-100 text-green-900',
  rejected: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-900',
} as const;

export function BookingStatus({ slug, token }: { slug: string; token: string; timeZone: string }) {
  const { t, i18n } = useTranslation(['fasilitas']);
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const key = ['facility-booking', token];
  const booking = useQuery({
    queryKey: key,
    queryFn: () => api.get<FacilityBooking>(`/api/facility-bookings/${encodeURIComponent(token)}`),
  });
  const [asking, setAsking] = useState(false);
  const cancel = useMutation({
    mutationFn: () => api.post<FacilityBooking>(`/api/facility-bookings/${encodeURIComponent(token)}/cancel`),
    onSuccess: (b) => {
      queryClient.setQueryData(key, b);
      void queryClient.invalidateQueries({ queryKey: ['facility-calendar', slug] });
    },
  });
  if (booking.error) return <p role="alert">{t('status.notFound')}</p>;
  if (!booking.data) return <p>…</p>;
  const b = booking.data;
  const lang = i18n.language;
  const sent = params.get('sent') === '1' && b.status === 'pending';
  return (
    <section
      aria-labelledby="booking-heading"
      className="flex flex-col gap-3 rounded-xl border-2 border-slate-300 bg-white p-4"
    >
      <h2 id="booking-heading" className="text-xl font-bold">
        {sent ? t('sent.title') : t('status.title', { name: b.facilityName })}
      </h2>
      <p className="text-lg">
        <span className="font-semibold">{b.facilityName}</span> ·{' '}
        <span className="font-semibold capitalize">{dayLabel(b.date, lang)}</span>, {clockText(b.start, lang)}–
        {clockText(b.end, lang)}
      </p>
      <p>
        <span className={`rounded-full px-3 py-1 font-bold ${TONE[b.status]}`} data-testid="booking-status">
          {t(`status.${b.status}`)}
        </span>
      </p>
      <p>
        {b.purpose} · {b.organiser}
      </p>
      {b.note && (
        <p>
          <span className="font-semibold">{t('status.note')}:</span> {b.note}
        </p>
      )}
      {sent && <p className="text-slate-800">{t('sent.keep')}</p>}
      {cancel.error && (
        <p role="alert" className="font-semibold text-red-800">
          {cancel.error.message}
        </p>
      )}
      {(b.status === 'pending' || b.status === 'approved') &&
        (asking ? (
          <button
            type="button"
            className="min-h-12 rounded-xl bg-red-800 px-4 font-bold text-white"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate()}
          >
            {t('status.cancelConfirm')}
          </button>
        ) : (
          <button
            type="button"
            className="min-h-12 rounded-xl border-2 border-red-800 px-4 font-bold text-red-800"
            onClick={() => setAsking(true)}
          >
            {t('status.cancel')}
          </button>
        ))}
      <Link to={`/${slug}/fasilitas?room=${b.facilityId}`} className="font-semibold text-brand-700 underline">
        {t('sent.another')}
      </Link>
    </section>
  );
}

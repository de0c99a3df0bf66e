import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingView } from '../../../api/booking';
import { currentLang } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { DayPicker } from '../book/DayPicker';
import { useBookingDays, useSlots } from '../book/data';
import { clockText, dateAt, longDate } from '../book/format';
import { Notice } from '../book/Notice';
import { SlotPicker } from '../book/SlotPicker';
import './translations';

interface Props {
  booking: BookingView;
  token: string;
  onMoved: (view: BookingView) => void;
  onClose: () => void;
}

/** "Pindah jadwal": another day and slot, with the same pickers as booking, then one confirmation. */
export function MovePanel({ booking, token, onMoved, onClose }: Props) {
  const { t } = useTranslation(['booking', 'book', 'common']);
  const lang = currentLang();
  const days = useBookingDays(booking.mallSlug, booking.serviceId);
  const [date, setDate] = useState<string | undefined>();
  const [start, setStart] = useState<string | undefined>();
  const slots = useSlots(booking.mallSlug, booking.serviceId, date ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const slotsRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const move = useMutation({
    mutationFn: () => api.post<BookingView>(`/api/bookings/${encodeURIComponent(token)}/move`, { date, start }),
    onSuccess: onMoved,
    onError: (error) => {
      setProblem(error.message);
      if (error instanceof ApiError && error.code === 'slot_full') {
        setStart(undefined);
        void slots.refetch();
      }
    },
  });

  const pickDate = (d: string) => {
    setDate(d);
    setStart(undefined);
    setProblem(null);
    requestAnimationFrame(() => slotsRef.current?.focus());
  };
  const pickStart = (s: string) => {
    setStart(s);
    setProblem(null);
    requestAnimationFrame(() => confirmRef.current?.focus({ preventScroll: false }));
  };

  return (
    <section
      id="move-panel"
      aria-labelledby="move-title"
      className="flex flex-col gap-4 rounded-2xl border-2 border-brand-600 bg-white p-4"
    >
      <h2 id="move-title" className="text-lg font-bold">
        {t('booking:moveTitle')}
      </h2>
      <p className="-mt-2 text-base text-slate-800">
        {t('booking:moveCurrent', { date: longDate(booking.date, lang), time: clockText(booking.start, lang) })}
      </p>
      <h3 className="text-base font-bold">{t('booking:moveDay')}</h3>
      {days.data ? (
        <DayPicker
          days={days.data.days}
          today={dateAt(Date.now(), booking.timeZone)}
          timeZone={booking.timeZone}
          selected={date}
          onPick={pickDate}
        />
      ) : (
        <p>{days.error ? days.error.message : t('common:loading')}</p>
      )}
      {date && (
        <>
          <h3 ref={slotsRef} tabIndex={-1} className="text-base font-bold">
            {t('booking:moveSlot', { date: longDate(date, lang) })}
          </h3>
          <SlotPicker
            slots={slots.data}
            error={slots.error}
            onRetry={() => void slots.refetch()}
            selected={start}
            onPick={pickStart}
          />
        </>
      )}
      {problem && <Notice tone="error">{problem}</Notice>}
      <div className="flex flex-col gap-2">
        {date && start && (
          <button
            ref={confirmRef}
            type="button"
            disabled={move.isPending}
            onClick={() => move.mutate()}
            className="min-h-14 rounded-xl bg-brand-700 px-4 text-base font-bold text-white hover:bg-brand-800 disabled:opacity-70"
          >
            {move.isPending
              ? t('booking:moving')
              : t('booking:moveConfirm', { date: longDate(date, lang), time: clockText(start, lang) })}
          </button>
        )}
        <button
          type="button"
          onClick={onClose}
          className="min-h-12 rounded-xl border-2 border-slate-500 px-4 text-base font-semibold text-slate-900"
        >
          {t('booking:moveCancel')}
        </button>
      </div>
    </section>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingView } from '../../../api/booking';
import { currentLang } from '../../i18n';
import { api } from '../../lib/api';
import { clockText, longDate } from '../book/format';
import './translations';

interface Props {
  booking: BookingView;
  token: string;
  open: boolean;
  onClose: () => void;
  onCancelled: (view: BookingView) => void;
}

/**
 * "Batalkan booking?" — a modal dialog (the browser's own: it keeps the focus inside, Esc
 * closes it, and the focus goes back to the button that opened it).
 */
export function CancelDialog({ booking, token, open, onClose, onCancelled }: Props) {
  const { t } = useTranslation(['booking', 'common']);
  const ref = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const cancel = useMutation({
    mutationFn: () => api.post<BookingView>(`/api/bookings/${encodeURIComponent(token)}/cancel`),
    onSuccess: (view) => {
      onCancelled(view);
      onClose();
    },
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // the safe choice takes the focus first
      keepRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const lang = currentLang();
  return (
    <dialog
      ref={ref}
      aria-labelledby="cancel-title"
      aria-describedby="cancel-text"
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/60"
    >
      <h2 id="cancel-title" className="text-xl font-bold">
        {t('booking:cancelTitle')}
      </h2>
      <p id="cancel-text" className="mt-2 text-base">
        {t('booking:cancelText', {
          date: longDate(booking.date, lang),
          time: clockText(booking.start, lang),
        })}
      </p>
      {cancel.error && (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base font-semibold text-red-900">
          {cancel.error.message}
        </p>
      )}
      <div className="mt-5 flex flex-col gap-2">
        <button
          type="button"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate()}
          className="min-h-12 rounded-xl bg-red-800 px-4 text-base font-bold text-white hover:bg-red-900 disabled:opacity-70"
        >
          {cancel.isPending ? t('booking:cancelling') : t('booking:cancelConfirm')}
        </button>
        <button
          type="button"
          ref={keepRef}
          onClick={onClose}
          className="min-h-12 rounded-xl border-2 border-slate-500 bg-white px-4 text-base font-semibold text-slate-900"
        >
          {t('booking:cancelKeep')}
        </button>
      </div>
    </dialog>
  );
}

import { useTranslation } from 'react-i18next';
import type { SlotView } from '../../../api/booking';
import { SlotButton } from './SlotButton';
import './translations';

interface Props {
  slots: SlotView[] | undefined;
  error: Error | null;
  onRetry: () => void;
  selected?: string | undefined;
  onPick: (start: string) => void;
}

/** A day's slots as a grid of times with the places left; full ones stay visible, disabled. */
export function SlotPicker({ slots, error, onRetry, selected, onPick }: Props) {
  const { t } = useTranslation(['book', 'common']);
  if (error && !slots) {
    return (
      <div role="alert" className="flex flex-col items-start gap-2">
        <p>{error.message}</p>
        <button
          type="button"
          onClick={onRetry}
          className="min-h-12 rounded-lg border-2 border-brand-700 px-4 font-semibold text-brand-800"
        >
          {t('common:retry')}
        </button>
      </div>
    );
  }
  if (!slots) return <p>{t('common:loading')}</p>;
  if (!slots.some((s) => s.available > 0)) {
    return <p className="rounded-xl bg-amber-50 p-4 text-base text-amber-950">{t('book:slot.none')}</p>;
  }
  return (
    <ul aria-label={t('book:slot.listLabel')} className="grid grid-cols-3 gap-2 sm:grid-cols-4 md:grid-cols-6">
      {slots.map((slot) => (
        <li key={slot.start}>
          <SlotButton slot={slot} selected={slot.start === selected} onPick={onPick} />
        </li>
      ))}
    </ul>
  );
}

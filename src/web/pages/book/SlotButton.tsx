import { useTranslation } from 'react-i18next';
import type { SlotView } from '../../../api/booking';
import { currentLang } from '../../i18n';
import { clockText } from './format';
import './translations';

/** One slot: its start time and the places left in it. */
export function SlotButton({
  slot,
  selected,
  onPick,
}: {
  slot: SlotView;
  selected: boolean;
  onPick: (start: string) => void;
}) {
  const { t } = useTranslation(['book']);
  const lang = currentLang();
  const full = slot.available <= 0;
  return (
    <button
      type="button"
      disabled={full}
      aria-pressed={full ? undefined : selected}
      onClick={() => onPick(slot.start)}
      className={`flex min-h-16 w-full flex-col items-center justify-center rounded-xl border-2 px-1 py-2 leading-tight ${
        selected
          ? 'border-brand-800 bg-brand-700 text-white'
          : full
            ? 'cursor-not-allowed border-dashed border-slate-400 bg-slate-100 text-slate-700'
            : 'border-brand-600 bg-white text-brand-900 hover:bg-brand-50'
      }`}
    >
      <span className="text-xl font-bold">
        <span className="sr-only">{t('book:slot.from')} </span>
        {clockText(slot.start, lang)}
        <span className="sr-only">
          {' '}
          {t('book:slot.until')} {clockText(slot.end, lang)},
        </span>
      </span>
      <span className={`text-sm ${full || selected ? '' : 'font-semibold text-green-800'}`}>
        {full ? t('book:slot.full') : t('book:slot.left', { count: slot.available })}
      </span>
    </button>
  );
}

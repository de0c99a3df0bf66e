import { useTranslation } from 'react-i18next';

const keyBase =
  'flex h-[120px] items-center justify-center rounded-3xl border-4 border-brand-600 bg-white px-2 font-bold text-brand-900 shadow-sm active:bg-brand-100 disabled:opacity-40';
const key = `${keyBase} text-[52px]`;
// the two word keys in a size that fits their words on one line
const wordKey = `${keyBase} text-[30px] leading-tight`;

interface Props {
  onDigit: (digit: string) => void;
  onBackspace: () => void;
  onClear: () => void;
}

/** Big digit keys for a booking code: the kiosk has no keyboard. */
export function CodeKeypad({ onDigit, onBackspace, onClear }: Props) {
  const { t } = useTranslation('kiosk');
  return (
    <fieldset className="grid w-full max-w-[720px] grid-cols-3 gap-4">
      <legend className="sr-only">{t('checkIn.keypad')}</legend>
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
        <button key={d} type="button" onClick={() => onDigit(d)} className={key}>
          {d}
        </button>
      ))}
      <button type="button" onClick={onClear} className={wordKey}>
        {t('keyboard.clear')}
      </button>
      <button type="button" onClick={() => onDigit('0')} className={key}>
        0
      </button>
      <button type="button" onClick={onBackspace} className={wordKey}>
        <span aria-hidden="true">⌫&nbsp;</span>
        {t('checkIn.backspace')}
      </button>
    </fieldset>
  );
}

import { useTranslation } from 'react-i18next';

const ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'] as const;

const key =
  'flex h-[96px] min-w-[88px] items-center justify-center rounded-2xl border-2 border-brand-600 bg-white text-[36px] font-bold text-brand-900 shadow-sm active:bg-brand-100';

interface Props {
  onType: (text: string) => void;
  onBackspace: () => void;
  onClear: () => void;
}

/** Big letter keys for the search, since a kiosk has no keyboard (and the system's would be tiny). */
export function OnScreenKeyboard({ onType, onBackspace, onClear }: Props) {
  const { t } = useTranslation('kiosk');
  return (
    <fieldset className="flex flex-col items-center gap-3 rounded-3xl bg-brand-100 p-4">
      <legend className="sr-only">{t('keyboard.label')}</legend>
      {ROWS.map((row) => (
        <div key={row} className="flex gap-2">
          {[...row].map((letter) => (
            <button key={letter} type="button" onClick={() => onType(letter.toLowerCase())} className={key}>
              {letter}
            </button>
          ))}
        </div>
      ))}
      <div className="flex gap-2">
        <button type="button" onClick={onClear} className={`${key} whitespace-nowrap px-5 text-[26px]`}>
          {t('keyboard.clear')}
        </button>
        <button type="button" onClick={() => onType(' ')} className={`${key} w-[260px] text-[30px]`}>
          {t('keyboard.space')}
        </button>
        <button type="button" onClick={onBackspace} className={`${key} whitespace-nowrap px-5 text-[26px]`}>
          <span aria-hidden="true">⌫&nbsp;</span>
          {t('keyboard.backspace')}
        </button>
      </div>
    </fieldset>
  );
}

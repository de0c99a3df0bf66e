import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeKeypad } from './CodeKeypad';
import { NavBar } from './NavBar';
import { QrScanner, useCanScan } from './QrScanner';
import { StepHeading } from './StepHeading';
import { primaryButton, secondaryButton } from './ui';

export const CODE_LENGTH = 8;

/** The code in what a QR or a citizen gave: its eight digits (a QR may hold a link ending in them). */
export function codeIn(text: string): string | null {
  const digits = text.match(/\d{8}(?!.*\d{8})/s);
  return digits ? digits[0] : null;
}

interface Props {
  busy: boolean;
  onCheckIn: (code: string) => void;
  onHome: () => void;
}

/** "Sudah booking?": the booking code typed on big keys, or its QR held up to the camera. */
export function CheckInStep({ busy, onCheckIn, onHome }: Props) {
  const { t } = useTranslation('kiosk');
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const canScan = useCanScan();
  const scanned = useCallback(
    (text: string) => {
      const found = codeIn(text);
      if (found) onCheckIn(found);
    },
    [onCheckIn],
  );
  const boxes = Array.from({ length: CODE_LENGTH }, (_, i) => code[i] ?? '');

  return (
    <div className="flex h-full flex-col items-center gap-8">
      <StepHeading className="text-[52px]">{t('checkIn.title')}</StepHeading>
      <p className="max-w-[900px] text-center text-[32px] text-slate-800">{t('checkIn.intro')}</p>
      {scanning ? (
        <QrScanner onCode={scanned} onClose={() => setScanning(false)} />
      ) : (
        <>
          <output
            aria-label={t('checkIn.codeLabel')}
            aria-live="polite"
            className="flex gap-3"
            data-testid="checkin-code"
          >
            {boxes.map((digit, i) => (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: the boxes are positions, not items
                key={i}
                className={`flex h-[110px] w-[84px] items-center justify-center rounded-2xl border-4 bg-white text-[60px] font-bold tabular-nums text-slate-900 ${i === code.length ? 'border-brand-700' : 'border-slate-400'} ${i === 3 ? 'mr-6' : ''}`}
              >
                {digit}
              </span>
            ))}
          </output>
          <CodeKeypad
            onDigit={(d) => setCode((c) => (c.length < CODE_LENGTH ? c + d : c))}
            onBackspace={() => setCode((c) => c.slice(0, -1))}
            onClear={() => setCode('')}
          />
          <button
            type="button"
            disabled={busy || code.length !== CODE_LENGTH}
            onClick={() => onCheckIn(code)}
            className={`${primaryButton} w-full max-w-[720px] disabled:bg-slate-400`}
          >
            {t('checkIn.submit')}
          </button>
          {canScan && (
            <button
              type="button"
              onClick={() => setScanning(true)}
              className={`${secondaryButton} w-full max-w-[720px]`}
            >
              <span aria-hidden="true">📷</span>
              {t('checkIn.scan')}
            </button>
          )}
        </>
      )}
      <div className="mt-auto w-full">
        <NavBar onBack={onHome} />
      </div>
    </div>
  );
}

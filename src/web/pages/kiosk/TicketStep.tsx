import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Receipt, type ReceiptData } from './Receipt';
import { StepHeading } from './StepHeading';
import { primaryButton } from './ui';

interface Props extends ReceiptData {
  onDone: () => void;
}

const MM_PER_PX = 25.4 / 96;

/**
 * The issued ticket on screen, and printed once the paper copy's QR has loaded (Chromium
 * --kiosk-printing prints without a dialog). Chromium ignores `@page { size: 80mm auto }`, so
 * the paper copy is laid out (invisible) on screen, measured, and the page is sized to it: the
 * roll is cut right after the ticket.
 */
export function TicketStep({ onDone, ...receipt }: Props) {
  const { t } = useTranslation('kiosk');
  const paper = useRef<HTMLDivElement>(null);
  const [pageHeightMm, setPageHeightMm] = useState<number | null>(null);
  const printed = useRef<string | null>(null);
  const token = receipt.ticket.token;

  function measure() {
    const height = paper.current?.getBoundingClientRect().height ?? 0;
    setPageHeightMm(Math.ceil(height * MM_PER_PX) + 2);
  }

  // The page size goes in a constructed style sheet: the strict Content-Security-Policy refuses an
  // inline <style>, not the CSSOM. Then print, once per ticket.
  useEffect(() => {
    if (pageHeightMm === null) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`@page { size: 80mm ${pageHeightMm}mm; margin: 0; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    if (printed.current !== token) {
      printed.current = token;
      window.print();
    }
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [pageHeightMm, token]);

  return (
    <div className="flex h-full flex-col items-center gap-8 print:block print:h-auto">
      <div className="text-center print:hidden">
        <StepHeading className="text-[64px]">{t('ticket.take')}</StepHeading>
        <p aria-live="polite" className="mt-2 text-[28px] text-slate-700">
          {t('ticket.printing')}
        </p>
      </div>
      <section aria-labelledby="kiosk-ticket" className="w-full print:hidden">
        <h2 id="kiosk-ticket" className="sr-only">
          {t('ticket.yourNumber')}
        </h2>
        <Receipt look="screen" {...receipt} />
      </section>
      <div ref={paper} aria-hidden="true" className="kiosk-paper invisible fixed top-0 left-0 -z-10">
        <Receipt look="paper" {...receipt} onQrLoaded={measure} />
      </div>
      <button type="button" onClick={onDone} className={`${primaryButton} w-full max-w-[820px] print:hidden`}>
        {t('ticket.done')}
      </button>
    </div>
  );
}

/**
 * The receipt of a new application (tanda terima), on an 80 mm roll or any printer: the mall, the
 * code large, the service, when it was received and is due, and the QR code of the citizen's page.
 * It is laid out invisibly beside the page (a portal into <body>) so that printing prints it alone
 * (slip.css), measured, and the page sized to it — the way the kiosk prints its tickets. The page
 * size goes in a constructed style sheet: the Content-Security-Policy refuses an inline <style>.
 */

import type { TFunction } from 'i18next';
import { type Ref, type RefObject, useEffect, useImperativeHandle, useRef } from 'react';
import { createPortal } from 'react-dom';
import { groupApplicationCode } from './code';
import './slip.css';

export interface SlipData {
  mallName: string;
  code: string;
  token: string;
  serviceName: string;
  agencyName: string;
  /** "Senin, 7 Desember 2026, 09.12" */
  received: string;
  /** "Selasa, 15 Desember 2026", or null */
  due: string | null;
  ticketNumber: string | null;
}

export interface SlipHandle {
  print: () => void;
}

const MM_PER_PX = 25.4 / 96;

/** The page size of the last print goes when printing is over (or the receipt is closed). */
function dropSheet(sheet: RefObject<CSSStyleSheet | null>) {
  const s = sheet.current;
  if (s) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((x) => x !== s);
  sheet.current = null;
}

export function ApplicationSlip({
  slip,
  t,
  onQrLoaded,
  handle,
}: {
  slip: SlipData;
  /** the words in the citizen's language, which may not be the screen's */
  t: TFunction;
  onQrLoaded: () => void;
  handle: Ref<SlipHandle>;
}) {
  const paper = useRef<HTMLDivElement>(null);
  const sheet = useRef<CSSStyleSheet | null>(null);

  useEffect(() => {
    const drop = () => dropSheet(sheet);
    window.addEventListener('afterprint', drop);
    return () => {
      window.removeEventListener('afterprint', drop);
      drop();
    };
  }, []);

  useImperativeHandle(handle, () => ({
    print() {
      const height = paper.current?.getBoundingClientRect().height ?? 0;
      dropSheet(sheet);
      const s = new CSSStyleSheet();
      s.replaceSync(`@page { size: 80mm ${Math.ceil(height * MM_PER_PX) + 2}mm; margin: 0; }`);
      sheet.current = s;
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];
      window.print();
    },
  }));

  const link = `${location.origin}/p/${encodeURIComponent(slip.token)}`;
  return createPortal(
    <div ref={paper} aria-hidden="true" className="application-slip" data-testid="application-slip">
      <div className="flex w-[80mm] flex-col items-center gap-[1.5mm] bg-white px-[4mm] py-[3mm] text-center text-black">
        <p className="text-[12pt] leading-tight font-bold">{slip.mallName}</p>
        <p className="text-[10pt] font-semibold uppercase">{t('slip.title')}</p>
        <p className="text-[30pt] leading-none font-black tracking-wide whitespace-nowrap">
          {groupApplicationCode(slip.code)}
        </p>
        <p className="text-[11pt] leading-tight font-bold">{slip.serviceName}</p>
        <p className="text-[9pt] leading-tight">{slip.agencyName}</p>
        <dl className="mt-[1mm] grid w-full grid-cols-[auto_1fr] gap-x-[2mm] border-y-2 border-black py-[1mm] text-left text-[9.5pt]">
          <dt>{t('slip.received')}</dt>
          <dd className="font-semibold">{slip.received}</dd>
          {slip.due && (
            <>
              <dt>{t('slip.due')}</dt>
              <dd className="font-bold">{slip.due}</dd>
            </>
          )}
          {slip.ticketNumber && (
            <>
              <dt>{t('slip.ticket')}</dt>
              <dd>{slip.ticketNumber}</dd>
            </>
          )}
        </dl>
        <p className="text-[9.5pt] font-semibold">{t('slip.scan')}</p>
        <img
          src={`/api/applications/${encodeURIComponent(slip.token)}/qr.svg`}
          alt=""
          width={144}
          height={144}
          onLoad={onQrLoaded}
          onError={onQrLoaded}
          className="size-[36mm]"
        />
        <p className="text-[7pt] break-all">{link}</p>
        <p className="text-[9.5pt] font-bold">{t('slip.bring')}</p>
      </div>
    </div>,
    document.body,
  );
}

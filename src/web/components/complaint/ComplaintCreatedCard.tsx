/**
 * After sending: the code large (to write down or read out), its QR code, the link to the report's
 * page (/c/<token>) and "Simpan kode ini" — for an anonymous report the only way back to it.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n';
import { longDate } from '../../pages/book/format';
import type { Created } from './ComplaintForm';
import { groupComplaintCode, spokenComplaintCode } from './code';
import './translations';

export function ComplaintCreatedCard({
  created,
  anonymous,
  headingLevel = 1,
  children,
}: {
  created: Created;
  anonymous: boolean;
  headingLevel?: 1 | 2;
  /** the actions under the card (another report, back) */
  children?: React.ReactNode;
}) {
  const { t } = useTranslation(['complaint']);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const link = `/c/${encodeURIComponent(created.token)}`;
  return (
    <section
      aria-labelledby="complaint-created-heading"
      data-testid="complaint-created"
      className="flex flex-col items-center gap-3 rounded-2xl bg-white p-5 text-center shadow"
    >
      <Heading
        id="complaint-created-heading"
        ref={headingRef}
        tabIndex={-1}
        className="flex items-center gap-2 text-2xl font-bold text-green-800"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-7"
          fill="none"
          stroke="currentColor"
          strokeWidth="3"
        >
          <path d="M5 12.5l4.5 4.5L19 7.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {t('complaint:created.title')}
      </Heading>
      <div>
        <p className="text-base font-semibold text-slate-700">{t('complaint:created.code')}</p>
        <p
          data-testid="complaint-code"
          className="my-1 text-[clamp(2rem,11vw,3rem)] leading-none font-extrabold tracking-wide whitespace-nowrap text-brand-800 tabular-nums"
        >
          <span aria-hidden="true">{groupComplaintCode(created.code)}</span>
          <span className="sr-only">{spokenComplaintCode(created.code)}</span>
        </p>
      </div>
      <img
        src={`/api/complaints/${encodeURIComponent(created.token)}/qr.svg`}
        alt={t('complaint:created.qrAlt', { code: groupComplaintCode(created.code) })}
        width={180}
        height={180}
        className="h-44 w-44 [image-rendering:pixelated]"
      />
      <div
        className={`w-full rounded-xl border-2 px-4 py-3 text-left text-base ${
          anonymous ? 'border-amber-600 bg-amber-50 text-amber-950' : 'border-brand-100 bg-brand-50 text-brand-900'
        }`}
      >
        <p className="text-lg font-bold">{t('complaint:created.keep')}</p>
        <p>{anonymous ? t('complaint:created.keepAnonymous') : t('complaint:created.keepHint')}</p>
      </div>
      <p data-testid="complaint-created-due" className="text-base font-semibold">
        {t('complaint:created.due', { date: longDate(created.dueDate, currentLang()) })}
      </p>
      <a
        href={link}
        // in the staff's dialog the page opens beside the staff screen
        {...(headingLevel === 2 ? { target: '_blank', rel: 'noopener' } : {})}
        className="inline-flex min-h-12 w-full items-center justify-center rounded-xl bg-brand-700 px-4 text-lg font-bold text-white hover:bg-brand-800"
      >
        {t('complaint:created.open')}
      </a>
      <p className="text-sm break-all text-slate-700">
        {location.origin}
        {link}
      </p>
      {children}
    </section>
  );
}

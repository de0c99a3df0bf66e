import { useTranslation } from 'react-i18next';
import type { IssuedTicket } from '../../../api/queue';
import { reasonKey, spanOf } from '../../lib/estimate';
import { formatDate, formatTime } from './format';

/** The same ticket in two sizes: big on the 1080 px screen, and on an 80 mm roll in black. */
const LOOKS = {
  screen: {
    card: 'mx-auto w-full max-w-[820px] gap-3 rounded-3xl border-4 border-brand-100 bg-white px-10 py-8 shadow-lg',
    mall: 'text-[30px] font-bold text-brand-900',
    label: 'text-[28px] text-slate-700',
    number: 'text-[180px] font-black leading-none tracking-tight text-brand-900',
    priority: 'rounded-full bg-accent-400 px-6 py-1 text-[28px] font-bold text-slate-900',
    service: 'text-[32px] font-bold leading-tight text-slate-900',
    agency: 'text-[24px] text-slate-700',
    counters: 'text-[34px] font-bold text-brand-800',
    ahead: 'text-[28px] text-slate-800',
    estimate: 'rounded-2xl bg-brand-50 px-8 py-3',
    callAtLabel: 'text-[30px] font-bold text-brand-900',
    callAt: 'text-[88px] font-black leading-none tracking-tight text-brand-900 tabular-nums',
    span: 'mt-1 text-[32px] font-semibold text-slate-800',
    reason: 'rounded-2xl bg-slate-100 px-6 py-2 text-[28px] font-semibold text-slate-800',
    date: 'text-[24px] text-slate-700',
    qr: 'size-[240px]',
    scan: 'text-[26px] font-semibold text-slate-800',
    link: 'break-all text-[18px] text-slate-700',
  },
  paper: {
    card: 'w-[80mm] gap-[1.5mm] bg-white px-[4mm] py-[3mm] text-black',
    mall: 'text-[13pt] font-bold',
    label: 'text-[10pt]',
    number: 'text-[54pt] font-black leading-none tracking-tight',
    priority: 'rounded-full border-2 border-black px-[3mm] text-[11pt] font-bold',
    service: 'text-[11pt] font-bold leading-tight',
    agency: 'text-[9pt] leading-tight',
    counters: 'text-[14pt] font-bold',
    ahead: 'text-[10pt]',
    estimate: 'border-y-2 border-black py-[1mm]',
    callAtLabel: 'text-[10pt] font-bold',
    callAt: 'text-[24pt] font-black leading-none',
    span: 'text-[10pt]',
    reason: 'text-[10pt] font-semibold',
    date: 'text-[9pt]',
    qr: 'size-[38mm]',
    scan: 'text-[10pt] font-semibold',
    link: 'break-all text-[7pt]',
  },
} as const;

export interface ReceiptData {
  /** a checked-in booking's ticket also carries its slot's start */
  ticket: IssuedTicket & { appointmentAt?: number | null };
  mallName: string;
  timeZone: string;
  serviceName: string;
  agencyName: string;
  counterNumbers: readonly number[];
}

interface Props extends ReceiptData {
  look: keyof typeof LOOKS;
  onQrLoaded?: () => void;
}

/**
 * The ticket: mall, number, service and agency, the counters that serve it, people ahead, when
 * it is expected to be called, date and time at the mall, and the QR to the ticket page. Only the screen look carries the test ids
 * and the link; the paper look is the printed copy.
 */
export function Receipt({
  look,
  ticket,
  mallName,
  timeZone,
  serviceName,
  agencyName,
  counterNumbers,
  onQrLoaded,
}: Props) {
  const { t, i18n } = useTranslation(['kiosk', 'common']);
  const c = LOOKS[look];
  const lang = i18n.language;
  const path = `/t/${encodeURIComponent(ticket.token)}`;
  const onScreen = look === 'screen';
  return (
    <div className={`flex flex-col items-center text-center ${c.card}`}>
      <p className={c.mall}>{mallName}</p>
      <p className={c.label}>{t('kiosk:ticket.yourNumber')}</p>
      <p data-testid={onScreen ? 'ticket-number' : undefined} className={c.number}>
        {ticket.number}
      </p>
      {ticket.priority && (
        <p className={c.priority}>{t('kiosk:priority.onTicket', { label: t(`common:priority.${ticket.priority}`) })}</p>
      )}
      {ticket.appointmentAt != null && (
        <p className={c.priority}>
          {t('kiosk:ticket.booked', { time: formatTime(ticket.appointmentAt, timeZone, lang) })}
        </p>
      )}
      <p className={c.service}>{serviceName}</p>
      <p className={c.agency}>{agencyName}</p>
      {counterNumbers.length > 0 && (
        <p className={c.counters}>
          {t('kiosk:ticket.counters', { count: counterNumbers.length, list: counterNumbers.join(', ') })}
        </p>
      )}
      <p className={c.ahead}>{t('kiosk:ticket.ahead', { count: ticket.peopleAhead })}</p>
      <Estimate ticket={ticket} timeZone={timeZone} look={look} />
      <p className={c.date}>
        {formatDate(ticket.issuedAt, timeZone, lang)}, {formatTime(ticket.issuedAt, timeZone, lang)}
      </p>
      <img
        src={`/api/tickets/${encodeURIComponent(ticket.token)}/qr.svg`}
        alt={t('kiosk:ticket.qrAlt')}
        width={240}
        height={240}
        onLoad={onQrLoaded}
        // Without the QR the number still matters: print anyway.
        onError={onQrLoaded}
        className={c.qr}
      />
      <p className={c.scan}>{t('kiosk:ticket.scanQr')}</p>
      {onScreen ? (
        <a
          href={path}
          data-testid="ticket-link"
          // A touch here would leave the kiosk for the citizen's page with no way back, so it is
          // text to read, not a target.
          tabIndex={-1}
          className={`pointer-events-none ${c.link}`}
        >
          {location.host}
          {path}
        </a>
      ) : (
        <p className={c.link}>
          {location.host}
          {path}
        </p>
      )}
    </div>
  );
}

/**
 * "Perkiraan dipanggil ± 09.40 / sekitar 25–35 menit lagi" on the mall's clock, or why there is
 * no estimate ("Belum ada loket yang buka untuk layanan ini"); nothing once it no longer waits.
 */
function Estimate({
  ticket,
  timeZone,
  look,
}: {
  ticket: ReceiptData['ticket'];
  timeZone: string;
  look: keyof typeof LOOKS;
}) {
  const { t, i18n } = useTranslation(['kiosk', 'common']);
  const c = LOOKS[look];
  const testId = look === 'screen' ? 'ticket-estimate' : undefined;
  const { estimate } = ticket;
  if (!estimate) {
    const key = reasonKey(ticket.estimateReason);
    return key ? (
      <p data-testid={testId} className={c.reason}>
        {t(key)}
      </p>
    ) : null;
  }
  return (
    <div data-testid={testId} className={c.estimate}>
      {/* two lines, so the clock time is never split from its "±" and reads from two metres */}
      <p className={c.callAtLabel}>{t('kiosk:estimate.callAtLabel')} </p>
      <p className={c.callAt}>
        {t('kiosk:estimate.callAt', { time: formatTime(estimate.callAt, timeZone, i18n.language) })}
      </p>
      <p className={c.span}>{t('kiosk:estimate.in', spanOf(estimate.lowMinutes, estimate.highMinutes))}</p>
    </div>
  );
}

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
    /** a visit's number leaves room for its stops, so "Selesai" stays on the screen */
    numberRoute: 'text-[140px] font-black leading-none tracking-tight text-brand-900',
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
    qrRoute: 'size-[200px]',
    scan: 'text-[26px] font-semibold text-slate-800',
    link: 'break-all text-[18px] text-slate-700',
    route: 'w-full text-left',
    routeHeading: 'text-center text-[30px] font-bold text-brand-900',
    routeHint: 'mt-1 text-center text-[24px] leading-snug text-slate-700',
    stops: 'mt-2 flex flex-col gap-2',
    stop: 'flex gap-4 rounded-2xl border-2 border-brand-100 bg-brand-50 px-5 py-2',
    stopIndex:
      'flex size-[56px] shrink-0 items-center justify-center rounded-full bg-brand-700 text-[30px] font-black text-white',
    stopService: 'text-[28px] leading-tight text-slate-900',
    stopAgency: 'font-bold text-brand-900',
    stopMeta: 'mt-1 text-[24px] text-slate-800',
    stopCounters: 'font-bold text-brand-800',
    stopEstimate: 'mt-1 text-[24px] font-semibold text-brand-900',
    stopCallAt: 'text-[30px] font-black tabular-nums',
  },
  paper: {
    card: 'w-[80mm] gap-[1.5mm] bg-white px-[4mm] py-[3mm] text-black',
    mall: 'text-[13pt] font-bold',
    label: 'text-[10pt]',
    number: 'text-[54pt] font-black leading-none tracking-tight',
    numberRoute: 'text-[54pt] font-black leading-none tracking-tight',
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
    qrRoute: 'size-[38mm]',
    scan: 'text-[10pt] font-semibold',
    link: 'break-all text-[7pt]',
    route: 'w-full border-y-2 border-black py-[1mm] text-left',
    routeHeading: 'text-center text-[10pt] font-bold',
    routeHint: 'text-center text-[8pt] leading-tight',
    stops: 'mt-[1mm] flex flex-col gap-[1.5mm]',
    stop: 'flex gap-[1.5mm]',
    stopIndex: 'w-[4mm] shrink-0 text-[11pt] font-black leading-tight',
    stopService: 'text-[9.5pt] leading-tight',
    stopAgency: 'font-bold',
    stopMeta: 'text-[8.5pt] leading-tight',
    stopCounters: 'font-bold',
    stopEstimate: 'text-[8.5pt] leading-tight font-semibold',
    stopCallAt: 'text-[11pt] font-black',
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
  /** for a visit of several services: the counters of each stop, in the order of ticket.stops */
  stopCounterNumbers: readonly (readonly number[])[];
}

interface Props extends ReceiptData {
  look: keyof typeof LOOKS;
  onQrLoaded?: () => void;
}

/**
 * The ticket: mall, number, service and agency, the counters that serve it, people ahead, when
 * it is expected to be called, date and time at the mall, and the QR to the ticket page. A visit
 * of several services lists its stops under the one number instead, each with its counters,
 * people ahead and expected call. Only the screen look carries the test ids and the link; the
 * paper look is the printed copy.
 */
export function Receipt({
  look,
  ticket,
  mallName,
  timeZone,
  serviceName,
  agencyName,
  counterNumbers,
  stopCounterNumbers,
  onQrLoaded,
}: Props) {
  const { t, i18n } = useTranslation(['kiosk', 'common']);
  const c = LOOKS[look];
  const lang = i18n.language;
  const path = `/t/${encodeURIComponent(ticket.token)}`;
  const onScreen = look === 'screen';
  const route = ticket.stops.length > 1;
  return (
    <div className={`flex flex-col items-center text-center ${c.card}`}>
      <p className={c.mall}>{mallName}</p>
      <p className={c.label}>{t('kiosk:ticket.yourNumber')}</p>
      <p data-testid={onScreen ? 'ticket-number' : undefined} className={route ? c.numberRoute : c.number}>
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
      {route ? (
        <Route ticket={ticket} timeZone={timeZone} look={look} stopCounterNumbers={stopCounterNumbers} />
      ) : (
        <>
          <p className={c.service}>{serviceName}</p>
          <p className={c.agency}>{agencyName}</p>
          {counterNumbers.length > 0 && (
            <p className={c.counters}>
              {t('kiosk:ticket.counters', { count: counterNumbers.length, list: counterNumbers.join(', ') })}
            </p>
          )}
          <p className={c.ahead}>{t('kiosk:ticket.ahead', { count: ticket.peopleAhead })}</p>
          <Estimate ticket={ticket} timeZone={timeZone} look={look} />
        </>
      )}
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
        className={route ? c.qrRoute : c.qr}
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

/**
 * "Rute Anda": the visit's stops in order, "1. Dindukcapil — Penerbitan KK Baru", each with its
 * counters, the people before it in that line and when it should be called there.
 */
function Route({
  ticket,
  timeZone,
  look,
  stopCounterNumbers,
}: {
  ticket: ReceiptData['ticket'];
  timeZone: string;
  look: keyof typeof LOOKS;
  stopCounterNumbers: readonly (readonly number[])[];
}) {
  const { t, i18n } = useTranslation(['kiosk', 'common']);
  const c = LOOKS[look];
  const onScreen = look === 'screen';
  return (
    <div className={c.route}>
      <p className={c.routeHeading}>{t('kiosk:visit.route', { count: ticket.stops.length })}</p>
      <p className={c.routeHint}>{t('kiosk:visit.routeHint')}</p>
      <ol data-testid={onScreen ? 'ticket-stops' : undefined} className={c.stops}>
        {ticket.stops.map((stop, i) => {
          const counters = stopCounterNumbers[i] ?? [];
          const key = stop.estimate ? null : reasonKey(stop.estimateReason);
          // an agency's rule: this stop is called once another one is done
          const first = stop.after ? ticket.stops.find((s) => s.serviceId === stop.after) : undefined;
          return (
            <li key={stop.serviceId} data-testid={onScreen ? 'ticket-stop' : undefined} className={c.stop}>
              {/* the list already numbers its items for screen readers; on paper, "1." */}
              <span aria-hidden={onScreen || undefined} className={c.stopIndex}>
                {onScreen ? i + 1 : `${i + 1}.`}
              </span>
              <div className="min-w-0">
                <p className={c.stopService}>
                  <span className={c.stopAgency}>{stop.agencyShortName}</span> — {stop.serviceName}
                </p>
                <p className={c.stopMeta}>
                  {counters.length > 0 && (
                    <span className={c.stopCounters}>
                      {t('kiosk:ticket.counters', { count: counters.length, list: counters.join(', ') })}
                      {' · '}
                    </span>
                  )}
                  {t('kiosk:visit.ahead', { count: stop.peopleAhead })}
                </p>
                {stop.estimate ? (
                  <p className={c.stopEstimate}>
                    {t('kiosk:estimate.callAtLabel')}{' '}
                    <span className={c.stopCallAt}>
                      {t('kiosk:estimate.callAt', { time: formatTime(stop.estimate.callAt, timeZone, i18n.language) })}
                    </span>{' '}
                    ({t('kiosk:estimate.in', spanOf(stop.estimate.lowMinutes, stop.estimate.highMinutes))})
                  </p>
                ) : first ? (
                  <p className={c.stopMeta}>{t('kiosk:visit.after', { service: first.agencyShortName })}</p>
                ) : key ? (
                  <p className={c.stopMeta}>{t(key)}</p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

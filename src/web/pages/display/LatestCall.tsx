/** The latest call, as large as the screen allows: the number, the counter, the agency and the service. */
import { useTranslation } from 'react-i18next';
import type { Agency } from '../../../api/catalog';
import type { CallEvent } from '../../../api/events';

interface Props {
  call: CallEvent | undefined;
  agency: Agency | undefined;
  serviceName: string | undefined;
}

export function LatestCall({ call, agency, serviceName }: Props) {
  const { t } = useTranslation(['display', 'common']);
  return (
    <section
      aria-labelledby="latest-heading"
      className={`flex min-h-0 flex-[1.15] flex-col rounded-[2vh] px-[3vh] py-[1.4vh] [container-type:inline-size] ${
        call ? 'bg-accent-400 text-slate-950' : 'bg-brand-900 text-white'
      }`}
    >
      <div className="flex items-center justify-between gap-[2vh]">
        <h2 id="latest-heading" className="truncate text-[2.6vh] font-bold whitespace-nowrap uppercase">
          {t('display:nowCalling')}
        </h2>
        {call?.type === 'recall' && (
          <span className="shrink-0 rounded-[1vh] bg-slate-950 px-[1vh] py-[0.2vh] text-[2.4vh] font-bold whitespace-nowrap text-accent-400">
            {t('display:recall')}
          </span>
        )}
      </div>
      {/* Keyed by event so each new call replays the flash; the live region reads it to screen readers. */}
      <div
        key={call?.eventId}
        aria-live="polite"
        aria-atomic="true"
        className="display-flash flex min-h-0 flex-1 flex-col justify-center"
      >
        {call ? (
          <>
            <p className="sr-only">{t('display:ticketNumber')}</p>
            <p
              data-testid="latest-number"
              className="shrink-0 font-black leading-none tracking-tight tabular-nums"
              style={{ fontSize: `min(14.5vh, ${Math.floor(134 / Math.max(call.ticket.number.length, 4))}cqw)` }}
            >
              {call.ticket.number}
            </p>
            <p data-testid="latest-counter" className="mt-[0.5vh] shrink-0 text-[8vh] font-extrabold leading-none">
              {t('common:counter', { number: call.counter.number })}
            </p>
            {agency && (
              <p
                data-testid="latest-agency"
                className="mt-[1.2vh] shrink-0 truncate text-[3.6vh] font-bold leading-tight"
              >
                {agency.shortName}
              </p>
            )}
            {serviceName && (
              <p data-testid="latest-service" className="shrink-0 truncate text-[2.8vh] font-medium leading-tight">
                {serviceName}
              </p>
            )}
          </>
        ) : (
          <p className="text-[6vh] font-bold text-slate-100">{t('display:noCalls')}</p>
        )}
      </div>
    </section>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../api/queue';
import { BookedMark } from './BookedMark';
import { PriorityMark } from './PriorityMark';

interface Props {
  /** the live-feed indicator, beside the heading: it says whether this list is current */
  live: ReactNode;
  /** the "Check-in booking" button, beside the heading */
  checkIn?: ReactNode;
  /** the mall's time zone, for a booking's time */
  timeZone: string;
  waiting: Ticket[];
  serviceName: (serviceId: string) => string;
  now: number;
  /** false while the counter holds a ticket or a request is running */
  canCall: boolean;
  onCall: (ticket: Ticket) => void;
}

/** Who waits for this counter's services, with a button to call one out of order. */
export function WaitingList({ live, checkIn, timeZone, waiting, serviceName, now, canCall, onCall }: Props) {
  const { t } = useTranslation('counter');
  const th = 'sticky top-0 bg-slate-100 px-3 py-2 text-left text-sm font-semibold text-slate-800';
  return (
    <section aria-labelledby="waiting-heading" className="flex min-h-0 flex-1 flex-col">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h2 id="waiting-heading" className="text-xl font-bold">
          {t('waiting.heading')}
        </h2>
        <div className="flex items-center gap-3">
          {checkIn}
          {live}
        </div>
      </div>
      {waiting.length === 0 ? (
        <p className="rounded-xl border-2 border-dashed border-slate-300 p-6 text-center text-lg text-slate-700">
          {t('waiting.empty')}
        </p>
      ) : (
        // Tab stop so keyboard users can scroll a long list.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
        <div tabIndex={0} className="min-h-0 flex-1 overflow-y-auto rounded-xl border-2 border-slate-300 bg-white">
          <table aria-labelledby="waiting-heading" className="w-full border-collapse">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t('waiting.number')}
                </th>
                <th scope="col" className={th}>
                  {t('waiting.service')}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t('waiting.waited')}
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">{t('waiting.action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((ticket) => (
                <tr
                  key={ticket.id}
                  data-testid="waiting-row"
                  className={`border-t border-slate-200 ${
                    ticket.priority ? 'bg-amber-50' : ticket.appointmentAt !== null ? 'bg-sky-50/60' : ''
                  }`}
                >
                  <td className="px-3 py-2 font-mono text-xl font-bold whitespace-nowrap">{ticket.number}</td>
                  <td className="px-3 py-2">
                    <span className="line-clamp-2 leading-tight">{serviceName(ticket.serviceId)}</span>
                    {ticket.priority || ticket.appointmentAt !== null || ticket.source === 'online' ? (
                      <span className="mt-1 flex flex-wrap gap-1.5">
                        {ticket.priority ? <PriorityMark priority={ticket.priority} /> : null}
                        <BookedMark ticket={ticket} timeZone={timeZone} />
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    {t('waiting.minutes', { count: Math.max(0, Math.floor((now - ticket.arrivalAt) / 60_000)) })}
                  </td>
                  <td className="px-3 py-2 text-right">
                    <button
                      type="button"
                      disabled={!canCall}
                      onClick={() => onCall(ticket)}
                      className="rounded-lg bg-brand-700 px-3 py-1.5 font-semibold text-white hover:bg-brand-800 disabled:bg-slate-200 disabled:text-slate-500"
                    >
                      {t('waiting.call')}
                      <span className="sr-only"> {ticket.number}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The last calls, newest first, so someone who looked away can still find their number. */
import { useTranslation } from 'react-i18next';
import type { CallEvent } from '../../../api/events';

/**
 * A row holds the number and the counter's name side by side; both are sized against the row's
 * width (a container), the name by its length, so "Counter 15 ↻" fits where "Loket 5" does.
 */
const NUMBER_SIZE = 'min(4vh, 13cqw)';
function labelSize(label: string, recall: boolean): string {
  const ems = label.length * 0.45 + (recall ? 1.2 : 0);
  return `min(3.2vh, ${(50 / ems).toFixed(2)}cqw)`;
}

export function RecentCalls({ calls }: { calls: CallEvent[] }) {
  const { t } = useTranslation(['display', 'common']);
  return (
    <section
      aria-labelledby="recent-heading"
      className="flex min-h-0 flex-1 flex-col rounded-[2vh] bg-slate-900 px-[2vh] py-[1.6vh]"
    >
      <h2 id="recent-heading" className="mb-[1vh] text-[2.6vh] font-bold tracking-wide text-slate-100 uppercase">
        {t('display:recent')}
      </h2>
      {calls.length === 0 && <p className="text-[3vh] text-slate-300">{t('display:recentEmpty')}</p>}
      {/* Always present (empty at first) so a test or a screen reader finds the list by its name. */}
      <ol
        aria-labelledby="recent-heading"
        className="grid min-h-0 flex-1 grid-flow-col grid-cols-2 grid-rows-5 gap-x-[2vh] gap-y-[1vh]"
      >
        {calls.map((call, i) => {
          const label = t('common:counter', { number: call.counter.number });
          const recall = call.type === 'recall';
          return (
            <li
              key={call.eventId}
              className={`flex min-w-0 items-center justify-between gap-[0.6vh] rounded-[1vh] bg-slate-800 px-[1.2vh] [container-type:inline-size] ${
                i === 0 ? 'ring-[0.4vh] ring-accent-400 ring-inset' : ''
              }`}
            >
              <span
                className="shrink-0 whitespace-nowrap font-extrabold leading-[1.15] tabular-nums text-white"
                style={{ fontSize: NUMBER_SIZE }}
              >
                {call.ticket.number}
              </span>
              <span
                className="display-narrow flex shrink-0 items-center gap-[0.2em] whitespace-nowrap font-bold leading-none text-accent-400"
                style={{ fontSize: labelSize(label, recall) }}
              >
                {recall && <RecallMark label={t('display:recall')} />}
                {label}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A recall, marked by a circling arrow (narrower than a word); the word is there for screen readers. */
function RecallMark({ label }: { label: string }) {
  return (
    <>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-[0.9em] shrink-0" fill="currentColor">
        <path d="M17.65 6.35A7.96 7.96 0 0 0 12 4a8 8 0 1 0 7.75 10h-2.08A6 6 0 1 1 12 6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z" />
      </svg>
      <span className="sr-only">{label}</span>
    </>
  );
}

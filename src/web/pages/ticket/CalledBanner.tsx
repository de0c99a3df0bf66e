import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketPublic } from '../../../api/queue';

/**
 * "Silakan menuju Loket 3": the one thing that matters once the number is called. role="alert"
 * makes screen readers announce it at once; the page moves focus here when the call arrives.
 */
export function CalledBanner({
  counter,
  service = null,
  ref,
}: {
  counter: TicketPublic['counter'];
  /** for a visit of several stops: the agency and service this call is for */
  service?: string | null;
  ref?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation(['ticket', 'common']);
  const label = counter ? t('common:counter', { number: counter.number }) : null;
  // "Loket 23" stands out on its own line, as large as a small screen allows ("Counter 23" is longer);
  // the words around it come from the translation.
  const [before, after] = t('ticket:goTo', { counter: '\u0000' }).split('\u0000');
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      data-testid="called-banner"
      className="rounded-2xl border-4 border-accent-500 bg-accent-400 p-5 text-center text-slate-950 shadow-lg"
    >
      <p className="text-2xl leading-tight font-bold">
        {label ? (
          <>
            {before}
            <span
              className={`mt-1 block font-extrabold ${label.length <= 7 ? 'text-6xl' : label.length <= 9 ? 'text-5xl' : 'text-4xl'}`}
            >
              {label}
            </span>
            {after}
          </>
        ) : (
          t('common:status.called')
        )}
      </p>
      {counter && counter.name !== label && <p className="mt-1 text-lg font-semibold">{counter.name}</p>}
      {service && <p className="mt-1 text-base font-semibold">{service}</p>}
      <p className="mt-2 text-base font-medium">{t('ticket:calledHint')}</p>
    </div>
  );
}

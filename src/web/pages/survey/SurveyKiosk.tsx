/**
 * The signed-in tablet at one counter: waiting → the survey of the ticket just finished here →
 * thank you (or why it cannot be filled in) → the next finished ticket, or waiting again.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SurveyForm } from '../../components/survey/SurveyForm';
import { useIdle } from '../../lib/useIdle';
import { useFinishedTickets } from './useFinishedTickets';

/** A citizen who walks away leaves the survey open this long. */
const IDLE_MS = 2 * 60_000;
/** How long the thank-you (or the refusal) stays before the next survey or the waiting screen. */
const THANKS_MS = 5_000;

type Outcome = { kind: 'thanks' } | { kind: 'refused'; message: string };

export function SurveyKiosk({ mall, counterId }: { mall: string; counterId: string }) {
  const { t } = useTranslation(['surveyTablet', 'common']);
  const url = `/api/malls/${encodeURIComponent(mall)}/counters/${encodeURIComponent(counterId)}/events`;
  const { current, queued, next, stream } = useFinishedTickets(url, counterId);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useIdle(current && !outcome ? IDLE_MS : null, current?.id, () => setOutcome({ kind: 'thanks' }));

  useEffect(() => {
    if (!outcome) return;
    window.scrollTo(0, 0);
    const timer = setTimeout(() => {
      next();
      setOutcome(null);
    }, THANKS_MS);
    return () => clearTimeout(timer);
  }, [outcome, next]);

  const offline = (
    <div aria-live="polite">
      {stream === 'reconnecting' && (
        <p className="bg-amber-100 px-6 py-2 text-center text-lg font-semibold text-amber-950">{t('common:offline')}</p>
      )}
    </div>
  );

  if (outcome) {
    return (
      <>
        {offline}
        <main className="flex flex-1 flex-col items-center justify-center gap-4 p-8 text-center">
          <div role="status" className="flex flex-col items-center gap-4">
            {outcome.kind === 'thanks' ? (
              <>
                <p aria-hidden="true" className="font-[Noto_Color_Emoji,sans-serif] text-7xl">
                  😀
                </p>
                <h1 className="text-5xl font-bold text-brand-800">{t('surveyTablet:thanks')}</h1>
                <p className="text-2xl text-slate-800">{t('surveyTablet:thanksHint')}</p>
              </>
            ) : (
              <>
                <h1 className="text-4xl font-bold text-brand-800">
                  {t('surveyTablet:refusedTitle', { number: current?.number ?? '' })}
                </h1>
                <p className="text-2xl text-slate-800">{outcome.message}</p>
              </>
            )}
          </div>
        </main>
      </>
    );
  }

  if (!current) {
    return (
      <>
        {offline}
        <main className="flex flex-1 flex-col items-center justify-center gap-6 p-8 text-center">
          <p aria-hidden="true" className="font-[Noto_Color_Emoji,sans-serif] text-7xl">
            🙂
          </p>
          <h1 className="max-w-3xl text-5xl leading-tight font-bold text-brand-800">{t('surveyTablet:waiting')}</h1>
          <p className="max-w-2xl text-2xl text-slate-800">{t('surveyTablet:waitingHint')}</p>
        </main>
      </>
    );
  }

  return (
    <>
      {offline}
      <main className="mx-auto w-full max-w-6xl px-6 py-6">
        <p className="text-lg font-semibold text-brand-700">{t('surveyTablet:title')}</p>
        <h1 className="mt-1 mb-2 text-4xl font-bold">{t('surveyTablet:question', { number: current.number })}</h1>
        <p aria-live="polite" className="mb-4 text-lg text-slate-700">
          {queued > 0 ? t('surveyTablet:queued', { count: queued }) : ''}
        </p>
        <SurveyForm
          key={current.id}
          token={current.token}
          onSubmitted={() => setOutcome({ kind: 'thanks' })}
          onRefused={(message) => setOutcome({ kind: 'refused', message })}
        />
      </main>
    </>
  );
}

/**
 * Once the ticket is done: an invitation to the SKM survey that opens the questionnaire on this
 * same page. The form is its own chunk, loaded only when the citizen says yes.
 */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

const SurveyForm = lazy(() => import('../../components/survey/SurveyForm'));

type State = { kind: 'invite' } | { kind: 'open' } | { kind: 'thanks' } | { kind: 'refused'; message: string };

/** surveyed: the server says this ticket's survey was already answered (here, at the counter or on paper). */
export function SurveyInvite({ token, surveyed }: { token: string; surveyed: boolean }) {
  const { t } = useTranslation(['ticket', 'common']);
  const [state, setState] = useState<State>(() => (surveyed ? { kind: 'thanks' } : { kind: 'invite' }));

  if (state.kind === 'invite') {
    return (
      <button
        type="button"
        onClick={() => setState({ kind: 'open' })}
        className="min-h-14 rounded-xl bg-brand-700 px-4 py-3 text-left text-lg font-bold text-white hover:bg-brand-800"
      >
        {t('ticket:surveyInvite')}
      </button>
    );
  }
  if (state.kind === 'thanks') {
    return (
      <p role="status" className="rounded-xl border-2 border-brand-700 bg-brand-50 p-4 text-lg font-semibold">
        {t('ticket:surveyThanks')}
      </p>
    );
  }
  if (state.kind === 'refused') {
    return (
      <div role="alert" className="rounded-xl border-2 border-red-700 bg-red-50 p-4 text-red-950">
        <p className="text-lg font-semibold">{t('ticket:surveyRefused')}</p>
        <p className="mt-1 text-base">{state.message}</p>
      </div>
    );
  }
  return (
    <section aria-labelledby="survey-heading" className="flex flex-col gap-4">
      <h2 id="survey-heading" className="text-2xl font-bold text-brand-800">
        {t('ticket:surveyHeading')}
      </h2>
      <Suspense fallback={<p role="status">{t('common:loading')}</p>}>
        <SurveyForm
          token={token}
          onSubmitted={() => {
            setState({ kind: 'thanks' });
          }}
          onRefused={(message) => {
            setState({ kind: 'refused', message });
          }}
        />
      </Suspense>
    </section>
  );
}

/**
 * The SKM questionnaire for one served ticket, sent with the ticket's token. Used by the counter
 * tablet and by the citizen's ticket page.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SKM_ELEMENTS } from '../../../domain/skm';
import { ApiError, api } from '../../lib/api';
import { SurveyQuestions } from './SurveyQuestions';
import { EMPTY_SURVEY, firstGap, gapInputName, type SurveyValue, surveyBody } from './survey-value';

interface Props {
  token: string;
  /** the server took it (201) */
  onSubmitted: () => void;
  /** the server refused it for good (409: already surveyed, or not served), in its words */
  onRefused: (message: string) => void;
}

export function SurveyForm({ token, onSubmitted, onRefused }: Props) {
  const { t, i18n } = useTranslation(['survey', 'common']);
  const formRef = useRef<HTMLFormElement>(null);
  const [value, setValue] = useState<SurveyValue>(EMPTY_SURVEY);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const gap = firstGap(value);
    const body = surveyBody(value);
    if (gap || !body) {
      if (gap) {
        // Name the first unanswered question and put the focus on it.
        formRef.current?.querySelector<HTMLInputElement>(`input[name="${gapInputName('skm', gap)}"]`)?.focus();
        const lang = i18n.language === 'en' ? 'en' : 'id';
        setError(
          gap.kind === 'question'
            ? t('survey:missingQuestion', { name: SKM_ELEMENTS[gap.key].name[lang] })
            : t('survey:missingProfile', { name: t(`survey:${gap.field}`) }),
        );
      }
      return;
    }
    setPending(true);
    setError(null);
    try {
      await api.post(`/api/tickets/${encodeURIComponent(token)}/survey`, body);
      onSubmitted();
    } catch (err) {
      setPending(false);
      if (err instanceof ApiError && err.status === 409) onRefused(err.message);
      else setError(err instanceof ApiError ? err.message : t('common:error'));
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-8">
      <p className="text-lg text-slate-800">{t('survey:intro')}</p>
      <SurveyQuestions value={value} onChange={setValue} namePrefix="skm" variant="citizen" />
      <div role="alert" className="min-h-7 text-lg font-semibold text-red-800 empty:min-h-0">
        {error}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="min-h-16 rounded-2xl bg-brand-700 px-6 py-4 text-2xl font-bold text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t('survey:submitting') : t('survey:submit')}
      </button>
    </form>
  );
}

// The ticket page loads the form with React.lazy, which wants a default export.
export default SurveyForm;

/**
 * The SKM questionnaire (PermenPANRB 14/2017) for one served ticket: the nine elements in the
 * rule's order, the respondent's profile and an optional suggestion, sent with the ticket's token.
 * Used by the counter tablet and by the citizen's ticket page.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketSurveyBody } from '../../../api/skm';
import {
  type AgeGroup,
  type Bilingual,
  EDUCATION_LABELS,
  EDUCATIONS,
  type Education,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  type Occupation,
  SEX_LABELS,
  SEXES,
  type Sex,
  SKM_ANSWER_VALUES,
  SKM_ELEMENT_KEYS,
  SKM_ELEMENTS,
  type SkmAnswer,
  type SkmElement,
} from '../../../domain/skm';
import { addTranslations } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { ChoiceGroup } from './ChoiceGroup';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { AGE_GROUPS, AGE_OF_GROUP } from './profile';

addTranslations('survey', { id, en });

const FACES: Record<SkmAnswer, string> = { 1: '😞', 2: '🙁', 3: '🙂', 4: '😀' };

interface Props {
  token: string;
  /** the server took it (201) */
  onSubmitted: () => void;
  /** the server refused it for good (409: already surveyed, or not served), in its words */
  onRefused: (message: string) => void;
}

export function SurveyForm({ token, onSubmitted, onRefused }: Props) {
  const { t, i18n } = useTranslation(['survey', 'common']);
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const pick = (b: Bilingual) => b[lang];
  const formRef = useRef<HTMLFormElement>(null);
  const [answers, setAnswers] = useState<Partial<Record<SkmElement, SkmAnswer>>>({});
  const [sex, setSex] = useState<Sex>();
  const [age, setAge] = useState<AgeGroup>();
  const [education, setEducation] = useState<Education>();
  const [occupation, setOccupation] = useState<Occupation>();
  const [suggestion, setSuggestion] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  /** Names the first unanswered question and puts the focus on it. */
  const firstMissing = (): string | null => {
    const missing: [string, string][] = [
      ...SKM_ELEMENT_KEYS.filter((k) => answers[k] === undefined).map(
        (k) => [`skm-${k}`, t('survey:missingQuestion', { name: pick(SKM_ELEMENTS[k].name) })] as [string, string],
      ),
      ...(
        [
          [sex, 'sex'],
          [age, 'age'],
          [education, 'education'],
          [occupation, 'occupation'],
        ] as const
      )
        .filter(([value]) => value === undefined)
        .map(
          ([, field]) =>
            [`skm-${field}`, t('survey:missingProfile', { name: t(`survey:${field}`) })] as [string, string],
        ),
    ];
    const first = missing[0];
    if (!first) return null;
    formRef.current?.querySelector<HTMLInputElement>(`input[name="${first[0]}"]`)?.focus();
    return first[1];
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = firstMissing();
    if (problem || !sex || !age || !education || !occupation) {
      setError(problem);
      return;
    }
    const body: TicketSurveyBody = {
      answers: answers as TicketSurveyBody['answers'],
      respondent: { sex, age: AGE_OF_GROUP[age], education, occupation },
      suggestion: suggestion.trim() || null,
    };
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

  const groupLegend = 'text-lg font-bold';
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-8">
      <p className="text-lg text-slate-800">{t('survey:intro')}</p>
      <section aria-labelledby="skm-questions" className="flex flex-col gap-6">
        <h2 id="skm-questions" className="sr-only">
          {t('survey:questionsHeading')}
        </h2>
        {SKM_ELEMENT_KEYS.map((key, i) => (
          <ChoiceGroup
            key={key}
            name={`skm-${key}`}
            legend={
              <>
                <span aria-hidden="true" className="mr-2 text-brand-700">
                  {i + 1}.
                </span>
                {pick(SKM_ELEMENTS[key].name)}
              </>
            }
            choices={SKM_ANSWER_VALUES.map((v) => ({
              value: v,
              label: pick(SKM_ELEMENTS[key].answers[v]),
              icon: FACES[v],
            }))}
            selected={answers[key]}
            onSelect={(v) => setAnswers((a) => ({ ...a, [key]: v }))}
          />
        ))}
      </section>
      <section aria-labelledby="skm-profile" className="flex flex-col gap-6 rounded-2xl bg-slate-100 p-4">
        <h2 id="skm-profile" className="text-xl font-bold">
          {t('survey:profileHeading')}
        </h2>
        <ChoiceGroup
          name="skm-sex"
          legend={t('survey:sex')}
          legendClass={groupLegend}
          columns="md:grid-cols-2"
          compact
          choices={SEXES.map((v) => ({ value: v, label: pick(SEX_LABELS[v]) }))}
          selected={sex}
          onSelect={setSex}
        />
        <ChoiceGroup
          name="skm-age"
          legend={t('survey:age')}
          legendClass={groupLegend}
          columns="md:grid-cols-3 lg:grid-cols-6"
          compact
          choices={AGE_GROUPS.map((g) => ({
            value: g,
            label: g.endsWith('+')
              ? t('survey:ageOver', { from: g.slice(0, -1) })
              : t('survey:ageGroup', { range: g.replace('-', '–') }),
          }))}
          selected={age}
          onSelect={setAge}
        />
        <ChoiceGroup
          name="skm-education"
          legend={t('survey:education')}
          legendClass={groupLegend}
          columns="lg:grid-cols-4"
          compact
          choices={EDUCATIONS.map((v) => ({ value: v, label: pick(EDUCATION_LABELS[v]) }))}
          selected={education}
          onSelect={setEducation}
        />
        <ChoiceGroup
          name="skm-occupation"
          legend={t('survey:occupation')}
          legendClass={groupLegend}
          columns="lg:grid-cols-4"
          compact
          choices={OCCUPATIONS.map((v) => ({ value: v, label: pick(OCCUPATION_LABELS[v]) }))}
          selected={occupation}
          onSelect={setOccupation}
        />
        <div>
          <label htmlFor="skm-suggestion" className="mb-2 block text-lg font-bold">
            {t('survey:suggestion')}
          </label>
          <textarea
            id="skm-suggestion"
            name="suggestion"
            rows={3}
            maxLength={2000}
            value={suggestion}
            onChange={(e) => setSuggestion(e.target.value)}
            className="w-full rounded-xl border-2 border-slate-500 bg-white p-3 text-lg"
          />
        </div>
      </section>
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

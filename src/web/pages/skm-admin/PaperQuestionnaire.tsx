/**
 * The nine SKM elements, the respondent's profile and the saran, as a staff member copies them
 * from a paper questionnaire. Same questions and choices as the shared SurveyForm, which cannot be
 * reused as it stands: it posts to the ticket's token itself (see the report).
 */
import { useTranslation } from 'react-i18next';
import type { SkmAnswers } from '../../../api/skm';
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
import { ChoiceGroup } from '../../components/survey/ChoiceGroup';
import surveyEn from '../../components/survey/i18n.en.json';
import surveyId from '../../components/survey/i18n.id.json';
import { AGE_GROUPS } from '../../components/survey/profile';
import { addTranslations } from '../../i18n';

// The survey's own words (questions, profile labels), shared with the ticket page and the tablet.
addTranslations('survey', { id: surveyId, en: surveyEn });

export interface PaperAnswers {
  answers: Partial<Record<SkmElement, SkmAnswer>>;
  sex?: Sex;
  age?: AgeGroup;
  education?: Education;
  occupation?: Occupation;
  suggestion: string;
}

export const EMPTY_PAPER: PaperAnswers = { answers: {}, suggestion: '' };

/** The answers when every question is filled in, else the radio-group name of the first gap. */
export function completeAnswers(v: PaperAnswers): { answers: SkmAnswers } | { missing: string } {
  const gap = SKM_ELEMENT_KEYS.find((k) => v.answers[k] === undefined);
  if (gap) return { missing: `paper-${gap}` };
  return { answers: v.answers as SkmAnswers };
}

export function PaperQuestionnaire({ value, onChange }: { value: PaperAnswers; onChange: (v: PaperAnswers) => void }) {
  const { t, i18n } = useTranslation(['survey', 'skmAdmin']);
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const pick = (b: Bilingual) => b[lang];
  const legend = 'font-bold';

  return (
    <>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-bold">{t('survey:questionsHeading')}</legend>
        {SKM_ELEMENT_KEYS.map((key, i) => (
          <ChoiceGroup
            key={key}
            name={`paper-${key}`}
            legendClass={legend}
            compact
            legend={`${i + 1}. ${pick(SKM_ELEMENTS[key].name)}`}
            choices={SKM_ANSWER_VALUES.map((a) => ({
              value: a,
              label: `${a} — ${pick(SKM_ELEMENTS[key].answers[a])}`,
            }))}
            selected={value.answers[key]}
            onSelect={(a) => onChange({ ...value, answers: { ...value.answers, [key]: a } })}
          />
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-4 rounded-xl bg-slate-100 p-4">
        <legend className="mb-2 text-lg font-bold">{t('skmAdmin:paper.profile')}</legend>
        <ChoiceGroup
          name="paper-sex"
          legend={t('survey:sex')}
          legendClass={legend}
          columns="md:grid-cols-2"
          compact
          choices={SEXES.map((s) => ({ value: s, label: pick(SEX_LABELS[s]) }))}
          selected={value.sex}
          onSelect={(sex) => onChange({ ...value, sex })}
        />
        <ChoiceGroup
          name="paper-age"
          legend={t('survey:age')}
          legendClass={legend}
          columns="md:grid-cols-3 lg:grid-cols-6"
          compact
          choices={AGE_GROUPS.map((g) => ({
            value: g,
            label: g.endsWith('+')
              ? t('survey:ageOver', { from: g.slice(0, -1) })
              : t('survey:ageGroup', { range: g.replace('-', '–') }),
          }))}
          selected={value.age}
          onSelect={(age) => onChange({ ...value, age })}
        />
        <ChoiceGroup
          name="paper-education"
          legend={t('survey:education')}
          legendClass={legend}
          compact
          choices={EDUCATIONS.map((e) => ({ value: e, label: pick(EDUCATION_LABELS[e]) }))}
          selected={value.education}
          onSelect={(education) => onChange({ ...value, education })}
        />
        <ChoiceGroup
          name="paper-occupation"
          legend={t('survey:occupation')}
          legendClass={legend}
          compact
          choices={OCCUPATIONS.map((o) => ({ value: o, label: pick(OCCUPATION_LABELS[o]) }))}
          selected={value.occupation}
          onSelect={(occupation) => onChange({ ...value, occupation })}
        />
        <div>
          <label htmlFor="paper-suggestion" className="mb-1 block font-bold">
            {t('survey:suggestion')}
          </label>
          <textarea
            id="paper-suggestion"
            rows={3}
            maxLength={2000}
            value={value.suggestion}
            onChange={(e) => onChange({ ...value, suggestion: e.target.value })}
            className="w-full rounded-lg border-2 border-slate-500 bg-white p-2"
          />
        </div>
      </fieldset>
    </>
  );
}

/**
 * The SKM questionnaire's fields (PermenPANRB 14/2017): the nine elements in the rule's order,
 * the respondent's profile and an optional suggestion. The citizen's form (tablet, ticket page)
 * shows faces and big buttons; staff copying a paper sheet see the answer numbers as printed.
 */
import { useTranslation } from 'react-i18next';
import {
  type Bilingual,
  EDUCATION_LABELS,
  EDUCATIONS,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  SEX_LABELS,
  SEXES,
  SKM_ANSWER_VALUES,
  SKM_ELEMENT_KEYS,
  SKM_ELEMENTS,
  type SkmAnswer,
} from '../../../domain/skm';
import { addTranslations } from '../../i18n';
import { ChoiceGroup } from './ChoiceGroup';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { AGE_GROUPS } from './profile';
import type { SurveyValue } from './survey-value';

addTranslations('survey', { id, en });

const FACES: Record<SkmAnswer, string> = { 1: '😞', 2: '🙁', 3: '🙂', 4: '😀' };

interface Props {
  value: SurveyValue;
  onChange: (value: SurveyValue) => void;
  /** radio group names are `${namePrefix}-${element or profile field}` */
  namePrefix: string;
  /** 'citizen': faces and big targets; 'staff': numbered answers, compact, as on the paper sheet */
  variant: 'citizen' | 'staff';
}

export function SurveyQuestions({ value, onChange, namePrefix, variant }: Props) {
  const { t, i18n } = useTranslation(['survey']);
  const pick = (b: Bilingual) => b[i18n.language === 'en' ? 'en' : 'id'];
  const citizen = variant === 'citizen';
  const groupLegend = citizen ? 'text-lg font-bold' : 'font-bold';
  const set =
    <K extends keyof SurveyValue>(key: K) =>
    (v: SurveyValue[K]) =>
      onChange({ ...value, [key]: v });

  return (
    <>
      <fieldset className={`flex flex-col ${citizen ? 'gap-6' : 'gap-4'}`}>
        <legend className={citizen ? 'sr-only' : 'mb-2 text-lg font-bold'}>{t('survey:questionsHeading')}</legend>
        {SKM_ELEMENT_KEYS.map((key, i) => (
          <ChoiceGroup
            key={key}
            name={`${namePrefix}-${key}`}
            compact={!citizen}
            {...(citizen ? {} : { legendClass: groupLegend })}
            legend={
              <>
                {/* The number helps find the question on paper; the group's name is the element's. */}
                <span aria-hidden="true" className="mr-2 text-brand-700">
                  {i + 1}.
                </span>
                {pick(SKM_ELEMENTS[key].name)}
              </>
            }
            choices={SKM_ANSWER_VALUES.map((a) => ({
              value: a,
              label: citizen ? pick(SKM_ELEMENTS[key].answers[a]) : `${a} — ${pick(SKM_ELEMENTS[key].answers[a])}`,
              ...(citizen ? { icon: FACES[a] } : {}),
            }))}
            selected={value.answers[key]}
            onSelect={(a) => onChange({ ...value, answers: { ...value.answers, [key]: a } })}
          />
        ))}
      </fieldset>
      <fieldset className={`flex flex-col gap-6 bg-slate-100 p-4 ${citizen ? 'rounded-2xl' : 'rounded-xl'}`}>
        <legend className="mb-2 text-xl font-bold">
          {t(citizen ? 'survey:profileHeading' : 'survey:respondentHeading')}
        </legend>
        <ChoiceGroup
          name={`${namePrefix}-sex`}
          legend={t('survey:sex')}
          legendClass={groupLegend}
          columns="md:grid-cols-2"
          compact
          choices={SEXES.map((v) => ({ value: v, label: pick(SEX_LABELS[v]) }))}
          selected={value.sex}
          onSelect={set('sex')}
        />
        <ChoiceGroup
          name={`${namePrefix}-age`}
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
          selected={value.age}
          onSelect={set('age')}
        />
        <ChoiceGroup
          name={`${namePrefix}-education`}
          legend={t('survey:education')}
          legendClass={groupLegend}
          columns="lg:grid-cols-4"
          compact
          choices={EDUCATIONS.map((v) => ({ value: v, label: pick(EDUCATION_LABELS[v]) }))}
          selected={value.education}
          onSelect={set('education')}
        />
        <ChoiceGroup
          name={`${namePrefix}-occupation`}
          legend={t('survey:occupation')}
          legendClass={groupLegend}
          columns="lg:grid-cols-4"
          compact
          choices={OCCUPATIONS.map((v) => ({ value: v, label: pick(OCCUPATION_LABELS[v]) }))}
          selected={value.occupation}
          onSelect={set('occupation')}
        />
        <div>
          <label htmlFor={`${namePrefix}-suggestion`} className="mb-2 block text-lg font-bold">
            {t('survey:suggestion')}
          </label>
          <textarea
            id={`${namePrefix}-suggestion`}
            name="suggestion"
            rows={3}
            maxLength={2000}
            value={value.suggestion}
            onChange={(e) => set('suggestion')(e.target.value)}
            className="w-full rounded-xl border-2 border-slate-500 bg-white p-3 text-lg"
          />
        </div>
      </fieldset>
    </>
  );
}

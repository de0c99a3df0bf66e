/** What a questionnaire holds while it is being filled in, and the request body once it is complete. */
import type { TicketSurveyBody } from '../../../api/skm';
import {
  type AgeGroup,
  type Education,
  type Occupation,
  type Sex,
  SKM_ELEMENT_KEYS,
  type SkmAnswer,
  type SkmElement,
} from '../../../domain/skm';
import { AGE_OF_GROUP } from './profile';

export interface SurveyValue {
  answers: Partial<Record<SkmElement, SkmAnswer>>;
  sex?: Sex;
  age?: AgeGroup;
  education?: Education;
  occupation?: Occupation;
  suggestion: string;
}

export const EMPTY_SURVEY: SurveyValue = { answers: {}, suggestion: '' };

export const PROFILE_FIELDS = ['sex', 'age', 'education', 'occupation'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export type SurveyGap = { kind: 'question'; key: SkmElement } | { kind: 'profile'; field: ProfileField };

/** The first thing not yet answered, in the order the form asks. */
export function firstGap(v: SurveyValue): SurveyGap | null {
  const key = SKM_ELEMENT_KEYS.find((k) => v.answers[k] === undefined);
  if (key) return { kind: 'question', key };
  const field = PROFILE_FIELDS.find((f) => v[f] === undefined);
  return field ? { kind: 'profile', field } : null;
}

/** The radio group's name for a gap, so the form can put the focus on it. */
export function gapInputName(prefix: string, gap: SurveyGap): string {
  return `${prefix}-${gap.kind === 'question' ? gap.key : gap.field}`;
}

/** The body the API takes (answers, respondent, suggestion), or null while something is missing. */
export function surveyBody(v: SurveyValue): TicketSurveyBody | null {
  if (firstGap(v) || !v.sex || !v.age || !v.education || !v.occupation) return null;
  return {
    answers: v.answers as TicketSurveyBody['answers'],
    respondent: { sex: v.sex, age: AGE_OF_GROUP[v.age], education: v.education, occupation: v.occupation },
    suggestion: v.suggestion.trim() || null,
  };
}

import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { STEPS, type Step } from './links';
import './translations';

/** A step's heading, focused when the step opens so a screen reader says where the person is. */
interface Props {
  step: Step;
  headingRef: Ref<HTMLHeadingElement>;
  /** instead of the step's usual heading */
  title?: string | undefined;
}

export function StepHeading({ step, headingRef, title }: Props) {
  const { t } = useTranslation(['book']);
  return (
    <h2 ref={headingRef} tabIndex={-1} className="text-xl leading-tight font-bold">
      <span className="block text-sm font-semibold text-slate-700">
        {t('book:steps.number', { n: STEPS.indexOf(step) + 1, total: STEPS.length })}
      </span>
      {title ?? t(`book:headings.${step}`)}
    </h2>
  );
}

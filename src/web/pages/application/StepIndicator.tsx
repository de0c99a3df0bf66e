import { useTranslation } from 'react-i18next';
import type { ApplicationPublic } from '../../../api/applications';
import { type StepView, stepsOf } from './steps';

const CIRCLE: Record<StepView['tone'], string> = {
  normal: 'border-brand-700 bg-brand-700 text-white',
  warning: 'border-amber-600 bg-amber-500 text-slate-950',
  danger: 'border-red-700 bg-red-700 text-white',
  success: 'border-green-700 bg-green-700 text-white',
};
const LABEL: Record<StepView['tone'], string> = {
  normal: 'text-brand-900',
  warning: 'text-amber-950',
  danger: 'text-red-800',
  success: 'text-green-800',
};

/** Diterima → Diproses → Siap diambil → Diambil, as numbered circles joined by a line. */
export function StepIndicator({
  status,
  history,
}: {
  status: ApplicationPublic['status'];
  history: ApplicationPublic['history'];
}) {
  const { t } = useTranslation(['application']);
  const steps = stepsOf(status, history);
  return (
    <ol
      aria-label={t('application:steps')}
      data-testid="application-steps"
      className={`grid ${steps.length === 4 ? 'grid-cols-4' : steps.length === 3 ? 'grid-cols-3' : 'grid-cols-2'}`}
    >
      {steps.map((s, i) => {
        const reached = s.state !== 'upcoming';
        const circle = reached
          ? CIRCLE[s.state === 'current' ? s.tone : 'normal']
          : 'border-slate-400 bg-white text-slate-700';
        return (
          <li
            key={s.key}
            aria-current={s.state === 'current' ? 'step' : undefined}
            className="relative flex flex-col items-center px-0.5 text-center"
          >
            {i > 0 && (
              <span
                aria-hidden="true"
                className={`absolute top-4 right-1/2 h-1 w-full -translate-y-1/2 ${reached ? 'bg-brand-700' : 'bg-slate-300'}`}
              />
            )}
            <span
              aria-hidden="true"
              className={`relative z-10 flex size-8 items-center justify-center rounded-full border-2 text-sm font-bold ${circle} ${
                s.state === 'current' ? 'ring-4 ring-offset-1 ring-slate-300' : ''
              }`}
            >
              {s.tone === 'danger' && s.state === 'current' ? (
                <Cross />
              ) : s.tone === 'warning' && s.state === 'current' ? (
                '!'
              ) : reached && (s.state === 'done' || s.tone === 'success') ? (
                <Check />
              ) : (
                i + 1
              )}
            </span>
            <span
              className={`mt-1.5 text-sm leading-tight ${
                s.state === 'current'
                  ? `font-bold ${LABEL[s.tone]}`
                  : reached
                    ? 'font-semibold text-slate-900'
                    : 'text-slate-700'
              }`}
            >
              {t(`application:status.${s.key}`)}
              <span className="sr-only">
                {' '}
                ({t(`application:${s.state === 'done' ? 'stepDone' : s.state === 'current' ? 'stepNow' : 'stepNext'}`)})
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function Check() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="3.5">
      <path d="M5 12.5l4.5 4.5L19 7.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function Cross() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="3.5">
      <path d="M6 6l12 12M18 6L6 18" strokeLinecap="round" />
    </svg>
  );
}

import { useTranslation } from 'react-i18next';
import { STEPS, type Step } from './links';
import './translations';

/** The four steps in a row, the current one marked: where the citizen is and how much is left. */
export function StepIndicator({ current }: { current: Step }) {
  const { t } = useTranslation(['book']);
  const at = STEPS.indexOf(current);
  return (
    <nav aria-label={t('book:steps.label')}>
      <ol className="grid grid-cols-4 gap-1">
        {STEPS.map((step, i) => {
          const done = i < at;
          const now = i === at;
          return (
            <li
              key={step}
              aria-current={now ? 'step' : undefined}
              className="flex flex-col items-center gap-1 text-center"
            >
              <span
                aria-hidden="true"
                className={`flex h-9 w-9 items-center justify-center rounded-full border-2 text-base font-bold ${
                  now
                    ? 'border-brand-700 bg-brand-700 text-white'
                    : done
                      ? 'border-brand-700 bg-brand-50 text-brand-800'
                      : 'border-slate-400 bg-white text-slate-700'
                }`}
              >
                {done ? '✓' : i + 1}
              </span>
              <span className={`text-sm leading-tight ${now ? 'font-bold text-brand-900' : 'text-slate-700'}`}>
                <span className="sr-only">
                  {t('book:steps.number', { n: i + 1, total: STEPS.length })}
                  {done ? ` (${t('book:steps.done')})` : ''}:{' '}
                </span>
                {t(`book:steps.${step}`)}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

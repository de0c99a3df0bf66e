import { useTranslation } from 'react-i18next';
import type { OpeningHours } from '../../../api/catalog';
import { WEEKDAYS } from '../../../domain/schedule';
import { formatClock } from './format';
import { StepHeading } from './StepHeading';

type Span = { open: string; close: string };

interface Props {
  mallName: string;
  hoursToday: readonly Span[];
  weekly: OpeningHours['weekly'] | undefined;
}

/** The whole screen says the mall is closed, before anyone chooses, with today's and the week's hours. */
export function ClosedStep({ mallName, hoursToday, weekly }: Props) {
  const { t, i18n } = useTranslation('kiosk');
  const spans = (list: readonly Span[]) =>
    list.map((s) => `${formatClock(s.open, i18n.language)}–${formatClock(s.close, i18n.language)}`).join(', ');

  return (
    <div className="flex h-full flex-col items-center justify-center gap-10 text-center">
      <span aria-hidden="true" className="text-[160px] leading-none">
        🔒
      </span>
      <StepHeading className="text-[60px]">{t('closed.title', { mall: mallName })}</StepHeading>
      <div className="w-full rounded-3xl bg-brand-50 px-10 py-8">
        <h2 className="text-[32px] font-semibold text-slate-800">{t('closed.today')}</h2>
        <p className="text-[56px] font-bold text-brand-900">
          {hoursToday.length > 0 ? spans(hoursToday) : t('closed.closedToday')}
        </p>
      </div>
      {weekly && (
        <section aria-labelledby="closed-week" className="w-full">
          <h2 id="closed-week" className="mb-4 text-[32px] font-semibold text-slate-800">
            {t('closed.week')}
          </h2>
          <dl className="grid grid-cols-2 gap-x-10 gap-y-3 text-left text-[32px]">
            {WEEKDAYS.map((day) => (
              <div key={day} className="contents">
                <dt className="text-right font-semibold text-slate-800">{t(`closed.weekday.${day}`)}</dt>
                <dd className="text-slate-900">
                  {weekly[day].length > 0 ? spans(weekly[day]) : t('closed.dayClosed')}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}

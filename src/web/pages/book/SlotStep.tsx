import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n';
import { useSlots } from './data';
import { longDate } from './format';
import { Notice } from './Notice';
import { SlotPicker } from './SlotPicker';
import { StepHeading } from './StepHeading';
import { TodayQueue } from './TodayQueue';
import './translations';

interface Props {
  slug: string;
  serviceId: string;
  date: string;
  /** the mall's date: for today, the line as it is now */
  today: string;
  /** why the person is back here (the slot they chose filled up) */
  notice: string | null;
  onPick: (start: string) => void;
  headingRef: Ref<HTMLHeadingElement>;
}

/** Step 3: the time of the day, with the places left in each slot. */
export function SlotStep({ slug, serviceId, date, today, notice, onPick, headingRef }: Props) {
  const { t } = useTranslation(['book']);
  const slots = useSlots(slug, serviceId, date);
  return (
    <section className="flex flex-col gap-4">
      <StepHeading step="slot" headingRef={headingRef} />
      {notice && <Notice tone="warning">{notice}</Notice>}
      <p className="text-base text-slate-800">{t('book:slot.intro', { date: longDate(date, currentLang()) })}</p>
      {date === today && (
        <TodayQueue
          slug={slug}
          serviceId={serviceId}
          note={t('book:today.booked')}
          className="rounded-xl bg-brand-50 px-4 py-3 text-base text-brand-900"
        />
      )}
      <SlotPicker slots={slots.data} error={slots.error} onRetry={() => void slots.refetch()} onPick={onPick} />
    </section>
  );
}

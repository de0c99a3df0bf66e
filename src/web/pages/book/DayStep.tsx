import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { MallDetail } from '../../../api/catalog';
import { DayPicker } from './DayPicker';
import type { BookingDays } from './data';
import { NotBookable } from './NotBookable';
import { Notice } from './Notice';
import { OnlineQueueCard } from './OnlineQueueCard';
import { StepHeading } from './StepHeading';
import './translations';

interface Props {
  mall: MallDetail;
  serviceId: string;
  days: BookingDays | undefined;
  daysError: Error | null;
  onRetry: () => void;
  /** why the person is back here (the day they chose can no longer be booked) */
  notice: string | null;
  onPick: (date: string) => void;
  headingRef: Ref<HTMLHeadingElement>;
}

/** Step 2: the day to come, or today's queue right away where the service has one. */
export function DayStep({ mall, serviceId, days, daysError, onRetry, notice, onPick, headingRef }: Props) {
  const { t } = useTranslation(['book', 'common']);
  let body: ReactNode;
  if (!days) {
    body = daysError ? (
      <Notice tone="error" title={t('common:error')}>
        <p>{daysError.message}</p>
        <button type="button" onClick={onRetry} className="mt-2 min-h-12 font-semibold underline">
          {t('common:retry')}
        </button>
      </Notice>
    ) : (
      <p>{t('common:loading')}</p>
    );
  } else if (!days.enabled && !days.onlineQueue) {
    body = <NotBookable slug={mall.slug} serviceId={serviceId} mallName={mall.name} />;
  } else {
    body = (
      <>
        {days.enabled ? (
          <>
            <p className="text-base text-slate-800">
              {t('book:day.intro', {
                minutes: days.slotMinutes,
                before: days.checkInBeforeMinutes,
                after: days.checkInAfterMinutes,
              })}
            </p>
            <DayPicker days={days.days} today={mall.today} timeZone={mall.timeZone} onPick={onPick} />
          </>
        ) : (
          <Notice tone="info">{t('book:day.onlineOnly')}</Notice>
        )}
        {days.onlineQueue && <OnlineQueueCard slug={mall.slug} serviceId={serviceId} initiallyOpen={!days.enabled} />}
      </>
    );
  }
  return (
    <section className="flex flex-col gap-4">
      <StepHeading
        step="day"
        headingRef={headingRef}
        title={days && !days.enabled && days.onlineQueue ? t('book:headings.onlineOnly') : undefined}
      />
      {notice && <Notice tone="warning">{notice}</Notice>}
      {body}
    </section>
  );
}

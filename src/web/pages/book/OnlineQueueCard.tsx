import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAvailability } from '../../lib/queries';
import { OnlineQueueForm } from './OnlineQueueForm';
import { TodayQueue } from './TodayQueue';
import './translations';

interface Props {
  slug: string;
  serviceId: string;
  /** open from the start (a service with an online queue and no booking) */
  initiallyOpen: boolean;
}

/** "Ambil antrian sekarang": today's queue from the phone, where the service allows it and the mall is open. */
export function OnlineQueueCard({ slug, serviceId, initiallyOpen }: Props) {
  const { t } = useTranslation(['book']);
  const [open, setOpen] = useState(initiallyOpen);
  const availability = useAvailability(slug);
  const openNow = availability.data?.openNow;
  const remaining = availability.data?.services.find((s) => s.serviceId === serviceId)?.remaining;
  const quotaGone = remaining === 0;

  return (
    <section
      aria-labelledby="online-title"
      className="flex flex-col gap-3 rounded-2xl border-2 border-green-700 bg-green-50 p-4"
    >
      <h3 id="online-title" className="text-lg font-bold text-green-950">
        {t('book:online.title')}
      </h3>
      <p className="text-base text-green-950">{t('book:online.intro')}</p>
      <TodayQueue slug={slug} serviceId={serviceId} className="text-base text-green-950" />
      {openNow === false ? (
        <p className="rounded-lg bg-white p-3 text-base text-slate-900">{t('book:online.closedNow')}</p>
      ) : quotaGone ? (
        <p className="rounded-lg bg-white p-3 text-base text-slate-900">{t('book:online.quotaGone')}</p>
      ) : open ? (
        <OnlineQueueForm slug={slug} serviceId={serviceId} focusOnMount={!initiallyOpen} />
      ) : (
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="min-h-14 rounded-xl bg-green-800 px-4 text-lg font-bold text-white hover:bg-green-900"
        >
          {t('book:online.open')}
        </button>
      )}
    </section>
  );
}

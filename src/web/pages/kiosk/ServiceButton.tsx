import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import type { Availability } from '../../../api/queue';
import { formatRupiah } from './format';
import { cardButton } from './ui';

export type ServiceAvailability = Availability['services'][number];

interface Props {
  service: Service;
  availability: ServiceAvailability | undefined;
  /** shown in search results, where services of many agencies mix */
  agency?: Agency | undefined;
  /** already on this visit's list: shown, but not chosen twice */
  chosen?: boolean | undefined;
  onPick: (serviceId: string) => void;
}

/**
 * One service as a big button: its name, the standard's time and fee, and how many wait. When
 * today's quota is used up it stays a button (so it can be found and read) but says so and does
 * nothing; so does a service already chosen for this visit.
 */
export function ServiceButton({ service, availability, agency, chosen = false, onPick }: Props) {
  const { t } = useTranslation(['kiosk', 'common']);
  const full = availability?.remaining === 0;
  const inert = full || chosen;
  const { feeRupiah, duration } = service.standard;
  const fee = feeRupiah === 0 ? t('common:free') : feeRupiah === null ? t('kiosk:feeVaries') : formatRupiah(feeRupiah);

  return (
    <button
      type="button"
      onClick={() => {
        if (!inert) onPick(service.id);
      }}
      aria-disabled={inert || undefined}
      className={
        chosen
          ? 'flex min-h-[132px] w-full flex-col justify-center gap-1 rounded-3xl border-4 border-brand-600 bg-brand-50 px-8 py-4 text-left'
          : full
            ? 'flex min-h-[132px] w-full flex-col justify-center gap-1 rounded-3xl border-4 border-dashed border-slate-400 bg-slate-100 px-8 py-4 text-left'
            : `${cardButton} flex min-h-[132px] w-full flex-col justify-center gap-1 px-8 py-4 text-left`
      }
    >
      {agency && (
        <span className="flex items-center gap-3 text-[24px] font-semibold text-slate-800">
          <span aria-hidden="true" className="size-6 rounded-full" style={{ backgroundColor: agency.color }} />
          {agency.shortName}
        </span>
      )}
      <span className={`text-[30px] font-bold leading-tight ${full ? 'text-slate-700' : 'text-brand-900'}`}>
        {service.name}
      </span>
      <span className="flex flex-wrap items-center gap-x-6 gap-y-1 text-[24px] text-slate-700">
        {chosen ? (
          <span className="font-bold text-brand-900">
            <span aria-hidden="true">✓ </span>
            {t('kiosk:visit.alreadyChosen')}
          </span>
        ) : full ? (
          <span className="font-bold text-red-800">
            <span aria-hidden="true">⛔ </span>
            {t('kiosk:quotaFull')}
            <span className="sr-only">. {t('kiosk:quotaFullHint')}</span>
          </span>
        ) : (
          <>
            <span>
              <span aria-hidden="true">⏱ </span>
              {duration}
            </span>
            <span>{fee}</span>
            <span className="font-semibold text-brand-800">
              {t('kiosk:waiting', { count: availability?.waiting ?? 0 })}
            </span>
            {availability?.remaining != null && <span>{t('kiosk:remaining', { count: availability.remaining })}</span>}
          </>
        )}
      </span>
    </button>
  );
}

import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { secondaryButton } from './ui';

/** One number waits for at most this many services (POST /tickets takes 1–5 serviceIds). */
export const MAX_SERVICES_PER_VISIT = 5;

interface Props {
  services: readonly Service[];
  agenciesById: ReadonlyMap<string, Agency>;
  busy: boolean;
  onAdd: (() => void) | undefined;
  onRemove: (serviceId: string) => void;
}

/**
 * "Layanan yang dipilih": the services of this visit in order, each removable once there are two
 * or more, and "Tambah layanan lain" for a citizen who also needs another agency (one number for
 * all, waiting in every line at once).
 */
export function VisitList({ services, agenciesById, busy, onAdd, onRemove }: Props) {
  const { t } = useTranslation('kiosk');
  const heading = useRef<HTMLHeadingElement>(null);
  const many = services.length > 1;
  return (
    <section aria-labelledby="kiosk-visit" className="rounded-3xl bg-brand-50 px-8 py-5">
      <h2 id="kiosk-visit" ref={heading} tabIndex={-1} className="text-[26px] font-semibold text-slate-800">
        {many ? t('visit.chosen', { count: services.length }) : t('chosenService')}
      </h2>
      <ol data-testid="visit-list" className="mt-1 flex flex-col">
        {services.map((service, i) => {
          const agency = agenciesById.get(service.agencyId);
          return (
            <li
              key={service.id}
              className={`flex items-center gap-5 py-3 ${i > 0 ? 'border-t-2 border-brand-100' : ''}`}
            >
              {many && (
                <span
                  aria-hidden="true"
                  className="flex size-[64px] shrink-0 items-center justify-center rounded-full bg-brand-700 text-[34px] font-black text-white"
                >
                  {i + 1}
                </span>
              )}
              <p className="min-w-0 flex-1">
                {agency && <span className="block text-[24px] font-semibold text-slate-700">{agency.shortName}</span>}
                <span className="line-clamp-2 text-[30px] font-bold leading-tight text-brand-900">{service.name}</span>
              </p>
              {many && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    onRemove(service.id);
                    heading.current?.focus({ preventScroll: true });
                  }}
                  aria-label={t('visit.remove', { service: service.name })}
                  className={`${secondaryButton} min-w-[180px] shrink-0 px-5 text-[28px]`}
                >
                  <span aria-hidden="true">✕</span> {t('visit.removeShort')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <div className="mt-3 flex items-center gap-6 border-t-2 border-brand-100 pt-4">
        <p className="min-w-0 flex-1 text-[26px] leading-snug text-slate-800">
          {onAdd ? t('visit.addQuestion') : t('visit.max', { count: MAX_SERVICES_PER_VISIT })}
        </p>
        {onAdd && (
          <button type="button" disabled={busy} onClick={onAdd} className={`${secondaryButton} shrink-0`}>
            <span aria-hidden="true">+</span> {t('visit.add')}
          </button>
        )}
      </div>
    </section>
  );
}

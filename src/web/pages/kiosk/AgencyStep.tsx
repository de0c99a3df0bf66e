import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { NavBar } from './NavBar';
import { type ServiceAvailability, ServiceButton } from './ServiceButton';
import { StepHeading } from './StepHeading';
import { secondaryButton } from './ui';

/** Pages rather than scrolling: a first-time touch-screen user sees every choice and a plain "Berikutnya". */
export const SERVICES_PER_PAGE = 8;

interface Props {
  agency: Agency;
  services: readonly Service[];
  availability: ReadonlyMap<string, ServiceAvailability>;
  page: number;
  onPage: (page: number) => void;
  onPick: (serviceId: string) => void;
  onHome: () => void;
  /** the services already on this visit's list */
  chosenIds?: readonly string[] | undefined;
}

/** An agency's services as big buttons, with each one's time, fee, queue and quota. */
export function AgencyStep({ agency, services, availability, page, onPage, onPick, onHome, chosenIds }: Props) {
  const { t } = useTranslation(['kiosk', 'common']);
  const pages = Math.max(1, Math.ceil(services.length / SERVICES_PER_PAGE));
  const current = Math.min(page, pages - 1);
  const shown = services.slice(current * SERVICES_PER_PAGE, (current + 1) * SERVICES_PER_PAGE);

  return (
    <div className="flex h-full flex-col gap-6">
      <NavBar onBack={onHome} />
      <div className="border-l-[14px] pl-6" style={{ borderLeftColor: agency.color }}>
        <StepHeading className="text-[48px]">{agency.shortName}</StepHeading>
        <p className="text-[26px] text-slate-700">{agency.name}</p>
      </div>
      <p className="text-[32px] font-semibold text-slate-800">{t('kiosk:chooseService')}</p>
      <ul className="flex flex-1 flex-col gap-4">
        {shown.map((service) => (
          <li key={service.id}>
            <ServiceButton
              service={service}
              availability={availability.get(service.id)}
              chosen={chosenIds?.includes(service.id)}
              onPick={onPick}
            />
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav
          aria-label={t('kiosk:page', { page: current + 1, pages })}
          className="flex items-center justify-between gap-6"
        >
          <button
            type="button"
            onClick={() => onPage(current - 1)}
            disabled={current === 0}
            className={`${secondaryButton} min-w-[300px] disabled:invisible`}
          >
            <span aria-hidden="true">◀</span> {t('kiosk:prevPage')}
          </button>
          <p aria-live="polite" className="text-[28px] font-semibold text-slate-800">
            {t('kiosk:page', { page: current + 1, pages })}
          </p>
          <button
            type="button"
            onClick={() => onPage(current + 1)}
            disabled={current >= pages - 1}
            className={`${secondaryButton} min-w-[300px] disabled:invisible`}
          >
            {t('kiosk:nextPage')} <span aria-hidden="true">▶</span>
          </button>
        </nav>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { type ServiceAvailability, ServiceButton } from './ServiceButton';

interface Props {
  query: string;
  results: readonly Service[];
  agencies: ReadonlyMap<string, Agency>;
  availability: ReadonlyMap<string, ServiceAvailability>;
  onPick: (serviceId: string) => void;
  /** the services already on this visit's list */
  chosenIds?: readonly string[] | undefined;
}

/** What the search found, each with its agency; a hint before the first letter. */
export function SearchResults({ query, results, agencies, availability, onPick, chosenIds }: Props) {
  const { t } = useTranslation('kiosk');
  const typed = query.trim() !== '';
  return (
    <section aria-labelledby="kiosk-results" className="flex min-h-0 flex-1 flex-col gap-3">
      <h2 id="kiosk-results" className="sr-only">
        {t('search.heading')}
      </h2>
      <p aria-live="polite" className="text-[28px] font-semibold text-slate-800">
        {!typed
          ? t('search.hint')
          : results.length === 0
            ? t('search.none')
            : t('search.found', { count: results.length })}
      </p>
      <ul className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto pb-2">
        {results.map((service) => (
          <li key={service.id}>
            <ServiceButton
              service={service}
              agency={agencies.get(service.agencyId)}
              availability={availability.get(service.id)}
              chosen={chosenIds?.includes(service.id)}
              onPick={onPick}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

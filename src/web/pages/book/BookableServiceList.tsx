import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agency, Service } from '../../../api/catalog';
import { useBookableServices } from '../../lib/queries';
import { bookTo } from './links';
import './translations';

interface Props {
  slug: string;
  services: Service[];
  /** given when the list mixes agencies (search results), so each row names its agency */
  agencies?: Map<string, Agency> | undefined;
  /** said when none of the services can be booked online */
  emptyText: string;
}

/** The services among `services` that a citizen can book or queue for online. */
export function BookableServiceList({ slug, services, agencies, emptyText }: Props) {
  const { t } = useTranslation(['book']);
  const bookableQuery = useBookableServices(slug);
  const byService = bookableQuery.data;
  const bookable = services.filter((s) => byService?.has(s.id));
  const pending = bookableQuery.isPending;
  const failed = bookableQuery.isError;

  return (
    <div className="flex flex-col gap-2">
      <p aria-live="polite" className="text-base text-slate-800">
        {pending
          ? t('book:service.checking')
          : bookable.length === 0
            ? failed
              ? t('book:service.checkFailed')
              : emptyText
            : t('book:service.count', { count: bookable.length })}
      </p>
      {bookable.length > 0 && (
        <ul className="flex flex-col gap-2">
          {bookable.map((service) => {
            const online = byService?.get(service.id);
            const agency = agencies?.get(service.agencyId);
            return (
              <li key={service.id}>
                <Link
                  to={bookTo({ service: service.id })}
                  className="flex min-h-14 flex-col justify-center gap-1 rounded-xl border border-slate-300 bg-white p-3 hover:border-brand-600 hover:bg-brand-50"
                >
                  <span lang="id" className="font-semibold text-brand-800">
                    {service.name}
                  </span>
                  {agency && (
                    <span lang="id" className="text-sm text-slate-700">
                      {agency.shortName}
                    </span>
                  )}
                  <span className="flex flex-wrap gap-2 text-sm">
                    {online?.booking && (
                      <span className="rounded-full bg-brand-50 px-2 py-0.5 font-semibold text-brand-900">
                        {t('book:service.tagBooking')}
                      </span>
                    )}
                    {online?.onlineQueue && (
                      <span className="rounded-full bg-green-100 px-2 py-0.5 font-semibold text-green-900">
                        {t('book:service.tagOnline')}
                      </span>
                    )}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Agency, Service } from '../../../api/catalog';
import { feeText } from './fee';
import { placeTo } from './links';
import { QueueNow, useQueueNow } from './QueueNow';

interface Props {
  services: Service[];
  /** given when the list mixes agencies (search results), so each row names its agency */
  agencies?: Map<string, Agency>;
}

/** Services as links to their standard, with the time and fee and the line now at a glance. */
export function ServiceList({ services, agencies }: Props) {
  const { t } = useTranslation(['portal', 'common']);
  const queue = useQueueNow(useParams().mall ?? '');
  const words = { free: t('common:free'), varies: t('portal:feeVaries') };
  return (
    <ul className="flex flex-col gap-2">
      {services.map((service) => {
        const agency = agencies?.get(service.agencyId);
        return (
          <li key={service.id}>
            <Link
              to={placeTo({ agency: agency?.code ?? service.agencyId, service: service.id })}
              className="flex flex-col rounded-xl border border-slate-300 bg-white p-3 hover:border-brand-600 hover:bg-brand-50"
            >
              <span
                lang="id"
                className="font-semibold text-brand-800 underline decoration-brand-100 underline-offset-4"
              >
                {service.name}
              </span>
              {agency && (
                <span lang="id" className="text-sm text-slate-700">
                  {agency.shortName}
                </span>
              )}
              <span className="text-sm text-slate-700">
                <span lang="id">{service.standard.duration}</span> · {feeText(service.standard, words)}
              </span>
              <QueueNow now={queue?.get(service.id)} className="text-sm font-semibold text-brand-900" />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

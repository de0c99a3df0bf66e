import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { AgencyBadge } from './AgencyBadge';
import { BackLink } from './BackLink';
import { placeTo } from './links';
import { ServiceList } from './ServiceList';

interface Props {
  agency: Agency;
  services: Service[] | undefined;
  mallName: string;
  headingRef: Ref<HTMLHeadingElement>;
}

/** One agency and the services it offers at the mall. */
export function AgencyServices({ agency, services, mallName, headingRef }: Props) {
  const { t } = useTranslation(['portal', 'common']);
  return (
    <section aria-labelledby="agency-title" className="flex flex-col gap-3">
      <BackLink to={placeTo({})}>{t('portal:allAgencies')}</BackLink>
      <div className="flex items-center gap-3">
        <AgencyBadge agency={agency} mallName={mallName} size="lg" />
        <div>
          <h2 id="agency-title" ref={headingRef} tabIndex={-1} lang="id" className="text-xl leading-tight font-bold">
            {agency.name}
          </h2>
          <p className="text-sm text-slate-700">{t('portal:serviceCount', { count: agency.serviceCount })}</p>
        </div>
      </div>
      {services ? <ServiceList services={services} /> : <p>{t('common:loading')}</p>}
    </section>
  );
}

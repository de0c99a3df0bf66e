import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agency } from '../../../api/catalog';
import { AgencyBadge } from './AgencyBadge';
import { placeTo } from './links';

/** Every agency of the mall; choosing one lists its services. */
interface Props {
  agencies: Agency[];
  mallName: string;
  headingRef: Ref<HTMLHeadingElement>;
}

export function AgencyList({ agencies, mallName, headingRef }: Props) {
  const { t } = useTranslation(['portal']);
  return (
    <section aria-labelledby="agencies-title">
      <h2 id="agencies-title" ref={headingRef} tabIndex={-1} className="mb-3 text-xl font-bold">
        {t('portal:agenciesTitle', { mall: mallName })}
      </h2>
      <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {agencies.map((agency) => (
          <li key={agency.id}>
            <Link
              to={placeTo({ agency: agency.code })}
              className="flex h-full items-center gap-3 rounded-xl border border-slate-300 bg-white p-3 hover:border-brand-600 hover:bg-brand-50"
            >
              <AgencyBadge agency={agency} mallName={mallName} />
              <span className="flex min-w-0 flex-col">
                <span lang="id" className="font-bold text-brand-800">
                  {agency.shortName}
                </span>
                <span lang="id" className="text-sm leading-snug text-slate-700">
                  {agency.name}
                </span>
                <span className="text-sm text-slate-700">
                  {t('portal:serviceCount', { count: agency.serviceCount })}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

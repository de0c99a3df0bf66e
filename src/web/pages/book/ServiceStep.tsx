import { type ReactNode, type Ref, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { useBookableServices } from '../../lib/queries';
import { BackLink } from '../portal/BackLink';
import { SearchBox } from '../portal/SearchBox';
import { indexServices, searchServices } from '../portal/search';
import { AgencyPicker } from './AgencyPicker';
import { BookableServiceList } from './BookableServiceList';
import { bookTo } from './links';
import { StepHeading } from './StepHeading';
import './translations';

interface Props {
  slug: string;
  mallName: string;
  agencies: Agency[];
  services: Service[];
  query: string;
  agencyCode: string;
  onSearch: (text: string) => void;
  headingRef: Ref<HTMLHeadingElement>;
}

/** Step 1: an agency, then one of its services; or a search over them all. */
export function ServiceStep({ slug, mallName, agencies, services, query, agencyCode, onSearch, headingRef }: Props) {
  const { t } = useTranslation(['book']);
  const agencyMap = useMemo(() => new Map(agencies.map((a) => [a.id, a])), [agencies]);
  const index = useMemo(() => indexServices(services, agencyMap), [services, agencyMap]);
  const q = query.trim();
  const matches = useMemo(() => (q ? searchServices(index, q) : []), [index, q]);
  const bookable = useBookableServices(slug);
  const agency = agencyCode ? agencies.find((a) => a.code === agencyCode || a.id === agencyCode) : undefined;

  let body: ReactNode;
  if (q) {
    body = (
      <section aria-labelledby="book-results" className="flex flex-col gap-2">
        <h3 id="book-results" className="text-lg font-bold">
          {t('book:service.results', { q })}
        </h3>
        {matches.length === 0 ? (
          <p aria-live="polite">{t('book:service.noMatch', { q })}</p>
        ) : (
          <BookableServiceList
            slug={slug}
            services={matches}
            agencies={agencyMap}
            emptyText={t('book:service.noneMatching', { q })}
          />
        )}
      </section>
    );
  } else if (agency) {
    body = (
      <section aria-labelledby="book-agency" className="flex flex-col gap-2">
        <BackLink to={bookTo({})}>{t('book:service.allAgencies')}</BackLink>
        <h3 id="book-agency" lang="id" className="text-lg leading-tight font-bold">
          {agency.name}
        </h3>
        <BookableServiceList
          slug={slug}
          services={services.filter((s) => s.agencyId === agency.id)}
          emptyText={t('book:service.noneAtAgency', { agency: agency.shortName })}
        />
      </section>
    );
  } else {
    // only the agencies with something to book; all of them until the list has come
    const open = bookable.data ? new Set([...bookable.data.values()].map((b) => b.agencyId)) : null;
    body = <AgencyPicker agencies={open ? agencies.filter((a) => open.has(a.id)) : agencies} mallName={mallName} />;
  }

  return (
    <section className="flex flex-col gap-4">
      <StepHeading step="service" headingRef={headingRef} />
      <p className="text-base text-slate-800">{t('book:service.intro')}</p>
      <SearchBox query={query} onChange={onSearch} onSubmit={() => undefined} />
      {body}
    </section>
  );
}

import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { ServiceList } from './ServiceList';

interface Props {
  query: string;
  results: Service[] | undefined;
  agencies: Map<string, Agency>;
  headingRef: Ref<HTMLHeadingElement>;
}

export function SearchResults({ query, results, agencies, headingRef }: Props) {
  const { t } = useTranslation(['portal', 'common']);
  const q = query.trim();
  return (
    <section aria-labelledby="results-title" className="flex flex-col gap-3">
      <h2 id="results-title" ref={headingRef} tabIndex={-1} className="text-xl font-bold">
        {t('portal:resultsTitle')}
      </h2>
      {/* Read out as the person types, without moving focus from the search field. */}
      <p aria-live="polite" className="text-base text-slate-800">
        {!results
          ? t('common:loading')
          : results.length === 0
            ? t('portal:noResults', { q })
            : t('portal:results', { count: results.length, q })}
      </p>
      {results && results.length > 0 && <ServiceList services={results} agencies={agencies} />}
    </section>
  );
}

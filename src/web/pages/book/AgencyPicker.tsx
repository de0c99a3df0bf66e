import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agency } from '../../../api/catalog';
import { AgencyBadge } from '../portal/AgencyBadge';
import { bookTo } from './links';
import './translations';

/** The agencies it is given (those with services open online); choosing one lists those services. */
export function AgencyPicker({ agencies, mallName }: { agencies: Agency[]; mallName: string }) {
  const { t } = useTranslation(['book']);
  return (
    <section aria-labelledby="book-agencies" className="flex flex-col gap-2">
      <h3 id="book-agencies" className="text-lg font-bold">
        {t('book:service.agencies')}
      </h3>
      <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {agencies.map((agency) => (
          <li key={agency.id}>
            <Link
              to={bookTo({ agency: agency.code })}
              className="flex h-full min-h-14 items-center gap-3 rounded-xl border border-slate-300 bg-white p-3 hover:border-brand-600 hover:bg-brand-50"
            >
              <AgencyBadge agency={agency} mallName={mallName} />
              <span className="flex min-w-0 flex-col">
                <span lang="id" className="font-bold text-brand-800">
                  {agency.shortName}
                </span>
                <span lang="id" className="text-sm leading-snug text-slate-700">
                  {agency.name}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

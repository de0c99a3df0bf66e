import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Facility } from '../../../api/facilities';
import { localized } from '../../components/facility/data';
import { FacilityFacts } from '../../components/facility/FacilityFacts';

/** The directory: a card per facility, the bookable rooms with their way to a request. */
export function FacilityList({
  slug,
  facilities,
  timeZone,
}: {
  slug: string;
  facilities: readonly Facility[];
  timeZone: string;
}) {
  const { t, i18n } = useTranslation(['facility']);
  return (
    <section aria-labelledby="facilities-heading" className="flex flex-col gap-3">
      <h2 id="facilities-heading" className="text-xl font-bold">
        {t('facility:directoryHint')}
      </h2>
      <ul className="flex flex-col gap-3">
        {facilities.map((f) => (
          <li
            key={f.id}
            data-testid="facility"
            className="flex flex-col gap-2 rounded-xl border-2 border-slate-300 bg-white p-4"
          >
            <h3 className="text-lg font-bold">{localized(f, i18n.language).name}</h3>
            <FacilityFacts facility={f} timeZone={timeZone} />
            {f.bookable && (
              <Link
                to={`/${slug}/fasilitas?room=${f.id}`}
                className="mt-1 inline-flex min-h-12 items-center justify-center rounded-xl bg-brand-700 px-4 font-bold text-white hover:bg-brand-800"
              >
                {t('facility:bookRoom')}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

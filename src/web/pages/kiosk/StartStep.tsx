import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import '../../components/facility/strings';
import { AgencyGrid } from './AgencyGrid';
import { NavBar } from './NavBar';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import { SearchBox } from './SearchBox';
import { SearchResults } from './SearchResults';
import type { ServiceAvailability } from './ServiceButton';
import { StepHeading } from './StepHeading';
import { secondaryButton } from './ui';

interface Props {
  agencies: readonly Agency[];
  agenciesById: ReadonlyMap<string, Agency>;
  availability: ReadonlyMap<string, ServiceAvailability>;
  searching: boolean;
  query: string;
  results: readonly Service[];
  onQuery: (query: string) => void;
  onSearchStart: () => void;
  onSearchClose: () => void;
  onAgency: (agencyId: string) => void;
  onService: (serviceId: string) => void;
  /** shown when the mall takes bookings: "Sudah pesan online? Check-in" */
  onCheckIn?: (() => void) | undefined;
  /** "Fasilitas": the mall's facilities, where and when */
  onFacilities?: (() => void) | undefined;
  /**
   * Choosing one more service for a visit: the services chosen so far, back to their list, and
   * start over.
   */
  adding?: { chosenIds: readonly string[]; onBack: () => void; onHome: () => void } | undefined;
}

/**
 * The first screen: the agencies as tiles, or, once the search field is touched, the search with
 * its results and big keys. One component for both so the field keeps its focus when it opens.
 * Also the way to one more service of a visit ("Tambah layanan lain"), with a way back to the list.
 */
export function StartStep(props: Props) {
  const { t } = useTranslation(['kiosk', 'facility']);
  const { searching, query, onQuery, adding } = props;
  return (
    <div className="flex h-full flex-col gap-5">
      {adding && !searching && <NavBar onBack={adding.onBack} onHome={adding.onHome} />}
      {adding ? (
        <div>
          <StepHeading className="text-[52px]">{t('visit.addTitle')}</StepHeading>
          <p className="mt-1 text-[28px] text-slate-800">
            {t('visit.addHint', { number: adding.chosenIds.length + 1 })}
          </p>
        </div>
      ) : (
        <StepHeading className="text-[52px]">{t('title')}</StepHeading>
      )}
      <SearchBox
        query={query}
        searching={searching}
        onQuery={onQuery}
        onStart={props.onSearchStart}
        onClose={props.onSearchClose}
      />
      {!searching && !adding && props.onCheckIn && (
        <button type="button" onClick={props.onCheckIn} className={`${secondaryButton} w-full`}>
          <span aria-hidden="true">✅</span>
          {t('checkIn.open')}
        </button>
      )}
      {!searching && !adding && props.onFacilities && (
        <button
          type="button"
          onClick={props.onFacilities}
          className={`${secondaryButton} w-full`}
          data-testid="kiosk-facilities"
        >
          {t('facility:title')}
        </button>
      )}
      {searching ? (
        <>
          <SearchResults
            query={query}
            results={props.results}
            agencies={props.agenciesById}
            availability={props.availability}
            chosenIds={adding?.chosenIds}
            onPick={props.onService}
          />
          <OnScreenKeyboard
            onType={(text) => onQuery(query + text)}
            onBackspace={() => onQuery(query.slice(0, -1))}
            onClear={() => onQuery('')}
          />
        </>
      ) : (
        <section aria-labelledby="kiosk-agencies" className="flex flex-col gap-4">
          <h2 id="kiosk-agencies" className="text-[32px] font-semibold text-slate-800">
            {t('chooseAgency')}
          </h2>
          <AgencyGrid agencies={props.agencies} onPick={props.onAgency} />
        </section>
      )}
    </div>
  );
}

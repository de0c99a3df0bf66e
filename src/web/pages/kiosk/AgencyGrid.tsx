import type { Agency } from '../../../api/catalog';
import { AgencyTile } from './AgencyTile';

/** Every agency of the mall as a tile, three to a row, so all ~30 fit the portrait screen. */
export function AgencyGrid({ agencies, onPick }: { agencies: readonly Agency[]; onPick: (agencyId: string) => void }) {
  return (
    <ul className="grid grid-cols-3 gap-3">
      {agencies.map((agency) => (
        <li key={agency.id} className="flex">
          <AgencyTile agency={agency} onPick={onPick} />
        </li>
      ))}
    </ul>
  );
}

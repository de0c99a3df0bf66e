import type { Agency } from '../../../api/catalog';
import { agencyInitials } from './agencyInitials';
import { cardButton } from './ui';

/** One agency: its colour, its initials in a circle, its short name big and its full name below. */
export function AgencyTile({ agency, onPick }: { agency: Agency; onPick: (agencyId: string) => void }) {
  const initials = agencyInitials(agency.shortName);
  // A long single word ("Ketenagakerjaan") must still fit a third of the screen's width.
  const longestWord = Math.max(...agency.shortName.split(/\s+/).map((w) => w.length));
  return (
    <button
      type="button"
      onClick={() => onPick(agency.id)}
      className={`${cardButton} flex min-h-[124px] w-full items-center text-left gap-3 border-l-8 py-2 pr-2 pl-3`}
      style={{ borderLeftColor: agency.color }}
    >
      <span
        aria-hidden="true"
        className="flex size-[64px] shrink-0 items-center justify-center rounded-full font-black text-white"
        style={{ backgroundColor: agency.color, fontSize: initials.length > 3 ? 17 : initials.length > 2 ? 20 : 28 }}
      >
        {initials}
      </span>
      <span className="min-w-0">
        <span
          className={`block font-bold leading-tight text-slate-900 ${longestWord > 12 ? 'text-[22px]' : 'text-[26px]'}`}
        >
          {agency.shortName}
        </span>
        <span className="line-clamp-2 text-[18px] leading-snug text-slate-700">{agency.name}</span>
      </span>
    </button>
  );
}

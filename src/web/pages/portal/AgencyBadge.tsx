import type { Agency } from '../../../api/catalog';
import { initials, textOn } from './format';

/** The agency's initials in its colour; decorative, the name always stands beside it. */
interface Props {
  agency: Agency;
  /** to leave the place name out of the initials */
  mallName: string;
  size?: 'md' | 'lg';
}

export function AgencyBadge({ agency, mallName, size = 'md' }: Props) {
  const letters = initials(agency.shortName, mallName);
  // Three letters ("DPM") need a smaller type to stay inside the square.
  const text = letters.length > 2 ? (size === 'lg' ? 'text-lg' : 'text-sm') : size === 'lg' ? 'text-xl' : 'text-base';
  return (
    <span
      aria-hidden="true"
      className={`flex shrink-0 items-center justify-center rounded-xl font-bold ${
        size === 'lg' ? 'h-14 w-14' : 'h-11 w-11'
      } ${text}`}
      style={{ backgroundColor: agency.color, color: textOn(agency.color) }}
    >
      {letters}
    </span>
  );
}

/**
 * The pictogram of each kind of emergency, drawn (a kiosk's Chromium often has no emoji font and
 * would show an empty box): a fist for violence, a small figure with a question mark for a lost
 * child, a cross for a medical emergency, a flame for fire, a warning triangle for the rest.
 */
import type { EmergencyKind } from '../../../domain/emergency';

/** Each kind's colour on a light background. */
export const KIND_COLOUR: Record<EmergencyKind, string> = {
  violence: 'text-purple-800',
  lost_child: 'text-sky-800',
  medical: 'text-red-700',
  fire: 'text-orange-700',
  other: 'text-slate-800',
};

export function KindIcon({ kind, className = 'h-12 w-12' }: { kind: EmergencyKind; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 48 48" className={className}>
      {SHAPES[kind]}
    </svg>
  );
}

const SHAPES: Record<EmergencyKind, React.ReactNode> = {
  violence: (
    <g fill="currentColor">
      {/* a raised fist: four fingers over a palm, the thumb across */}
      <rect x="12" y="10" width="6" height="12" rx="3" />
      <rect x="18.5" y="8" width="6" height="14" rx="3" />
      <rect x="25" y="9" width="6" height="13" rx="3" />
      <rect x="31.5" y="12" width="5.5" height="11" rx="2.75" />
      <path d="M12 20h25v8c0 6-4 10-10 10h-5c-5 0-10-4-10-10z" />
      <rect x="17" y="36" width="16" height="8" rx="2" />
      <path d="M10 22c4-2 9-1 12 3l-4 3c-2-2-5-3-8-2z" fill="white" opacity="0.35" />
    </g>
  ),
  lost_child: (
    <g fill="currentColor">
      <circle cx="18" cy="10" r="5.5" />
      <path d="M11 19a7 7 0 0 1 14 0v11h-3v13h-3.5V32h-1v11H14V30h-3z" />
      <path d="M31 14.5c0-4 3-6.5 6.5-6.5S44 10.5 44 14c0 3-2 4.3-3.6 5.4-1.3.9-1.9 1.5-1.9 3.1v1h-4v-1.4c0-2.7 1.3-4 3-5.2 1.3-.9 2.4-1.6 2.4-2.9 0-1.4-1-2.5-2.5-2.5S35 12.6 35 14.5z" />
      <circle cx="36.5" cy="29" r="2.6" />
    </g>
  ),
  medical: (
    <g>
      <rect x="3" y="3" width="42" height="42" rx="10" fill="currentColor" />
      <path d="M19 10h10v9h9v10h-9v9H19v-9h-9V19h9z" fill="white" />
    </g>
  ),
  fire: (
    <g>
      <path
        fill="currentColor"
        d="M24 2c2.5 7.5 12 12.5 12 25.5C36 37 30.6 46 24 46S12 37 12 28.5c0-5.5 2.2-9.8 5.5-13 .2 4.5 2 7.5 4.5 9C21 17 21.8 9 24 2z"
      />
      <path fill="#fbbf24" d="M24 27c3.6 2.6 6 5.6 6 10a6 6 0 0 1-12 0c0-4 2.4-7.2 6-10z" />
    </g>
  ),
  other: (
    <g>
      <path d="M24 4 46 43H2z" fill="currentColor" />
      <rect x="21.5" y="16" width="5" height="15" rx="2" fill="white" />
      <circle cx="24" cy="36.5" r="2.8" fill="white" />
    </g>
  ),
};

/**
 * The running text of the mall's announcements, moved by CSS (display.css); with
 * prefers-reduced-motion it stands still.
 */
import { useTranslation } from 'react-i18next';

export function Marquee({ texts, fallback }: { texts: string[]; fallback: string }) {
  const { t } = useTranslation('display');
  const line = texts.length > 0 ? texts.join('   •   ') : fallback;
  // The text travels the strip (≈ 150vh wide) plus its own length (≈ 2.2vh a character) at
  // ≈ 11vh a second, slow enough to read from across the hall.
  const seconds = Math.round((150 + 2.2 * line.length) / 11);
  return (
    <footer className="flex items-stretch bg-brand-800 text-white">
      <h2 className="flex shrink-0 items-center bg-accent-400 px-[2.4vh] text-[2.8vh] font-bold tracking-wide text-slate-950 uppercase">
        {t('announcements')}
      </h2>
      <div className="display-marquee-box min-w-0 flex-1 overflow-hidden py-[1.2vh]">
        <p
          data-testid="announcements"
          className="display-marquee text-[3.6vh] font-semibold leading-tight"
          style={{ animationDuration: `${seconds}s` }}
        >
          {line}
        </p>
      </div>
    </footer>
  );
}

import { useTranslation } from 'react-i18next';
import { currentLang, setLang } from '../i18n';

/**
 * The switch every screen carries: Bahasa Indonesia ⇄ English. Its name starts with what it shows.
 * `long` writes the language out (a globe and "English"), which a kiosk visitor reads more surely
 * than "EN"; the caller then gives the whole look in className. The globe is drawn, not an emoji: a
 * kiosk's Chromium often has no emoji font and would show an empty box.
 */
export function LanguageSwitch({ className = '', long = false }: { className?: string; long?: boolean }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const other = lang === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      onClick={() => setLang(other)}
      lang={other}
      className={long ? className : `rounded-lg border-2 border-current px-3 py-1 font-semibold ${className}`}
    >
      {long ? (
        <>
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            className="mr-2 inline-block h-[1.1em] w-[1.1em] align-[-0.15em]"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          >
            <circle cx="12" cy="12" r="10" />
            <path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20" />
          </svg>
          {t('switchTo')}
        </>
      ) : (
        <>
          {other.toUpperCase()}
          <span className="sr-only"> – {t('switchToLabel')}</span>
        </>
      )}
    </button>
  );
}

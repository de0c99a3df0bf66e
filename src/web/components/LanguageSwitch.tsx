import { useTranslation } from 'react-i18next';
import { currentLang, setLang } from '../i18n';

/**
 * The switch every screen carries: Bahasa Indonesia ⇄ English. Its name starts with what it shows.
 * `long` writes the language out ("🌐 English"), which a kiosk visitor reads more surely than
 * "EN"; the caller then gives the whole look in className.
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
          <span aria-hidden="true">🌐 </span>
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

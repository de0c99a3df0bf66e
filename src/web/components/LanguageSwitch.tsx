import { useTranslation } from 'react-i18next';
import { currentLang, setLang } from '../i18n';

/** The switch every screen carries: Bahasa Indonesia ⇄ English. Its name starts with what it shows. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const other = lang === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      onClick={() => setLang(other)}
      lang={other}
      className={`rounded-lg border-2 border-current px-3 py-1 font-semibold ${className}`}
    >
      {other.toUpperCase()}
      <span className="sr-only"> – {t('switchToLabel')}</span>
    </button>
  );
}

import { useTranslation } from 'react-i18next';
import { currentLang, setLang } from '../i18n';

/** The switch every screen carries: Bahasa Indonesia ⇄ English. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <button
      type="button"
      onClick={() => setLang(lang === 'id' ? 'en' : 'id')}
      aria-label={t('switchToLabel')}
      lang={lang === 'id' ? 'en' : 'id'}
      className={`rounded-lg border-2 border-current px-3 py-1 font-semibold ${className}`}
    >
      {lang === 'id' ? 'EN' : 'ID'}
    </button>
  );
}

import { useTranslation } from 'react-i18next';
import { currentLang, setLang } from '../../i18n';

/**
 * The kiosk's language switch: the shared LanguageSwitch's behaviour, but big and with the
 * language written out ("English"), which a visitor reads more surely than "EN"; its name is
 * its visible text (the shared one's aria-label "Switch to English" does not contain "EN", which
 * axe's label-content-name-mismatch rule reports).
 */
export function KioskLanguageSwitch() {
  const { t } = useTranslation('common');
  const lang = currentLang();
  const other = lang === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      onClick={() => setLang(other)}
      lang={other}
      className="flex min-h-[100px] items-center gap-3 rounded-3xl border-4 border-white px-6 text-[30px] font-bold text-white active:bg-brand-900"
    >
      <span aria-hidden="true" className="text-[36px]">
        🌐
      </span>
      {t('switchTo')}
    </button>
  );
}

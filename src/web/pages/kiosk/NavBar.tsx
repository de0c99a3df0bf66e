import { useTranslation } from 'react-i18next';
import { secondaryButton } from './ui';

/** "Kembali" (one step back) and, deeper in, "Ke awal" (start over): the way out of every step. */
export function NavBar({ onBack, onHome }: { onBack: () => void; onHome?: () => void }) {
  const { t } = useTranslation(['kiosk', 'common']);
  return (
    <nav aria-label={t('kiosk:nav')} className="flex justify-between gap-6">
      <button type="button" onClick={onBack} className={secondaryButton}>
        <span aria-hidden="true">←</span> {t('common:back')}
      </button>
      {onHome && (
        <button type="button" onClick={onHome} className={secondaryButton}>
          <span aria-hidden="true">⌂</span> {t('kiosk:home')}
        </button>
      )}
    </nav>
  );
}

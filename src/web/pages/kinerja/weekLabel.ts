import { useTranslation } from 'react-i18next';

/** A week named by its Monday, short ("Mg 30 Nov" / "Wk 30 Nov"), in the UI language. */
export function useWeekLabel(): (monday: string) => string {
  const { t, i18n } = useTranslation('kinerja');
  const day = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  return (monday) => t('trend.weekOf', { date: day.format(new Date(`${monday}T00:00:00Z`)) });
}

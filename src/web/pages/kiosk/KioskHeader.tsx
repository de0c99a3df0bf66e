import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useNow } from '../../lib/useNow';
import { formatDate, formatTime } from './format';

/** Mall name, today's date and the clock (in the mall's zone), and a big language switch. */
export function KioskHeader({ mallName, timeZone }: { mallName: string; timeZone: string }) {
  const { i18n } = useTranslation();
  const now = useNow();
  return (
    <header className="flex min-h-[150px] items-center justify-between gap-6 bg-brand-800 px-10 py-6 text-white print:hidden">
      <div>
        <p className="text-[40px] font-bold leading-tight">{mallName}</p>
        <p className="text-[28px] text-brand-100">
          {formatDate(now, timeZone, i18n.language)} ·{' '}
          <time className="font-semibold text-white">{formatTime(now, timeZone, i18n.language)}</time>
        </p>
      </div>
      <LanguageSwitch
        long
        className="flex min-h-[100px] items-center gap-3 rounded-3xl border-4 border-white px-6 text-[30px] font-bold text-white active:bg-brand-900"
      />
    </header>
  );
}

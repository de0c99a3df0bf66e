import { useTranslation } from 'react-i18next';
import { KindIcon } from '../../components/emergency/KindIcon';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useNow } from '../../lib/useNow';
import { formatDate, formatTime } from './format';

/**
 * Mall name, today's date and the clock (in the mall's zone), the red emergency button (in both
 * languages at once: whoever needs it may not read the switch first), and a big language switch.
 */
export function KioskHeader({
  mallName,
  timeZone,
  onEmergency,
}: {
  mallName: string;
  timeZone: string;
  onEmergency?: (() => void) | undefined;
}) {
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
      {onEmergency && (
        <button
          type="button"
          onClick={onEmergency}
          lang="id"
          className="ml-auto flex min-h-[110px] items-center gap-4 rounded-3xl border-4 border-white bg-red-700 px-6 text-left text-white shadow-lg active:bg-red-900"
        >
          <KindIcon
            kind="other"
            className="h-[64px] w-[64px] text-white [&_rect]:fill-red-700 [&_circle]:fill-red-700"
          />
          <span className="flex flex-col leading-none">
            <span className="text-[40px] font-black tracking-wide">DARURAT</span>
            <span lang="en" className="text-[26px] font-bold">
              Emergency
            </span>
          </span>
        </button>
      )}
      <LanguageSwitch
        long
        className="flex min-h-[100px] items-center gap-3 rounded-3xl border-4 border-white px-6 text-[30px] font-bold text-white active:bg-brand-900"
      />
    </header>
  );
}

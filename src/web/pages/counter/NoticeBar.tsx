import { useTranslation } from 'react-i18next';
import type { Notice } from './useCounterActions';

/**
 * The console's one message, in a slot of fixed height so the action buttons never move. Both
 * live regions stay in the page so screen readers hear each new message: refusals assertively
 * (role="alert"), confirmations politely (role="status").
 */
export function NoticeBar({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  const { t } = useTranslation('counter');
  const error = notice?.kind === 'error' ? notice.text : null;
  const info = notice?.kind === 'info' ? notice.text : null;
  const frame = notice
    ? notice.kind === 'error'
      ? 'border-red-700 bg-red-50 text-red-900'
      : 'border-brand-600 bg-brand-50 text-brand-900'
    : 'border-transparent';
  return (
    <div className={`flex h-[4.5rem] shrink-0 items-center gap-3 rounded-xl border-2 px-4 ${frame}`}>
      <div role="alert" className={`font-semibold leading-snug ${error ? 'flex-1' : ''}`}>
        {error}
      </div>
      <div role="status" className={`text-lg font-semibold ${info ? 'flex-1' : ''}`}>
        {info}
      </div>
      {notice ? (
        <button
          type="button"
          onClick={onDismiss}
          className="shrink-0 rounded-lg border-2 border-current bg-white px-3 py-1 font-semibold hover:bg-slate-100"
        >
          {t('notice.dismiss')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * Says when the display has lost the server (the board keeps showing the last state meanwhile).
 * Its text is empty while connected.
 */
import { useTranslation } from 'react-i18next';
import type { StreamState } from '../../lib/event-stream';

export function ConnectionIndicator({ state }: { state: StreamState }) {
  const { t } = useTranslation(['display', 'common']);
  return (
    <div data-testid="connection" data-state={state} role="status" aria-live="polite" className="flex items-center">
      {state === 'reconnecting' ? (
        <span className="flex max-w-[22vw] items-center gap-[1vh] rounded-[1vh] bg-red-700 px-[1.6vh] py-[0.6vh] text-[2.4vh] font-bold leading-tight text-white">
          <span
            aria-hidden="true"
            className="inline-block size-[1.8vh] shrink-0 animate-pulse rounded-full bg-white motion-reduce:animate-none"
          />
          {t('common:offline')}
        </span>
      ) : state === 'connecting' ? (
        <span className="text-[2.4vh] text-slate-100">{t('display:connecting')}</span>
      ) : (
        // Connected: a quiet dot and no words, so the live region only speaks up when something is wrong.
        <span aria-hidden="true" className="inline-block size-[1.6vh] rounded-full bg-green-400" />
      )}
    </div>
  );
}

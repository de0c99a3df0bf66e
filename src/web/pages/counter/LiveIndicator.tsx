import { useTranslation } from 'react-i18next';
import type { StreamState } from '../../lib/event-stream';

const DOT: Record<StreamState, string> = {
  open: 'bg-green-600',
  connecting: 'animate-pulse bg-accent-500',
  reconnecting: 'animate-pulse bg-slate-900',
};

/** Whether the console is following the live feed; a lost connection is said in words. */
export function LiveIndicator({ state }: { state: StreamState }) {
  const { t } = useTranslation(['counter', 'common']);
  const text =
    state === 'open'
      ? t('counter:live.open')
      : state === 'connecting'
        ? t('counter:live.connecting')
        : t('common:offline');
  return (
    <p
      role="status"
      data-testid="live-state"
      data-state={state}
      className={`flex items-center gap-2 rounded-full px-3 py-1 text-sm font-semibold ${
        state === 'reconnecting' ? 'bg-accent-400 text-slate-900' : 'bg-slate-200 text-slate-900'
      }`}
    >
      <span aria-hidden="true" className={`size-3 rounded-full ${DOT[state]}`} />
      {text}
    </p>
  );
}

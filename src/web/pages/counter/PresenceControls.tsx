import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';
import type { PresenceState } from './usePresence';

const BADGE: Record<PresenceState, string> = {
  open: 'bg-green-100 text-green-900',
  break: 'bg-amber-200 text-amber-950',
  closed: 'bg-red-100 text-red-900',
};
const DOT: Record<PresenceState, string> = {
  open: 'bg-green-600',
  break: 'bg-amber-600',
  closed: 'bg-red-700',
};

interface Props {
  /** null: nothing said today yet (opening now) */
  state: PresenceState | null;
  counterLabel: string;
  busy: boolean;
  onSet: (state: PresenceState) => void;
}

/**
 * In the console's header: the counter's state as a badge (Buka / Istirahat / Tutup), a break and
 * back, and closing for the day after a confirmation. No shortcut keys: a stray key must not take
 * a counter out of the estimates.
 */
export function PresenceControls({ state, counterLabel, busy, onSet }: Props) {
  const { t } = useTranslation(['counter', 'common']);
  const [confirming, setConfirming] = useState(false);
  const shown: PresenceState = state ?? 'open';
  const button = 'rounded-lg border-2 border-white px-3 py-1 font-semibold hover:bg-brand-700 disabled:opacity-60';

  return (
    <div className="flex shrink-0 items-center gap-2">
      <p
        role="status"
        data-testid="presence-badge"
        data-state={shown}
        className={`flex items-center gap-2 rounded-full px-3 py-1 text-lg font-bold ${BADGE[shown]}`}
      >
        <span aria-hidden="true" className={`size-3 rounded-full ${DOT[shown]}`} />
        <span className="sr-only">{t('counter:presence.label', { counter: counterLabel })}: </span>
        {t(`counter:presence.state.${shown}`)}
      </p>
      {shown === 'open' ? (
        <button type="button" disabled={busy} onClick={() => onSet('break')} className={button}>
          {t('counter:presence.break')}
        </button>
      ) : (
        <button type="button" disabled={busy} onClick={() => onSet('open')} className={button}>
          {t('counter:presence.reopen')}
        </button>
      )}
      {shown !== 'closed' && (
        <button type="button" disabled={busy} onClick={() => setConfirming(true)} className={button}>
          {t('counter:presence.close')}
        </button>
      )}
      {confirming ? (
        <Modal labelledBy="close-counter-title" onClose={() => setConfirming(false)} size="w-[34rem]">
          <div className="flex flex-col gap-4 p-6">
            <h2 id="close-counter-title" className="text-2xl font-bold">
              {t('counter:presence.confirmTitle', { counter: counterLabel })}
            </h2>
            <p className="text-lg">{t('counter:presence.confirmText')}</p>
            <div className="flex justify-end gap-3">
              <button
                type="button"
                onClick={() => setConfirming(false)}
                className="rounded-xl border-2 border-slate-500 px-5 py-2 text-lg font-semibold hover:bg-slate-100"
              >
                {t('common:cancel')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setConfirming(false);
                  onSet('closed');
                }}
                className="rounded-xl bg-red-700 px-5 py-2 text-lg font-bold text-white hover:bg-red-800"
              >
                {t('counter:presence.confirm')}
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}

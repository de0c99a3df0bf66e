import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../api/queue';
import { ACTIONS, type ConsoleAction, isActionEnabled } from './actions';
import { ariaKeys, Kbd } from './Kbd';

const STYLE: Record<ConsoleAction, string> = {
  callNext: 'col-span-2 bg-accent-400 text-slate-900 hover:bg-accent-500 text-3xl',
  recall: 'bg-brand-600 text-white hover:bg-brand-700 text-2xl',
  start: 'bg-brand-800 text-white hover:bg-brand-900 text-2xl',
  finish: 'bg-green-700 text-white hover:bg-green-800 text-2xl',
  noShow: 'bg-red-700 text-white hover:bg-red-800 text-2xl',
  // the last row holds two longer words ("Tambah layanan") on one line
  transfer: 'bg-slate-700 text-white hover:bg-slate-800 text-xl whitespace-nowrap',
  addStop: 'bg-slate-700 text-white hover:bg-slate-800 text-xl whitespace-nowrap',
};

interface Props {
  recallsBeforeNoShow: number;
  current: Ticket | null;
  busy: boolean;
  showKeys: boolean;
  onAction: (action: ConsoleAction) => void;
}

/** The seven actions as big buttons; only those the current ticket's status allows are enabled. */
export function ActionButtons({ current, busy, showKeys, onAction, recallsBeforeNoShow }: Props) {
  const { t } = useTranslation('counter');
  return (
    <div className="grid grid-cols-2 gap-2.5">
      {ACTIONS.map((a) => {
        const enabled = !busy && isActionEnabled(a, current, recallsBeforeNoShow);
        return (
          <button
            key={a.id}
            type="button"
            disabled={!enabled}
            aria-keyshortcuts={showKeys ? ariaKeys(a.keyLabels) : undefined}
            onClick={() => onAction(a.id)}
            className={`flex min-h-16 items-center justify-between gap-3 rounded-2xl px-5 py-4 font-bold shadow disabled:bg-slate-200 disabled:text-slate-500 disabled:shadow-none ${STYLE[a.id]}`}
          >
            <span>{t(`action.${a.id}`)}</span>
            {showKeys ? <Kbd labels={a.keyLabels} /> : null}
          </button>
        );
      })}
    </div>
  );
}

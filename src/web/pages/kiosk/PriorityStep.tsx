import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { PRIORITY_CLASSES, type PriorityClass } from '../../../domain/queue';
import { NavBar } from './NavBar';
import { StepHeading } from './StepHeading';
import { cardButton } from './ui';
import { VisitList } from './VisitList';

/** A picture anyone recognises, beside the words (UU 25/2009 art. 29 lists these four). */
const ICONS: Record<PriorityClass, string> = {
  lansia: '🧓',
  disabilitas: '♿',
  ibu_hamil: '🤰',
  anak: '🧒',
};

interface Props {
  /** the services chosen for this visit, in the order they were chosen */
  services: readonly Service[];
  agenciesById: ReadonlyMap<string, Agency>;
  busy: boolean;
  /** "Tambah layanan lain"; absent once the visit has as many services as allowed */
  onAdd: (() => void) | undefined;
  onRemove: (serviceId: string) => void;
  onPick: (priority: PriorityClass | null) => void;
  onBack: () => void;
  onHome: () => void;
}

/**
 * The chosen services (more can be added: one number for all), then "Apakah Anda termasuk…?":
 * the four priority classes, or the general queue. Either answer takes the ticket, so a single
 * service still needs no extra touch.
 */
export function PriorityStep({ services, agenciesById, busy, onAdd, onRemove, onPick, onBack, onHome }: Props) {
  const { t } = useTranslation(['kiosk', 'common']);
  // With several services listed above, the four cards lie flat so everything stays on one screen.
  const compact = services.length > 1;
  return (
    <div className={`flex h-full flex-col ${compact ? 'gap-6' : 'gap-8'}`}>
      <NavBar onBack={onBack} onHome={onHome} />
      <VisitList services={services} agenciesById={agenciesById} busy={busy} onAdd={onAdd} onRemove={onRemove} />
      <div>
        <StepHeading className={compact ? 'text-[52px]' : 'text-[60px]'}>{t('kiosk:priority.question')}</StepHeading>
        <p className="mt-2 text-[26px] text-slate-700">{t('kiosk:priority.intro')}</p>
      </div>
      <ul className={`grid grid-cols-2 ${compact ? 'gap-4' : 'gap-6'}`}>
        {PRIORITY_CLASSES.map((priority) => {
          const hint = t(`kiosk:priority.hint.${priority}`, { defaultValue: '' });
          return (
            <li key={priority} className="flex">
              <button
                type="button"
                disabled={busy}
                onClick={() => onPick(priority)}
                className={`${cardButton} flex w-full items-center gap-3 p-6 ${
                  compact ? 'min-h-[170px] flex-row text-left' : 'min-h-[380px] flex-col justify-center text-center'
                }`}
              >
                <span
                  aria-hidden="true"
                  className={`kiosk-emoji leading-none ${compact ? 'text-[88px]' : 'text-[140px]'}`}
                >
                  {ICONS[priority]}
                </span>
                <span className="flex flex-col gap-1">
                  <span className={`font-bold leading-tight text-brand-900 ${compact ? 'text-[34px]' : 'text-[40px]'}`}>
                    {t(`common:priority.${priority}`)}
                  </span>
                  {hint && <span className="text-[26px] text-slate-700">{hint}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        disabled={busy}
        onClick={() => onPick(null)}
        className={`flex flex-col items-center justify-center rounded-3xl bg-brand-700 px-10 text-white shadow-md active:bg-brand-900 ${
          compact ? 'min-h-[160px]' : 'min-h-[200px]'
        }`}
      >
        <span className="text-[48px] font-bold">{t('kiosk:priority.general')}</span>
        <span className="text-[28px] text-brand-50">{t('kiosk:priority.generalHint')}</span>
      </button>
    </div>
  );
}

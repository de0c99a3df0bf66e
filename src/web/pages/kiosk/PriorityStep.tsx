import { useTranslation } from 'react-i18next';
import type { Agency, Service } from '../../../api/catalog';
import { PRIORITY_CLASSES, type PriorityClass } from '../../../domain/queue';
import { NavBar } from './NavBar';
import { StepHeading } from './StepHeading';
import { cardButton } from './ui';

/** A picture anyone recognises, beside the words (UU 25/2009 art. 29 lists these four). */
const ICONS: Record<PriorityClass, string> = {
  lansia: '🧓',
  disabilitas: '♿',
  ibu_hamil: '🤰',
  anak: '🧒',
};

/** Colour pictures even where a text font also has the sign (♿). */
const EMOJI_FONTS = '"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif';

interface Props {
  service: Service;
  agency: Agency | undefined;
  busy: boolean;
  onPick: (priority: PriorityClass | null) => void;
  onBack: () => void;
  onHome: () => void;
}

/** "Apakah Anda termasuk…?": the four priority classes, or the general queue. */
export function PriorityStep({ service, agency, busy, onPick, onBack, onHome }: Props) {
  const { t } = useTranslation(['kiosk', 'common']);
  return (
    <div className="flex h-full flex-col gap-8">
      <NavBar onBack={onBack} onHome={onHome} />
      <div className="rounded-3xl bg-brand-50 px-8 py-5">
        <p className="text-[24px] text-slate-700">
          {t('kiosk:chosenService')}
          {agency ? ` · ${agency.shortName}` : ''}
        </p>
        <p className="text-[32px] font-bold leading-tight text-brand-900">{service.name}</p>
      </div>
      <div>
        <StepHeading className="text-[60px]">{t('kiosk:priority.question')}</StepHeading>
        <p className="mt-2 text-[26px] text-slate-700">{t('kiosk:priority.intro')}</p>
      </div>
      <ul className="grid grid-cols-2 gap-6">
        {PRIORITY_CLASSES.map((priority) => {
          const hint = t(`kiosk:priority.hint.${priority}`, { defaultValue: '' });
          return (
            <li key={priority} className="flex">
              <button
                type="button"
                disabled={busy}
                onClick={() => onPick(priority)}
                className={`${cardButton} flex min-h-[380px] w-full flex-col items-center justify-center gap-3 p-6 text-center`}
              >
                <span aria-hidden="true" className="text-[140px] leading-none" style={{ fontFamily: EMOJI_FONTS }}>
                  {ICONS[priority]}
                </span>
                <span className="text-[40px] font-bold leading-tight text-brand-900">
                  {t(`common:priority.${priority}`)}
                </span>
                {hint && <span className="text-[26px] text-slate-700">{hint}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        disabled={busy}
        onClick={() => onPick(null)}
        className="flex min-h-[200px] flex-col items-center justify-center rounded-3xl bg-brand-700 px-10 text-white shadow-md active:bg-brand-900"
      >
        <span className="text-[48px] font-bold">{t('kiosk:priority.general')}</span>
        <span className="text-[28px] text-brand-50">{t('kiosk:priority.generalHint')}</span>
      </button>
    </div>
  );
}

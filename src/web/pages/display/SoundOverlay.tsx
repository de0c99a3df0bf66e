/** Browsers keep a page silent until someone touches it; this asks for that one touch. */
import { useTranslation } from 'react-i18next';

export function SoundOverlay({ onEnable }: { onEnable: () => void }) {
  const { t } = useTranslation('display');
  return (
    <div className="fixed inset-0 z-50 flex flex-col items-center justify-center gap-[3vh] bg-slate-950/90 p-[4vh]">
      <button
        type="button"
        onClick={onEnable}
        // biome-ignore lint/a11y/noAutofocus: the only thing to do on this screen; a remote's OK key should press it
        autoFocus
        className="flex items-center gap-[2vh] rounded-[2vh] bg-accent-400 px-[6vh] py-[3vh] text-[7vh] font-extrabold text-slate-950 shadow-2xl"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-[8vh]" fill="currentColor">
          <path d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 7.97v8.05c1.48-.73 2.5-2.25 2.5-4.02zM14 3.23v2.06c2.89.86 5 3.54 5 6.71s-2.11 5.85-5 6.71v2.06c4.01-.91 7-4.49 7-8.77s-2.99-7.86-7-8.77z" />
        </svg>
        {t('enableSound')}
      </button>
      <p className="max-w-[70%] text-center text-[3vh] text-white">{t('soundBlocked')}</p>
    </div>
  );
}

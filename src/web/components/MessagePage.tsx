import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** A whole page that only says something: loading, not found, or the server out of reach. */
export function MessagePage({
  title,
  text,
  onRetry,
  narrow = false,
}: {
  title: string;
  text?: string | undefined;
  onRetry?: (() => void) | undefined;
  /** a phone-width column (the ticket page) rather than the portal's */
  narrow?: boolean;
}) {
  const { t } = useTranslation();
  const width = narrow ? 'max-w-md' : 'max-w-5xl';
  return (
    <div className="flex min-h-full flex-col">
      <header className="bg-brand-800 text-white">
        <div className={`mx-auto flex ${width} items-center justify-between gap-3 px-4 py-3`}>
          <p className="text-lg font-bold">{t('appName')}</p>
          <LanguageSwitch className="text-sm" />
        </div>
      </header>
      <main className={`mx-auto flex w-full ${width} flex-col gap-4 px-4 py-6`}>
        <h1 className="text-2xl font-bold">{title}</h1>
        {text && <p className="text-base text-slate-800">{text}</p>}
        {onRetry && (
          <button
            type="button"
            onClick={onRetry}
            className="self-start rounded-lg bg-brand-700 px-4 py-3 text-base font-semibold text-white"
          >
            {t('retry')}
          </button>
        )}
        <a href="/" className="text-base text-brand-700 underline">
          {t('toHome')}
        </a>
      </main>
    </div>
  );
}

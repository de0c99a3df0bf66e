import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** The page when there is no ticket to show: loading, not found, or the server out of reach. */
export function TicketMessage({ title, text, onRetry }: { title: string; text?: string; onRetry?: () => void }) {
  const { t } = useTranslation(['ticket', 'common']);
  return (
    <div className="mx-auto flex min-h-full max-w-md flex-col">
      <header className="flex items-center justify-between gap-3 bg-brand-800 px-4 py-3 text-white">
        <p className="text-base font-bold">{t('common:appName')}</p>
        <LanguageSwitch className="text-sm" />
      </header>
      <main className="flex flex-col gap-4 p-6">
        <h1 className="text-2xl font-bold">{title}</h1>
        {text && <p className="text-base text-slate-800">{text}</p>}
        {onRetry && (
          <button
            type="button"
            onClick={onRetry}
            className="rounded-lg bg-brand-700 px-4 py-3 text-base font-semibold text-white"
          >
            {t('common:retry')}
          </button>
        )}
        <a href="/" className="text-base text-brand-700 underline">
          {t('ticket:toHome')}
        </a>
      </main>
    </div>
  );
}

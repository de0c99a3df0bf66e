import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** The page when there is no mall to show: loading, unknown slug, or the server out of reach. */
export function Message({ title, text, onRetry }: { title: string; text?: string; onRetry?: () => void }) {
  const { t } = useTranslation(['portal', 'common']);
  return (
    <div className="flex min-h-full flex-col">
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-3 px-4 py-3">
          <p className="text-lg font-bold">{t('common:appName')}</p>
          <LanguageSwitch className="text-sm" />
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-5xl flex-col gap-4 px-4 py-6">
        <h1 className="text-2xl font-bold">{title}</h1>
        {text && <p className="text-base text-slate-800">{text}</p>}
        {onRetry && (
          <button
            type="button"
            onClick={onRetry}
            className="self-start rounded-lg bg-brand-700 px-4 py-3 text-base font-semibold text-white"
          >
            {t('common:retry')}
          </button>
        )}
        <a href="/" className="text-base text-brand-700 underline">
          {t('portal:toHome')}
        </a>
      </main>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function PortalFooter({ slug }: { slug: string }) {
  const { t } = useTranslation(['portal', 'common']);
  return (
    <footer className="border-t border-slate-300 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-4 text-sm text-slate-700">
        <p>
          {t('common:appName')} — {t('portal:footer')}
        </p>
        <div className="flex gap-4">
          <Link to={`/${slug}/ikm`} className="text-brand-700 underline">
            {t('portal:ikmLink')}
          </Link>
          <Link to={`/${slug}/counter`} className="text-brand-700 underline">
            {t('portal:forStaff')}
          </Link>
        </div>
      </div>
    </footer>
  );
}

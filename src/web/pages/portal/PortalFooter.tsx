import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ComplaintLink } from '../../components/complaint/ComplaintLink';

interface Props {
  slug: string;
  /** false on the booking screen itself */
  bookLink?: boolean;
  /** the column of the page above */
  width?: string;
}

export function PortalFooter({ slug, bookLink = true, width = 'max-w-5xl' }: Props) {
  const { t } = useTranslation(['portal', 'common']);
  return (
    <footer className="border-t border-slate-300 bg-white">
      <div
        className={`mx-auto flex ${width} flex-wrap items-center justify-between gap-2 px-4 py-4 text-sm text-slate-700`}
      >
        <p>
          {t('common:appName')} — {t('portal:footer')}
        </p>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {bookLink && (
            <Link to={`/${slug}/book`} className="text-brand-700 underline">
              {t('portal:bookOnline')}
            </Link>
          )}
          <Link to={`/${slug}/ikm`} className="text-brand-700 underline">
            {t('portal:ikmLink')}
          </Link>
          <ComplaintLink slug={slug} />
          <Link to={`/${slug}/counter`} className="text-brand-700 underline">
            {t('portal:forStaff')}
          </Link>
        </div>
      </div>
    </footer>
  );
}

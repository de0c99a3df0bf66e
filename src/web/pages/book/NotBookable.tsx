import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { bookTo } from './links';
import { Notice } from './Notice';
import './translations';

/** A service that cannot be booked or queued for online: say so, and where to go instead. */
export function NotBookable({ slug, serviceId, mallName }: { slug: string; serviceId: string; mallName: string }) {
  const { t } = useTranslation(['book']);
  return (
    <div className="flex flex-col gap-3">
      <Notice tone="warning" title={t('book:notBookable.title')}>
        {t('book:notBookable.text', { mall: mallName })}
      </Notice>
      <Link to={bookTo({})} className="flex min-h-12 items-center font-semibold text-brand-700 underline">
        {t('book:notBookable.other')}
      </Link>
      <Link
        to={`/${slug}?service=${encodeURIComponent(serviceId)}`}
        className="flex min-h-12 items-center font-semibold text-brand-700 underline"
      >
        {t('book:notBookable.standard')}
      </Link>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useBookableServices } from '../../lib/queries';

/** On a service's standard: the way to book it online, shown only where its booking or online queue is on. */
export function BookOnlineLink({ slug, serviceId }: { slug: string; serviceId: string }) {
  const { t } = useTranslation(['portal']);
  const online = useBookableServices(slug).data?.get(serviceId);
  if (!online) return null;
  return (
    <div className="flex flex-col gap-2 rounded-2xl border-2 border-brand-700 bg-brand-50 p-4">
      <p className="text-base text-brand-900">{online.booking ? t('portal:bookHint') : t('portal:onlineQueueHint')}</p>
      <Link
        to={`/${slug}/book?service=${encodeURIComponent(serviceId)}`}
        data-testid="book-online"
        className="flex min-h-12 items-center justify-center rounded-xl bg-brand-700 px-4 text-center text-lg font-bold text-white hover:bg-brand-800"
      >
        {online.booking ? t('portal:bookOnline') : t('portal:onlineQueue')}
      </Link>
    </div>
  );
}

/**
 * The small way to the complaint form (/:mall/lapor) from the portal and a ticket page. Its words
 * are here, not in the complaint strings, so those pages do not download the form's strings for
 * one link. `query` carries what the report is about (?ticket=, ?service=, ?agency=).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

const LABEL = { id: 'Sampaikan pengaduan / saran', en: 'Send a complaint / suggestion' };

export function ComplaintLink({
  slug,
  query,
  className = 'text-brand-700 underline',
}: {
  slug: string;
  query?: Record<string, string> | undefined;
  className?: string;
}) {
  const { i18n } = useTranslation();
  const search = query ? new URLSearchParams(query).toString() : '';
  return (
    <Link
      to={`/${slug}/lapor${search ? `?${search}` : ''}`}
      lang={i18n.language === 'en' ? 'en' : 'id'}
      className={className}
    >
      {i18n.language === 'en' ? LABEL.en : LABEL.id}
    </Link>
  );
}

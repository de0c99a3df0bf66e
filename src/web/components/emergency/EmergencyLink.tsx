/**
 * The portal's small way to the emergency report (/:mall/darurat). Its two words are here, not in
 * the crisis center's strings, so the portal does not download those for one link.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { KindIcon } from './KindIcon';

const LABEL = { id: 'Lapor darurat', en: 'Report an emergency' };

export function EmergencyLink({ slug, className = '' }: { slug: string; className?: string }) {
  const { i18n } = useTranslation();
  return (
    <Link
      to={`/${slug}/darurat`}
      className={`inline-flex min-h-12 items-center gap-2 rounded-xl border-2 border-white px-3 text-sm font-bold text-white hover:bg-brand-900 ${className}`}
    >
      <KindIcon kind="other" className="h-5 w-5 text-red-300" />
      {i18n.language === 'en' ? LABEL.en : LABEL.id}
    </Link>
  );
}

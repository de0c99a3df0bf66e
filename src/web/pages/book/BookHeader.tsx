import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import './translations';

/** A slim bar for a phone: the mall (back to its portal) and the language switch. */
export function BookHeader({
  mallName,
  slug,
  width = 'max-w-3xl',
}: {
  mallName: string;
  slug: string;
  width?: string;
}) {
  const { t } = useTranslation(['book']);
  return (
    <header className="bg-brand-800 text-white">
      <div className={`mx-auto flex ${width} items-center justify-between gap-3 px-4 py-2`}>
        <Link to={`/${slug}`} className="flex min-h-12 min-w-0 items-center text-base leading-tight font-bold">
          <span lang="id">{mallName}</span>
          <span className="sr-only"> — {t('book:toPortal')}</span>
        </Link>
        <LanguageSwitch className="min-h-11 shrink-0 text-sm" />
      </div>
    </header>
  );
}

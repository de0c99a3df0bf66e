import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** The mall's name, the way back to its portal, and the language switch. */
export function IkmHeader({ slug, mallName }: { slug: string; mallName: string }) {
  const { t } = useTranslation(['ikm']);
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-5xl items-start justify-between gap-3 px-4 py-4">
        <div>
          <p lang="id" className="text-xl leading-tight font-bold">
            {mallName}
          </p>
          <nav aria-label={mallName} className="mt-1">
            <Link to={`/${slug}`} className="inline-block py-1 text-base text-brand-50 underline">
              <span aria-hidden="true">← </span>
              {t('ikm:backToPortal', { mall: mallName })}
            </Link>
          </nav>
        </div>
        <LanguageSwitch className="shrink-0 text-sm" />
      </div>
    </header>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MallDetail } from '../../../api/catalog';
import { EmergencyLink } from '../../components/emergency/EmergencyLink';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { OpeningHours } from './OpeningHours';

export function MallHeader({ mall }: { mall: MallDetail }) {
  const { t } = useTranslation(['portal']);
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto max-w-5xl px-4 py-4">
        <div className="flex items-start justify-between gap-3">
          <h1 lang="id" className="text-2xl leading-tight font-bold">
            {mall.name}
          </h1>
          <LanguageSwitch className="shrink-0 text-sm" />
        </div>
        <p lang="id" className="mt-1 text-sm text-brand-50">
          {mall.address}
        </p>
        <OpeningHours mall={mall} />
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <Link
            to={`/${mall.slug}/book`}
            className="inline-flex min-h-12 items-center rounded-xl bg-accent-400 px-4 text-base font-bold text-slate-950 hover:bg-accent-500"
          >
            {t('portal:bookOnline')}
          </Link>
          <Link
            to={`/${mall.slug}/fasilitas`}
            className="inline-flex min-h-12 items-center rounded-xl border-2 border-white px-4 text-base font-bold text-white hover:bg-brand-700"
          >
            {t('portal:facilities')}
          </Link>
          <EmergencyLink slug={mall.slug} />
        </div>
      </div>
    </header>
  );
}

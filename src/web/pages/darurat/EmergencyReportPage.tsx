/**
 * /:mall/darurat — a citizen reports an emergency from a phone (the portal's "Lapor darurat"):
 * what is happening, where, a word more; then a calm confirmation that staff are coming.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ReportForm } from '../../components/emergency/ReportForm';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useMall } from '../../lib/queries';
import '../../components/emergency/translations';

export default function EmergencyReportPage() {
  const { t } = useTranslation(['emergency', 'common']);
  const slug = useParams().mall ?? '';
  const mall = useMall(slug);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    document.title = `${t('emergency:report.title')}${mall.data ? ` — ${mall.data.name}` : ''}`;
  }, [mall.data, t]);

  return (
    <div className="flex min-h-full flex-col bg-slate-50">
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-xl items-start justify-between gap-3 px-4 py-4">
          <p className="text-lg font-bold leading-tight">{mall.data?.name ?? 'Loket'}</p>
          <LanguageSwitch className="shrink-0 text-sm" />
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-xl flex-1 flex-col gap-4 px-4 py-5">
        {sent ? (
          <div role="status" className="flex flex-col items-center gap-4 rounded-2xl bg-white p-6 text-center shadow">
            <svg aria-hidden="true" viewBox="0 0 48 48" className="h-20 w-20 text-green-700">
              <circle cx="24" cy="24" r="22" fill="currentColor" />
              <path d="m14 25 7 7 13-15" fill="none" stroke="white" strokeWidth="5" strokeLinecap="round" />
            </svg>
            <h1 className="text-2xl font-bold text-green-900">{t('emergency:report.sentTitle')}</h1>
            <p className="text-lg">{t('emergency:report.sent')}</p>
            <p className="font-semibold">{t('emergency:report.call')}</p>
            <button type="button" onClick={() => setSent(false)} className="text-brand-700 underline">
              {t('emergency:report.again')}
            </button>
          </div>
        ) : (
          <>
            <h1 className="text-2xl font-bold text-red-800">{t('emergency:report.title')}</h1>
            <p>{t('emergency:report.intro')}</p>
            <div className="rounded-2xl bg-white p-4 shadow">
              <ReportForm mall={slug} source="portal" onSent={() => setSent(true)} />
            </div>
            <p className="font-semibold">{t('emergency:report.call')}</p>
          </>
        )}
        <Link to={`/${slug}`} className="text-brand-700 underline">
          {t('common:back')}
        </Link>
      </main>
    </div>
  );
}

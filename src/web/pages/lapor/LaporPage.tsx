/**
 * /:mall/lapor — a citizen files a complaint, a suggestion or a request for information from a
 * phone: from the portal, from a ticket's page (?ticket=<token>: about that visit), from the QR at
 * a counter (?counter=<counterId>), or about a service (?service=, ?agency=). Then the code large
 * with its QR and link. Opened by a signed-in officer, the server records it as filed by staff.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ComplaintCreatedCard } from '../../components/complaint/ComplaintCreatedCard';
import { ComplaintForm, type Created } from '../../components/complaint/ComplaintForm';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { MessagePage } from '../../components/MessagePage';
import { addTranslations } from '../../i18n';
import { ApiError } from '../../lib/api';
import { useMall } from '../../lib/queries';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('lapor', { id, en });

const param = (params: URLSearchParams, key: string) => params.get(key)?.trim() || undefined;

export default function LaporPage() {
  const { t } = useTranslation(['lapor', 'complaint', 'common']);
  const slug = useParams().mall ?? '';
  const [params] = useSearchParams();
  const mall = useMall(slug);
  const [created, setCreated] = useState<{ created: Created; anonymous: boolean } | null>(null);
  // a new form after "Kirim laporan lain"
  const [round, setRound] = useState(0);

  useEffect(() => {
    document.title = `${t('lapor:pageTitle')}${mall.data ? ` — ${mall.data.name}` : ''}`;
  }, [mall.data, t]);

  if (mall.error instanceof ApiError && mall.error.status === 404) {
    return <MessagePage narrow title={t('lapor:notFound')} />;
  }
  if (mall.error) {
    return (
      <MessagePage narrow title={t('lapor:loadError')} text={mall.error.message} onRetry={() => void mall.refetch()} />
    );
  }
  if (!mall.data) return <MessagePage narrow title={t('common:loading')} />;

  return (
    <div className="mx-auto flex min-h-full max-w-xl flex-col">
      <header className="bg-brand-800 text-white">
        <div className="flex items-center justify-between gap-3 px-4 py-2">
          <Link to={`/${slug}`} className="flex min-h-12 min-w-0 items-center text-base leading-tight font-bold">
            <span lang="id">{mall.data.name}</span>
            <span className="sr-only"> — {t('complaint:created.toPortal')}</span>
          </Link>
          <LanguageSwitch className="min-h-11 shrink-0 text-sm" />
        </div>
      </header>
      <main className="flex flex-1 flex-col gap-4 p-4">
        {created ? (
          <ComplaintCreatedCard created={created.created} anonymous={created.anonymous}>
            <div className="mt-2 flex w-full flex-col gap-2">
              <button
                type="button"
                onClick={() => {
                  setCreated(null);
                  setRound((r) => r + 1);
                }}
                className="min-h-12 rounded-xl border-2 border-brand-700 bg-white px-4 text-base font-bold text-brand-800 hover:bg-brand-50"
              >
                {t('complaint:created.another')}
              </button>
              <Link to={`/${slug}`} className="py-2 text-base text-brand-700 underline">
                {t('complaint:created.toPortal')}
              </Link>
            </div>
          </ComplaintCreatedCard>
        ) : (
          <>
            <div>
              <h1 className="text-2xl leading-tight font-bold">{t('lapor:heading')}</h1>
              <p className="mt-2 text-base text-slate-800">{t('lapor:intro')}</p>
            </div>
            <div className="rounded-2xl bg-white p-4 shadow-sm">
              <ComplaintForm
                key={round}
                slug={slug}
                today={mall.data.today}
                prefill={{
                  ticketToken: param(params, 'ticket'),
                  counterId: param(params, 'counter'),
                  agencyId: param(params, 'agency'),
                  serviceId: param(params, 'service'),
                }}
                onCreated={(made, anonymous) => {
                  setCreated({ created: made, anonymous });
                  window.scrollTo(0, 0);
                }}
              />
            </div>
            <p className="text-sm text-slate-700">{t('lapor:lapor')}</p>
          </>
        )}
      </main>
    </div>
  );
}

/**
 * /q/:token — the asker reads their question about a service and, once there is one, the
 * agency's answer; it asks again every minute while unanswered.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { QuestionPublic } from '../../../api/consultations';
import en from '../../components/consultation/i18n.en.json';
import id from '../../components/consultation/i18n.id.json';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { MessagePage } from '../../components/MessagePage';
import { addTranslations } from '../../i18n';
import { ApiError, api } from '../../lib/api';

addTranslations('consult', { id, en });

const REFRESH_MS = 60_000;

export default function QuestionPage() {
  const { t, i18n } = useTranslation(['consult', 'common']);
  const token = useParams().token ?? '';
  const q = useQuery({
    queryKey: ['question', token],
    queryFn: () => api.get<QuestionPublic>(`/api/questions/${encodeURIComponent(token)}`),
    refetchInterval: (query) => (query.state.data?.status === 'answered' || query.state.error ? false : REFRESH_MS),
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  useEffect(() => {
    if (q.data) document.title = `${t('consult:pageTitle')} — ${q.data.mallName}`;
  }, [q.data, t]);

  if (q.error instanceof ApiError && q.error.status === 404) {
    return <MessagePage narrow title={t('consult:notFound')} text={t('consult:notFoundHint')} />;
  }
  if (q.error) return <MessagePage narrow title={q.error.message} onRetry={() => void q.refetch()} />;
  if (!q.data) return <MessagePage narrow title={t('common:loading')} />;
  const data = q.data;
  const when = (ms: number) =>
    new Date(ms).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });

  return (
    <div className="min-h-full bg-slate-100">
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-xl items-center justify-between gap-3 px-4 py-3">
          <p className="font-semibold">{data.mallName}</p>
          <LanguageSwitch />
        </div>
      </header>
      <main className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-4">
        <h1 className="text-2xl font-bold">{t('consult:pageTitle')}</h1>
        <section className="rounded-2xl bg-white p-4 shadow-sm">
          <p className="text-sm text-slate-700">{data.agencyName}</p>
          <h2 className="text-lg font-bold text-brand-900" lang="id">
            {data.serviceName}
          </h2>
          <p className="mt-3 text-sm text-slate-700">
            {t('consult:asked')} {when(data.askedAt)}
          </p>
          <p className="mt-1 whitespace-pre-line">{data.question}</p>
        </section>
        {data.answer ? (
          <section className="rounded-2xl border-2 border-green-700 bg-green-50 p-4">
            <h2 className="text-lg font-bold text-green-900">{t('consult:answer')}</h2>
            <p className="mt-1 whitespace-pre-line">{data.answer}</p>
            {data.answeredAt !== null && (
              <p className="mt-2 text-sm text-slate-700">
                {t('consult:answeredAt')} {when(data.answeredAt)}
              </p>
            )}
          </section>
        ) : (
          <p role="status" className="rounded-2xl bg-brand-50 p-4 text-brand-900">
            {t('consult:waiting')}
          </p>
        )}
      </main>
    </div>
  );
}

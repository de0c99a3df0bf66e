/**
 * /p/:token — a citizen follows an application after the counter (a passport, a permit, an STNK),
 * opened from the QR code on the receipt or the link in a message, on a cheap phone: the code, the
 * step it is at, what is missing or why it was rejected, when it is due, and its history. It asks
 * again every minute, so a step taken at the agency shows without reloading.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ApplicationPublic } from '../../../api/applications';
import { groupApplicationCode } from '../../components/application/code';
import { MessagePage } from '../../components/MessagePage';
import { addTranslations } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { ApplicationView } from './ApplicationView';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('application', { id, en });

const REFRESH_MS = 60_000;

export default function ApplicationPage() {
  const { t } = useTranslation(['application', 'common']);
  const token = useParams().token ?? '';
  const application = useQuery({
    queryKey: ['application', token],
    queryFn: () => api.get<ApplicationPublic>(`/api/applications/${encodeURIComponent(token)}`),
    // A wrong token will not become right by asking again.
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 3,
    refetchInterval: (query) =>
      query.state.error instanceof ApiError && query.state.error.status === 404 ? false : REFRESH_MS,
    // back on the page after a while (the phone in a pocket): ask at once
    refetchOnWindowFocus: true,
    staleTime: 0,
  });

  useEffect(() => {
    if (application.data)
      document.title = `${groupApplicationCode(application.data.code)} — ${application.data.mallName}`;
  }, [application.data]);

  if (application.data) return <ApplicationView application={application.data} updatedAt={application.dataUpdatedAt} />;
  if (application.error instanceof ApiError && application.error.status === 404) {
    return <MessagePage narrow title={t('application:notFound')} text={t('application:notFoundHint')} />;
  }
  if (application.error) {
    return (
      <MessagePage
        narrow
        title={t('application:loadError')}
        text={application.error.message}
        onRetry={() => void application.refetch()}
      />
    );
  }
  return <MessagePage narrow title={t('common:loading')} />;
}

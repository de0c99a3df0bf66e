/**
 * /c/:token — a citizen follows a complaint (the link and QR given when it was sent, or in a
 * message): the code, the step it is at, the deadline and "Terlambat" past it, the agency it went
 * to, the answer highlighted, the history with the public notes; more information may be added
 * while it is handled, and the answer rated 1–5 once given. Asks again every 30 seconds.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ComplaintPublic } from '../../../api/complaints';
import { groupComplaintCode } from '../../components/complaint/code';
import { MessagePage } from '../../components/MessagePage';
import { addTranslations } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { ComplaintView } from './ComplaintView';
import en from './i18n.en.json';
import id from './i18n.id.json';
import '../../components/complaint/translations';

addTranslations('complaintPage', { id, en });

const REFRESH_MS = 30_000;

export default function ComplaintPage() {
  const { t } = useTranslation(['complaintPage', 'common']);
  const token = useParams().token ?? '';
  const client = useQueryClient();
  const queryKey = ['complaint', token];
  const complaint = useQuery({
    queryKey,
    queryFn: () => api.get<ComplaintPublic>(`/api/complaints/${encodeURIComponent(token)}`),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 3,
    refetchInterval: (query) =>
      query.state.error instanceof ApiError && query.state.error.status === 404 ? false : REFRESH_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });

  useEffect(() => {
    if (complaint.data) document.title = `${groupComplaintCode(complaint.data.code)} — ${complaint.data.mallName}`;
  }, [complaint.data]);

  if (complaint.data)
    return (
      <ComplaintView
        token={token}
        complaint={complaint.data}
        updatedAt={complaint.dataUpdatedAt}
        onChanged={(changed) => client.setQueryData(queryKey, changed)}
      />
    );
  if (complaint.error instanceof ApiError && complaint.error.status === 404) {
    return <MessagePage narrow title={t('complaintPage:notFound')} text={t('complaintPage:notFoundHint')} />;
  }
  if (complaint.error) {
    return (
      <MessagePage
        narrow
        title={t('complaintPage:loadError')}
        text={complaint.error.message}
        onRetry={() => void complaint.refetch()}
      />
    );
  }
  return <MessagePage narrow title={t('common:loading')} />;
}

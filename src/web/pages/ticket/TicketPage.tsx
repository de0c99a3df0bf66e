/**
 * /t/:token — the citizen's own ticket, opened from the QR code on the printed ticket, on a
 * small phone over a slow connection: kept light (no display or counter code, no big data), it
 * follows the ticket live and gets the person's attention when the number is called.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { TicketPublic } from '../../../api/queue';
import { MessagePage } from '../../components/MessagePage';
import { addTranslations } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { useEventStream } from '../../lib/event-stream';
import { useNow } from '../../lib/useNow';
import { alertCalled } from './alert';
import en from './i18n.en.json';
import id from './i18n.id.json';
import { TicketView } from './TicketView';
import { visitOf } from './visit';

addTranslations('ticket', { id, en });

export default function TicketPage() {
  const { t } = useTranslation(['ticket', 'common']);
  const token = useParams().token ?? '';
  const queryClient = useQueryClient();
  const queryKey = ['ticket', token];
  const ticket = useQuery({
    queryKey,
    queryFn: () => api.get<TicketPublic>(`/api/tickets/${encodeURIComponent(token)}`),
    // A wrong token will not become right by asking again.
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 3,
    staleTime: Number.POSITIVE_INFINITY,
  });

  // The stream carries the whole ticket; it replaces the cached one, so the last known state
  // stays on screen while the connection is down.
  const stream = useEventStream(ticket.data ? `/api/tickets/${encodeURIComponent(token)}/events` : null, {
    status: (data) => queryClient.setQueryData(queryKey, data as TicketPublic),
  });

  // the rejoin button goes when its minutes are over
  const now = useNow(15_000);
  // a call of any stop of the visit, or a recall, gives a new key
  const loaded = ticket.data !== undefined;
  const callKey = ticket.data ? visitOf(ticket.data).callKey : null;
  const previous = useRef({ loaded, callKey });
  const bannerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Only a call (or recall) seen happening alerts; opening an already called ticket does not beep.
    const before = previous.current;
    if (before.loaded && callKey !== null && callKey !== before.callKey) {
      alertCalled();
      bannerRef.current?.focus();
    }
    previous.current = { loaded, callKey };
  }, [loaded, callKey]);

  useEffect(() => {
    if (ticket.data) document.title = `${ticket.data.number} — ${ticket.data.mallName}`;
  }, [ticket.data]);

  if (ticket.data)
    return (
      <TicketView
        ticket={ticket.data}
        token={token}
        reconnecting={stream === 'reconnecting'}
        bannerRef={bannerRef}
        now={now}
        onChanged={(changed) => queryClient.setQueryData(queryKey, changed)}
      />
    );
  if (ticket.error instanceof ApiError && ticket.error.status === 404) {
    return <MessagePage narrow title={t('ticket:notFound')} text={t('ticket:notFoundHint')} />;
  }
  if (ticket.error) {
    return (
      <MessagePage
        narrow
        title={t('ticket:loadError')}
        text={ticket.error.message}
        onRetry={() => void ticket.refetch()}
      />
    );
  }
  return <MessagePage narrow title={t('common:loading')} />;
}

/**
 * Runs the officer's actions against the server and keeps the one message the console shows:
 * the server's own words for a refusal (409 and others), or a short confirmation.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../api/queue';
import { ApiError, api } from '../../lib/api';
import { isUnauthorized, useSessionLost } from '../../lib/session';
import { ACTION_PATH } from './actions';
import { queueKey } from './useCounterQueue';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

type Envelope = { ticket: Ticket } | null;

export function useCounterActions(mall: string, counterId: string) {
  const { t } = useTranslation(['counter', 'common']);
  const client = useQueryClient();
  const sessionLost = useSessionLost();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  /** One request at a time: a double press in a busy hall must not call two citizens. */
  const run = async (request: () => Promise<Envelope>, done: (ticket: Ticket | null) => string) => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setBusy(true);
    setNotice(null);
    try {
      const res = await request();
      setNotice({ kind: 'info', text: done(res?.ticket ?? null) });
      return true;
    } catch (err) {
      if (isUnauthorized(err)) void sessionLost();
      setNotice({ kind: 'error', text: err instanceof ApiError ? err.message : t('common:error') });
      return false;
    } finally {
      inFlight.current = false;
      setBusy(false);
      void client.invalidateQueries({ queryKey: queueKey(mall, counterId) });
    }
  };

  const base = `/api/malls/${mall}`;
  return {
    busy,
    notice,
    dismiss: () => setNotice(null),
    callNext: () =>
      run(
        () => api.post<Envelope>(`${base}/counters/${counterId}/call-next`),
        (ticket) =>
          ticket ? t('counter:notice.called', { number: ticket.number }) : t('counter:notice.nobodyWaiting'),
      ),
    call: (ticket: Ticket) =>
      run(
        () => api.post<Envelope>(`${base}/counters/${counterId}/call`, { ticketId: ticket.id }),
        () => t('counter:notice.called', { number: ticket.number }),
      ),
    act: (action: keyof typeof ACTION_PATH, ticket: Ticket) =>
      run(
        () => api.post<Envelope>(`${base}/tickets/${ticket.id}/${ACTION_PATH[action]}`),
        () => t(`counter:notice.${DONE_KEY[action]}`, { number: ticket.number }),
      ),
    transfer: (ticket: Ticket, serviceId: string, serviceName: string) =>
      run(
        () => api.post<Envelope>(`${base}/tickets/${ticket.id}/transfer`, { serviceId }),
        () => t('counter:notice.transferred', { number: ticket.number, service: serviceName }),
      ),
    /** "Tambah layanan": the same number also waits for another service (201 {ticket}: the new stop) */
    addStop: (ticket: Ticket, serviceId: string, serviceName: string) =>
      run(
        () => api.post<Envelope>(`${base}/tickets/${ticket.id}/stops`, { serviceId }),
        () => t('counter:notice.stopAdded', { number: ticket.number, service: serviceName }),
      ),
  };
}

const DONE_KEY: Record<keyof typeof ACTION_PATH, string> = {
  recall: 'recalled',
  start: 'started',
  finish: 'finished',
  noShow: 'noShow',
};

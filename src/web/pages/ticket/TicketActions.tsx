import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TicketPublic } from '../../../api/queue';
import { ApiError, api } from '../../lib/api';

interface Props {
  ticket: TicketPublic;
  /** a visit of several stops: "I need more time" would move only the first line, so it is not offered */
  route: boolean;
  token: string;
  now: number;
  onChanged: (ticket: TicketPublic) => void;
}

const button = 'min-h-12 w-full rounded-xl border-2 border-brand-700 bg-white px-4 font-semibold text-brand-800';

/**
 * What a citizen can do from the phone: "I need more time" once while waiting (the ticket moves
 * back a few places), and rejoin the line within the mall's minutes after a missed call.
 */
export function TicketActions({ ticket, route, token, now, onChanged }: Props) {
  const { t } = useTranslation('ticket');
  const act = useMutation({
    mutationFn: (action: 'postpone' | 'rejoin') =>
      api.post<TicketPublic>(`/api/tickets/${encodeURIComponent(token)}/${action}`, {}),
    onSuccess: onChanged,
  });
  const canPostpone = !route && ticket.status === 'waiting' && !ticket.postponed;
  const canRejoin = ticket.status === 'no_show' && ticket.canRejoinUntil !== null && ticket.canRejoinUntil > now;
  if (!canPostpone && !canRejoin && !act.error) return null;
  const until =
    ticket.canRejoinUntil &&
    new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', timeZone: ticket.timeZone }).format(
      ticket.canRejoinUntil,
    );
  return (
    <section className="flex flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm">
      {canPostpone && (
        <>
          <p className="text-base text-slate-800">{t('actions.postponeHint')}</p>
          <button type="button" disabled={act.isPending} onClick={() => act.mutate('postpone')} className={button}>
            {t('actions.postpone')}
          </button>
        </>
      )}
      {canRejoin && (
        <>
          <p className="text-base text-slate-800">{t('actions.rejoinHint', { until })}</p>
          <button type="button" disabled={act.isPending} onClick={() => act.mutate('rejoin')} className={button}>
            {t('actions.rejoin')}
          </button>
        </>
      )}
      {act.error && (
        <p role="alert" className="text-base font-semibold text-red-800">
          {act.error instanceof ApiError ? act.error.message : String(act.error)}
        </p>
      )}
    </section>
  );
}

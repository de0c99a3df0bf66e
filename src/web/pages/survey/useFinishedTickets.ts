/**
 * The tickets finished at this counter that still wait for their survey, oldest first. Each
 * "finish" on the counter's feed joins the line, so a second finish while a survey is open is
 * kept for after it rather than dropped.
 */
import { useCallback, useState } from 'react';
import { useEventStream } from '../../lib/event-stream';

/** The part of the counter feed's "ticket" event this screen reads (the bus payload). */
interface TicketEvent {
  type: string;
  ticket: { id: string; token: string; number: string; counterId: string | null };
}

export interface FinishedTicket {
  id: string;
  token: string;
  number: string;
}

export function useFinishedTickets(url: string | null, counterId: string) {
  const [line, setLine] = useState<FinishedTicket[]>([]);
  const stream = useEventStream(url, {
    ticket: (data) => {
      const ev = data as TicketEvent;
      // The feed also carries the agency's queue; only a service finished here gets a survey.
      if (ev.type !== 'finish' || ev.ticket.counterId !== counterId) return;
      const { id, token, number } = ev.ticket;
      setLine((l) => (l.some((x) => x.id === id) ? l : [...l, { id, token, number }]));
    },
  });
  const next = useCallback(() => setLine((l) => l.slice(1)), []);
  return { current: line[0] ?? null, queued: Math.max(0, line.length - 1), next, stream };
}

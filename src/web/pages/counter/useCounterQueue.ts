/**
 * The counter's queue, kept live: the GET for the first paint, then the counter's event stream.
 * Its "queue" event (sent on every (re)connect) replaces the data; each "ticket" event refetches,
 * debounced so a burst of changes costs one request.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { CounterQueue } from '../../../api/queue';
import { api } from '../../lib/api';
import { useEventStream } from '../../lib/event-stream';

const REFETCH_DEBOUNCE_MS = 200;

export const queueKey = (mall: string, counterId: string) => ['counter-queue', mall, counterId] as const;

export function useCounterQueue(mall: string, counterId: string) {
  const client = useQueryClient();
  const key = queueKey(mall, counterId);
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<CounterQueue>(`/api/malls/${mall}/counters/${counterId}/queue`),
    staleTime: 0,
  });

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const handlers = useMemo(
    () => ({
      queue: (data: unknown) => client.setQueryData(queueKey(mall, counterId), data as CounterQueue),
      ticket: () => {
        clearTimeout(timer.current);
        timer.current = setTimeout(
          () => void client.invalidateQueries({ queryKey: queueKey(mall, counterId) }),
          REFETCH_DEBOUNCE_MS,
        );
      },
    }),
    [client, mall, counterId],
  );
  const stream = useEventStream(`/api/malls/${mall}/counters/${counterId}/events`, handlers);

  return { query, stream, refresh: () => client.invalidateQueries({ queryKey: key }) };
}

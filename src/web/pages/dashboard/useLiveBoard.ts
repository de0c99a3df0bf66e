/**
 * Today's live board, refetched whenever the mall's queue changed (`changed` on
 * /performance/live/events, which the server throttles to a few a second). One fetch at a time:
 * a change arriving during a fetch asks for one more fetch after it, never a pile of them. After
 * the stream (re)opens the board is fetched again, since changes may have been missed meanwhile;
 * once a minute it is fetched anyway, as a wait can pass its threshold without any event.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { LiveBoard } from '../../../api/performance';
import { api } from '../../lib/api';
import { useEventStream } from '../../lib/event-stream';

export function useLiveBoard(slug: string, enabled: boolean) {
  const base = `/api/malls/${encodeURIComponent(slug)}/performance/live`;
  const board = useQuery({
    queryKey: ['performance-live', slug],
    queryFn: () => api.get<LiveBoard>(base),
    enabled,
    staleTime: 0,
    refetchInterval: 60_000,
    refetchIntervalInBackground: true,
    retry: false,
  });
  const { refetch, isFetching } = board;
  const fetching = useRef(isFetching);
  fetching.current = isFetching;
  const again = useRef(false);

  const refresh = useCallback(() => {
    if (fetching.current) again.current = true;
    else {
      fetching.current = true;
      void refetch();
    }
  }, [refetch]);

  useEffect(() => {
    if (!isFetching && again.current) {
      again.current = false;
      void refetch();
    }
  }, [isFetching, refetch]);

  const stream = useEventStream(enabled ? `${base}/events` : null, { changed: refresh });

  // Each (re)connection, the first too: catch up on what changed while the stream was not open.
  useEffect(() => {
    if (stream === 'open') refresh();
  }, [stream, refresh]);

  return { board, stream };
}

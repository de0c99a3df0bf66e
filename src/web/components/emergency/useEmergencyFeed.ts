/**
 * The open emergencies of a mall, live: the staff stream's snapshot, then every report, take and
 * close (one stream per browser, shared by its tabs: sharedStream.ts). A report only moves
 * forward, so of two views of one the later step wins, whatever order they arrive in (a replay
 * after a reconnect, the answer of one's own "take").
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Emergency } from '../../../api/emergencies';
import { laterView } from '../../../domain/emergency';
import { followEmergencies } from './sharedStream';

export function useEmergencyFeed(mall: string) {
  const [byId, setById] = useState<ReadonlyMap<string, Emergency>>(new Map());

  const apply = useCallback((e: Emergency) => {
    setById((prev) => new Map(prev).set(e.id, laterView(prev.get(e.id), e)));
  }, []);

  useEffect(
    () =>
      followEmergencies(mall, (m) => {
        if (m.name === 'snapshot') {
          // what is open now; anything else this screen still showed was closed while it was away
          setById((prev) => new Map(m.data.open.map((e) => [e.id, laterView(prev.get(e.id), e)])));
        } else {
          apply(m.data.emergency);
        }
      }),
    [mall, apply],
  );

  const open = useMemo(
    () => [...byId.values()].filter((e) => e.status !== 'closed').sort((a, b) => a.reportedAt - b.reportedAt),
    [byId],
  );
  return { open, apply };
}

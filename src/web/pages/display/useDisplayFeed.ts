/** The hall's call feed: the SSE stream folded into what to show, and the calls handed to the voice. */
import { useReducer, useRef } from 'react';
import type { CallEvent, DisplaySnapshot } from '../../../api/events';
import { useEventStream } from '../../lib/event-stream';
import { CallTracker, emptyFeed, feedReducer } from './feed';

export function useDisplayFeed(
  mall: string,
  zone: string | null,
  speak: (call: CallEvent) => void,
  announcementsChanged: () => void,
) {
  const url = `/api/malls/${encodeURIComponent(mall)}/events${zone ? `?zone=${encodeURIComponent(zone)}` : ''}`;
  const [feed, dispatch] = useReducer(feedReducer, emptyFeed);
  // One tracker per stream: another zone starts from a fresh snapshot.
  const tracker = useRef<{ url: string; tracker: CallTracker } | null>(null);
  if (tracker.current?.url !== url) tracker.current = { url, tracker: new CallTracker() };
  const calls = tracker.current.tracker;
  const snapshots = useRef(0);

  const onCall = (data: unknown) => {
    const call = data as CallEvent;
    const { isNew, speak: say } = calls.onCall(call, Date.now());
    if (!isNew) return;
    dispatch({ type: 'call', call });
    if (say) speak(call);
  };

  const connection = useEventStream(url, {
    snapshot: (data) => {
      const snapshot = data as DisplaySnapshot;
      const toSpeak = calls.onSnapshot(snapshot, Date.now());
      dispatch({ type: 'snapshot', snapshot });
      for (const call of toSpeak) speak(call);
      // The running text may have changed while the stream was down.
      if (snapshots.current++ > 0) announcementsChanged();
    },
    call: onCall,
    recall: onCall,
    announcements: () => announcementsChanged(),
  });

  return { feed, connection };
}

/**
 * Follows a server-sent event stream and keeps following it: EventSource reconnects by itself
 * after a network cut (sending Last-Event-ID); when the server answers with an error or is
 * restarting, this opens a new one after a pause, resuming after the last event id it saw.
 */
import { useEffect, useRef, useState } from 'react';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

export function useEventStream(
  url: string | null,
  handlers: Record<string, (data: unknown, id: string | undefined) => void>,
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    if (!url) return;
    let source: EventSource | null = null;
    let lastId: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const open = () => {
      const sep = url.includes('?') ? '&' : '?';
      source = new EventSource(lastId ? `${url}${sep}lastEventId=${encodeURIComponent(lastId)}` : url);
      source.onopen = () => setState('open');
      source.onerror = () => {
        if (stopped) return;
        setState('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          timer = setTimeout(open, 2000);
        }
      };
      for (const name of Object.keys(handlersRef.current)) {
        source.addEventListener(name, (e) => {
          const ev = e as MessageEvent<string>;
          if (ev.lastEventId) lastId = ev.lastEventId;
          handlersRef.current[name]?.(JSON.parse(ev.data), ev.lastEventId || undefined);
        });
      }
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [url]);

  return state;
}

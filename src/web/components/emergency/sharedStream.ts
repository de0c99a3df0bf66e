/**
 * One emergency stream per browser, however many staff tabs are open. A browser keeps at most six
 * connections to a server over HTTP/1.1, and each staff screen already holds its own stream (the
 * counter's queue, the live board): a second stream in every tab would use them up after three
 * tabs and leave the next requests hanging. So one tab (the holder of a Web Lock) follows the
 * server and passes every event to the others over a BroadcastChannel; when it closes, the next
 * tab takes the lock and the stream. A tab that joins asks the holder for what is open now.
 * Without those APIs every tab follows the server itself.
 */
import type { Emergency, EmergencyEvent, EmergencySnapshot } from '../../../api/emergencies';
import { laterView } from '../../../domain/emergency';

export type EmergencyMessage =
  | { name: 'snapshot'; data: EmergencySnapshot }
  | { name: 'reported' | 'taken' | 'closed'; data: EmergencyEvent };

type ChannelMessage = EmergencyMessage | { name: 'hello' };

const NAMES = ['snapshot', 'reported', 'taken', 'closed'] as const;
const RETRY_MS = 2_000;

/** Follows the mall's emergencies; returns the way to stop. */
export function followEmergencies(mall: string, deliver: (m: EmergencyMessage) => void): () => void {
  const url = `/api/malls/${encodeURIComponent(mall)}/emergencies/events`;
  const key = `loket-emergencies:${mall}`;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(key) : null;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  let stopServer: (() => void) | null = null;
  // what is open now, as this tab knows it: the holder answers a newcomer's hello with it
  const known = new Map<string, Emergency>();

  const take = (m: EmergencyMessage) => {
    if (m.name === 'snapshot') {
      known.clear();
      for (const e of m.data.open) known.set(e.id, e);
    } else {
      const e = laterView(known.get(m.data.emergency.id), m.data.emergency);
      if (e.status === 'closed') known.delete(e.id);
      else known.set(e.id, e);
    }
    deliver(m);
  };
  const fromServer = (m: EmergencyMessage) => {
    take(m);
    channel?.postMessage(m);
  };

  if (channel) {
    channel.onmessage = (ev: MessageEvent<ChannelMessage>) => {
      const m = ev.data;
      if (m.name === 'hello') {
        if (stopServer)
          channel.postMessage({ name: 'snapshot', data: { open: [...known.values()], serverTime: Date.now() } });
        return;
      }
      if (!stopServer) take(m);
    };
  }

  if (!channel || !locks) {
    stopServer = followServer(url, fromServer);
    return () => {
      stopServer?.();
      channel?.close();
    };
  }

  const abort = new AbortController();
  let release: (() => void) | null = null;
  let stopped = false;
  locks
    .request(key, { signal: abort.signal }, () => {
      // granted after this tab stopped following (the lock came as the screen went away): pass it on
      if (stopped) return Promise.resolve();
      stopServer = followServer(url, fromServer);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    })
    .catch(() => undefined);
  channel.postMessage({ name: 'hello' } satisfies ChannelMessage);
  return () => {
    stopped = true;
    abort.abort();
    stopServer?.();
    stopServer = null;
    release?.();
    channel.close();
  };
}

/**
 * The server's stream, kept open: EventSource reconnects by itself after a network cut (sending
 * Last-Event-ID); when the server refused or was restarting, a new one after a pause, resuming
 * after the last event seen.
 */
function followServer(url: string, deliver: (m: EmergencyMessage) => void): () => void {
  let source: EventSource | null = null;
  let lastId: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const open = () => {
    source = new EventSource(lastId ? `${url}?lastEventId=${encodeURIComponent(lastId)}` : url);
    source.onerror = () => {
      if (stopped || source?.readyState !== EventSource.CLOSED) return;
      source.close();
      timer = setTimeout(open, RETRY_MS);
    };
    for (const name of NAMES) {
      source.addEventListener(name, (e) => {
        const ev = e as MessageEvent<string>;
        if (ev.lastEventId) lastId = ev.lastEventId;
        deliver({ name, data: JSON.parse(ev.data) } as EmergencyMessage);
      });
    }
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}

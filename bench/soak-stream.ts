/**
 * One server-sent event stream followed as a browser's EventSource follows it, for the soak's
 * displays, consoles and phones: when the stream ends or fails it reconnects after the server's
 * `retry`, sending the last event id it saw, so a display misses no call across a reconnection.
 * Raw node:http on a shared agent without a socket limit: the soak holds thousands of these.
 */
import { Agent, type ClientRequest, request as httpRequest } from 'node:http';
import { sseBlockReader } from '../test/support/sse.js';

export interface StreamEvent {
  event: string;
  data: string;
  id?: string;
}

export interface FollowedStream {
  /** resolves at the first event of the first connection */
  ready: Promise<void>;
  /** connections made (1 + reconnections) */
  connections(): number;
  /** connections answered other than 200, and failed or cut ones */
  failures(): number;
  close(): void;
}

const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

export function followStream(
  url: string,
  onEvent: (e: StreamEvent) => void,
  headers: Record<string, string> = {},
): FollowedStream {
  const u = new URL(url);
  let lastId: string | undefined;
  let retryMs = 2000;
  let connections = 0;
  let failures = 0;
  let closed = false;
  let current: ClientRequest | null = null;
  let timer: NodeJS.Timeout | null = null;
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const again = () => {
    current = null;
    if (!closed) timer = setTimeout(connect, retryMs);
  };
  const connect = () => {
    timer = null;
    const req = httpRequest({
      agent,
      host: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      method: 'GET',
      headers: { accept: 'text/event-stream', ...headers, ...(lastId ? { 'last-event-id': lastId } : {}) },
    });
    current = req;
    // one reconnection per connection, whichever of error, end or close comes first
    let over = false;
    const end = (failed: boolean) => {
      if (over || closed) return;
      over = true;
      if (failed) failures++;
      again();
    };
    req.on('error', () => end(true));
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        res.on('end', () => end(true));
        return;
      }
      connections++;
      res.setEncoding('utf8');
      res.on(
        'data',
        sseBlockReader(({ event, data, id, retry }) => {
          if (retry) retryMs = retry;
          if (id) lastId = id;
          if (!event) return;
          resolveReady();
          onEvent({ event, data, ...(id ? { id } : {}) });
        }),
      );
      res.on('end', () => end(false));
      res.on('close', () => end(false));
      res.on('error', () => end(true));
    });
    req.end();
  };
  connect();
  return {
    ready,
    connections: () => connections,
    failures: () => failures,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      current?.destroy();
    },
  };
}

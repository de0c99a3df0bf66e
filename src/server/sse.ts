/**
 * A server-sent event stream on a hijacked reply: headers, heartbeats so proxies keep it open,
 * and cleanup when the client goes away; the app's StreamRegistry counts the open streams and,
 * when the process drains, ends each with a "reconnect" event.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from './request-id.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** this app's open event streams (buildApp decorates it; lifecycle.ts and metrics.ts read it) */
    sseStreams?: StreamRegistry;
  }
}

export interface SseStream {
  send(event: string, data: unknown, id?: string): void;
  /** writes a frame made by sseFrame, so one frame can go to thousands of streams */
  sendFrame(frame: string): void;
  onClose(fn: () => void): void;
  readonly closed: boolean;
}

const HEARTBEAT_MS = 20_000;

export function openStream(request: FastifyRequest, reply: FastifyReply): SseStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx would otherwise buffer the stream
    'x-accel-buffering': 'no',
    // written here, past Fastify's reply (hijacked): the request's id as every answer has it
    [REQUEST_ID_HEADER]: request.id,
  });
  // Reconnect quickly after a restart or a network cut.
  res.write('retry: 2000\n\n');
  let closed = false;
  const closers: (() => void)[] = [];
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const fn of closers) fn();
  };
  request.raw.on('close', close);
  res.on('error', close);
  const registry = request.server.sseStreams;
  if (registry) {
    const handle: OpenStream = {
      route: request.routeOptions.url ?? 'unknown',
      goAway(retryMs, reason = 'draining') {
        if (closed) return;
        // EventSource waits `retry` ms after the stream ends, then reconnects (through the proxy, to
        // a process still serving) sending Last-Event-ID, so nothing is missed
        res.write(`retry: ${retryMs}\n\n${sseFrame('reconnect', { reason })}`);
        res.end();
        close();
      },
    };
    registry.add(request.raw, handle);
    closers.push(() => registry.delete(handle));
    if (registry.closing) handle.goAway(registry.retryMs());
  }
  return {
    send(event, data, id) {
      if (!closed) res.write(sseFrame(event, data, id));
    },
    sendFrame(frame) {
      if (!closed) res.write(frame);
    },
    onClose(fn) {
      // a stream already ended (the client left, or the process is draining) cleans up at once
      if (closed) fn();
      else closers.push(fn);
    },
    get closed() {
      return closed;
    },
  };
}

/** One event as it goes on the wire. */
export function sseFrame(event: string, data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The id a reconnecting EventSource sends back, or the same given as a query parameter. */
export function lastEventId(request: FastifyRequest, fromQuery: string | undefined): string | undefined {
  const header = request.headers['last-event-id'];
  return (typeof header === 'string' && header) || fromQuery || undefined;
}

interface OpenStream {
  /** the route's pattern, for the metrics */
  route: string;
  /** a last event telling the client to reconnect (elsewhere), then the end of the stream */
  goAway(retryMs: number, reason?: 'draining' | 'bus'): void;
}

/**
 * The open streams of one app: counted by route for the metrics, and ended with a "reconnect"
 * event when the process drains (lifecycle.ts), since a stream would otherwise hold the process
 * open until it is cut.
 */
export class StreamRegistry {
  private readonly open = new Set<OpenStream>();
  private readonly requests = new WeakSet<object>();
  /** once draining has ended the streams: any stream opened later is ended at once */
  closing = false;

  add(request: object, stream: OpenStream): void {
    this.open.add(stream);
    this.requests.add(request);
  }

  delete(stream: OpenStream): void {
    this.open.delete(stream);
  }

  /** whether this request became an event stream (its "duration" is the connection's life) */
  isStream(request: object): boolean {
    return this.requests.has(request);
  }

  /** open streams per route pattern */
  countByRoute(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.open) counts.set(s.route, (counts.get(s.route) ?? 0) + 1);
    return counts;
  }

  get size(): number {
    return this.open.size;
  }

  /** 1–3 s: thousands of displays told at once do not all come back in the same instant */
  retryMs(): number {
    return 1000 + Math.floor(Math.random() * 2000);
  }

  /** Tells every open stream to reconnect elsewhere and ends it; later ones are ended on opening. */
  closeAll(): number {
    this.closing = true;
    const streams = [...this.open];
    for (const s of streams) s.goAway(this.retryMs());
    return streams.length;
  }

  /**
   * Ends every open stream with a "reconnect" event, the process still serving: after its bus
   * listener was lost, the streams missed what was published meanwhile, and each catches up on
   * reconnecting (displays replay after Last-Event-ID, counters and tickets read their state anew).
   */
  resumeAll(): number {
    const streams = [...this.open];
    for (const s of streams) s.goAway(this.retryMs(), 'bus');
    return streams.length;
  }
}

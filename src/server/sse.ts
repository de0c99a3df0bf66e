/**
 * A server-sent event stream on a hijacked reply: headers, heartbeats so proxies keep it open,
 * and cleanup when the client goes away.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

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
  return {
    send(event, data, id) {
      if (!closed) res.write(sseFrame(event, data, id));
    },
    sendFrame(frame) {
      if (!closed) res.write(frame);
    },
    onClose(fn) {
      closers.push(fn);
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

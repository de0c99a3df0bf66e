/**
 * The baseline of the SSE benchmark: a plain node:http server that holds server-sent event streams
 * (same headers as the app's, chunked HTTP/1.1) and, on POST /broadcast?id=…&bytes=…, writes one
 * "call" event of exactly that many bytes to every stream, then answers 204.
 *
 *   PORT=4001 node --import tsx bench/bare-sse-server.ts
 */
import { createServer, type ServerResponse } from 'node:http';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const streams = new Set<ServerResponse>();

/** An SSE block of `bytes` bytes (ASCII) whose data carries {"ticket":{"id":id}} like the app's call event. */
function callEvent(id: string, bytes: number): string {
  const head = `id: ${id}\nevent: call\ndata: {"ticket":{"id":"${id}"},"pad":"`;
  const tail = '"}\n\n';
  return head + 'x'.repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/memory') {
    // the bench reads the heap in use beside the RSS (bench/sse.ts serverMemory)
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(process.memoryUsage()));
    return;
  }
  if (req.method === 'GET' && url.pathname === '/events') {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    res.write('event: snapshot\ndata: {}\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
    res.on('error', () => streams.delete(res));
    return;
  }
  if (req.method === 'POST' && url.pathname === '/broadcast') {
    req.resume();
    req.on('end', () => {
      const event = callEvent(url.searchParams.get('id') ?? 'x', Number(url.searchParams.get('bytes') ?? 300));
      for (const s of streams) s.write(event);
      res.writeHead(204).end();
    });
    return;
  }
  if (req.method === 'GET' && url.pathname === '/health') {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: 'ok', streams: streams.size }));
    return;
  }
  res.writeHead(404).end();
});

const shutdown = () => {
  for (const s of streams) s.destroy();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

server.listen(port, host);

/**
 * Many server-sent event subscribers in the bench process, on raw node:http (one agent, no
 * keep-alive, no socket limit). Each client notes performance.now() when a "call" event arrives,
 * keyed by the ticket id in its data, so a caller can measure call → every subscriber.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { sseBlocks } from '../test/support/sse.js';

const TICKET_ID = /"ticket":\{"id":"([^"]+)"/;

export interface SsePool {
  size: number;
  /** bytes of the last "call" event block seen (with its id/event/data lines and blank line) */
  callEventBytes: number;
  /** resolves with the arrival times of `id` at every client, or what came before the timeout */
  arrivals(id: string, timeoutMs: number): Promise<number[]>;
  close(): Promise<void>;
}

export interface ServerMemory {
  /** resident set size, from /proc/<pid>/status (VmRSS) */
  rssMb: number;
  /** V8 heap in use, as the server says it (the app's /metrics, the bare server's /memory) */
  heapMb: number;
}

/** A server child's memory now: its RSS from the kernel, its heap from its own answer. */
export async function serverMemory(pid: number, heapUrl: string, fromMetrics: boolean): Promise<ServerMemory> {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  let heapMb = Number.NaN;
  try {
    const text = await (await fetch(heapUrl)).text();
    heapMb = fromMetrics
      ? Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? Number.NaN) / 1024 / 1024
      : (JSON.parse(text) as { heapUsed: number }).heapUsed / 1024 / 1024;
  } catch {
    // the RSS alone then
  }
  return { rssMb: rssKb / 1024, heapMb };
}

/** The app's event-loop delay p99 (ms) since /metrics was last read (prom-client's monitor). */
export async function eventLoopP99Ms(metricsUrl: string): Promise<number> {
  try {
    const text = await (await fetch(metricsUrl)).text();
    return Number(/^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1] ?? Number.NaN) * 1000;
  } catch {
    return Number.NaN;
  }
}

export function openFileLimit(): string {
  try {
    return execSync('ulimit -n', { shell: '/bin/sh', encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Opens `count` subscribers to `url`, `concurrency` at a time, each ready once it got "snapshot". */
export async function openPool(url: string, count: number, concurrency = 200, timeoutMs = 60_000): Promise<SsePool> {
  const u = new URL(url);
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const requests: ClientRequest[] = [];
  const times = new Map<string, number[]>();
  const waiters = new Map<string, () => void>();
  let closing = false;
  const pool: SsePool = {
    size: 0,
    callEventBytes: 0,
    arrivals(id, waitMs) {
      const got = times.get(id) ?? [];
      if (got.length >= pool.size) return Promise.resolve(got);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(id);
          resolve(times.get(id) ?? []);
        }, waitMs);
        waiters.set(id, () => {
          clearTimeout(timer);
          waiters.delete(id);
          resolve(times.get(id) ?? []);
        });
      });
    },
    async close() {
      closing = true;
      for (const r of requests) r.destroy();
      agent.destroy();
      // Let the server see the disconnects before the next measurement.
      await new Promise((r) => setTimeout(r, 1500));
    },
  };

  const onCall = (block: string, at: number) => {
    const m = TICKET_ID.exec(block);
    if (!m?.[1]) return;
    const id = m[1];
    pool.callEventBytes = Buffer.byteLength(block) + 2;
    let list = times.get(id);
    if (!list) {
      list = [];
      times.set(id, list);
    }
    list.push(at);
    if (list.length >= pool.size) waiters.get(id)?.();
  };

  const openOne = () =>
    new Promise<void>((resolve, reject) => {
      const req = httpRequest({
        agent,
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: 'GET',
        headers: { accept: 'text/event-stream' },
      });
      requests.push(req);
      let ready = false;
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`SSE client got no snapshot within ${timeoutMs} ms`));
      }, timeoutMs);
      req.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (closing) return;
        if (e.code === 'EMFILE' || e.code === 'ENFILE') {
          reject(
            new Error(`${e.code} opening SSE client ${requests.length} of ${count}: ulimit -n is ${openFileLimit()}`),
          );
        } else if (!ready) {
          reject(new Error(`SSE client ${requests.length} of ${count}: ${e.message}`));
        } else {
          console.error(`SSE client dropped: ${e.message}`);
        }
      });
      req.on('response', (res: IncomingMessage) => {
        if (res.statusCode !== 200) {
          clearTimeout(timer);
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => reject(new Error(`SSE ${url} answered ${res.statusCode}: ${body.slice(0, 500)}`)));
          return;
        }
        res.setEncoding('utf8');
        // a chunk's arrival time is each of its events' (the blocks are handed over at once)
        let at = 0;
        const take = sseBlocks((block) => {
          if (block.startsWith('event: call\n') || block.includes('\nevent: call\n')) onCall(block, at);
          else if (!ready && (block.startsWith('event: snapshot\n') || block.includes('\nevent: snapshot\n'))) {
            ready = true;
            clearTimeout(timer);
            resolve();
          }
        });
        res.on('data', (chunk: string) => {
          at = performance.now();
          take(chunk);
        });
        res.on('end', () => {
          if (!closing) console.error('SSE stream ended by the server');
        });
      });
      req.end();
    });

  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await openOne();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } catch (e) {
    closing = true;
    for (const r of requests) r.destroy();
    agent.destroy();
    throw e;
  }
  pool.size = count;
  return pool;
}

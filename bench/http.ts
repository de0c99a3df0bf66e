/** Control requests from the bench process: node:http on one keep-alive agent, timed with performance.now(). */
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface CallOptions {
  body?: unknown;
  cookie?: string;
  csrf?: string;
  timeoutMs?: number;
  /** another agent than the control one (the soak's many concurrent officers) */
  agent?: Agent;
}

const control = new Agent({ keepAlive: true, maxSockets: 8 });

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** performance.now() just before the request was handed to the socket */
  sentAt: number;
  /** performance.now() when the whole answer was read */
  doneAt: number;
  json<T = unknown>(): T;
}

export function call(method: string, url: string, options: CallOptions = {}): Promise<Reply> {
  const u = new URL(url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { agent: options.agent ?? control, host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          const doneAt = performance.now();
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            sentAt,
            doneAt,
            json: <T>() => JSON.parse(text) as T,
          });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error(`${method} ${url}: timed out`)));
    req.on('error', reject);
    const sentAt = performance.now();
    req.end(payload);
  });
}

/** The same, but any status outside 2xx is an error that shows the answer. */
export async function expectOk(method: string, url: string, options: CallOptions = {}): Promise<Reply> {
  const reply = await call(method, url, options);
  if (reply.status < 200 || reply.status > 299) {
    throw new Error(`${method} ${url} answered ${reply.status}: ${reply.text.slice(0, 2000)}`);
  }
  return reply;
}

export function closeControl(): void {
  control.destroy();
}

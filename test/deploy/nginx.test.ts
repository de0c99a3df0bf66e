/**
 * deploy/nginx/loket.conf, checked by Debian's nginx itself: `nginx -t` accepts it as shipped and
 * with its TLS lines turned on; then run for real in front of stand-in upstreams: event streams
 * arrive unbuffered, /assets/ is served from disk with a year's cache, X-Forwarded-* and nginx's
 * own X-Request-Id reach the app, a GET is passed on when a process dies, and a POST that reached
 * a process is never sent again.
 *
 * nginx is required in CI (.ci/run installs it); elsewhere the test is skipped with a warning.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/processes.js';
import { CONF, NGINX, nginxWrapper } from '../support/proxy.js';

if (!NGINX) {
  if (process.env.CI) throw new Error('nginx is required in CI (apt-get install nginx) but was not found');
  console.warn('\n!! nginx not found: deploy/nginx/loket.conf is NOT checked (apt-get install nginx)\n');
}

function nginxTest(dir: string, site: string): { ok: boolean; output: string } {
  const r = spawnSync(NGINX as string, ['-t', '-p', dir, '-e', join(dir, 'error.log'), '-c', nginxWrapper(dir, site)], {
    encoding: 'utf8',
  });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** the TLS lines the file ships commented out, turned on with this certificate */
function withTls(conf: string, cert: string, key: string): string {
  const on = conf
    .replace(/^(\s*)# (listen (\[::\]:)?443 ssl http2;)$/gm, '$1$2')
    .replace(/^(\s*)# ssl_certificate\s+\S+;$/m, `$1ssl_certificate ${cert};`)
    .replace(/^(\s*)# ssl_certificate_key\s+\S+;$/m, `$1ssl_certificate_key ${key};`)
    .replace(/^(\s*)# (if \(\$scheme = http\) \{ return 301 https:\/\/\$host\$request_uri; \})$/m, '$1$2');
  return on;
}

describe.runIf(NGINX)('deploy/nginx/loket.conf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-nginx-'));
  const conf = readFileSync(CONF, 'utf8');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let ipv6 = true;
  beforeAll(async () => {
    ipv6 = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(0, '::', () => probe.close(() => resolve(true)));
    });
  });

  /**
   * `nginx -t` opens the listening sockets: without root (a developer's machine) ports 80 and 443
   * are out of reach and are moved to unprivileged ones; without IPv6 its listen lines go.
   */
  function forThisMachine(site: string): string {
    let out = site;
    if (process.getuid?.() !== 0)
      out = out.replace(/(listen (?:\[::\]:)?)(80|443)\b/g, (_, l, p) => `${l}${p === '80' ? 18080 : 18443}`);
    if (!ipv6) out = out.replace(/^\s*(# )?listen \[::\]:.*$/gm, '');
    return out;
  }

  it('passes nginx -t as shipped', () => {
    const plain = join(dir, 'plain');
    mkdirSync(plain, { recursive: true });
    const site = forThisMachine(conf) === conf ? CONF : join(plain, 'loket.conf');
    if (site !== CONF) writeFileSync(site, forThisMachine(conf));
    const r = nginxTest(plain, site);
    expect(r.output).toContain('test is successful');
    expect(r.ok).toBe(true);
  });

  it('passes nginx -t with its TLS lines uncommented (a self-signed certificate in place of certbot’s)', () => {
    const tls = join(dir, 'tls');
    mkdirSync(tls, { recursive: true });
    const cert = join(tls, 'fullchain.pem');
    const key = join(tls, 'privkey.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'ignore' },
    );
    const on = withTls(conf, cert, key);
    // every TLS line the comments promise was found and turned on
    expect(on.match(/^\s*listen (\[::\]:)?443 ssl http2;$/gm)).toHaveLength(2);
    expect(on).toMatch(/^\s*ssl_certificate_key \S+privkey\.pem;$/m);
    expect(on).toMatch(/^\s*if \(\$scheme = http\)/m);
    const site = join(tls, 'loket.conf');
    writeFileSync(site, forThisMachine(on));
    const r = nginxTest(tls, site);
    expect(r.output).toContain('test is successful');
    expect(r.ok).toBe(true);
  });

  it('sets what the event streams, uploads and retries need', () => {
    const events = conf.match(/location ~ \^\/api\/\(\.\+\/\)\?events\$ \{([^}]*)\}/)?.[1] ?? '';
    for (const line of ['proxy_buffering off;', 'proxy_cache off;', 'gzip off;', 'proxy_read_timeout 1h;']) {
      expect(events).toContain(line);
    }
    expect(conf).toMatch(/^\s*client_max_body_size 16m;$/m);
    expect(conf).toMatch(/^\s*proxy_http_version 1\.1;$/m);
    expect(conf).toMatch(/^\s*proxy_set_header Connection "";$/m);
    expect(conf).toMatch(/^\s*keepalive \d+;$/m);
    expect(conf).toMatch(/^\s*proxy_next_upstream_tries \d+;$/m);
    // a POST that reached a process must never be sent to another
    expect(conf).not.toMatch(/^\s*proxy_next_upstream\b[^;]*non_idempotent/m);
    // the headers are set once, in the server block: a location setting one would drop the others
    expect(conf.match(/^\s*proxy_set_header/gm)?.length).toBe(conf.match(/^ {4}proxy_set_header/gm)?.length);
  });

  describe('running, in front of stand-in processes', () => {
    let nginx: ChildProcess;
    let base: string;
    let good: Server;
    let dying: Server;
    /** requests the good process received */
    const seen: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
    let dyingHits = 0;
    const assets = join(dir, 'web');

    beforeAll(async () => {
      // one process answers (an event stream that sends an event, then another 1.5 s later);
      // the other takes each request and dies before answering, as a killed process does
      good = createServer((req, res) => {
        seen.push({ method: req.method as string, url: req.url as string, headers: req.headers });
        if (req.url?.endsWith('/events')) {
          // no X-Accel-Buffering here: the proxy's own settings must let the first event through
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          res.write(`event: first\ndata: ${Date.now()}\n\n`);
          const later = setTimeout(() => res.end(`event: second\ndata: ${Date.now()}\n\n`), 1500);
          req.on('close', () => clearTimeout(later));
          return;
        }
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ by: 'good' }));
        });
      });
      dying = createServer((req) => {
        dyingHits++;
        req.resume();
        req.on('end', () => req.socket.destroy());
      });
      const [goodPort, dyingPort, port] = await Promise.all([freePort(), freePort(), freePort()]);
      await new Promise<void>((r) => good.listen(goodPort, '127.0.0.1', r));
      await new Promise<void>((r) => dying.listen(dyingPort, '127.0.0.1', r));
      mkdirSync(join(assets, 'assets'), { recursive: true });
      writeFileSync(join(assets, 'assets', 'index-Abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});\n`);
      // the shipped file with its addresses pointed here: the port, the processes, the build
      const site = conf
        .replace(/^\s*listen \[::\]:80;$/m, '')
        .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`)
        .replace(/^(\s*server 127\.0\.0\.1:)3001( .*)$/m, `$1${dyingPort}$2`)
        .replace(/^(\s*server 127\.0\.0\.1:)3002( .*)$/m, `$1${goodPort}$2`)
        .replace(/^\s*server 127\.0\.0\.1:3003 .*$/m, '')
        // no passive marking-down here: every request below meets the dying process in turn
        .replaceAll('max_fails=3', 'max_fails=0')
        .replace(/^(\s*)root \/srv\/loket\/dist\/web;$/m, `$1root ${assets};`);
      expect(site).toContain(`127.0.0.1:${dyingPort}`);
      expect(site).toContain(`root ${assets};`);
      const run = join(dir, 'run');
      const siteFile = join(dir, 'run-loket.conf');
      writeFileSync(siteFile, site);
      const wrapped = nginxWrapper(run, siteFile);
      let out = '';
      nginx = spawn(NGINX as string, ['-p', run, '-e', join(run, 'error.log'), '-c', wrapped], { stdio: 'pipe' });
      nginx.stderr?.on('data', (d) => (out += d));
      base = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        if (nginx.exitCode !== null) throw new Error(`nginx exited ${nginx.exitCode}: ${out}`);
        try {
          await fetch(`${base}/assets/index-Abc123.js`);
          break;
        } catch {
          if (i > 50) throw new Error(`nginx did not start: ${out}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });

    afterAll(async () => {
      if (nginx && nginx.exitCode === null) {
        const exited = new Promise((r) => nginx.once('exit', r));
        nginx.kill('SIGTERM');
        await exited;
      }
      good?.close();
      dying?.close();
    });

    it('passes an event as soon as the process sends it (no buffering), the stream staying open', async () => {
      const began = Date.now();
      const res = await fetch(`${base}/api/malls/blora/events`, { headers: { accept: 'text/event-stream' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      expect(res.headers.get('content-encoding')).toBeNull();
      const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
      const firstAfter = Date.now() - began;
      expect(text).toContain('event: first');
      // the second event is 1.5 s later: the first came well before it, not held in a buffer
      expect(firstAfter).toBeLessThan(1000);
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      expect(text).toContain('event: second');
      // passed on from the dying process if it was tried first: a GET may be
      expect(seen.filter((s) => s.url === '/api/malls/blora/events')).toHaveLength(1);
    });

    it('sends X-Forwarded-For (replacing a forged one), -Proto and Host, on HTTP/1.1 kept alive', async () => {
      seen.length = 0;
      // (fetch will not send a Host of its own: node:http does)
      const status = await new Promise<number>((resolve, reject) => {
        request(`${base}/api/malls`, { headers: { 'x-forwarded-for': '203.0.113.9', host: 'mpp.test' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode as number));
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(200);
      const h = seen.at(-1)?.headers as IncomingHttpHeaders;
      expect(h['x-forwarded-for']).toBe('127.0.0.1');
      expect(h['x-forwarded-proto']).toBe('http');
      expect(h.host).toBe('mpp.test');
      expect(h.connection).toBeUndefined();
    });

    it('sends each request its own X-Request-Id, nginx’s 32 hex digits, replacing a client’s', async () => {
      seen.length = 0;
      await (await fetch(`${base}/api/malls`)).arrayBuffer();
      await (await fetch(`${base}/api/malls`, { headers: { 'x-request-id': 'chosen-by-the-client' } })).arrayBuffer();
      await (await fetch(`${base}/blora/kiosk`)).arrayBuffer();
      const ids = seen.map((s) => s.headers['x-request-id']);
      expect(ids).toHaveLength(3);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(ids).size).toBe(3);
    });

    it('serves /assets/ from disk, cached for a year and immutable, compressed', async () => {
      seen.length = 0;
      const res = await fetch(`${base}/assets/index-Abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('max-age=31536000');
      expect(res.headers.get('cache-control')).toContain('immutable');
      expect(res.headers.get('expires')).not.toBeNull();
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(await res.text()).toContain('console.log');
      expect(seen).toHaveLength(0);
      // a name not on disk goes to the app
      await fetch(`${base}/assets/gone-Old999.js`);
      expect(seen.map((s) => s.url)).toEqual(['/assets/gone-Old999.js']);
    });

    it('passes a GET on when a process dies, and never a POST that reached it', async () => {
      const send = async (method: 'GET' | 'POST') => {
        const res = await fetch(`${base}/api/malls/blora/tickets`, {
          method,
          ...(method === 'POST'
            ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'x' }) }
            : {}),
        });
        await res.arrayBuffer();
        return res.status;
      };
      // round robin over the two: half of the requests meet the dying process first
      seen.length = 0;
      dyingHits = 0;
      const gets = [];
      for (let i = 0; i < 6; i++) gets.push(await send('GET'));
      expect(dyingHits).toBeGreaterThanOrEqual(2);
      expect(gets).toEqual([200, 200, 200, 200, 200, 200]);
      expect(seen).toHaveLength(6);

      seen.length = 0;
      dyingHits = 0;
      const posts = [];
      for (let i = 0; i < 6; i++) posts.push(await send('POST'));
      const failed = posts.filter((s) => s === 502).length;
      // a POST the dying process took is answered 502, not sent again to the good one
      expect(dyingHits).toBeGreaterThanOrEqual(2);
      expect(failed).toBe(dyingHits);
      expect(seen).toHaveLength(posts.length - failed);
      expect(posts.filter((s) => s === 200)).toHaveLength(posts.length - failed);
    });
  });
});

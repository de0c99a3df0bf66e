/**
 * deploy/nginx/loket.conf run for real (Debian's nginx) in front of app processes on the given
 * ports, for the fault tests and the soak: the shipped file with only its addresses changed (the
 * listening port, the upstream servers, the web build's directory) and, for the observer, each
 * response's upstream address in `X-Loket-Upstream`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './processes.js';

export const CONF = join(import.meta.dirname, '../../deploy/nginx/loket.conf');
const UNIT = join(import.meta.dirname, '../../deploy/systemd/loket@.service');
export const NGINX: string | null =
  ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p)) ?? null;

/** an nginx.conf around a site file, as Debian's includes it in its http block, all paths in `dir` */
export function nginxWrapper(dir: string, site: string, connections = 256): string {
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, d), { recursive: true });
  const mime = existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : '';
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_rlimit_nofile ${connections * 2 + 64};
events { worker_connections ${connections}; }
http {
  ${mime}
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # compressing whatever it can, as a site may: the streams' location must turn it off
  gzip on;
  gzip_types text/event-stream text/plain application/json;
  include ${site};
}
`,
  );
  return conf;
}

/** The Loket variables deploy/systemd/loket@.service sets (Environment=), to run processes as deployed. */
export function unitEnvironment(): Record<string, string> {
  const unit = readFileSync(UNIT, 'utf8');
  return Object.fromEntries(
    [...unit.matchAll(/^Environment=(LOKET_[A-Z0-9_]+)=(\S+)$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );
}

export interface NginxProxy {
  base: string;
  /** nginx's error log so far */
  errors(): string;
  stop(): Promise<void>;
}

/**
 * Starts nginx with the shipped site in front of `upstreams` (ports on 127.0.0.1), as shipped
 * otherwise: least_conn, max_fails=3 fail_timeout=10s, keepalive, the retry rules.
 */
export async function startProxy(upstreams: number[], options: { connections?: number } = {}): Promise<NginxProxy> {
  if (!NGINX) throw new Error('nginx not found (apt-get install nginx)');
  const dir = mkdtempSync(join(tmpdir(), 'loket-proxy-'));
  const port = await freePort();
  const shipped = readFileSync(CONF, 'utf8');
  const servers = /^(\s*)server 127\.0\.0\.1:3001( .*)$/m.exec(shipped);
  if (!servers) throw new Error('deploy/nginx/loket.conf: the upstream line for 3001 was not found');
  const [, indent, rest] = servers;
  const site = shipped
    .replace(/^\s*listen \[::\]:80;$/m, '')
    .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^\s*server 127\.0\.0\.1:300[23] .*\n/gm, '')
    .replace(servers[0], upstreams.map((p) => `${indent}server 127.0.0.1:${p}${rest}`).join('\n'))
    .replace(/^(\s*)root \/srv\/loket\/dist\/web;$/m, `$1root ${join(dir, 'web')};`)
    // for the observer: which process answered (or failed) each request
    .replace(
      /^(\s*)server_tokens off;$/m,
      '$1server_tokens off;\n$1add_header X-Loket-Upstream $upstream_addr always;',
    );
  for (const p of upstreams) if (!site.includes(`server 127.0.0.1:${p} `)) throw new Error('upstreams not set');
  const siteFile = join(dir, 'loket.conf');
  writeFileSync(siteFile, site);
  const run = join(dir, 'run');
  const conf = nginxWrapper(run, siteFile, options.connections ?? 1024);
  let out = '';
  const nginx: ChildProcess = spawn(NGINX, ['-p', run, '-e', join(run, 'error.log'), '-c', conf], { stdio: 'pipe' });
  nginx.stderr?.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited ${nginx.exitCode}: ${out}`);
    try {
      await fetch(`${base}/assets/none.js`);
      break;
    } catch {
      if (i > 50) throw new Error(`nginx did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base,
    errors: () => {
      try {
        return readFileSync(join(run, 'error.log'), 'utf8');
      } catch {
        return out;
      }
    },
    async stop() {
      if (nginx.exitCode === null) {
        const exited = new Promise((r) => nginx.once('exit', r));
        nginx.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The servers under test, each in its own child process. A child that dies while it is being
 * measured stops the whole bench loudly (its output printed, exit code 1); every child is killed
 * when the bench ends, fails or is interrupted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const OUTPUT_LIMIT = 200_000;

export interface Child {
  name: string;
  base: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const live = new Set<Child>();
let spawned = 0;
const cleanups: (() => Promise<void>)[] = [];
let failing = false;

/** Runs at the end, on failure and on Ctrl-C (e.g. dropping a Postgres schema). Returns the remover. */
export function onCleanup(fn: () => Promise<void>): () => void {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export async function cleanupAll(): Promise<void> {
  await Promise.all([...live].map((c) => c.stop()));
  for (const fn of cleanups.splice(0).reverse()) {
    await fn().catch((e: unknown) => console.error(`cleanup failed: ${String(e)}`));
  }
}

/** Prints why, stops everything, exits non-zero. */
export async function fail(message: string, code = 1): Promise<never> {
  if (!failing) {
    failing = true;
    console.error(`\nbench FAILED: ${message}`);
    const timer = setTimeout(() => process.exit(code), 15_000);
    timer.unref();
    await cleanupAll().catch(() => {});
    process.exit(code);
  }
  return new Promise<never>(() => {});
}

process.on('exit', () => {
  for (const c of live) c.process.kill('SIGKILL');
});
process.once('SIGINT', () => void fail('interrupted (SIGINT)', 130));
process.once('SIGTERM', () => void fail('terminated (SIGTERM)', 143));
process.on('unhandledRejection', (e) => void fail(`unhandled rejection: ${e instanceof Error ? e.stack : String(e)}`));

import { freePort } from '../test/support/processes.js';

export { freePort };

/**
 * Spawns `node --import tsx <script> …args` from the repository root with PORT and HOST set, and
 * waits until GET <healthPath> answers 200.
 */
export async function startChild(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  healthPath: string,
  timeoutMs = 90_000,
): Promise<Child> {
  const port = await freePort();
  const profile: string[] = [];
  if (process.env.BENCH_PROFILE === '1') {
    // V8 CPU profiles, one directory per child; open them in Chrome DevTools or speedscope.
    const slug = `${++spawned}-${name
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()}`;
    profile.push('--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench', 'results', 'profiles', slug)}`);
  }
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const append = (d: Buffer) => {
    out += d.toString();
    if (out.length > OUTPUT_LIMIT) out = out.slice(-OUTPUT_LIMIT);
  };
  proc.stdout?.on('data', append);
  proc.stderr?.on('data', append);
  let stopping = false;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: Child = {
    name,
    base: `http://127.0.0.1:${port}`,
    process: proc,
    output: () => out,
    async stop() {
      stopping = true;
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 8_000);
        await exited;
        clearTimeout(timer);
      }
      live.delete(child);
    },
  };
  live.add(child);
  proc.once('exit', (code, signal) => {
    live.delete(child);
    if (!stopping) {
      const hint =
        code === 0 && signal === null
          ? ' (the app exits 0 after its SIGTERM/SIGINT handler: did something outside the bench signal it?)'
          : '';
      void fail(
        `${name} (pid ${proc.pid}) exited unexpectedly (code ${code}, signal ${signal})${hint}. Its output:\n${out}`,
      );
    }
  });
  proc.once('error', (e) => void fail(`${name} could not be spawned: ${e.message}`));

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${child.base}${healthPath}`);
      if (res.ok) return child;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await child.stop();
      return fail(`${name} did not answer ${healthPath} within ${timeoutMs} ms. Its output:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

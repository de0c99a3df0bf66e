/**
 * The heap a process keeps after a full collection — what a leak would grow — read from a V8
 * heap snapshot (V8 collects garbage before it writes one). The processes run with
 * `--heapsnapshot-signal=SIGTTIN` (not SIGUSR2: close-with-grace stops the server on it) and a
 * diagnostic directory of their own; writing a ~100 MB heap blocks the process for a few
 * seconds, so the soak takes one before its day and one after.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Child } from './children.js';

export const SNAPSHOT_SIGNAL = 'SIGTTIN';

/** A directory for a process's snapshots, and the NODE_OPTIONS that make it write them there on the signal. */
export function snapshotOptions(): { dir: string; nodeOptions: string } {
  const dir = mkdtempSync(join(tmpdir(), 'loket-soak-heap-'));
  const inherited = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : '';
  return { dir, nodeOptions: `${inherited}--heapsnapshot-signal=${SNAPSHOT_SIGNAL} --diagnostic-dir=${dir}` };
}

/** Asks the process for a snapshot, waits for it, and returns the live objects' size in MB. */
export async function retainedHeapMb(child: Child, dir: string, timeoutMs = 120_000): Promise<number> {
  const before = new Set(readdirSync(dir));
  child.process.kill(SNAPSHOT_SIGNAL);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    // the snapshot is written on the process's main thread: once it answers again, the file is whole
    if (file && (await answers(child))) {
      const path = join(dir, file);
      const size = statSync(path).size;
      const mb = liveBytes(readFileSync(path, 'utf8')) / 1024 / 1024;
      rmSync(path, { force: true });
      if (size === 0) throw new Error(`${child.name}: an empty heap snapshot`);
      return Math.round(mb * 10) / 10;
    }
    if (Date.now() > deadline) throw new Error(`${child.name}: no heap snapshot within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function answers(child: Child): Promise<boolean> {
  try {
    return (await fetch(`${child.base}/api/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** The sum of every node's self size in a .heapsnapshot (its nodes are flat arrays of `node_fields`). */
function liveBytes(text: string): number {
  const snapshot = JSON.parse(text) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const at = fields.indexOf('self_size');
  let total = 0;
  for (let i = at; i < snapshot.nodes.length; i += fields.length) total += snapshot.nodes[i] as number;
  return total;
}

/**
 * Reads V8 CPU profiles (.cpuprofile, as BENCH_PROFILE=1 writes them under bench/results/profiles/)
 * and prints where the time went: self time by package (fastify, kysely, pg, pino, the app's own
 * modules, node's internals, the garbage collector, idle), the top functions by self time, and the
 * app's functions by total time (themselves and what they call).
 *
 *   node --import tsx bench/profile-summary.ts bench/results/profiles/1-loket-app-sqlite [--top 30]
 *     [--last 10]          only the profile's last 10 seconds (the measured run: the bench stops the
 *                          server right after it), leaving out start-up and warm-up
 *     [--callers writev]   also the stacks (app and package frames) that call a function, by time
 *
 * A directory is read whole (every .cpuprofile in it, summed).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] as string) : undefined;
};
const TOP = Number(option('--top') ?? 30);
const LAST_MS = option('--last') === undefined ? Number.POSITIVE_INFINITY : Number(option('--last')) * 1000;
const CALLERS = option('--callers');
const paths = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (paths.length === 0) {
  console.error('usage: bench/profile-summary.ts <file.cpuprofile | directory>… [--top N]');
  process.exit(2);
}

const files = paths.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(p, f))
    : [p],
);

/** The package (or part of the app) a frame belongs to. */
export function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(program)') return '(program: native, not JS)';
    return '(native)';
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? '?');
    return name;
  }
  if (url.startsWith('node:')) {
    const m = /^node:internal\/(deps\/)?([^/]+)/.exec(url);
    return `node:${m ? m[2] : url.slice(5)}`;
  }
  const src = /\/src\/(server\/(?:modules\/[^/]+|db|events|plugins|[^/]+)|domain|api)/.exec(url);
  if (src) return `app:${(src[1] as string).replace(/\.ts$/, '')}`;
  return url.replace(/^file:\/\//, '');
}

const selfByPackage = new Map<string, number>();
const selfByFunction = new Map<string, number>();
const totalByAppFunction = new Map<string, number>();
const callerStacks = new Map<string, number>();
let total = 0;
let idle = 0;

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const from = profile.endTime - LAST_MS * 1000;
  let at = profile.startTime;
  for (const [k, nodeId] of profile.samples.entries()) {
    at += profile.timeDeltas[k] ?? 0;
    if (at < from) continue;
    const dt = (profile.timeDeltas[k] ?? 0) / 1000; // µs → ms
    const node = byId.get(nodeId);
    if (!node) continue;
    const frame = node.callFrame;
    const pkg = packageOf(frame);
    total += dt;
    if (pkg === '(idle)') idle += dt;
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + dt);
    const fn = `${frame.functionName || '(anonymous)'} ${pkg} ${frame.url.split('/').slice(-1)[0]}:${frame.lineNumber + 1}`;
    selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + dt);
    if (CALLERS && frame.functionName === CALLERS) {
      const stack: string[] = [];
      for (let id = parent.get(nodeId); id !== undefined && stack.length < 8; id = parent.get(id)) {
        const f = (byId.get(id) as ProfileNode).callFrame;
        const name = `${f.functionName || '(anonymous)'}@${packageOf(f)}`;
        if (stack[stack.length - 1] !== name) stack.push(name);
      }
      const key = stack.join(' < ');
      callerStacks.set(key, (callerStacks.get(key) ?? 0) + dt);
    }
    // the app's own functions on the stack, each counted once per sample
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parent.get(id)) {
      const f = (byId.get(id) as ProfileNode).callFrame;
      if (!packageOf(f).startsWith('app:')) continue;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/src/')[1] ?? f.url}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      totalByAppFunction.set(key, (totalByAppFunction.get(key) ?? 0) + dt);
    }
  }
}

const busy = total - idle;
const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)} %`;
const print = (title: string, m: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${pct(ms)}  ${ms.toFixed(0).padStart(7)} ms  ${k}`);
  }
};

console.log(
  `${files.length} profile(s): ${total.toFixed(0)} ms sampled, ${idle.toFixed(0)} ms idle, ${busy.toFixed(0)} ms busy (shares below are of busy time)`,
);
const idleOut = new Map(selfByPackage);
idleOut.delete('(idle)');
print('self time by package', idleOut, 40);
print(`top ${TOP} functions by self time`, selfByFunction, TOP);
print(`top ${TOP} app functions by total time (with what they call)`, totalByAppFunction, TOP);
if (CALLERS) print(`what calls ${CALLERS}`, callerStacks, 15);

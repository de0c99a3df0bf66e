/**
 * The web app (src/web) is built by Vite into dist/web. `npm start` builds it when the build is
 * missing or older than its sources, so a fresh checkout needs no extra step.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
/** LOKET_WEB_DIST puts the build elsewhere (several checkouts or test runs side by side). */
export const webDist = process.env.LOKET_WEB_DIST ?? join(projectRoot, 'dist', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function webBuildIsStale(): boolean {
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = ['src/web', 'src/api', 'src/domain'].map((d) => newestMtime(join(projectRoot, d)));
  return Math.max(...sources, statSync(join(projectRoot, 'vite.config.ts')).mtimeMs) > built;
}

export async function ensureWebBuilt(log: (msg: string) => void = console.log): Promise<void> {
  if (!webBuildIsStale()) return;
  // Several processes starting at once (a deployment, a test) must not build into one folder
  // together: the first takes the lock, the others wait for it and find the build fresh.
  const lock = `${webDist}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes was left by a build that died.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!webBuildIsStale()) return;
    log('Membangun tampilan web / building the web app (vite)…');
    const { build } = await import('vite');
    await build({
      configFile: join(projectRoot, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: webDist, emptyOutDir: true },
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

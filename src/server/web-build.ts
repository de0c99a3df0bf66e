/**
 * The web app (src/web) is built by Vite into dist/web. `npm start` builds it when the build is
 * missing or older than its sources, so a fresh checkout needs no extra step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
  log('Membangun tampilan web / building the web app (vite)…');
  const { build } = await import('vite');
  await build({
    configFile: join(projectRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDist, emptyOutDir: true },
  });
}

/**
 * What a browser test needs: the web app built once, a real app process on a fresh SQLite file
 * (restartable on the same port, to test recovery), Chromium, and axe-core in the page.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureWebBuilt } from '../src/server/web-build.js';
import { type AppProcess, freePort, startProcess } from '../test/support/processes.js';
import { CHROMIUM } from './browser.js';

export const PASSWORD = 'kata-sandi-uji-1';

/** Browser tests run wherever Chromium is; CI installs it and requires them. */
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  if (process.env.CI) throw new Error(`Chromium is required in CI but ${CHROMIUM} is missing`);
  console.warn(`\n!! ${CHROMIUM} not found: browser tests are NOT run (apt-get install chromium)\n`);
}

export interface Hall {
  base: string;
  /** the SQLite file the app runs on */
  database: string;
  app: AppProcess;
  restart(): Promise<void>;
  kill(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `extraEnv` adds to the app's environment. Halls start without the demo history (a test that
 * needs past weeks asks for LOKET_DEMO_HISTORY_DAYS), so they start fast and alike.
 */
export async function startHall(extraEnv: Record<string, string> = {}): Promise<Hall> {
  await ensureWebBuilt(() => {});
  const dir = mkdtempSync(join(tmpdir(), 'loket-e2e-'));
  const port = await freePort();
  const database = join(dir, 'loket.db');
  const env = {
    LOKET_DEMO_HISTORY_DAYS: '0',
    ...extraEnv,
    DATABASE_URL: `sqlite:${database}`,
    LOKET_SEED_PASSWORD: PASSWORD,
  };
  const hall: Hall = {
    base: `http://127.0.0.1:${port}`,
    database,
    app: await startProcess(env, 60_000, port),
    async kill() {
      // A hard stop, as a power cut or a crash would do.
      hall.app.child.kill('SIGKILL');
      await new Promise((r) => hall.app.child.once('exit', r));
    },
    async start() {
      hall.app = await startProcess(env, 60_000, port);
    },
    async restart() {
      await hall.kill();
      await hall.start();
    },
    async close() {
      await hall.app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return hall;
}

/** Runs axe-core's WCAG 2.1 A/AA rules in the page and returns the violations, described. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluated, not added as a script tag: the app's Content-Security-Policy forbids inline scripts
  await page.evaluate(readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<any> } }).axe;
    return axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
  });
  return (result.violations as any[]).map(
    (v) =>
      `${v.id}: ${v.help} — ${v.nodes
        .map((n: any) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}

/** Records what the page hands to speech synthesis, in window.__spoken. */
export const RECORD_SPEECH = () => {
  const spoken: string[] = [];
  (window as unknown as { __spoken: string[] }).__spoken = spoken;
  if (!('speechSynthesis' in window)) return;
  const synth = window.speechSynthesis;
  synth.speak = (u: SpeechSynthesisUtterance) => {
    spoken.push(u.text);
    // A real engine ends the utterance; do the same so the display moves to the next one.
    setTimeout(() => u.dispatchEvent(new Event('end')), 50);
  };
};

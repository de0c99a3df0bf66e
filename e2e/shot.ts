/**
 * One screenshot, for looking at a screen while building it:
 *   npx tsx e2e/shot.ts <url> <out.png> [width] [height] [--full]
 */
import { launchBrowser } from './browser.js';

const [url, out, w = '1366', h = '768', full] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: tsx e2e/shot.ts <url> <out.png> [width] [height] [--full]');
  process.exit(2);
}
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('console:', m.text());
  });
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  await page.screenshot({ path: out, fullPage: full === '--full' });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}

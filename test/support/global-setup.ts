/** Before any test file: build the web screens once, so app processes started by tests find them fresh. */
import { ensureWebBuilt } from '../../src/server/web-build.js';

export default async function setup(): Promise<void> {
  await ensureWebBuilt(() => {});
}

/**
 * An outbox worker in a process of its own, for test/db/outbox.test.ts to kill mid-send:
 * DATABASE_URL names the test database, LEASE_MS the lease it takes messages with. Its clock is
 * the real one (Date.now), like a serving process's. Prints "ready" once its worker runs.
 *
 *   node --import tsx test/support/outbox-child.ts
 */
import { openDatabase, parseDatabaseUrl } from '../../src/server/db/database.js';
import { OutboxWorker } from '../../src/server/modules/messages/worker.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('outbox-child: DATABASE_URL is required');
const leaseMs = Number(process.env.LEASE_MS ?? '2000');

const database = await openDatabase(parseDatabaseUrl(url));
const worker = new OutboxWorker(database.db, Date.now, {
  leaseMs,
  intervalMs: 100,
  log: {
    warn: (obj, msg) => console.error('warn', msg, JSON.stringify(obj)),
    error: (obj, msg) => console.error('error', msg, String((obj as { error?: unknown }).error)),
  },
});
worker.start();
// the worker's timer does not hold the process open by itself
const keepAlive = setInterval(() => {}, 60_000);
process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void worker.stop().then(() => database.close());
});
console.log('ready');

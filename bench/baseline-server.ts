/**
 * The baseline of the ticket benchmark: a bare Fastify server with one route that inserts one row
 * and selects it back, on the same database as the app (same engine, same pragmas, same pool),
 * so the app's issuing rate can be read against what the database and HTTP allow on this machine.
 *
 *   DATABASE_URL=sqlite:/tmp/x/loket.db PORT=4000 node --import tsx bench/baseline-server.ts
 */
import Fastify from 'fastify';
import { openDatabase, parseDatabaseUrl } from '../src/server/db/database.js';
import { newId } from '../src/server/ids.js';

interface BaselineTable {
  id: string;
  payload: string;
  at: number;
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('baseline-server: DATABASE_URL is required');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

const database = await openDatabase(parseDatabaseUrl(url));
const db = database.db.withTables<{ bench_baseline: BaselineTable }>();
await db.schema
  .createTable('bench_baseline')
  .ifNotExists()
  .addColumn('id', 'text', (c) => c.primaryKey())
  .addColumn('payload', 'text')
  .addColumn('at', 'bigint')
  .execute();

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });

app.get('/health', async () => ({ status: 'ok' }));

app.post('/baseline', async (request, reply) => {
  const id = newId();
  await db
    .insertInto('bench_baseline')
    .values({ id, payload: JSON.stringify(request.body ?? null), at: Date.now() })
    .execute();
  const row = await db.selectFrom('bench_baseline').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return reply.status(201).send(row);
});

const shutdown = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());

await app.listen({ port, host });

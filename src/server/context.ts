/** What a running server holds: its config, its database and its event bus. */
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/database.js';
import { channelName, type EventBus, memoryBus, postgresBus } from './events/bus.js';

export interface AppContext {
  config: Config;
  database: Database;
  bus: EventBus;
  close(): Promise<void>;
}

export async function createContext(
  config: Config,
  log: { error(obj: unknown, msg?: string): void } = console,
): Promise<AppContext> {
  const database = await openDatabase(config.database);
  // A connection the server ends (a restart, a failover, pg_terminate_backend) errs: idle in the
  // pool, or held between a transaction's statements. Unheard, that error would end the process;
  // heard, the pool drops the connection (the held one when it is given back, its transaction
  // failed) and opens a new one for the next query.
  database.pool?.on('connect', (client) =>
    client.on('error', (error) => log.error(error, 'database: a connection was lost; the pool opens anew')),
  );
  database.pool?.on('error', () => {}); // the idle one's error, already logged by its listener above
  const bus =
    database.pool && config.database.kind === 'postgres'
      ? await postgresBus(database.pool, channelName(config.database.schema), log)
      : memoryBus();
  return {
    config,
    database,
    bus,
    async close() {
      await bus.close();
      await database.close();
    },
  };
}

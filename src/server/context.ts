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

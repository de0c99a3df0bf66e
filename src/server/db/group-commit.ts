/**
 * Group commit: small writes that arrive together are handed to one `write` as a batch, inside
 * one transaction, so one disk sync (SQLite with synchronous=FULL) or one commit round trip
 * (PostgreSQL) covers them all, and a set-based `write` needs a few statements per batch instead
 * of a few per item (on PostgreSQL each statement is a round trip on the one connection the batch
 * holds). Nobody's answer goes out before the transaction holding their item has committed.
 *
 * `write` returns one result per input, in order. It must not throw for an expected refusal
 * (return a value saying so): a throw rolls back the whole batch. When a batch fails anyway, each
 * of its items is written again alone, so only the item that fails gets the error — unless the
 * database stores nothing at all (src/server/db/storage-fault.ts): then every item gets that error.
 */
import type { Kysely, Transaction } from 'kysely';
import { storageFault } from './storage-fault.js';

type Pending<In> = {
  input: In;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type BatchWrite<DB, In, Out> = (tx: Transaction<DB>, batch: In[]) => Promise<Out[]>;

export class GroupCommit<DB, In, Out> {
  private pending: Pending<In>[] = [];
  private flushing = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly write: BatchWrite<DB, In, Out>,
    private readonly maxBatch = 64,
  ) {}

  run(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Let the requests already waiting on the socket join this batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        const results = await this.writeInTransaction(batch.map((p) => p.input));
        for (const [i, p] of batch.entries()) p.resolve(results[i]);
      } catch (error) {
        // a database that stores nothing (disk full, read-only) refuses each item alone as well
        if (storageFault(error)) {
          for (const p of batch) p.reject(error);
          continue;
        }
        for (const p of batch) {
          await this.writeInTransaction([p.input]).then((r) => p.resolve(r[0]), p.reject);
        }
      }
    }
    this.flushing = false;
  }

  private async writeInTransaction(inputs: In[]): Promise<Out[]> {
    const results = await this.db.transaction().execute((tx) => this.write(tx, inputs));
    if (results.length !== inputs.length) {
      throw new Error(`group commit: ${results.length} results for ${inputs.length} inputs`);
    }
    return results;
  }
}

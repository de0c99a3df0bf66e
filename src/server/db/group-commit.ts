/**
 * Group commit: small write jobs that arrive together run in one transaction, so one disk sync
 * (SQLite with synchronous=FULL) or one commit round trip (PostgreSQL) covers them all. Nobody's
 * answer goes out before the transaction holding their job has committed.
 *
 * A job must not throw for an expected refusal (return a value saying so): a throw rolls back the
 * whole batch. When a batch fails anyway, each of its jobs is run again alone, so only the job
 * that fails gets the error.
 */
import type { Kysely, Transaction } from 'kysely';

type Job<DB> = {
  run: (tx: Transaction<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export class GroupCommit<DB> {
  private pending: Job<DB>[] = [];
  private flushing = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly maxBatch = 64,
  ) {}

  run<T>(job: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: job, resolve: resolve as (v: unknown) => void, reject });
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
        const results = await this.db.transaction().execute(async (tx) => {
          const out: unknown[] = [];
          for (const job of batch) out.push(await job.run(tx));
          return out;
        });
        for (const [i, job] of batch.entries()) job.resolve(results[i]);
      } catch {
        for (const job of batch) {
          await this.db
            .transaction()
            .execute((tx) => job.run(tx))
            .then(job.resolve, job.reject);
        }
      }
    }
    this.flushing = false;
  }
}

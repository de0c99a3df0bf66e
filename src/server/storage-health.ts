/**
 * What this process last learnt about its database's storage: a write refused for want of space
 * or because the database is read-only (src/server/db/storage-fault.ts) makes readiness say
 * `storage` until a write succeeds, or for HOLD_MS after the last refusal. The hold ends on its
 * own because a balancer sends no work to a process that is not ready, so no write would come to
 * clear it: after it, the next refused write (or readiness's own read-only check) says so again.
 */
import type { StorageFault } from './db/storage-fault.js';

/** how long one refused write keeps readiness at `storage` when no write succeeds after it */
export const STORAGE_HOLD_MS = 10_000;

export class StorageHealth {
  private failedAt: number | null = null;
  private lastFault: StorageFault | null = null;

  constructor(
    private readonly holdMs = STORAGE_HOLD_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** A write was refused; true when the storage was thought healthy until now (worth a log line). */
  failed(fault: StorageFault): boolean {
    const fresh = this.failing === null;
    this.failedAt = this.clock();
    this.lastFault = fault;
    return fresh;
  }

  /** A write went through; true when the storage was thought failing until now. */
  succeeded(): boolean {
    const was = this.failing !== null;
    this.failedAt = null;
    this.lastFault = null;
    return was;
  }

  /** The fault of the last refused write while it still holds, else null. */
  get failing(): StorageFault | null {
    if (this.failedAt === null || this.clock() - this.failedAt >= this.holdMs) return null;
    return this.lastFault;
  }
}

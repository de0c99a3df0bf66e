/**
 * Whether an error means the database cannot store anything right now — its disk is full, it is
 * read-only, or its storage fails — rather than that this request was wrong. Such a write is
 * answered 503 `storage_unavailable` (retry later) instead of 500, and readiness says `storage`.
 *
 * Driver errors carry a code: better-sqlite3 the SQLite result code's name (`SQLITE_FULL`,
 * `SQLITE_IOERR_FSYNC`…), pg the SQLSTATE (`53100`…), Node's fs an errno name (`ENOSPC`…).
 */

/** full: no space left; read_only: writes refused; failing: the storage errs or is not reachable */
export type StorageFault = 'full' | 'read_only' | 'failing';

/** PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html) */
const PG_CODES: Record<string, StorageFault> = {
  '53100': 'full', // disk_full
  '53000': 'failing', // insufficient_resources
  '53200': 'failing', // out_of_memory
  '53400': 'failing', // configuration_limit_exceeded
  '25006': 'read_only', // read_only_sql_transaction: a hot standby, default_transaction_read_only
  '57P03': 'failing', // cannot_connect_now: starting up, shutting down, in recovery
  '58030': 'failing', // io_error
};
// 53300 too_many_connections is left out on purpose: it says nothing about the storage.

const ERRNO_CODES: Record<string, StorageFault> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'read_only',
  EIO: 'failing',
};

function faultOfCode(code: string): StorageFault | null {
  // the extended codes name a variant after the primary one: SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE
  const sqlite = /^SQLITE_([A-Z]+)/.exec(code)?.[1];
  if (sqlite === 'FULL') return 'full';
  if (sqlite === 'READONLY') return 'read_only';
  if (sqlite === 'IOERR' || sqlite === 'CANTOPEN') return 'failing';
  if (sqlite) return null;
  return PG_CODES[code] ?? ERRNO_CODES[code] ?? null;
}

/** The storage fault an error (or an error it wraps, as `cause`) stands for; null for any other error. */
export function storageFault(error: unknown): StorageFault | null {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      const fault = faultOfCode(code);
      if (fault) return fault;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** Row ids: UUIDv7, sortable by creation time. */
export const newId = (): string => uuidv7();

/**
 * Random bytes from the system's CSPRNG, drawn 4 KB at a time and each handed out once: one
 * call into the kernel per 256 tokens instead of one per token (with a request id and a ticket
 * token per issued ticket, the calls were 4 % of an issuing process's time).
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let taken = 0;
export function randomPooled(bytes: number): Buffer {
  if (taken + bytes > pool.length) {
    pool = randomBytes(Math.max(POOL_BYTES, bytes));
    taken = 0;
  }
  const out = pool.subarray(taken, taken + bytes);
  taken += bytes;
  return out;
}

/** Public tokens (ticket page, survey link): 128 random bits, URL-safe, unrelated to the id. */
export const newToken = (): string => randomPooled(16).toString('base64url');

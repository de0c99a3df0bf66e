import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** Row ids: UUIDv7, sortable by creation time. */
export const newId = (): string => uuidv7();

/** Public tokens (ticket page, survey link): 128 random bits, URL-safe, unrelated to the id. */
export const newToken = (): string => randomBytes(16).toString('base64url');

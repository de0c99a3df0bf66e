/** argon2id password hashes: the library's default algorithm and OWASP-recommended parameters. */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from '../../../domain/passwords.js';
import { AppError } from '../../errors.js';

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the user does not exist keeps the answer time the same either way.
let dummy: Promise<string> | null = null;
export const dummyHash = (): Promise<string> => {
  dummy ??= hashPassword('not-a-real-password').catch((error: unknown) => {
    dummy = null;
    throw error;
  });
  return dummy;
};

/**
 * 400 weak_password naming `field` and the rule (src/domain/passwords.ts) when the password may
 * not be set for this user; null when it may.
 */
export function weakPasswordError(
  password: string,
  context: { username: string; current?: string | undefined },
  field: string,
): AppError | null {
  const rule = passwordProblem(password, context);
  return rule ? new AppError('weak_password', { field, rule }) : null;
}

/** A password generated for someone (96 random bits, 16 characters), to be changed at first sign-in. */
export function generatePassword(username = ''): string {
  for (;;) {
    const password = randomBytes(12).toString('base64url');
    if (!passwordProblem(password, { username })) return password;
  }
}

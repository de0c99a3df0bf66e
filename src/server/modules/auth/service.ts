/**
 * Sign-in, sign-out and the account's password. Sessions end SESSION_HOURS after sign-in or
 * IDLE_MINUTES after their last request (plugins/auth.ts); failed sign-ins per username lock it
 * out with back-off (src/domain/passwords.ts lockoutSeconds), whether the username exists or not.
 */
import { randomBytes } from 'node:crypto';
import type { Me } from '../../../api/auth.js';
import { LOCKOUT, lockoutSeconds } from '../../../domain/passwords.js';
import { AppError } from '../../errors.js';
import type { SignInAction } from '../../plugins/audit.js';
import { hashToken, SESSION_HOURS, type Staff } from '../../plugins/auth.js';
import { dummyHash, hashPassword, verifyPassword, weakPasswordError } from './passwords.js';
import type { AuthRepository } from './repository.js';

/** Sessions are deleted for good this long after their absolute end (when their user signs in). */
const SESSION_KEEP_MS = 24 * 3_600_000;

export const normalizeUsername = (username: string): string => username.trim().toLowerCase();

export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly now: () => number,
  ) {
    // The first unknown username would otherwise also pay for hashing the dummy.
    dummyHash().catch(() => {});
  }

  /**
   * Returns the new cookie token and who signed in. A wrong name or password are told apart from
   * nothing, and count alike towards the lockout. `presentedToken` is the session cookie the
   * request came with: it is ended, whoever it belonged to (no session fixation). `audit` hears
   * the outcome, for the audit trail.
   */
  async login(
    username: string,
    password: string,
    presentedToken?: string | undefined,
    audit: (action: SignInAction) => void = () => {},
  ): Promise<{ token: string; me: Me; expiresAt: number }> {
    const name = normalizeUsername(username);
    await this.refuseWhileLocked(name).catch((error: unknown) => {
      if (isLockout(error)) audit('auth.login_while_locked');
      throw error;
    });
    const user = await this.repo.userByUsername(name);
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
    if (!user || !ok || user.active !== 1) {
      audit('auth.login_failed');
      await this.countFailure(name).catch((error: unknown) => {
        if (isLockout(error)) audit('auth.locked_out');
        throw error;
      });
      throw new AppError('bad_credentials');
    }
    audit('auth.login');
    await this.repo.clearFailures(name);
    if (presentedToken) await this.repo.deleteSession(hashToken(presentedToken));
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + SESSION_HOURS * 3_600_000;
    await this.repo.pruneUserSessions(user.id, now - SESSION_KEEP_MS);
    await this.repo.createSession(hashToken(token), user.id, now, expiresAt);
    return {
      token,
      expiresAt,
      me: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role,
        mallSlug: user.mall_slug,
        agencyId: user.agency_id,
        mustChangePassword: user.must_change_password === 1,
      },
    };
  }

  logout(account: Staff | null): Promise<void> {
    return account ? this.repo.deleteSession(account.sessionId) : Promise.resolve();
  }

  /** Signs out everywhere: every session of the account, this one included. */
  logoutAll(account: Staff): Promise<void> {
    return this.repo.deleteUserSessions(account.id);
  }

  /**
   * Replaces the account's password after checking the current one (a wrong one counts towards the
   * lockout, as at sign-in) and the new one's strength; clears must_change_password and ends the
   * account's other sessions.
   */
  async changePassword(account: Staff, currentPassword: string, newPassword: string): Promise<Me> {
    const name = normalizeUsername(account.username);
    await this.refuseWhileLocked(name);
    if (!(await verifyPassword(await this.repo.passwordHash(account.id), currentPassword))) {
      await this.countFailure(name);
      throw new AppError('current_password_wrong', { field: 'currentPassword' });
    }
    const weak = weakPasswordError(
      newPassword,
      { username: account.username, current: currentPassword },
      'newPassword',
    );
    if (weak) throw weak;
    await this.repo.setPassword(account.id, await hashPassword(newPassword), this.now());
    await this.repo.deleteUserSessions(account.id, account.sessionId);
    await this.repo.clearFailures(name);
    return this.me({ ...account, mustChangePassword: false });
  }

  async me(account: Staff): Promise<Me> {
    return {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      mallSlug: await this.repo.mallSlug(account.mallId),
      agencyId: account.agencyId,
      mustChangePassword: account.mustChangePassword,
    };
  }

  private async refuseWhileLocked(name: string): Promise<void> {
    const now = this.now();
    const until = await this.repo.lockedUntil(name);
    if (until > now) throw lockedOut(until, now);
  }

  /** Counts a failure; throws locked_out when this one starts a lock, else returns. */
  private async countFailure(name: string): Promise<void> {
    const now = this.now();
    const failures = await this.repo.recordFailure(name, now, now - LOCKOUT.forgetAfterMs);
    await this.repo.pruneFailures(now - LOCKOUT.forgetAfterMs, now);
    const seconds = lockoutSeconds(failures);
    if (seconds > 0) {
      await this.repo.lock(name, now + seconds * 1000);
      throw lockedOut(now + seconds * 1000, now);
    }
  }
}

const isLockout = (error: unknown) => error instanceof AppError && error.code === 'locked_out';

function lockedOut(until: number, now: number): AppError {
  return new AppError('locked_out', { retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) });
}

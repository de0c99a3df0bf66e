/** Sign-in and sign-out. */
import { randomBytes } from 'node:crypto';
import type { Me } from '../../../api/auth.js';
import { AppError } from '../../errors.js';
import { hashToken, SESSION_HOURS, type Staff } from '../../plugins/auth.js';
import { dummyHash, verifyPassword } from './passwords.js';
import type { AuthRepository } from './repository.js';

export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly now: () => number,
  ) {}

  /** Returns the cookie token and who signed in; a wrong name or password are told apart from nothing. */
  async login(username: string, password: string): Promise<{ token: string; me: Me; expiresAt: number }> {
    const user = await this.repo.userByUsername(username.trim().toLowerCase());
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
    if (!user || !ok || user.active !== 1) throw new AppError('bad_credentials');
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + SESSION_HOURS * 3_600_000;
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
      },
    };
  }

  logout(staff: Staff | null): Promise<void> {
    return staff ? this.repo.deleteSession(staff.sessionId) : Promise.resolve();
  }

  async me(staff: Staff): Promise<Me> {
    return {
      id: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      mallSlug: await this.repo.mallSlug(staff.mallId),
      agencyId: staff.agencyId,
    };
  }
}

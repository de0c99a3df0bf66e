/** Staff accounts and their sessions. */
import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema.js';

export class AuthRepository {
  constructor(private readonly db: Kysely<DB>) {}

  userByUsername(username: string) {
    return this.db
      .selectFrom('users')
      .innerJoin('malls', 'malls.id', 'users.mall_id')
      .select([
        'users.id',
        'users.username',
        'users.password_hash',
        'users.display_name',
        'users.role',
        'users.agency_id',
        'users.active',
        'malls.slug as mall_slug',
      ])
      .where('users.username', '=', username)
      .executeTakeFirst();
  }

  async mallSlug(mallId: string): Promise<string> {
    const row = await this.db.selectFrom('malls').select('slug').where('id', '=', mallId).executeTakeFirstOrThrow();
    return row.slug;
  }

  async createSession(id: string, userId: string, createdAt: number, expiresAt: number): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id, user_id: userId, created_at: createdAt, expires_at: expiresAt })
      .execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async createUser(user: {
    id: string;
    mallId: string;
    username: string;
    passwordHash: string;
    displayName: string;
    role: Role;
    agencyId: string | null;
    createdAt: number;
  }): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        mall_id: user.mallId,
        username: user.username,
        password_hash: user.passwordHash,
        display_name: user.displayName,
        role: user.role,
        agency_id: user.agencyId,
        created_at: user.createdAt,
      })
      .execute();
  }
}

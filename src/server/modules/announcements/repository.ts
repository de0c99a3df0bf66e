/** The running-text announcements of a mall's displays. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export class AnnouncementRepository {
  constructor(private readonly db: Kysely<DB>) {}

  active(mallId: string) {
    return this.db
      .selectFrom('announcements')
      .select(['id', 'text', 'created_at'])
      .where('mall_id', '=', mallId)
      .where('active', '=', 1)
      .orderBy('created_at')
      .execute();
  }

  async add(row: { id: string; mallId: string; text: string; createdBy: string; createdAt: number }): Promise<void> {
    await this.db
      .insertInto('announcements')
      .values({ id: row.id, mall_id: row.mallId, text: row.text, created_by: row.createdBy, created_at: row.createdAt })
      .execute();
  }

  /** Archives rather than deletes, so what was shown stays on record. */
  async archive(mallId: string, id: string): Promise<boolean> {
    const r = await this.db
      .updateTable('announcements')
      .set({ active: 0 })
      .where('mall_id', '=', mallId)
      .where('id', '=', id)
      .where('active', '=', 1)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

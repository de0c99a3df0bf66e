/** Consultations' rows; every staff method takes the mall id, the asker's page goes by its token. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ConsultationStatus } from '../../../domain/consultation.js';
import type { ConsultationsTable, DB, NewOutbox } from '../../db/schema.js';
import { insertOutbox } from '../messages/outbox.js';

export class ConsultationRepository {
  constructor(private readonly db: Kysely<DB>) {}

  service(mallId: string, serviceId: string) {
    return this.db
      .selectFrom('services')
      .select(['id', 'name', 'agency_id', 'active'])
      .where('mall_id', '=', mallId)
      .where('id', '=', serviceId)
      .executeTakeFirst();
  }

  async create(row: Insertable<ConsultationsTable>): Promise<void> {
    await this.db.insertInto('consultations').values(row).execute();
  }

  /** Sets the answer (or publication) with the messages that tell the asker, in one transaction. */
  async update(mallId: string, id: string, set: Updateable<ConsultationsTable>, outbox: readonly NewOutbox[]) {
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('consultations').set(set).where('mall_id', '=', mallId).where('id', '=', id).execute();
      await insertOutbox(tx, outbox);
    });
  }

  private withNames() {
    return this.db
      .selectFrom('consultations')
      .innerJoin('services', 'services.id', 'consultations.service_id')
      .innerJoin('agencies', 'agencies.id', 'consultations.agency_id')
      .innerJoin('malls', 'malls.id', 'consultations.mall_id')
      .leftJoin('users', 'users.id', 'consultations.answered_by')
      .selectAll('consultations')
      .select([
        'services.name as service_name',
        'agencies.name as agency_name',
        'agencies.short_name as agency_short_name',
        'malls.name as mall_name',
        'malls.time_zone',
        'users.display_name as answered_by_name',
      ]);
  }

  byId(mallId: string, id: string) {
    return this.withNames()
      .where('consultations.mall_id', '=', mallId)
      .where('consultations.id', '=', id)
      .executeTakeFirst();
  }

  byToken(token: string) {
    return this.withNames().where('consultations.token', '=', token).executeTakeFirst();
  }

  list(
    mallId: string,
    filter: { agencyId: string | null; serviceId: string | null; status: ConsultationStatus | null; limit: number },
  ) {
    let q = this.withNames().where('consultations.mall_id', '=', mallId);
    if (filter.agencyId) q = q.where('consultations.agency_id', '=', filter.agencyId);
    if (filter.serviceId) q = q.where('consultations.service_id', '=', filter.serviceId);
    if (filter.status) q = q.where('consultations.status', '=', filter.status);
    // the oldest unanswered question first: it has waited longest
    return q
      .orderBy('consultations.created_at', filter.status === 'open' ? 'asc' : 'desc')
      .limit(filter.limit)
      .execute();
  }

  faq(mallId: string, serviceId: string) {
    return this.db
      .selectFrom('consultations')
      .select(['question', 'answer', 'answered_at'])
      .where('mall_id', '=', mallId)
      .where('service_id', '=', serviceId)
      .where('published', '=', 1)
      .where('status', '=', 'answered')
      .execute();
  }
}

/**
 * Emergencies' rows: the report with its steps. Every method takes the mall id. Taking and
 * closing are compare-and-set on the status the caller saw, so of two officers pressing "take" at
 * once exactly one wins, on SQLite and on PostgreSQL with several processes alike.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { EmergencyStatus } from '../../../domain/emergency.js';
import type { DB, EmergenciesTable, EmergencyEventsTable } from '../../db/schema.js';

/** A report with the names of the staff members it names. */
export interface EmergencyRecord {
  id: string;
  kind: EmergenciesTable['kind'];
  place: string | null;
  note: string | null;
  source: EmergenciesTable['source'];
  status: EmergencyStatus;
  reported_at: number;
  taken_by: string | null;
  taken_at: number | null;
  closed_at: number | null;
  close_note: string | null;
  reported_by_name: string | null;
  taken_by_name: string | null;
  closed_by_name: string | null;
}

/** Most rows one list returns: a mall has a handful of emergencies a month. */
const LIST_MAX = 1000;

export class EmergencyRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private select(mallId: string) {
    return this.db
      .selectFrom('emergencies as e')
      .leftJoin('users as reporter', 'reporter.id', 'e.reported_by')
      .leftJoin('users as taker', 'taker.id', 'e.taken_by')
      .leftJoin('users as closer', 'closer.id', 'e.closed_by')
      .select([
        'e.id',
        'e.kind',
        'e.place',
        'e.note',
        'e.source',
        'e.status',
        'e.reported_at',
        'e.taken_by',
        'e.taken_at',
        'e.closed_at',
        'e.close_note',
        'reporter.display_name as reported_by_name',
        'taker.display_name as taken_by_name',
        'closer.display_name as closed_by_name',
      ])
      .where('e.mall_id', '=', mallId);
  }

  get(mallId: string, id: string): Promise<EmergencyRecord | undefined> {
    return this.select(mallId).where('e.id', '=', id).executeTakeFirst();
  }

  /** The reports nobody has closed, oldest first. */
  open(mallId: string): Promise<EmergencyRecord[]> {
    return this.select(mallId).where('e.status', '!=', 'closed').orderBy('e.reported_at').orderBy('e.id').execute();
  }

  /** Reported in [from, to), newest first. */
  between(mallId: string, from: number, to: number): Promise<EmergencyRecord[]> {
    return this.select(mallId)
      .where('e.reported_at', '>=', from)
      .where('e.reported_at', '<', to)
      .orderBy('e.reported_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(LIST_MAX)
      .execute();
  }

  async create(row: Insertable<EmergenciesTable>, event: Insertable<EmergencyEventsTable>): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('emergencies').values(row).execute();
      await tx.insertInto('emergency_events').values(event).execute();
    });
  }

  /**
   * Moves the report on from the status the caller saw; false when it had moved already (someone
   * else took or closed it first), and nothing was written.
   */
  async step(
    mallId: string,
    id: string,
    from: EmergencyStatus,
    changes: Updateable<EmergenciesTable>,
    event: Insertable<EmergencyEventsTable>,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('emergencies')
        .set(changes)
        .where('mall_id', '=', mallId)
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await tx.insertInto('emergency_events').values(event).execute();
      return true;
    });
  }

  /** The steps after an event id (a reconnecting screen's Last-Event-ID), in order, with their reports. */
  async eventsAfter(
    mallId: string,
    afterId: string,
  ): Promise<{ id: string; type: EmergencyStatus; at: number; emergency: EmergencyRecord }[]> {
    const events = await this.db
      .selectFrom('emergency_events')
      .select(['id', 'type', 'at', 'emergency_id'])
      .where('mall_id', '=', mallId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(LIST_MAX)
      .execute();
    if (events.length === 0) return [];
    const ids = [...new Set(events.map((e) => e.emergency_id))];
    const reports = new Map((await this.select(mallId).where('e.id', 'in', ids).execute()).map((r) => [r.id, r]));
    return events.flatMap((e) => {
      const emergency = reports.get(e.emergency_id);
      return emergency ? [{ id: e.id, type: e.type, at: e.at, emergency }] : [];
    });
  }
}

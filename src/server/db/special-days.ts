/** A mall's own special days in a range (closed days, cuti bersama, other hours), by date: what working-day deadlines skip. */
import type { Kysely } from 'kysely';
import type { Span, SpecialDay } from '../../domain/schedule.js';
import type { DB } from './schema.js';

export async function readSpecialDays(
  db: Kysely<DB>,
  mallId: string,
  from: string,
  to: string,
): Promise<Map<string, SpecialDay>> {
  const rows = await db
    .selectFrom('special_days')
    .select(['date', 'spans', 'note'])
    .where('mall_id', '=', mallId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return new Map(rows.map((r) => [r.date, { date: r.date, spans: JSON.parse(r.spans) as Span[], note: r.note }]));
}

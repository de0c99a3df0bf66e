/**
 * How many waiting tickets stand before each of some stored tickets, counted in SQL so issuing
 * stays cheap with a long line, in one statement for a whole batch (planned once, however many
 * tickets). The same rule as isAhead in src/domain/pick-next.ts (the tests hold them equal):
 * priority tickets go first, so a regular ticket has every waiting priority ticket before it and
 * any ticket has the waiting tickets of its own class that came earlier.
 *
 * The tickets are found by id alone and a ticket of another mall is dropped after: with the mall
 * in the WHERE clause SQLite (which keeps no statistics) walked the mall's whole day through the
 * tickets_line index to find a batch's 16 tickets, a cost growing with every ticket of the day
 * (0.7 ms a batch at 5,000 tickets, 5 ms at 8,000 with writes around it), where their primary key
 * finds them at once.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB, TicketRow, TicketsTable } from '../../db/schema.js';

/**
 * The count of waiting tickets before ticket `t` in its line, as a subquery of a statement where
 * `t` names the ticket (a row of tickets, or of what an INSERT … RETURNING gave back).
 */
export function aheadIn(eb: ExpressionBuilder<DB & { t: TicketsTable }, 't'>) {
  return (
    eb
      .selectFrom('tickets as w')
      .select((c) => c.fn.countAll<number>().as('n'))
      // the waiting part of the ticket's line: a range of the tickets_line index
      .whereRef('w.mall_id', '=', 't.mall_id')
      .whereRef('w.service_id', '=', 't.service_id')
      .whereRef('w.service_date', '=', 't.service_date')
      .where('w.status', '=', 'waiting')
      .where((w) =>
        w.or([
          w.and([w('t.priority', 'is', null), w('w.priority', 'is not', null)]),
          w.and([
            w.or([
              w.and([w('w.priority', 'is', null), w('t.priority', 'is', null)]),
              w.and([w('w.priority', 'is not', null), w('t.priority', 'is not', null)]),
            ]),
            w.or([
              w('w.arrival_at', '<', w.ref('t.arrival_at')),
              w.and([w('w.arrival_at', '=', w.ref('t.arrival_at')), w('w.id', '<', w.ref('t.id'))]),
            ]),
          ]),
        ]),
      )
  );
}

export async function countAhead(
  db: Kysely<DB>,
  tickets: Pick<TicketRow, 'id' | 'mall_id'>[],
): Promise<Map<string, number>> {
  if (tickets.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets as t')
    .select(['t.id', 't.mall_id'])
    .select((eb) => aheadIn(eb).as('ahead'))
    .where(
      't.id',
      'in',
      tickets.map((t) => t.id),
    )
    .execute();
  const malls = new Set(tickets.map((t) => t.mall_id));
  return new Map(rows.filter((r) => malls.has(r.mall_id)).map((r) => [r.id, Number(r.ahead)]));
}

/**
 * Which queue events tell a citizen something, written into the event's own transaction (the
 * queue repository's TicketEventHook): called (with the counter), "N people before you" for those
 * further back in the same line, moved to another service, cancelled. Only tickets whose citizen
 * left a number or an address (ticket_contacts) get anything.
 */
import type { Transaction } from 'kysely';
import type { MessageLang } from '../../../domain/messages.js';
import { type QueueSettings, withDefaults } from '../../../domain/settings.js';
import type { DB, TicketRow } from '../../db/schema.js';
import { countAhead } from '../queue/people-ahead.js';
import type { TicketEventHook } from '../queue/repository.js';
import { enqueueMessages, type MessageToSend } from './outbox.js';

async function context(tx: Transaction<DB>, mallId: string, serviceId: string) {
  const row = await tx
    .selectFrom('services')
    .innerJoin('malls', 'malls.id', 'services.mall_id')
    .select(['malls.name as mall_name', 'malls.settings', 'services.name as service_name'])
    .where('services.mall_id', '=', mallId)
    .where('services.id', '=', serviceId)
    .executeTakeFirstOrThrow();
  return {
    mallName: row.mall_name,
    serviceName: row.service_name,
    settings: withDefaults(JSON.parse(row.settings) as Partial<QueueSettings>),
  };
}

type Contact = { phone: string | null; email: string | null; lang: MessageLang };

/** The link a message carries to the citizen's ticket page. */
export type LinkOf = (path: string) => string | null;

export function ticketMessagesHook(linkOf: LinkOf): TicketEventHook {
  return async (tx, { mallId, row, eventId, event }) => {
    const kind =
      event.type === 'call'
        ? 'called'
        : event.type === 'transfer'
          ? 'transferred'
          : event.type === 'cancel'
            ? 'ticket_cancelled'
            : null;
    if (!kind) return;
    const own = await tx
      .selectFrom('ticket_contacts')
      .select(['phone', 'email', 'lang'])
      .where('ticket_id', '=', row.id)
      .executeTakeFirst();
    // a call moves the line: those further back may now be near the front
    const others = event.type === 'call' ? await nearTheFront(tx, row) : [];
    if (!own && others.length === 0) return;
    const ctx = await context(tx, mallId, row.service_id);
    const phoneChannel = ctx.settings.phoneChannel;
    const messages: MessageToSend[] = [];
    if (own) {
      let counterName: string | undefined;
      if (kind === 'called' && row.counter_id) {
        const counter = await tx
          .selectFrom('counters')
          .select('name')
          .where('id', '=', row.counter_id)
          .executeTakeFirst();
        counterName = counter?.name;
      }
      messages.push({
        eventKey: `${event.type}:${eventId}`,
        kind,
        params: {
          mallName: ctx.mallName,
          serviceName: ctx.serviceName,
          number: row.number,
          ...(counterName ? { counterName } : {}),
          ...(linkOf(`/t/${row.token}`) ? { link: linkOf(`/t/${row.token}`) as string } : {}),
        },
        to: own as Contact,
        ticketId: row.id,
      });
    }
    if (others.length > 0) {
      const ahead = await countAhead(tx, others);
      for (const other of others) {
        const n = ahead.get(other.id) ?? 0;
        if (n < 1 || n > ctx.settings.notifyAhead) continue;
        messages.push({
          // once per ticket: the line only moves forward
          eventKey: `ahead:${other.id}`,
          kind: 'ahead',
          params: { mallName: ctx.mallName, serviceName: ctx.serviceName, number: other.number, ahead: n },
          to: { phone: other.phone, email: other.email, lang: other.lang },
          ticketId: other.id,
        });
      }
    }
    await enqueueMessages(tx, { id: mallId, phoneChannel }, messages, event.at);
  };
}

/** Today's waiting tickets of the called ticket's line whose citizen asked to be told. */
async function nearTheFront(tx: Transaction<DB>, called: TicketRow) {
  return tx
    .selectFrom('tickets')
    .innerJoin('ticket_contacts', 'ticket_contacts.ticket_id', 'tickets.id')
    .select([
      'tickets.id',
      'tickets.mall_id',
      'tickets.number',
      'ticket_contacts.phone',
      'ticket_contacts.email',
      'ticket_contacts.lang',
    ])
    .where('tickets.mall_id', '=', called.mall_id)
    .where('tickets.service_id', '=', called.service_id)
    .where('tickets.service_date', '=', called.service_date)
    .where('tickets.status', '=', 'waiting')
    .execute();
}

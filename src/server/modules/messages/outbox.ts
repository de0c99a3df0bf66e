/**
 * The outbox: a row per message, written inside the transaction of the event that causes it, so
 * a message exists exactly when its event does. (mall_id, event_key, channel) is unique and rows
 * are inserted with ON CONFLICT DO NOTHING: the same event never makes a second message on a channel.
 */
import type { Kysely, Transaction } from 'kysely';
import { type MessageKind, type MessageLang, type MessageParams, renderMessage } from '../../../domain/messages.js';
import type { DB, MessageChannel, NewOutbox } from '../../db/schema.js';
import { newId } from '../../ids.js';

export interface Recipient {
  phone: string | null;
  email: string | null;
  lang: MessageLang;
}

export interface MessageToSend {
  /** what caused it, e.g. booking:<id>:confirmed */
  eventKey: string;
  kind: MessageKind;
  params: MessageParams;
  to: Recipient;
  /** not sent before (a reminder); default now */
  notBefore?: number;
  bookingId?: string | null;
  ticketId?: string | null;
}

/** Writes the messages in the caller's transaction, one row per channel the citizen can be reached on. */
export async function enqueueMessages(
  tx: Transaction<DB> | Kysely<DB>,
  mall: { id: string; phoneChannel: 'whatsapp' | 'sms' },
  messages: readonly MessageToSend[],
  now: number,
): Promise<void> {
  await insertOutbox(tx, outboxRows(mall, messages, now));
}

/** The outbox rows of the messages, one per channel the citizen can be reached on. */
export function outboxRows(
  mall: { id: string; phoneChannel: 'whatsapp' | 'sms' },
  messages: readonly MessageToSend[],
  now: number,
): NewOutbox[] {
  const rows: NewOutbox[] = [];
  for (const m of messages) {
    const { subject, text } = renderMessage(m.kind, m.params, m.to.lang);
    const channels: [MessageChannel, string][] = [];
    if (m.to.phone) channels.push([mall.phoneChannel, m.to.phone]);
    if (m.to.email) channels.push(['email', m.to.email]);
    for (const [channel, recipient] of channels) {
      const notBefore = m.notBefore ?? now;
      rows.push({
        id: newId(),
        mall_id: mall.id,
        event_key: m.eventKey,
        channel,
        recipient,
        kind: m.kind,
        lang: m.to.lang,
        subject,
        body: text,
        status: 'pending',
        tries: 0,
        not_before: notBefore,
        next_attempt_at: notBefore,
        lease_until: null,
        last_error: null,
        booking_id: m.bookingId ?? null,
        ticket_id: m.ticketId ?? null,
        created_at: now,
        sent_at: null,
      });
    }
  }
  return rows;
}

/** Inserts outbox rows (of one event or of a batch's events) in one statement. */
export async function insertOutbox(tx: Transaction<DB> | Kysely<DB>, rows: readonly NewOutbox[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.columns(['mall_id', 'event_key', 'channel']).doNothing())
    .execute();
}

/** A booking's reminders that have not gone out are dropped when it is cancelled or moved. */
export async function cancelPendingReminders(tx: Transaction<DB>, mallId: string, bookingId: string): Promise<void> {
  await tx
    .updateTable('outbox')
    .set({ status: 'cancelled' })
    .where('mall_id', '=', mallId)
    .where('booking_id', '=', bookingId)
    .where('kind', 'in', ['reminder_evening', 'reminder_hour'])
    .where('status', '=', 'pending')
    .execute();
}

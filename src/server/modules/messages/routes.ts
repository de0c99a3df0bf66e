/** The mall admin's side of messages: the adapters (channels), a test send, and the outbox list. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { ChannelBody, ChannelParams, ChannelView, OutboxMessage, OutboxQuery } from '../../../api/booking.js';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { maskEmail, maskPhone } from '../../../domain/contact.js';
import type { DB, MessageChannel } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { requireStaff } from '../../plugins/auth.js';
import { adapterFor } from './worker.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const SECRETS = ['password', 'token'] as const;
const HIDDEN = '••••';

const maskRecipient = (r: string) => (r.includes('@') ? maskEmail(r) : maskPhone(r));

export const messageRoutes: FastifyPluginAsyncTypebox<{
  db: Kysely<DB>;
  now: () => number;
  /** after a channel changed: every worker uses the new settings */
  channelsChanged: (mallId: string) => void;
}> = async (app, { db, now, channelsChanged }) => {
  app.get(
    '/api/malls/:mall/outbox',
    {
      schema: {
        tags: ['admin'],
        summary: 'Messages to citizens, newest first, with channel, status and tries (mall admin)',
        params: MallParams,
        querystring: OutboxQuery,
        response: { 200: Type.Array(OutboxMessage), ...errors },
      },
    },
    async (request) => {
      let q = db.selectFrom('outbox').selectAll().where('mall_id', '=', request.mall.id);
      if (request.query.status) q = q.where('status', '=', request.query.status);
      const rows = await q
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(request.query.limit ?? 200)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        channel: r.channel,
        recipient: maskRecipient(r.recipient),
        subject: r.subject,
        body: r.body,
        status: r.status,
        tries: r.tries,
        lastError: r.last_error,
        createdAt: r.created_at,
        notBefore: r.not_before,
        sentAt: r.sent_at,
      }));
    },
  );

  app.get(
    '/api/malls/:mall/admin/channels',
    {
      schema: {
        tags: ['admin'],
        summary: "The mall's message adapters (secrets left out)",
        params: MallParams,
        response: { 200: Type.Array(ChannelView), ...errors },
      },
    },
    async (request) => {
      const rows = await db.selectFrom('message_channels').selectAll().where('mall_id', '=', request.mall.id).execute();
      return rows.map((r) => {
        const config = JSON.parse(r.config) as Record<string, unknown>;
        for (const key of SECRETS) if (config[key]) config[key] = HIDDEN;
        return { channel: r.channel, enabled: r.enabled === 1, config, updatedAt: r.updated_at };
      });
    },
  );

  app.put(
    '/api/malls/:mall/admin/channels/:channel',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Configure an adapter: e-mail over SMTP, or a WhatsApp/SMS gateway (an omitted or hidden secret keeps the stored one)',
        params: ChannelParams,
        body: ChannelBody,
        response: { 200: ChannelView, ...errors },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { channel } = request.params;
      const config = { ...request.body.config } as Record<string, unknown>;
      const isEmail = 'host' in config;
      if ((channel === 'email') !== isEmail) {
        throw new AppError('validation', {
          field: 'config',
          in: 'body',
          problemId:
            channel === 'email' ? 'harus pengaturan SMTP (host, port, from)' : 'harus pengaturan gateway (preset, url)',
          problemEn:
            channel === 'email' ? 'must be SMTP settings (host, port, from)' : 'must be gateway settings (preset, url)',
        });
      }
      const stored = await db
        .selectFrom('message_channels')
        .select('config')
        .where('mall_id', '=', request.mall.id)
        .where('channel', '=', channel)
        .executeTakeFirst();
      const before = stored ? (JSON.parse(stored.config) as Record<string, unknown>) : {};
      for (const key of SECRETS) {
        if (config[key] === undefined || config[key] === HIDDEN) {
          if (before[key] !== undefined) config[key] = before[key];
          else delete config[key];
        }
      }
      const at = now();
      const values = {
        config: JSON.stringify(config),
        enabled: request.body.enabled ? 1 : 0,
        updated_by: staff.id,
        updated_at: at,
      };
      await db
        .insertInto('message_channels')
        .values({ mall_id: request.mall.id, channel, ...values })
        .onConflict((oc) => oc.columns(['mall_id', 'channel']).doUpdateSet(values))
        .execute();
      channelsChanged(request.mall.id);
      for (const key of SECRETS) if (config[key]) config[key] = HIDDEN;
      return { channel, enabled: request.body.enabled, config, updatedAt: at };
    },
  );

  app.post(
    '/api/malls/:mall/admin/channels/:channel/test',
    {
      schema: {
        tags: ['admin'],
        summary: 'Send one test message through an adapter now',
        params: ChannelParams,
        body: Type.Object({ to: Type.String({ minLength: 3, maxLength: 254 }) }),
        response: { 200: Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) }), ...errors },
      },
    },
    async (request) => {
      const row = await db
        .selectFrom('message_channels')
        .select('config')
        .where('mall_id', '=', request.mall.id)
        .where('channel', '=', request.params.channel as MessageChannel)
        .executeTakeFirst();
      if (!row) throw new AppError('not_found');
      try {
        await adapterFor(request.params.channel, JSON.parse(row.config)).send({
          id: newId(),
          recipient: request.body.to,
          subject: `Uji pesan ${request.mall.name}`,
          body: `${request.mall.name}: pesan uji dari Loket. Jika Anda menerimanya, saluran ini berfungsi.`,
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  );
};

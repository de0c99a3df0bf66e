/**
 * Which mall a request is about: every route under /api/malls/:mall gets request.mall, or a 404
 * before anything else runs.
 */
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { WeeklyHours } from '../../domain/schedule.js';
import { type QueueSettings, withDefaults } from '../../domain/settings.js';
import type { DB, MallRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import { TtlCache } from '../ttl-cache.js';

export interface Mall {
  id: string;
  slug: string;
  name: string;
  address: string;
  timeZone: string;
  openingHours: WeeklyHours;
  settings: QueueSettings;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** set on routes with a :mall parameter */
    mall: Mall;
  }
}

export function toMall(row: MallRow): Mall {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    address: row.address,
    timeZone: row.time_zone,
    openingHours: JSON.parse(row.opening_hours) as WeeklyHours,
    settings: withDefaults(JSON.parse(row.settings) as Partial<QueueSettings>),
  };
}

/** How long a process trusts its copy of a mall without hearing of a change (a safety net only). */
const MALL_TTL_MS = 30_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** after changing a mall's row: drops every process's cached copy */
    mallChanged(mallId: string): Promise<void>;
  }
}

export const tenantPlugin = fp<{ db: Kysely<DB>; bus: EventBus }>(
  async (app, { db, bus }) => {
    // Every request under /api/malls/:mall needs its mall; reading it once per request was a
    // measurable share of issuing a ticket. Changes reach every process through the bus.
    const cache = new TtlCache<Mall>(MALL_TTL_MS);
    const forget = (mallId: string) => cache.deleteWhere((mall) => mall.id === mallId);
    const unsubscribe = bus.subscribe((m) => {
      if (m.topic === 'mall.changed') forget(m.payload.mallId);
    });
    app.addHook('onClose', async () => unsubscribe());
    app.decorate('mallChanged', async (mallId: string) => {
      forget(mallId);
      await bus.publish('mall.changed', { mallId });
    });

    app.decorateRequest('mall', null as unknown as Mall);
    app.addHook('onRequest', async (request) => {
      const slug = (request.params as { mall?: string } | undefined)?.mall;
      if (slug === undefined) return;
      const cached = cache.get(slug);
      if (cached) {
        request.mall = cached;
        return;
      }
      const row = await db.selectFrom('malls').selectAll().where('slug', '=', slug).executeTakeFirst();
      if (!row) throw new AppError('mall_not_found', { mall: slug });
      request.mall = toMall(row);
      cache.set(slug, request.mall);
    });
  },
  { name: 'tenant' },
);

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

export const tenantPlugin = fp<{ db: Kysely<DB> }>(
  async (app, { db }) => {
    app.decorateRequest('mall', null as unknown as Mall);
    app.addHook('onRequest', async (request) => {
      const slug = (request.params as { mall?: string } | undefined)?.mall;
      if (slug === undefined) return;
      // Read on every request: another process may have just changed the mall's hours.
      const row = await db.selectFrom('malls').selectAll().where('slug', '=', slug).executeTakeFirst();
      if (!row) throw new AppError('mall_not_found', { mall: slug });
      request.mall = toMall(row);
    });
  },
  { name: 'tenant' },
);

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Announcement, AnnouncementParams, NewAnnouncement } from '../../../api/catalog.js';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { canAdministerMall } from '../../../domain/access.js';
import { AppError } from '../../errors.js';
import type { EventBus } from '../../events/bus.js';
import { newId } from '../../ids.js';
import { requireStaff } from '../../plugins/auth.js';
import type { AnnouncementRepository } from './repository.js';

export const announcementRoutes: FastifyPluginAsyncTypebox<{
  repo: AnnouncementRepository;
  bus: EventBus;
  now: () => number;
}> = async (app, { repo, bus, now }) => {
  const list = async (mallId: string) =>
    (await repo.active(mallId)).map((a) => ({ id: a.id, text: a.text, createdAt: a.created_at }));

  app.get(
    '/api/malls/:mall/announcements',
    {
      schema: {
        tags: ['catalog'],
        summary: "The running text of the mall's displays",
        params: MallParams,
        response: { 200: Type.Array(Announcement), 404: ErrorBody },
      },
    },
    (request) => list(request.mall.id),
  );

  app.post(
    '/api/malls/:mall/announcements',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Add an announcement (mall admin)',
        params: MallParams,
        body: NewAnnouncement,
        response: { 201: Announcement, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      if (!canAdministerMall(staff, request.mall.id)) throw new AppError('forbidden');
      const row = {
        id: newId(),
        mallId: request.mall.id,
        text: request.body.text.trim(),
        createdBy: staff.id,
        createdAt: now(),
      };
      await repo.add(row);
      await bus.publish('announcements.changed', { mallId: request.mall.id });
      return reply.status(201).send({ id: row.id, text: row.text, createdAt: row.createdAt });
    },
  );

  app.delete(
    '/api/malls/:mall/announcements/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Take an announcement off the displays (mall admin); it stays on record',
        params: AnnouncementParams,
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      if (!canAdministerMall(staff, request.mall.id)) throw new AppError('forbidden');
      if (!(await repo.archive(request.mall.id, request.params.id))) throw new AppError('not_found');
      await bus.publish('announcements.changed', { mallId: request.mall.id });
      return reply.status(204).send(null);
    },
  );
};

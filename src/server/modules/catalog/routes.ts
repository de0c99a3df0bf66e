import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  Agency,
  Counter,
  MallDetail,
  MallSummary,
  OpeningHours,
  QueueSettings,
  Service,
  ServicesQuery,
} from '../../../api/catalog.js';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { requireStaff } from '../../plugins/auth.js';
import type { CatalogService } from './service.js';

export const catalogRoutes: FastifyPluginAsyncTypebox<{ catalog: CatalogService }> = async (app, { catalog }) => {
  app.get(
    '/api/malls',
    {
      schema: {
        tags: ['catalog'],
        summary: 'All malls on this deployment',
        response: { 200: Type.Array(MallSummary) },
      },
    },
    () => catalog.malls(),
  );

  app.get(
    '/api/malls/:mall',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One mall: address, opening hours, whether it is open now',
        params: MallParams,
        response: { 200: MallDetail, 404: ErrorBody },
      },
    },
    (request) => catalog.mallDetail(request.mall),
  );

  app.get(
    '/api/malls/:mall/agencies',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The agencies (instansi) with counters in the mall',
        params: MallParams,
        response: { 200: Type.Array(Agency), 404: ErrorBody },
      },
    },
    (request) => catalog.agencies(request.mall),
  );

  app.get(
    '/api/malls/:mall/services',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Services with their published standard; q searches words, ignoring case and accents',
        params: MallParams,
        querystring: ServicesQuery,
        response: { 200: Type.Array(Service), 400: ErrorBody, 404: ErrorBody },
      },
    },
    (request) => catalog.services(request.mall, request.query),
  );

  app.get(
    '/api/malls/:mall/counters',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Counters (loket) and the services each serves',
        params: MallParams,
        response: { 200: Type.Array(Counter), 404: ErrorBody },
      },
    },
    (request) => catalog.counters(request.mall),
  );

  app.put(
    '/api/malls/:mall/opening-hours',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Set the weekly opening hours (mall admin). A day with no spans is closed.',
        params: MallParams,
        body: OpeningHours,
        response: { 200: OpeningHours, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const result = await catalog.setOpeningHours(request.mall, requireStaff(request), request.body);
      await app.mallChanged(request.mall.id);
      return result;
    },
  );

  const settingsErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
  app.get(
    '/api/malls/:mall/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: "The mall's queue, booking and message settings (mall admin)",
        params: MallParams,
        response: { 200: QueueSettings, ...settingsErrors },
      },
    },
    (request) => catalog.settings(request.mall, requireStaff(request)),
  );

  app.put(
    '/api/malls/:mall/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: "Set the mall's queue, booking and message settings (mall admin), all of them at once",
        params: MallParams,
        body: QueueSettings,
        response: { 200: QueueSettings, ...settingsErrors },
      },
    },
    async (request) => {
      const result = await catalog.setSettings(request.mall, requireStaff(request), request.body);
      await app.mallChanged(request.mall.id);
      return result;
    },
  );
};

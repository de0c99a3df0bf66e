/** The application routes: opened and moved by staff, followed by the citizen by token. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import {
  Application,
  ApplicationCreated,
  ApplicationFigures,
  ApplicationFiguresQuery,
  ApplicationListQuery,
  ApplicationParams,
  ApplicationPublic,
  ApplicationStep,
  ApplicationTokenParams,
  NewApplication,
} from '../../../api/applications.js';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { requestLang } from '../../errors.js';
import { requireStaff } from '../../plugins/auth.js';
import type { ApplicationReports } from './reports.js';
import type { ApplicationService } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['applications'];

export const applicationRoutes: FastifyPluginAsyncTypebox<{
  applications: ApplicationService;
  reports: ApplicationReports;
  publicUrl: string | null;
}> = async (app, { applications, reports, publicUrl }) => {
  app.get(
    '/api/malls/:mall/performance/applications',
    {
      schema: {
        tags: ['performance'],
        summary:
          'Applications of a period (by the day received): received, ready, ready within the standard time, rejected, open and overdue today, days to ready; per agency, service and week. Staff who may evaluate the unit.',
        params: MallParams,
        querystring: ApplicationFiguresQuery,
        response: { 200: ApplicationFigures, ...errors },
      },
    },
    (request) => reports.figures(request.mall, requireStaff(request), request.query),
  );

  app.post(
    '/api/malls/:mall/applications',
    {
      schema: {
        tags,
        summary:
          "Open an application after the counter (an officer of the service's agency): due in the service's standard time in working days; the citizen is told the code and the link",
        params: MallParams,
        body: NewApplication,
        response: { 201: ApplicationCreated, ...errors },
      },
    },
    async (request, reply) => {
      const created = await applications.create(
        request.mall,
        requireStaff(request),
        request.body,
        requestLang(request),
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/malls/:mall/applications/:id/status',
    {
      schema: {
        tags,
        summary:
          'The next step: diproses, perlu_perbaikan (note: what is missing), siap_diambil, selesai, diambil, or ditolak (note: why); 409 for a step its status does not allow',
        params: ApplicationParams,
        body: ApplicationStep,
        response: { 200: Application, ...errors },
      },
    },
    (request) => applications.step(request.mall, requireStaff(request), request.params.id, request.body),
  );

  app.get(
    '/api/malls/:mall/applications',
    {
      schema: {
        tags,
        summary: "Staff: the agency's applications (open by default), the earliest due first, overdue on top",
        params: MallParams,
        querystring: ApplicationListQuery,
        response: { 200: Type.Array(Application), ...errors },
      },
    },
    (request) => applications.list(request.mall, requireStaff(request), request.query),
  );

  app.get(
    '/api/malls/:mall/applications/:id',
    {
      schema: {
        tags,
        summary: 'Staff: one application with its steps',
        params: ApplicationParams,
        response: { 200: Application, ...errors },
      },
    },
    (request) => applications.get(request.mall, requireStaff(request), request.params.id),
  );

  app.get(
    '/api/applications/:token',
    {
      schema: {
        tags,
        summary: "The citizen's view of an application: its steps with their notes, when it is due",
        params: ApplicationTokenParams,
        response: { 200: ApplicationPublic, ...errors },
      },
    },
    (request) => applications.publicView(request.params.token),
  );

  app.get(
    '/api/applications/:token/qr.svg',
    {
      schema: { tags, summary: "The QR code of the application's page, for the slip", params: ApplicationTokenParams },
    },
    async (request, reply) => {
      await applications.publicView(request.params.token);
      const origin = publicUrl ?? `${request.protocol}://${request.host}`;
      const link = `${origin}/p/${encodeURIComponent(request.params.token)}`;
      const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
    },
  );
};

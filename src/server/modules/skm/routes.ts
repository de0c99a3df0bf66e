import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { TokenParams } from '../../../api/queue.js';
import { PaperSurveyBody, SkmReport, SkmReportQuery, SkmResponseCreated, TicketSurveyBody } from '../../../api/skm.js';
import { requireStaff } from '../../plugins/auth.js';
import type { SkmService } from './service.js';

export const skmRoutes: FastifyPluginAsyncTypebox<{ skm: SkmService }> = async (app, { skm }) => {
  app.post(
    '/api/tickets/:token/survey',
    {
      schema: {
        tags: ['skm'],
        summary:
          "The citizen's SKM questionnaire for a ticket served to the end (no sign-in; the token is the only link, no personal data). Once per ticket: 409 already_surveyed, or not_served before the ticket is done.",
        params: TokenParams,
        body: TicketSurveyBody,
        response: { 201: SkmResponseCreated, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const created = await skm.submitForTicket(request.params.token, request.body);
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/malls/:mall/skm/responses',
    {
      schema: {
        tags: ['skm'],
        summary: 'Enter a paper SKM questionnaire (mall admin, or agency admin/officer of the service agency)',
        params: MallParams,
        body: PaperSurveyBody,
        response: { 201: SkmResponseCreated, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const created = await skm.enterPaper(request.mall, requireStaff(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/malls/:mall/skm',
    {
      schema: {
        tags: ['skm'],
        summary:
          'IKM over a period for the mall, an agency (agencyId) or a service (serviceId): respondents, population served, required sample, NRR per element, IKM and grade. With no responses, nrr/ikm/grade/label are null.',
        params: MallParams,
        querystring: SkmReportQuery,
        response: { 200: SkmReport, 400: ErrorBody, 404: ErrorBody },
      },
    },
    (request) => skm.report(request.mall, request.query),
  );
};

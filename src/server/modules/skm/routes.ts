import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { TokenParams } from '../../../api/queue.js';
import {
  NewSkmFollowup,
  NewSkmPublication,
  PaperSurveyBody,
  SkmFollowup,
  SkmFollowupPatch,
  SkmFullReport,
  SkmIdParams,
  SkmPublication,
  SkmPublishedPeriod,
  SkmReport,
  SkmReportQuery,
  SkmResponseCreated,
  SkmUnitReportQuery,
  TicketSurveyBody,
} from '../../../api/skm.js';
import { requireStaff } from '../../plugins/auth.js';
import { PDF, sendFile, XLSX } from '../../send-file.js';
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
          'IKM over a period for the mall, an agency (agencyId), a service (serviceId), a counter (counterId) or an officer (officerId): respondents, population served, required sample, NRR per element, IKM and grade. With no responses, nrr/ikm/grade/label are null.',
        params: MallParams,
        querystring: SkmUnitReportQuery,
        response: { 200: SkmReport, 400: ErrorBody, 404: ErrorBody },
      },
    },
    (request) => skm.report(request.mall, request.query),
  );

  app.get(
    '/api/malls/:mall/skm/report',
    {
      schema: {
        tags: ['skm'],
        summary:
          'The full SKM report of a period and unit, as published: everything GET /skm gives, plus the unit and period, each element (sum, NRR, NRR tertimbang, score NRR×25, grade), the three weakest elements, the respondent profile, the suggestions (newest first, at most 200) and the previous period of the same length. from/to, or period=2026-11 | 2026-Q4 | 2026-S2 | 2026.',
        params: MallParams,
        querystring: SkmUnitReportQuery,
        response: { 200: SkmFullReport, 400: ErrorBody, 404: ErrorBody },
      },
    },
    (request) => skm.fullReport(request.mall, request.query),
  );

  app.get(
    '/api/malls/:mall/skm/report.pdf',
    {
      schema: {
        tags: ['skm'],
        summary:
          'The report as the PDF a unit publishes (A4, Indonesian): method and sample, NRR per element, IKM and grade, respondent profile, analysis, suggestions, and the follow-up plan table. Same query as /skm/report.',
        params: MallParams,
        querystring: SkmUnitReportQuery,
        response: { 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => sendFile(reply, PDF, await skm.pdf(request.mall, request.query)),
  );

  app.get(
    '/api/malls/:mall/skm/report.xlsx',
    {
      schema: {
        tags: ['skm'],
        summary:
          'The report as a workbook: sheet "Ringkasan" with the computation (sums, NRR to 4 decimals, NRR tertimbang, IKM, as formulas) and sheet "Responden" with every questionnaire of the period. Staff only: mall admin or viewer for any unit, agency staff for their agency. Same query as /skm/report.',
        params: MallParams,
        querystring: SkmUnitReportQuery,
        response: { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => sendFile(reply, XLSX, await skm.xlsx(request.mall, requireStaff(request), request.query)),
  );

  app.get(
    '/api/malls/:mall/skm/followups',
    {
      schema: {
        tags: ['skm'],
        summary:
          'The follow-up plan (rencana tindak lanjut) of one unit and period, by due date: the mall, an agency (agencyId) or a service (serviceId); from/to or period as in /skm/report, matched exactly. Public: the plan is published with the result.',
        params: MallParams,
        querystring: SkmReportQuery,
        response: { 200: Type.Array(SkmFollowup), 400: ErrorBody, 404: ErrorBody },
      },
    },
    (request) => skm.followups(request.mall, request.query),
  );

  app.post(
    '/api/malls/:mall/skm/followups',
    {
      schema: {
        tags: ['skm'],
        summary:
          "Add a step to a report's follow-up plan for a weak element: the mall's plan (mall admin), or an agency's or service's (mall admin, or that agency's admin or officers).",
        params: MallParams,
        body: NewSkmFollowup,
        response: { 201: SkmFollowup, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const created = await skm.addFollowup(request.mall, requireStaff(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/malls/:mall/skm/followups/:id',
    {
      schema: {
        tags: ['skm'],
        summary:
          'Change a follow-up (who may add it): action, owner, dueDate, or done (true stamps doneAt, false clears it).',
        params: SkmIdParams,
        body: SkmFollowupPatch,
        response: { 200: SkmFollowup, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    (request) => skm.updateFollowup(request.mall, requireStaff(request), request.params.id, request.body),
  );

  app.delete(
    '/api/malls/:mall/skm/followups/:id',
    {
      schema: {
        tags: ['skm'],
        summary: 'Take a follow-up out of the plan (who may add it); it stays on record, archived.',
        params: SkmIdParams,
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      await skm.removeFollowup(request.mall, requireStaff(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/malls/:mall/skm/publications',
    {
      schema: {
        tags: ['skm'],
        summary:
          "Publish a period of the mall's SKM result to citizens (mall admin). 409 already_published when that exact period is.",
        params: MallParams,
        body: NewSkmPublication,
        response: {
          201: SkmPublication,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const created = await skm.publish(request.mall, requireStaff(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/malls/:mall/skm/publications/:id',
    {
      schema: {
        tags: ['skm'],
        summary: 'Unpublish a period (mall admin).',
        params: SkmIdParams,
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      await skm.unpublish(request.mall, requireStaff(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/malls/:mall/skm/published',
    {
      schema: {
        tags: ['skm'],
        summary:
          "The periods published to citizens, newest first: the mall's and each agency's IKM, grade and respondents (as GET /skm computes them), and the mall's follow-up plan. Public.",
        params: MallParams,
        response: { 200: Type.Array(SkmPublishedPeriod), 404: ErrorBody },
      },
    },
    (request) => skm.published(request.mall),
  );
};

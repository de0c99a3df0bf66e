import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { TokenParams } from '../../../api/queue.js';
import {
  PaperSurveyBody,
  SkmFullReport,
  SkmReport,
  SkmReportQuery,
  SkmResponseCreated,
  TicketSurveyBody,
} from '../../../api/skm.js';
import { requireStaff } from '../../plugins/auth.js';
import type { ExportFile, SkmService } from './service.js';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile(reply: FastifyReply, type: string, file: ExportFile) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

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

  app.get(
    '/api/malls/:mall/skm/report',
    {
      schema: {
        tags: ['skm'],
        summary:
          'The full SKM report of a period and unit, as published: everything GET /skm gives, plus the unit and period, each element (sum, NRR, NRR tertimbang, score NRR×25, grade), the three weakest elements, the respondent profile, the suggestions (newest first, at most 200) and the previous period of the same length. from/to, or period=2026-11 | 2026-Q4 | 2026-S2 | 2026.',
        params: MallParams,
        querystring: SkmReportQuery,
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
        querystring: SkmReportQuery,
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
        querystring: SkmReportQuery,
        response: { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => sendFile(reply, XLSX, await skm.xlsx(request.mall, requireStaff(request), request.query)),
  );
};

/** The consultation routes: asked by anyone, answered by the service's agency, published as its FAQ. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, MallParams } from '../../../api/common.js';
import {
  FaqEntry,
  NewQuestion,
  Question,
  QuestionAnswer,
  QuestionCreated,
  QuestionListQuery,
  QuestionParams,
  QuestionPublic,
  QuestionPublish,
  QuestionTokenParams,
  ServiceQuestionParams,
} from '../../../api/consultations.js';
import { requestLang } from '../../errors.js';
import { requireStaff } from '../../plugins/auth.js';
import type { ConsultationService } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['consultation'];

export const consultationRoutes: FastifyPluginAsyncTypebox<{ consultations: ConsultationService }> = async (
  app,
  { consultations },
) => {
  app.post(
    '/api/malls/:mall/services/:serviceId/questions',
    {
      schema: {
        tags,
        summary:
          'Ask about a service before coming (no account): the agency answers; a phone or e-mail left is told when it does',
        params: ServiceQuestionParams,
        body: NewQuestion,
        response: { 201: QuestionCreated, ...errors },
      },
      config: { audit: false },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await consultations.ask(request.mall, request.params.serviceId, request.body, requestLang(request))),
  );

  app.get(
    '/api/malls/:mall/services/:serviceId/faq',
    {
      schema: {
        tags,
        summary: "The service's FAQ: the answers its agency published, the newest first",
        params: ServiceQuestionParams,
        response: { 200: Type.Array(FaqEntry), ...errors },
      },
    },
    (request) => consultations.faq(request.mall, request.params.serviceId),
  );

  app.get(
    '/api/questions/:token',
    {
      schema: {
        tags,
        summary: "The asker's view of a question and its answer",
        params: QuestionTokenParams,
        response: { 200: QuestionPublic, ...errors },
      },
    },
    (request) => consultations.publicView(request.params.token),
  );

  app.get(
    '/api/malls/:mall/questions',
    {
      schema: {
        tags,
        summary: "Staff: the agency's questions (open by default, the longest waiting first)",
        params: MallParams,
        querystring: QuestionListQuery,
        response: { 200: Type.Array(Question), ...errors },
      },
    },
    (request) => consultations.list(request.mall, requireStaff(request), request.query),
  );

  app.post(
    '/api/malls/:mall/questions/:id/answer',
    {
      schema: {
        tags,
        summary: "The service's agency answers (or corrects its answer); publish: it stands in the service's FAQ",
        params: QuestionParams,
        body: QuestionAnswer,
        response: { 200: Question, ...errors },
      },
    },
    (request) => consultations.answer(request.mall, requireStaff(request), request.params.id, request.body),
  );

  app.post(
    '/api/malls/:mall/questions/:id/publish',
    {
      schema: {
        tags,
        summary: "Publish an answered question in the service's FAQ, or take it out; 409 while unanswered",
        params: QuestionParams,
        body: QuestionPublish,
        response: { 200: Question, ...errors },
      },
    },
    (request) => consultations.publish(request.mall, requireStaff(request), request.params.id, request.body.published),
  );
};

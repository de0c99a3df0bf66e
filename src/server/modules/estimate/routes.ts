/** The wait estimate's own routes: the typical wait by weekday and hour, and the estimates' accuracy. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { EstimateAccuracy, EstimateAccuracyQuery, ServiceParams, TypicalWait } from '../../../api/estimate.js';
import { requireStaff } from '../../plugins/auth.js';
import type { EstimateReports } from './reports.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const estimateRoutes: FastifyPluginAsyncTypebox<{ reports: EstimateReports }> = async (app, { reports }) => {
  app.get(
    '/api/malls/:mall/services/:serviceId/typical-wait',
    {
      schema: {
        tags: ['queue'],
        summary:
          'The best time to come: the median and 80th-percentile wait by weekday and hour over the last 8 weeks, and how often the estimates came true last week',
        params: ServiceParams,
        response: { 200: TypicalWait, ...errors },
      },
    },
    (request) => reports.typicalWait(request.mall, request.params.serviceId),
  );

  app.get(
    '/api/malls/:mall/performance/estimates',
    {
      schema: {
        tags: ['performance'],
        summary:
          'How good the wait estimates were: MAE, bias and the share within ±max(5 min, 25 %) of the estimates given at issue, against the queue-length baseline on the same tickets; per service and week; and the last estimate shown before the call. Staff who may evaluate the unit.',
        params: MallParams,
        querystring: EstimateAccuracyQuery,
        response: { 200: EstimateAccuracy, ...errors },
      },
    },
    (request) => reports.accuracy(request.mall, requireStaff(request), request.query),
  );
};

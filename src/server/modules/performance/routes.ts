import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, MallParams } from '../../../api/common.js';
import {
  HeatMap,
  LiveBoard,
  PerformanceQuery,
  PerformanceReport,
  Ranking,
  RankingQuery,
  Staffing,
  StaffingQuery,
  Trend,
  TrendQuery,
  VisitTimes,
  VisitTimesQuery,
} from '../../../api/performance.js';
import type { EventBus } from '../../events/bus.js';
import { requireStaff } from '../../plugins/auth.js';
import { PDF, sendFile, XLSX } from '../../send-file.js';
import { openStream } from '../../sse.js';
import type { PerformanceService } from './service.js';
import type { VisitTimeReports } from './visit-times.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** A busy hall changes many times a second; a board needs to hear of it a few times a second. */
const LIVE_THROTTLE_MS = 250;

export const performanceRoutes: FastifyPluginAsyncTypebox<{
  performance: PerformanceService;
  visitTimes: VisitTimeReports;
  bus: EventBus;
}> = async (app, { performance, visitTimes, bus }) => {
  const tags = ['performance'];
  const access =
    'Signed-in staff: mall admins and viewers see every unit; an agency admin the mall level and their own agency; officers 403.';

  app.get(
    '/api/malls/:mall/performance',
    {
      schema: {
        tags,
        summary: `A unit's performance over a period (mall, agencyId, serviceId, counterId or officerId; period or from/to), with the units inside it. ${access}`,
        params: MallParams,
        querystring: PerformanceQuery,
        response: { 200: PerformanceReport, ...errors },
      },
    },
    async (request) => performance.report(request.mall, requireStaff(request), request.query),
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/api/malls/:mall/performance/report.${format}`,
      {
        schema: {
          tags,
          summary:
            format === 'pdf'
              ? `The periodic performance report (any period: a month, quarter, semester or year) as a PDF in Indonesian, for the unit of the query. ${access}`
              : `The periodic performance report as a workbook: the figures, the breakdown, the 12-month trend, staffing, and every visit behind them. ${access}`,
          params: MallParams,
          querystring: PerformanceQuery,
          response: errors,
        },
      },
      async (request, reply) => {
        const file = await performance.exportFile(request.mall, requireStaff(request), request.query, format);
        return sendFile(reply, format === 'pdf' ? PDF : XLSX, file);
      },
    );
  }

  app.get(
    '/api/malls/:mall/performance/visits',
    {
      schema: {
        tags,
        summary: `Time in the mall per visit — from the number taken to the last service done — over every finished visit of the period, per number of services done, and per week with the visits of two services or more apart; for an agency or a service, the visits that passed through it. ${access}`,
        params: MallParams,
        querystring: VisitTimesQuery,
        response: { 200: VisitTimes, ...errors },
      },
    },
    async (request) => visitTimes.figures(request.mall, requireStaff(request), request.query),
  );

  app.get(
    '/api/malls/:mall/performance/live',
    {
      schema: {
        tags,
        summary: `Today, per agency: waiting now, longest wait, served, counters open, mean wait, and a warning past the agency threshold. ${access}`,
        params: MallParams,
        response: { 200: LiveBoard, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => performance.live(request.mall, requireStaff(request)),
  );

  app.get(
    '/api/malls/:mall/performance/live/events',
    {
      schema: {
        tags,
        summary:
          'text/event-stream: `changed` (data {at}) whenever the mall queue changed, at most four times a second; refetch /performance/live on it.',
        params: MallParams,
      },
    },
    async (request, reply) => {
      // Checked before the stream opens, so a refusal is a plain 401/403 answer.
      performance.checkLive(request.mall, requireStaff(request));
      const mallId = request.mall.id;
      const stream = openStream(request, reply);
      let timer: NodeJS.Timeout | null = null;
      const changed = () => {
        timer = null;
        stream.send('changed', { at: Date.now() });
      };
      stream.onClose(
        bus.subscribe((m) => {
          if (m.topic !== 'ticket.changed' || m.payload.mallId !== mallId || timer) return;
          timer = setTimeout(changed, LIVE_THROTTLE_MS);
        }),
      );
      stream.onClose(() => {
        if (timer) clearTimeout(timer);
      });
    },
  );

  app.get(
    '/api/malls/:mall/performance/trend',
    {
      schema: {
        tags,
        summary: `A unit's figures month by month or week by week over a period (every bucket listed). ${access}`,
        params: MallParams,
        querystring: TrendQuery,
        response: { 200: Trend, ...errors },
      },
    },
    async (request) => performance.trend(request.mall, requireStaff(request), request.query),
  );

  app.get(
    '/api/malls/:mall/performance/ranking',
    {
      schema: {
        tags,
        summary: `Agencies ranked by a measure over a period (equal values share a rank; no data ranks last, unranked). ${access}`,
        params: MallParams,
        querystring: RankingQuery,
        response: { 200: Ranking, ...errors },
      },
    },
    async (request) => performance.ranking(request.mall, requireStaff(request), request.query),
  );

  app.get(
    '/api/malls/:mall/performance/heatmap',
    {
      schema: {
        tags,
        summary: `Arrivals by weekday (Monday first) and local hour for a unit and period. ${access}`,
        params: MallParams,
        querystring: PerformanceQuery,
        response: { 200: HeatMap, ...errors },
      },
    },
    async (request) => performance.heatMap(request.mall, requireStaff(request), request.query),
  );

  app.get(
    '/api/malls/:mall/performance/staffing',
    {
      schema: {
        tags,
        summary: `Per hour, for an agency (or a service's, counter's or officer's agency): arrivals, counters needed for an expected wait within the target (Erlang C), counters that were open. ${access}`,
        params: MallParams,
        querystring: StaffingQuery,
        response: { 200: Staffing, ...errors },
      },
    },
    async (request) => performance.staffing(request.mall, requireStaff(request), request.query),
  );
};

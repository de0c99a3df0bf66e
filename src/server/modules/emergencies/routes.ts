/**
 * The crisis center's routes: anyone reports (the kiosk, a phone, a staff screen); staff take and
 * close; every staff screen of the mall follows one stream of reports and their steps.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, MallParams } from '../../../api/common.js';
import {
  CloseEmergency,
  Emergency,
  EmergencyListQuery,
  EmergencyParams,
  EmergencyReport,
  EmergencyReported,
  EmergencyStreamQuery,
  NewEmergency,
} from '../../../api/emergencies.js';
import type { EventBus } from '../../events/bus.js';
import type { EmergencyChanged } from '../../events/types.js';
import { requireStaff } from '../../plugins/auth.js';
import { lastEventId, openStream, sseFrame } from '../../sse.js';
import type { EmergencyService } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const tags = ['emergencies'];

/** An event as the staff stream sends it: named by its step, with the report as it stands. */
const frameOf = (e: EmergencyChanged) =>
  sseFrame(e.type, { eventId: e.eventId, type: e.type, at: e.at, emergency: e.emergency }, e.eventId);

export const emergencyRoutes: FastifyPluginAsyncTypebox<{ emergencies: EmergencyService; bus: EventBus }> = async (
  app,
  { emergencies, bus },
) => {
  app.post(
    '/api/malls/:mall/emergencies',
    {
      schema: {
        tags,
        summary:
          "Report an emergency (no sign-in: the kiosk's button, the portal; or a staff screen, recorded as the staff member's): every signed-in staff screen of the mall hears it at once",
        params: MallParams,
        body: NewEmergency,
        response: { 201: EmergencyReported, ...errors },
      },
      config: { audit: 'emergency.report' },
    },
    async (request, reply) => {
      // another mall's staff member reporting here is a citizen of this mall
      const staff = request.staff?.mallId === request.mall.id ? request.staff : null;
      const reported = await emergencies.report(request.mall, staff, request.body);
      return reply.status(201).send(reported);
    },
  );

  app.post(
    '/api/malls/:mall/emergencies/:id/take',
    {
      schema: {
        tags,
        summary: '"Saya tangani" (I\'m on it): the first staff member wins; 409 emergency_taken naming who has it',
        params: EmergencyParams,
        response: { 200: Emergency, ...errors },
      },
    },
    (request) => emergencies.take(request.mall, requireStaff(request), request.params.id),
  );

  app.post(
    '/api/malls/:mall/emergencies/:id/close',
    {
      schema: {
        tags,
        summary: 'Close it with what was done; 409 emergency_closed when it already is',
        params: EmergencyParams,
        body: CloseEmergency,
        response: { 200: Emergency, ...errors },
      },
    },
    (request) => emergencies.close(request.mall, requireStaff(request), request.params.id, request.body.note),
  );

  app.get(
    '/api/malls/:mall/emergencies',
    {
      schema: {
        tags,
        summary:
          "The log of a period (the mall's local dates, both included; default the last 30 days), newest first: source, who took it and when, the response time, who closed it and what was done",
        params: MallParams,
        querystring: EmergencyListQuery,
        response: { 200: Type.Array(Emergency), ...errors },
      },
    },
    (request) => emergencies.list(request.mall, request.query),
  );

  app.get(
    '/api/malls/:mall/emergencies/report',
    {
      schema: {
        tags,
        summary: 'The figures of a period: reports per kind, unanswered, median and longest response time',
        params: MallParams,
        querystring: EmergencyListQuery,
        response: { 200: EmergencyReport, ...errors },
      },
    },
    (request) => emergencies.figures(request.mall, request.query),
  );

  app.get(
    '/api/malls/:mall/emergencies/events',
    {
      schema: {
        tags: ['realtime', ...tags],
        summary:
          'Staff feed (text/event-stream): a "snapshot" of the open reports, then "reported", "taken" and "closed" events, each with the report as it stands. Resumes after Last-Event-ID.',
        params: MallParams,
        querystring: EmergencyStreamQuery,
      },
    },
    async (request, reply) => {
      const mall = request.mall;
      requireStaff(request);
      const stream = openStream(request, reply);
      // Listen before reading, so nothing published meanwhile is lost; held until the catch-up is out.
      let held: EmergencyChanged[] | null = [];
      const sent = new Set<string>();
      stream.onClose(
        bus.subscribe((m) => {
          if (m.topic !== 'emergency.changed' || m.payload.mallId !== mall.id) return;
          if (held) held.push(m.payload);
          else stream.sendFrame(frameOf(m.payload));
        }),
      );
      stream.send('snapshot', await emergencies.snapshot(mall));
      const resumeAfter = lastEventId(request, request.query.lastEventId);
      if (resumeAfter) {
        for (const e of await emergencies.eventsAfter(mall, resumeAfter)) {
          sent.add(e.eventId);
          stream.sendFrame(frameOf(e));
        }
      }
      for (const e of held ?? []) if (!sent.has(e.eventId)) stream.sendFrame(frameOf(e));
      held = null;
    },
  );
};

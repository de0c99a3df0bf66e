import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { ContactBody } from '../../../api/booking.js';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { DisplayQuery } from '../../../api/events.js';
import {
  AddStopBody,
  Availability,
  CallBody,
  CounterParams,
  CounterPresence,
  CounterPresenceBody,
  CounterQueue,
  IssuedTicket,
  IssueTicketBody,
  StopParams,
  TicketEnvelope,
  TicketParams,
  TicketPublic,
  TokenParams,
  TransferBody,
} from '../../../api/queue.js';
import type { TicketAction } from '../../../domain/queue.js';
import { AppError, requestLang } from '../../errors.js';
import type { EventBus } from '../../events/bus.js';
import { requireStaff } from '../../plugins/auth.js';
import { lastEventId, openStream } from '../../sse.js';
import { DisplayHub } from './display-hub.js';
import type { QueueService } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const ACTIONS: { path: string; action: Exclude<TicketAction, 'call' | 'transfer' | 'postpone'>; summary: string }[] = [
  { path: 'recall', action: 'recall', summary: 'Call the ticket again (announced on the display)' },
  {
    path: 'no-show',
    action: 'no_show',
    summary: 'Mark a called ticket as not present (after the configured recalls)',
  },
  { path: 'start', action: 'start', summary: 'The citizen arrived at the counter: service starts' },
  { path: 'finish', action: 'finish', summary: 'Service finished' },
  { path: 'cancel', action: 'cancel', summary: 'Cancel a waiting or called ticket' },
  { path: 'reactivate', action: 'reactivate', summary: 'Put a no-show back in line, the same day' },
];

export const queueRoutes: FastifyPluginAsyncTypebox<{ queue: QueueService; bus: EventBus }> = async (
  app,
  { queue, bus },
) => {
  const hub = new DisplayHub(bus);
  app.addHook('onClose', async () => hub.close());

  app.post(
    '/api/malls/:mall/tickets',
    {
      schema: {
        tags: ['queue'],
        summary:
          "Take a walk-in ticket (no sign-in): for one service (serviceId), or one number for several (serviceIds) waiting in every one of their lines at once. Signed-in staff taking one on a citizen's behalf: recorded as source 'staff'.",
        params: MallParams,
        body: IssueTicketBody,
        response: { 201: IssuedTicket, ...errors },
      },
    },
    async (request, reply) => {
      const { serviceId, serviceIds, priority } = request.body;
      if (serviceIds && serviceId) {
        throw new AppError('validation', {
          field: 'serviceIds',
          in: 'body',
          problemId: 'berikan serviceId atau serviceIds, tidak keduanya',
          problemEn: 'give serviceId or serviceIds, not both',
        });
      }
      if (!serviceIds && !serviceId) {
        throw new AppError('validation', {
          field: 'serviceId',
          in: 'body',
          problemId: 'wajib diisi',
          problemEn: 'is required',
        });
      }
      // an officer taking a number on a citizen's behalf (at the counter or the information desk)
      const options = request.staff ? { source: 'staff' as const } : {};
      const ticket = serviceIds
        ? await queue.issueVisit(request.mall, { serviceIds, priority }, options)
        : await queue.issue(request.mall, { serviceId: serviceId as string, priority }, options);
      return reply.status(201).send(ticket);
    },
  );

  app.get(
    '/api/tickets/:token',
    {
      schema: {
        tags: ['queue'],
        summary: "A ticket's status, for the citizen's ticket page (no sign-in)",
        params: TokenParams,
        response: { 200: TicketPublic, 404: ErrorBody },
      },
    },
    (request) => queue.publicStatus(request.params.token),
  );

  app.post(
    '/api/tickets/:token/stops/:serviceId/cancel',
    {
      schema: {
        tags: ['queue'],
        summary: "The citizen no longer needs one of the visit's services: that stop leaves its line (by token)",
        params: StopParams,
        response: { 200: TicketPublic, ...errors },
      },
    },
    (request) => queue.cancelStop(request.params.token, request.params.serviceId),
  );

  app.post(
    '/api/malls/:mall/tickets/:id/stops',
    {
      schema: {
        tags: ['counter'],
        summary:
          '"You also need BPJS": an officer adds a service to the citizen\'s visit; the same number waits in that line too, its place from now',
        params: TicketParams,
        body: AddStopBody,
        response: { 201: TicketEnvelope, ...errors },
      },
    },
    async (request, reply) => {
      const ticket = await queue.addStop(
        request.mall,
        requireStaff(request),
        request.params.id,
        request.body.serviceId,
      );
      return reply.status(201).send({ ticket });
    },
  );

  app.post(
    '/api/tickets/:token/postpone',
    {
      schema: {
        tags: ['queue'],
        summary: '"I need more time": once, a waiting ticket steps back a few places (the citizen, by token)',
        params: TokenParams,
        response: { 200: TicketPublic, ...errors },
      },
    },
    (request) => queue.postpone(request.params.token),
  );

  app.post(
    '/api/tickets/:token/rejoin',
    {
      schema: {
        tags: ['queue'],
        summary: "After a missed call: rejoin the line from the phone within the mall's minutes",
        params: TokenParams,
        response: { 200: TicketPublic, ...errors },
      },
    },
    (request) => queue.rejoin(request.params.token),
  );

  app.put(
    '/api/tickets/:token/contact',
    {
      schema: {
        tags: ['queue'],
        summary: 'Leave a mobile number or an e-mail address to be told when the turn nears and when called',
        params: TokenParams,
        body: ContactBody,
        response: {
          200: Type.Object({
            phoneMasked: Type.Union([Type.String(), Type.Null()]),
            emailMasked: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    (request) => queue.setContact(request.params.token, request.body, requestLang(request)),
  );

  app.get(
    '/api/tickets/:token/qr.svg',
    {
      schema: {
        tags: ['queue'],
        summary: 'QR code (SVG) of the link to the ticket page, for the printed ticket',
        params: TokenParams,
      },
    },
    async (request, reply) => {
      await queue.publicStatus(request.params.token); // 404 for an unknown token
      const link = `${request.protocol}://${request.host}/t/${encodeURIComponent(request.params.token)}`;
      const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
    },
  );

  app.get(
    '/api/malls/:mall/availability',
    {
      schema: {
        tags: ['queue'],
        summary: 'Whether the mall is open now, and per service how many wait and how many tickets are left today',
        params: MallParams,
        response: { 200: Availability, 404: ErrorBody },
      },
    },
    (request) => queue.availability(request.mall),
  );

  app.post(
    '/api/malls/:mall/counters/:counterId/presence',
    {
      schema: {
        tags: ['counter'],
        summary:
          "The officer says the counter is open, on a break or closed for the day (calling also opens it): citizens' wait estimates follow",
        params: CounterParams,
        body: CounterPresenceBody,
        response: { 200: CounterPresence, ...errors },
      },
    },
    (request) => queue.setPresence(request.mall, requireStaff(request), request.params.counterId, request.body.state),
  );

  app.post(
    '/api/malls/:mall/counters/:counterId/call-next',
    {
      schema: {
        tags: ['counter'],
        summary: 'Call the next ticket this counter should serve; 204 when nobody waits',
        params: CounterParams,
        response: { 200: TicketEnvelope, 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const ticket = await queue.callNext(request.mall, requireStaff(request), request.params.counterId);
      if (!ticket) return reply.status(204).send(null);
      return { ticket };
    },
  );

  app.post(
    '/api/malls/:mall/counters/:counterId/call',
    {
      schema: {
        tags: ['counter'],
        summary: 'Call one chosen waiting ticket out of order (recorded as chosen)',
        params: CounterParams,
        body: CallBody,
        response: { 200: TicketEnvelope, ...errors },
      },
    },
    async (request) => ({
      ticket: await queue.callChosen(
        request.mall,
        requireStaff(request),
        request.params.counterId,
        request.body.ticketId,
      ),
    }),
  );

  app.get(
    '/api/malls/:mall/counters/:counterId/queue',
    {
      schema: {
        tags: ['counter'],
        summary: "The counter's current ticket, its waiting list and today's counts",
        params: CounterParams,
        response: { 200: CounterQueue, ...errors },
      },
    },
    (request) => queue.counterQueue(request.mall, requireStaff(request), request.params.counterId),
  );

  for (const { path, action, summary } of ACTIONS) {
    app.post(
      `/api/malls/:mall/tickets/:id/${path}`,
      {
        schema: {
          tags: ['counter'],
          summary,
          params: TicketParams,
          response: { 200: TicketEnvelope, ...errors },
        },
      },
      async (request) => ({
        ticket: await queue.act(request.mall, requireStaff(request), request.params.id, action),
      }),
    );
  }

  app.post(
    '/api/malls/:mall/tickets/:id/transfer',
    {
      schema: {
        tags: ['counter'],
        summary: "Move the ticket to another service (any agency), keeping the citizen's place by arrival time",
        params: TicketParams,
        body: TransferBody,
        response: { 200: TicketEnvelope, ...errors },
      },
    },
    async (request) => ({
      ticket: await queue.transfer(request.mall, requireStaff(request), request.params.id, request.body.serviceId),
    }),
  );

  app.get(
    '/api/malls/:mall/events',
    {
      schema: {
        tags: ['realtime'],
        summary:
          'Display feed (text/event-stream): a "snapshot" event, then "call" and "recall" events, and "announcements" when the running text changed. Resumes after Last-Event-ID.',
        params: MallParams,
        querystring: DisplayQuery,
      },
    },
    async (request, reply) => {
      const mall = request.mall;
      const zone = request.query.zone;
      const stream = openStream(request, reply);
      // Join the hub before reading, so nothing published meanwhile is lost.
      const client = hub.add(mall.id, zone, stream);
      stream.send('snapshot', await queue.displaySnapshot(mall, zone));
      const resumeAfter = lastEventId(request, request.query.lastEventId);
      if (resumeAfter) for (const call of await queue.callsAfter(mall, resumeAfter, zone)) client.sendReplayed(call);
      client.goLive();
    },
  );

  app.get(
    '/api/malls/:mall/counters/:counterId/events',
    {
      schema: {
        tags: ['realtime'],
        summary:
          'Counter feed (text/event-stream): a "ticket" event whenever its queue changes, or another stop of the visit of the citizen at the counter',
        params: CounterParams,
      },
    },
    async (request, reply) => {
      const mall = request.mall;
      const initial = await queue.counterQueue(mall, requireStaff(request), request.params.counterId);
      const serviceIds = new Set(initial.counter.serviceIds);
      const counterId = initial.counter.id;
      // the citizen at the counter: the officer sees their other stops, which move in other lines
      let current = await queue.heldVisit(mall, counterId);
      const stream = openStream(request, reply);
      stream.onClose(
        bus.subscribe((m) => {
          if (m.topic !== 'ticket.changed' || m.payload.mallId !== mall.id) return;
          const t = m.payload.ticket;
          if (t.counterId === counterId) {
            const held = t.status === 'called' || t.status === 'serving';
            current = held ? { routeId: t.routeId ?? null, number: t.number } : null;
          }
          const sameVisit =
            current !== null && !!t.routeId && (t.routeId === current.routeId || t.number === current.number);
          const relevant =
            serviceIds.has(t.serviceId) ||
            (t.fromServiceId !== null && serviceIds.has(t.fromServiceId)) ||
            t.counterId === counterId ||
            sameVisit;
          if (relevant) stream.send('ticket', m.payload, m.payload.eventId);
        }),
      );
      stream.send('queue', initial);
    },
  );

  app.get(
    '/api/tickets/:token/events',
    {
      schema: {
        tags: ['realtime'],
        summary: 'One ticket (text/event-stream): a "status" event now and whenever it or its place in line changes',
        params: TokenParams,
      },
    },
    async (request, reply) => {
      const token = request.params.token;
      let { mallId, row, view: last } = await queue.followTicket(token);
      const stream = openStream(request, reply);
      let pending = Promise.resolve();
      // The lines the ticket stands in: its service's, or each stop's of a visit (again after a
      // transfer or a stop added). A visit's places are counted again whole, stop by stop.
      let lines = new Set(last.stops.map((s) => s.serviceId));
      const isVisit = () => lines.size > 1;
      // The estimates also move with the counters, with the lines that share them, and with time.
      const follows = new Map<string, () => void>();
      const followLines = async () => {
        for (const [serviceId, unfollow] of follows) {
          if (lines.has(serviceId)) continue;
          unfollow();
          follows.delete(serviceId);
        }
        for (const serviceId of lines) {
          if (follows.has(serviceId)) continue;
          const unfollow = await queue.followEstimates(mallId, serviceId, () => queueRefresh(undefined, isVisit()));
          // closed while this was being set up: nobody will call the unfollow later
          if (stream.closed) unfollow();
          else follows.set(serviceId, unfollow);
        }
      };
      const refresh = async (eventId: string | undefined, whole: boolean) => {
        let now = last;
        if (whole) {
          ({ row, view: now } = await queue.followTicket(token));
          lines = new Set(now.stops.map((s) => s.serviceId));
          await followLines();
        }
        // Another ticket of the line moved, or the estimates did: only its place can have changed.
        else if (row.status === 'waiting') now = { ...last, ...(await queue.placeOf(row)) };
        if (stream.closed || JSON.stringify(now) === JSON.stringify(last)) return;
        last = now;
        stream.send('status', now, eventId);
      };
      // One refresh at a time, in order, so a slow read never overwrites a newer one.
      const queueRefresh = (eventId: string | undefined, whole: boolean) => {
        pending = pending.then(() => refresh(eventId, whole)).catch(() => {});
      };
      stream.onClose(
        bus.subscribe((m) => {
          if (m.topic !== 'ticket.changed' || m.payload.mallId !== mallId) return;
          const t = m.payload.ticket;
          // the visit's other stops are the citizen's own too, and so is a stop just added to a
          // plain ticket (it carries the ticket's number and the route the ticket now heads)
          const mine = t.token === token || (!!t.routeId && (t.routeId === row.route_id || t.number === row.number));
          const inLine = lines.has(t.serviceId) || (t.fromServiceId !== null && lines.has(t.fromServiceId));
          if (!mine && !inLine) return;
          queueRefresh(m.payload.eventId, mine || isVisit());
        }),
      );
      stream.onClose(() => {
        for (const unfollow of follows.values()) unfollow();
      });
      await followLines();
      stream.send('status', last);
    },
  );
};

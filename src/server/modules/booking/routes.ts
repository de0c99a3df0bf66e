/** The booking routes: rules (admin), slots and booking (citizens), check-in (kiosk, counter), the day's list (staff). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  BookableService,
  Booking,
  BookingDays,
  BookingListQuery,
  BookingPerformance,
  BookingPerformanceQuery,
  BookingRules,
  BookingTokenParams,
  BookingView,
  CheckedIn,
  CheckInBody,
  MoveBookingBody,
  NewBooking,
  OnlineTicketBody,
  ServiceParams,
  SlotsQuery,
  SlotView,
  StaffBooking,
  StoredBookingRules,
} from '../../../api/booking.js';
import { ErrorBody, MallParams } from '../../../api/common.js';
import { IssuedTicket } from '../../../api/queue.js';
import { requestLang } from '../../errors.js';
import { requireStaff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import type { BookingService } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const bookingRoutes: FastifyPluginAsyncTypebox<{
  booking: BookingService;
  mallById: (mallId: string) => Promise<Mall>;
}> = async (app, { booking, mallById }) => {
  app.get(
    '/api/malls/:mall/admin/services/:serviceId/booking',
    {
      schema: {
        tags: ['admin'],
        summary: "A service's booking rules",
        params: ServiceParams,
        response: { 200: StoredBookingRules, ...errors },
      },
    },
    (request) => booking.rules(request.mall, requireStaff(request), request.params.serviceId),
  );

  app.put(
    '/api/malls/:mall/admin/services/:serviceId/booking',
    {
      schema: {
        tags: ['admin'],
        summary: "Set a service's booking rules (mall admin, or the service's agency admin)",
        params: ServiceParams,
        body: BookingRules,
        response: { 200: StoredBookingRules, ...errors },
      },
    },
    async (request) => {
      const stored = await booking.putRules(
        request.mall,
        requireStaff(request),
        request.params.serviceId,
        request.body,
      );
      await app.catalogChanged(request.mall.id);
      return stored;
    },
  );

  app.get(
    '/api/malls/:mall/services/:serviceId/slots',
    {
      schema: {
        tags: ['booking'],
        summary: "The slots of a day that may still be booked, with their places (the mall's local time)",
        params: ServiceParams,
        querystring: SlotsQuery,
        response: { 200: Type.Array(SlotView), ...errors },
      },
    },
    (request) => booking.slots(request.mall, request.params.serviceId, request.query.date),
  );

  app.get(
    '/api/malls/:mall/booking/services',
    {
      schema: {
        tags: ['booking'],
        summary: 'The services a citizen can book a time for, or join the queue for from a phone',
        params: MallParams,
        response: { 200: Type.Array(BookableService), ...errors },
      },
    },
    (request) => booking.bookableServices(request.mall),
  );

  app.get(
    '/api/malls/:mall/services/:serviceId/booking-days',
    {
      schema: {
        tags: ['booking'],
        summary: 'The days a citizen may book: open, closed, full, or not open yet (and when it opens)',
        params: ServiceParams,
        response: { 200: BookingDays, ...errors },
      },
    },
    (request) => booking.bookingDays(request.mall, request.params.serviceId),
  );

  app.post(
    '/api/malls/:mall/bookings',
    {
      schema: {
        tags: ['booking'],
        summary: "Book a slot (a citizen, or staff on a citizen's behalf with their session)",
        params: MallParams,
        body: NewBooking,
        response: { 201: Booking, ...errors },
      },
    },
    async (request, reply) => {
      const made = await booking.book(request.mall, request.body, request.staff ?? null, requestLang(request));
      return reply.status(201).send(made);
    },
  );

  app.get(
    '/api/malls/:mall/bookings',
    {
      schema: {
        tags: ['booking'],
        summary: "The day's bookings (staff: an agency's staff see their agency's services)",
        params: MallParams,
        querystring: BookingListQuery,
        response: { 200: Type.Array(StaffBooking), ...errors },
      },
    },
    (request) => booking.dayList(request.mall, requireStaff(request), request.query),
  );

  app.post(
    '/api/malls/:mall/bookings/check-in',
    {
      schema: {
        tags: ['booking'],
        summary: 'Check a booking in by its code (kiosk or counter): inside the window it becomes a ticket',
        params: MallParams,
        body: CheckInBody,
        response: { 201: CheckedIn, ...errors },
      },
    },
    async (request, reply) => {
      const done = await booking.checkIn(request.mall, request.body, request.staff ?? null);
      return reply.status(201).send(done);
    },
  );

  app.post(
    '/api/malls/:mall/tickets/online',
    {
      schema: {
        tags: ['booking'],
        summary:
          "Join today's queue from a phone (antrian online), where the service allows it: the same numbering and quota",
        params: MallParams,
        body: OnlineTicketBody,
        response: { 201: IssuedTicket, ...errors },
      },
    },
    async (request, reply) => {
      const ticket = await booking.joinOnline(request.mall, request.body, requestLang(request));
      return reply.status(201).send(ticket);
    },
  );

  app.get(
    '/api/malls/:mall/performance/bookings',
    {
      schema: {
        tags: ['booking'],
        summary: 'Booking figures per service and day: booked, checked in, no-show rate, share of the places used',
        params: MallParams,
        querystring: BookingPerformanceQuery,
        response: { 200: BookingPerformance, ...errors },
      },
    },
    (request) => booking.figures(request.mall, requireStaff(request), request.query),
  );

  app.get(
    '/api/bookings/:token',
    {
      schema: {
        tags: ['booking'],
        summary: "A booking's page",
        params: BookingTokenParams,
        response: { 200: BookingView, 404: ErrorBody },
      },
    },
    (request) => booking.view(request.params.token),
  );

  app.post(
    '/api/bookings/:token/cancel',
    {
      schema: {
        tags: ['booking'],
        summary: 'Cancel a booking (until check-in opens); its place is free again at once',
        params: BookingTokenParams,
        response: { 200: BookingView, ...errors },
      },
    },
    (request) => booking.cancel(request.params.token, mallById),
  );

  app.post(
    '/api/bookings/:token/move',
    {
      schema: {
        tags: ['booking'],
        summary: 'Move a booking to another slot (until check-in opens)',
        params: BookingTokenParams,
        body: MoveBookingBody,
        response: { 200: BookingView, ...errors },
      },
    },
    (request) => booking.move(request.params.token, request.body, mallById),
  );

  app.get(
    '/api/bookings/:token/qr.svg',
    {
      schema: {
        tags: ['booking'],
        summary: "QR code (SVG) of the booking's code, for the kiosk's camera",
        params: BookingTokenParams,
      },
    },
    async (request, reply) => {
      const svg = await booking.qrSvg(request.params.token);
      return reply.type('image/svg+xml').header('cache-control', 'private, max-age=3600').send(svg);
    },
  );

  app.get(
    '/api/bookings/:token/booking.ics',
    {
      schema: { tags: ['booking'], summary: 'The booking as a calendar file (iCalendar)', params: BookingTokenParams },
    },
    async (request, reply) => {
      const { filename, body } = await booking.ics(request.params.token);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body);
    },
  );
};

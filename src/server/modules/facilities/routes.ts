/** The facility routes: the directory and a room's busy times for anyone, requests, the mall admin's decisions. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, MallParams } from '../../../api/common.js';
import {
  CalendarQuery,
  Facility,
  FacilityBooking,
  FacilityBookingAdmin,
  FacilityBookingListQuery,
  FacilityBookingParams,
  FacilityBookingStep,
  FacilityBookingTokenParams,
  FacilityCalendar,
  FacilityParams,
  NewFacilityBooking,
  OccupancyCount,
} from '../../../api/facilities.js';
import { requestLang } from '../../errors.js';
import { requireStaff } from '../../plugins/auth.js';
import type { FacilityService } from './service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['facilities'];

export const facilityRoutes: FastifyPluginAsyncTypebox<{ facilities: FacilityService }> = async (
  app,
  { facilities },
) => {
  app.get(
    '/api/malls/:mall/facilities',
    {
      schema: {
        tags,
        summary:
          "The mall's facilities: what, where, hours and whether open now, wheelchair access, occupancy where counted, whether bookable",
        params: MallParams,
        response: { 200: Type.Array(Facility), ...errors },
      },
    },
    (request) => facilities.directory(request.mall),
  );

  app.get(
    '/api/malls/:mall/facilities/:id/calendar',
    {
      schema: {
        tags,
        summary:
          "A bookable room's hours and busy times (pending and approved bookings) in a range of dates, at most 62 days; no names",
        params: FacilityParams,
        querystring: CalendarQuery,
        response: { 200: FacilityCalendar, ...errors },
      },
    },
    (request) => facilities.calendar(request.mall, request.params.id, request.query),
  );

  app.post(
    '/api/malls/:mall/facilities/:id/bookings',
    {
      // an agency's staff may request a room from their session: their action, on the trail
      config: { audit: 'facility_booking.request' },
      schema: {
        tags,
        summary:
          "Request a bookable room (agencies and the public): 201 pending until the mall admin decides; 409 overlap when a pending or approved booking holds any of the time (one ending as it starts does not); 400 a time outside the room's hours, in the past, end not after start, off the 15-minute grid; 404 unknown or not bookable",
        params: FacilityParams,
        body: NewFacilityBooking,
        response: { 201: FacilityBooking, ...errors },
      },
    },
    async (request, reply) => {
      const booking = await facilities.request(
        request.mall,
        request.params.id,
        request.body,
        request.staff,
        requestLang(request),
      );
      return reply.status(201).send(booking);
    },
  );

  app.put(
    '/api/malls/:mall/facilities/:id/occupancy',
    {
      // who counted, when
      config: { audit: 'facility.occupancy' },
      schema: {
        tags,
        summary: 'Staff on the floor: how many are in a counted facility now (the play area, the nursing room)',
        params: FacilityParams,
        body: OccupancyCount,
        response: { 200: Facility, ...errors },
      },
    },
    (request) => facilities.setOccupancy(request.mall, request.params.id, request.body.count),
  );

  app.get(
    '/api/malls/:mall/facility-bookings',
    {
      schema: {
        tags,
        summary:
          "The mall admin's calendar: bookings of a room (or of all) in a range of dates (a week from today by default), with the organiser's contact",
        params: MallParams,
        querystring: FacilityBookingListQuery,
        response: { 200: Type.Array(FacilityBookingAdmin), ...errors },
      },
    },
    (request) => facilities.list(request.mall, request.query),
  );

  app.post(
    '/api/malls/:mall/facility-bookings/:id/status',
    {
      // the mall admin's approval, rejection or cancellation
      config: { audit: 'facility_booking.decide' },
      schema: {
        tags,
        summary:
          'The mall admin: approve or reject (with a note: why) a pending request, or cancel a pending or approved booking; 409 for a step its status does not allow',
        params: FacilityBookingParams,
        body: FacilityBookingStep,
        response: { 200: FacilityBookingAdmin, ...errors },
      },
    },
    (request) => facilities.step(request.mall, requireStaff(request), request.params.id, request.body),
  );

  app.get(
    '/api/facility-bookings/:token',
    {
      schema: {
        tags,
        summary: "The requester's view of a room booking by its link",
        params: FacilityBookingTokenParams,
        response: { 200: FacilityBooking, ...errors },
      },
    },
    (request) => facilities.publicView(request.params.token),
  );

  app.post(
    '/api/facility-bookings/:token/cancel',
    {
      // the requester's own link: no staff action even from a staff browser
      config: { audit: false },
      schema: {
        tags,
        summary: 'The requester withdraws a request or cancels an approved booking; the time is free again',
        params: FacilityBookingTokenParams,
        response: { 200: FacilityBooking, ...errors },
      },
    },
    (request) => facilities.cancelByToken(request.params.token),
  );
};

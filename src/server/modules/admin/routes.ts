/**
 * The administration routes (issue #6 point 1) under /api/malls/:mall/admin, and the special days
 * under /api/malls/:mall/special-days. Every successful change is announced with
 * app.catalogChanged, so that every process drops its cached catalog, names and special days.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  AdminAgency,
  AdminCounter,
  AdminService as AdminServiceSchema,
  AdminUser,
  AdminZone,
  AgencyChange,
  AgencyFilter,
  CounterChange,
  DateParams,
  DateRangeQuery,
  IdParams,
  NewAgency,
  NewCounter,
  NewService,
  NewUser,
  NewZone,
  RemoveResult,
  ServiceChange,
  SpecialDay,
  SpecialDayBody,
  SpecialDayRange,
  SpecialDaysDeleted,
  SpecialDaysWritten,
  UserChange,
  UserWithPassword,
  ZoneChange,
} from '../../../api/admin.js';
import { ErrorBody, LangQuery, MallParams } from '../../../api/common.js';
import { requireStaff } from '../../plugins/auth.js';
import type { AdminService } from './service.js';

const TAG = ['admin'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const readErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const REMOVE_DESCRIPTION =
  'Answers outcome "deleted" when nothing ever referred to it (made by mistake), else "archived": kept with its history, out of the catalog, restorable with POST …/restore.';

export const adminRoutes: FastifyPluginAsyncTypebox<{ admin: AdminService }> = async (app, { admin }) => {
  /** Runs a change, then tells every process the mall's catalog changed. */
  const changed = async <T>(mallId: string, result: Promise<T>): Promise<T> => {
    const value = await result;
    await app.catalogChanged(mallId);
    return value;
  };
  const created = <T>(reply: FastifyReply, value: T) => reply.status(201).send(value);
  /** A generated password is in the answer: nothing may keep a copy. */
  const secret = <T>(reply: FastifyReply, value: T, status = 200) =>
    reply.status(status).header('cache-control', 'no-store').send(value);

  // ---------------------------------------------------------------- agencies

  app.get(
    '/api/malls/:mall/admin/agencies',
    {
      schema: {
        tags: TAG,
        summary: 'Agencies with their archived flag and counts (mall admin: all; agency admin: their own)',
        params: MallParams,
        querystring: LangQuery,
        response: { 200: Type.Array(AdminAgency), ...readErrors },
      },
    },
    (request) => admin.agencies(request.mall, requireStaff(request)),
  );

  app.post(
    '/api/malls/:mall/admin/agencies',
    {
      schema: {
        tags: TAG,
        summary: 'Add an agency (mall admin); 409 agency_code_taken',
        params: MallParams,
        body: NewAgency,
        response: { 201: AdminAgency, ...errors },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      return created(reply, await changed(request.mall.id, admin.createAgency(request.mall, staff, request.body)));
    },
  );

  app.patch(
    '/api/malls/:mall/admin/agencies/:id',
    {
      schema: {
        tags: TAG,
        summary: "Change an agency (mall admin); renaming it updates its services' search text",
        params: IdParams,
        body: AgencyChange,
        response: { 200: AdminAgency, ...errors },
      },
    },
    (request) =>
      changed(
        request.mall.id,
        admin.updateAgency(request.mall, requireStaff(request), request.params.id, request.body),
      ),
  );

  app.delete(
    '/api/malls/:mall/admin/agencies/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Archive an agency (mall admin) with its services and counters; its accounts are deactivated',
        description: `${REMOVE_DESCRIPTION} 409 agency_in_queue while today's tickets of its services are unfinished.`,
        params: IdParams,
        response: { 200: RemoveResult, ...errors },
      },
    },
    (request) => changed(request.mall.id, admin.removeAgency(request.mall, requireStaff(request), request.params.id)),
  );

  app.post(
    '/api/malls/:mall/admin/agencies/:id/restore',
    {
      schema: {
        tags: TAG,
        summary: 'Restore an archived agency with the services and counters archived with it (not its accounts)',
        params: IdParams,
        response: { 200: AdminAgency, ...errors },
      },
    },
    (request) => changed(request.mall.id, admin.restoreAgency(request.mall, requireStaff(request), request.params.id)),
  );

  // ---------------------------------------------------------------- services

  app.get(
    '/api/malls/:mall/admin/services',
    {
      schema: {
        tags: TAG,
        summary: 'Services with their standard, state and counters (mall admin: all; agency admin: their own)',
        params: MallParams,
        querystring: AgencyFilter,
        response: { 200: Type.Array(AdminServiceSchema), ...readErrors },
      },
    },
    (request) => admin.services(request.mall, requireStaff(request), request.query),
  );

  app.post(
    '/api/malls/:mall/admin/services',
    {
      schema: {
        tags: TAG,
        summary: 'Add a service to an agency (its agency admin or the mall admin); 409 prefix_taken',
        params: MallParams,
        body: NewService,
        response: { 201: AdminServiceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      return created(reply, await changed(request.mall.id, admin.createService(request.mall, staff, request.body)));
    },
  );

  app.patch(
    '/api/malls/:mall/admin/services/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Change a service: name, prefix, quota, standard, active, counters (agencyId: mall admin)',
        params: IdParams,
        body: ServiceChange,
        response: { 200: AdminServiceSchema, ...errors },
      },
    },
    (request) =>
      changed(
        request.mall.id,
        admin.updateService(request.mall, requireStaff(request), request.params.id, request.body),
      ),
  );

  app.delete(
    '/api/malls/:mall/admin/services/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Archive a service (deletes it only when never used)',
        description: REMOVE_DESCRIPTION,
        params: IdParams,
        response: { 200: RemoveResult, ...errors },
      },
    },
    (request) => changed(request.mall.id, admin.removeService(request.mall, requireStaff(request), request.params.id)),
  );

  app.post(
    '/api/malls/:mall/admin/services/:id/restore',
    {
      schema: {
        tags: TAG,
        summary: 'Restore an archived service (active again)',
        params: IdParams,
        response: { 200: AdminServiceSchema, ...errors },
      },
    },
    (request) => changed(request.mall.id, admin.restoreService(request.mall, requireStaff(request), request.params.id)),
  );

  // ---------------------------------------------------------------- counters

  app.get(
    '/api/malls/:mall/admin/counters',
    {
      schema: {
        tags: TAG,
        summary: 'Counters with their services, zone and state (mall admin: all; agency admin: their own)',
        params: MallParams,
        querystring: AgencyFilter,
        response: { 200: Type.Array(AdminCounter), ...readErrors },
      },
    },
    (request) => admin.counters(request.mall, requireStaff(request), request.query),
  );

  app.post(
    '/api/malls/:mall/admin/counters',
    {
      schema: {
        tags: TAG,
        summary: 'Add a counter (its agency admin or the mall admin); 409 counter_number_taken',
        description: "serviceIds must be the counter's own agency's services (400 naming serviceIds[i] otherwise).",
        params: MallParams,
        body: NewCounter,
        response: { 201: AdminCounter, ...errors },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      return created(reply, await changed(request.mall.id, admin.createCounter(request.mall, staff, request.body)));
    },
  );

  app.patch(
    '/api/malls/:mall/admin/counters/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Change a counter: name, number, zone, services, active (agencyId: mall admin)',
        params: IdParams,
        body: CounterChange,
        response: { 200: AdminCounter, ...errors },
      },
    },
    (request) =>
      changed(
        request.mall.id,
        admin.updateCounter(request.mall, requireStaff(request), request.params.id, request.body),
      ),
  );

  app.delete(
    '/api/malls/:mall/admin/counters/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Archive a counter (deletes it only when no ticket ever went to it)',
        description: `${REMOVE_DESCRIPTION} 409 counter_in_use while it calls or serves a ticket. An archived counter keeps its number.`,
        params: IdParams,
        response: { 200: RemoveResult, ...errors },
      },
    },
    (request) => changed(request.mall.id, admin.removeCounter(request.mall, requireStaff(request), request.params.id)),
  );

  app.post(
    '/api/malls/:mall/admin/counters/:id/restore',
    {
      schema: {
        tags: TAG,
        summary: 'Restore an archived counter (active again)',
        params: IdParams,
        response: { 200: AdminCounter, ...errors },
      },
    },
    (request) => changed(request.mall.id, admin.restoreCounter(request.mall, requireStaff(request), request.params.id)),
  );

  // ---------------------------------------------------------------- zones

  app.get(
    '/api/malls/:mall/admin/zones',
    {
      schema: {
        tags: TAG,
        summary: "The display zones (the display's ?zone=), with the counters in each",
        params: MallParams,
        querystring: LangQuery,
        response: { 200: Type.Array(AdminZone), ...readErrors },
      },
    },
    (request) => admin.zones(request.mall, requireStaff(request)),
  );

  app.post(
    '/api/malls/:mall/admin/zones',
    {
      schema: {
        tags: TAG,
        summary: 'Add a display zone (mall admin)',
        params: MallParams,
        body: NewZone,
        response: { 201: AdminZone, ...errors },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      return created(reply, await changed(request.mall.id, admin.createZone(request.mall, staff, request.body)));
    },
  );

  app.patch(
    '/api/malls/:mall/admin/zones/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Rename or reorder a display zone (mall admin)',
        params: IdParams,
        body: ZoneChange,
        response: { 200: AdminZone, ...errors },
      },
    },
    (request) =>
      changed(request.mall.id, admin.updateZone(request.mall, requireStaff(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/malls/:mall/admin/zones/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Archive a display zone (mall admin); 409 zone_in_use while counters stand in it',
        description: REMOVE_DESCRIPTION,
        params: IdParams,
        response: { 200: RemoveResult, ...errors },
      },
    },
    (request) => changed(request.mall.id, admin.removeZone(request.mall, requireStaff(request), request.params.id)),
  );

  app.post(
    '/api/malls/:mall/admin/zones/:id/restore',
    {
      schema: {
        tags: TAG,
        summary: 'Restore an archived display zone (mall admin)',
        params: IdParams,
        response: { 200: AdminZone, ...errors },
      },
    },
    (request) => changed(request.mall.id, admin.restoreZone(request.mall, requireStaff(request), request.params.id)),
  );

  // ---------------------------------------------------------------- staff accounts

  app.get(
    '/api/malls/:mall/admin/users',
    {
      schema: {
        tags: TAG,
        summary: "Staff accounts, without passwords (mall admin: all; agency admin: their agency's)",
        params: MallParams,
        querystring: LangQuery,
        response: { 200: Type.Array(AdminUser), ...readErrors },
      },
    },
    (request) => admin.users(request.mall, requireStaff(request)),
  );

  app.post(
    '/api/malls/:mall/admin/users',
    {
      schema: {
        tags: TAG,
        summary:
          'Add a staff account; its generated password is in this answer only, to be changed at the first sign-in',
        description:
          'The mall admin adds any account of the mall; an agency admin only officers of their own agency (403 otherwise). 409 username_taken.',
        params: MallParams,
        body: NewUser,
        response: { 201: UserWithPassword, ...errors },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      return secret(reply, await changed(request.mall.id, admin.createUser(request.mall, staff, request.body)), 201);
    },
  );

  app.patch(
    '/api/malls/:mall/admin/users/:id',
    {
      schema: {
        tags: TAG,
        summary: "Change an account's name, role, agency, or deactivate it (active: false ends its sessions)",
        description:
          'Accounts are never deleted (tickets and the audit trail name them). 409 own_account for your own role, agency or status.',
        params: IdParams,
        body: UserChange,
        response: { 200: AdminUser, ...errors },
      },
    },
    (request) =>
      changed(request.mall.id, admin.updateUser(request.mall, requireStaff(request), request.params.id, request.body)),
  );

  app.post(
    '/api/malls/:mall/admin/users/:id/reset-password',
    {
      schema: {
        tags: TAG,
        summary: 'Generate a new password (in this answer only), to be changed at the next sign-in; ends its sessions',
        params: IdParams,
        response: { 200: UserWithPassword, ...errors },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      return secret(reply, await changed(request.mall.id, admin.resetPassword(request.mall, staff, request.params.id)));
    },
  );

  // ---------------------------------------------------------------- special days

  app.get(
    '/api/malls/:mall/special-days',
    {
      schema: {
        tags: ['catalog'],
        summary:
          'Dates with other hours than their weekday (holidays: closed), from today on unless from= says otherwise',
        params: MallParams,
        querystring: DateRangeQuery,
        response: { 200: Type.Array(SpecialDay), 400: ErrorBody, 404: ErrorBody },
      },
    },
    (request) => admin.specialDays(request.mall, request.query),
  );

  app.put(
    '/api/malls/:mall/special-days/:date',
    {
      schema: {
        tags: TAG,
        summary: "Set one date's hours (mall admin): spans [] closes it; replaces what the date had",
        params: DateParams,
        body: SpecialDayBody,
        response: { 200: SpecialDay, ...errors },
      },
    },
    (request) =>
      changed(
        request.mall.id,
        admin.putSpecialDay(request.mall, requireStaff(request), request.params.date, request.body),
      ),
  );

  app.put(
    '/api/malls/:mall/special-days',
    {
      schema: {
        tags: TAG,
        summary: 'Set the hours of every date from–to (mall admin), optionally only on some weekdays',
        description:
          'Writes one row per date (at most 366), replacing what each had, so one day inside the range can be changed or removed later on its own. 409 past_date when from is before today.',
        body: SpecialDayRange,
        params: MallParams,
        response: { 200: SpecialDaysWritten, ...errors },
      },
    },
    (request) => changed(request.mall.id, admin.putSpecialDayRange(request.mall, requireStaff(request), request.body)),
  );

  app.delete(
    '/api/malls/:mall/special-days/:date',
    {
      schema: {
        tags: TAG,
        summary: 'Give a date back its weekday hours (mall admin); past dates stay on record (409 past_date)',
        params: DateParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await changed(request.mall.id, admin.deleteSpecialDay(request.mall, requireStaff(request), request.params.date));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/malls/:mall/special-days',
    {
      schema: {
        tags: TAG,
        summary: 'Give every date from–to back its weekday hours (mall admin)',
        params: MallParams,
        querystring: DateRangeQuery,
        response: { 200: SpecialDaysDeleted, ...errors },
      },
    },
    (request) =>
      changed(request.mall.id, admin.deleteSpecialDayRange(request.mall, requireStaff(request), request.query)),
  );
};

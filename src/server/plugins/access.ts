/**
 * Who may call each route at all: one table for the whole API, checked before the request is
 * validated, so a stranger learns nothing from a route's validation errors. A route missing from
 * the table stops the server at start (and so every test): nothing is reachable by oversight.
 *
 * The table is the coarse rule (signed in, which roles, which mall). What depends on the thing
 * acted on (an officer's own agency, an agency admin's own staff) is decided in the services with
 * src/domain/access.ts; test/api/permissions.test.ts walks every route with every role.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../../domain/access.js';
import { AppError } from '../errors.js';
import { requireAccount, requireStaff } from './auth.js';

/** public: anyone; account: signed in, even before changing a generated password; else these roles of the route's mall */
export type RouteAccess = 'public' | 'account' | readonly Role[];

const OPERATE: readonly Role[] = ['mall_admin', 'agency_admin', 'officer'];
const EVALUATE: readonly Role[] = ['mall_admin', 'agency_admin', 'viewer'];
const STAFF: readonly Role[] = ['mall_admin', 'agency_admin', 'officer', 'viewer'];
const ADMINS: readonly Role[] = ['mall_admin', 'agency_admin'];
const MALL_ADMIN: readonly Role[] = ['mall_admin'];

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /api/health': 'public',
  // readiness, for the load balancer (GET /metrics, outside /api, checks its own token or address)
  'GET /api/health/ready': 'public',
  'GET /api/auth/csrf': 'public',
  'POST /api/auth/login': 'public',
  // ends the session the request carries, if any
  'POST /api/auth/logout': 'public',
  'POST /api/auth/logout-all': 'account',
  'GET /api/auth/me': 'account',
  'POST /api/auth/password': 'account',

  // the catalog, the kiosk, the display, the citizen's ticket and survey
  'GET /api/malls': 'public',
  'GET /api/malls/:mall': 'public',
  'GET /api/malls/:mall/agencies': 'public',
  'GET /api/malls/:mall/services': 'public',
  'GET /api/malls/:mall/counters': 'public',
  'GET /api/malls/:mall/availability': 'public',
  'GET /api/malls/:mall/special-days': 'public',
  'GET /api/malls/:mall/announcements': 'public',
  'GET /api/malls/:mall/events': 'public',
  'POST /api/malls/:mall/tickets': 'public',
  'GET /api/tickets/:token': 'public',
  'GET /api/tickets/:token/qr.svg': 'public',
  'GET /api/tickets/:token/events': 'public',
  'POST /api/tickets/:token/stops/:serviceId/cancel': 'public',
  'POST /api/tickets/:token/survey': 'public',
  // the SKM result is public information (PermenPANRB 14/2017), its raw responses are not
  'GET /api/malls/:mall/skm': 'public',
  'GET /api/malls/:mall/skm/report': 'public',
  'GET /api/malls/:mall/skm/report.pdf': 'public',
  'GET /api/malls/:mall/skm/followups': 'public',
  'GET /api/malls/:mall/skm/published': 'public',
  'GET /api/malls/:mall/skm/report.xlsx': STAFF,

  // booking (citizens; staff book on a citizen's behalf and check in with their session)
  'GET /api/malls/:mall/services/:serviceId/slots': 'public',
  'GET /api/malls/:mall/services/:serviceId/typical-wait': 'public',
  'GET /api/malls/:mall/services/:serviceId/booking-days': 'public',
  'GET /api/malls/:mall/booking/services': 'public',
  'POST /api/malls/:mall/bookings': 'public',
  'POST /api/malls/:mall/bookings/check-in': 'public',
  'GET /api/bookings/:token': 'public',
  'GET /api/bookings/:token/qr.svg': 'public',
  'GET /api/bookings/:token/booking.ics': 'public',
  'POST /api/bookings/:token/cancel': 'public',
  'POST /api/bookings/:token/move': 'public',
  'GET /api/malls/:mall/bookings': STAFF,
  'POST /api/malls/:mall/tickets/online': 'public',
  'POST /api/tickets/:token/postpone': 'public',
  'POST /api/tickets/:token/rejoin': 'public',
  'PUT /api/tickets/:token/contact': 'public',

  // the counter
  'POST /api/malls/:mall/counters/:counterId/call-next': OPERATE,
  'POST /api/malls/:mall/counters/:counterId/presence': OPERATE,
  'POST /api/malls/:mall/tickets/:id/stops': OPERATE,
  'POST /api/malls/:mall/counters/:counterId/call': OPERATE,
  'GET /api/malls/:mall/counters/:counterId/queue': OPERATE,
  'GET /api/malls/:mall/counters/:counterId/events': OPERATE,
  'POST /api/malls/:mall/tickets/:id/recall': OPERATE,
  'POST /api/malls/:mall/tickets/:id/no-show': OPERATE,
  'POST /api/malls/:mall/tickets/:id/start': OPERATE,
  'POST /api/malls/:mall/tickets/:id/finish': OPERATE,
  'POST /api/malls/:mall/tickets/:id/cancel': OPERATE,
  'POST /api/malls/:mall/tickets/:id/reactivate': OPERATE,
  'POST /api/malls/:mall/tickets/:id/transfer': OPERATE,

  // the SKM's staff side
  'POST /api/malls/:mall/skm/responses': OPERATE,
  'POST /api/malls/:mall/skm/followups': OPERATE,
  'PATCH /api/malls/:mall/skm/followups/:id': OPERATE,
  'DELETE /api/malls/:mall/skm/followups/:id': OPERATE,
  'POST /api/malls/:mall/skm/publications': MALL_ADMIN,
  'DELETE /api/malls/:mall/skm/publications/:id': MALL_ADMIN,

  // evaluation
  'GET /api/malls/:mall/performance': EVALUATE,
  'GET /api/malls/:mall/performance/report.pdf': EVALUATE,
  'GET /api/malls/:mall/performance/report.xlsx': EVALUATE,
  'GET /api/malls/:mall/performance/live': EVALUATE,
  'GET /api/malls/:mall/performance/live/events': EVALUATE,
  'GET /api/malls/:mall/performance/trend': EVALUATE,
  'GET /api/malls/:mall/performance/ranking': EVALUATE,
  'GET /api/malls/:mall/performance/heatmap': EVALUATE,
  'GET /api/malls/:mall/performance/staffing': EVALUATE,
  'GET /api/malls/:mall/performance/bookings': EVALUATE,
  'GET /api/malls/:mall/performance/estimates': EVALUATE,
  'GET /api/malls/:mall/performance/applications': EVALUATE,
  'GET /api/malls/:mall/performance/visits': EVALUATE,

  // applications after the counter: staff of the service's agency open and move them
  'POST /api/malls/:mall/applications': OPERATE,
  'POST /api/malls/:mall/applications/:id/status': OPERATE,
  'GET /api/malls/:mall/applications': STAFF,
  'GET /api/malls/:mall/applications/:id': STAFF,
  'GET /api/applications/:token': 'public',
  'GET /api/applications/:token/qr.svg': 'public',

  // complaints: anyone files and follows one; the mall verifies and sends it on, the agency answers
  'POST /api/malls/:mall/complaints': 'public',
  'POST /api/malls/:mall/complaints/:id/status': OPERATE,
  'POST /api/malls/:mall/complaints/:id/notes': OPERATE,
  'POST /api/malls/:mall/complaints/:id/lapor': MALL_ADMIN,
  'GET /api/malls/:mall/complaints': STAFF,
  'GET /api/malls/:mall/complaints/export': MALL_ADMIN,
  'GET /api/malls/:mall/complaints/:id': STAFF,
  'GET /api/malls/:mall/complaints/:id/photos/:photoId': STAFF,
  'GET /api/malls/:mall/performance/complaints': EVALUATE,
  'GET /api/complaints/:token': 'public',
  'GET /api/complaints/:token/qr.svg': 'public',
  'GET /api/malls/:mall/counters/:counterId/complaint-qr.svg': 'public',
  'POST /api/complaints/:token/info': 'public',
  'POST /api/complaints/:token/rating': 'public',

  // consultation: anyone asks about a service, its agency answers and publishes the FAQ
  'POST /api/malls/:mall/services/:serviceId/questions': 'public',
  'GET /api/malls/:mall/services/:serviceId/faq': 'public',
  'GET /api/questions/:token': 'public',
  'GET /api/malls/:mall/questions': STAFF,
  'POST /api/malls/:mall/questions/:id/answer': OPERATE,
  'POST /api/malls/:mall/questions/:id/publish': OPERATE,

  // the mall's facilities: the directory and a room's busy times for anyone; anyone may request a
  // room, the mall admin decides; staff on the floor count who is in
  'GET /api/malls/:mall/facilities': 'public',
  'GET /api/malls/:mall/facilities/:id/calendar': 'public',
  'POST /api/malls/:mall/facilities/:id/bookings': 'public',
  'PUT /api/malls/:mall/facilities/:id/occupancy': OPERATE,
  'GET /api/malls/:mall/facility-bookings': MALL_ADMIN,
  'POST /api/malls/:mall/facility-bookings/:id/status': MALL_ADMIN,
  'GET /api/facility-bookings/:token': 'public',
  'POST /api/facility-bookings/:token/cancel': 'public',

  // the crisis center: anyone reports (the kiosk, a phone); every staff screen hears it, those on
  // the floor take and close it, the evaluating roles read the log
  'POST /api/malls/:mall/emergencies': 'public',
  'GET /api/malls/:mall/emergencies/events': STAFF,
  'POST /api/malls/:mall/emergencies/:id/take': OPERATE,
  'POST /api/malls/:mall/emergencies/:id/close': OPERATE,
  'GET /api/malls/:mall/emergencies': EVALUATE,
  'GET /api/malls/:mall/emergencies/report': EVALUATE,

  // administration
  'PUT /api/malls/:mall/opening-hours': MALL_ADMIN,
  'GET /api/malls/:mall/admin/settings': MALL_ADMIN,
  'PUT /api/malls/:mall/admin/settings': MALL_ADMIN,
  'POST /api/malls/:mall/announcements': MALL_ADMIN,
  'DELETE /api/malls/:mall/announcements/:id': MALL_ADMIN,
  'PUT /api/malls/:mall/special-days/:date': MALL_ADMIN,
  'PUT /api/malls/:mall/special-days': MALL_ADMIN,
  'DELETE /api/malls/:mall/special-days/:date': MALL_ADMIN,
  'DELETE /api/malls/:mall/special-days': MALL_ADMIN,
  'GET /api/malls/:mall/admin/agencies': ADMINS,
  'POST /api/malls/:mall/admin/agencies': MALL_ADMIN,
  'PATCH /api/malls/:mall/admin/agencies/:id': MALL_ADMIN,
  'DELETE /api/malls/:mall/admin/agencies/:id': MALL_ADMIN,
  'POST /api/malls/:mall/admin/agencies/:id/restore': MALL_ADMIN,
  'GET /api/malls/:mall/admin/services': ADMINS,
  'POST /api/malls/:mall/admin/services': ADMINS,
  'PATCH /api/malls/:mall/admin/services/:id': ADMINS,
  'DELETE /api/malls/:mall/admin/services/:id': ADMINS,
  'POST /api/malls/:mall/admin/services/:id/restore': ADMINS,
  'GET /api/malls/:mall/admin/counters': ADMINS,
  'POST /api/malls/:mall/admin/counters': ADMINS,
  'PATCH /api/malls/:mall/admin/counters/:id': ADMINS,
  'DELETE /api/malls/:mall/admin/counters/:id': ADMINS,
  'POST /api/malls/:mall/admin/counters/:id/restore': ADMINS,
  'GET /api/malls/:mall/admin/zones': ADMINS,
  'POST /api/malls/:mall/admin/zones': MALL_ADMIN,
  'PATCH /api/malls/:mall/admin/zones/:id': MALL_ADMIN,
  'DELETE /api/malls/:mall/admin/zones/:id': MALL_ADMIN,
  'POST /api/malls/:mall/admin/zones/:id/restore': MALL_ADMIN,
  'GET /api/malls/:mall/admin/users': ADMINS,
  'POST /api/malls/:mall/admin/users': ADMINS,
  'PATCH /api/malls/:mall/admin/users/:id': ADMINS,
  'POST /api/malls/:mall/admin/users/:id/reset-password': ADMINS,
  'GET /api/malls/:mall/audit': ADMINS,
  'GET /api/malls/:mall/admin/services/:serviceId/booking': ADMINS,
  'PUT /api/malls/:mall/admin/services/:serviceId/booking': ADMINS,
  'GET /api/malls/:mall/outbox': MALL_ADMIN,
  'GET /api/malls/:mall/admin/channels': MALL_ADMIN,
  'PUT /api/malls/:mall/admin/channels/:channel': MALL_ADMIN,
  'POST /api/malls/:mall/admin/channels/:channel/test': MALL_ADMIN,
};

/** The table's entry for a route; HEAD goes with GET. */
export function routeAccess(method: string, url: string): RouteAccess | undefined {
  return ROUTE_ACCESS[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

const covered = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

export const accessPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route) => {
      if (!covered(route.url)) return;
      for (const method of [route.method].flat()) {
        if (!routeAccess(method, route.url)) {
          throw new Error(`${method} ${route.url} has no entry in ROUTE_ACCESS (src/server/plugins/access.ts)`);
        }
      }
    });
    app.addHook('preValidation', async (request) => {
      const url = request.routeOptions.url;
      if (!url || !covered(url)) return;
      const access = routeAccess(request.method, url);
      if (access === 'public') return;
      if (access === 'account') {
        requireAccount(request);
        return;
      }
      const staff = requireStaff(request);
      if (!access?.includes(staff.role)) throw new AppError('forbidden');
      if (request.mall && request.mall.id !== staff.mallId) throw new AppError('forbidden');
    });
  },
  { name: 'access', dependencies: ['auth'] },
);

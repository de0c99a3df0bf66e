/** buildApp: the whole HTTP server as a Fastify instance, without listening (tests use inject). */
import { existsSync } from 'node:fs';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DEFAULT_MAX_EVENT_LOOP_DELAY_MS } from './config.js';
import type { AppContext } from './context.js';
import { acceptsWrites, ping } from './db/database.js';
import { storageFault } from './db/storage-fault.js';
import { AppError, sendError, validationError } from './errors.js';
import { lifecyclePlugin } from './lifecycle.js';
import { Metrics, metricsPlugin } from './metrics.js';
import { SpecialDayCalendar } from './modules/admin/calendar.js';
import { AdminRepository } from './modules/admin/repository.js';
import { adminRoutes } from './modules/admin/routes.js';
import { AdminService } from './modules/admin/service.js';
import { AnnouncementRepository } from './modules/announcements/repository.js';
import { announcementRoutes } from './modules/announcements/routes.js';
import { ApplicationReports } from './modules/applications/reports.js';
import { ApplicationRepository } from './modules/applications/repository.js';
import { applicationRoutes } from './modules/applications/routes.js';
import { ApplicationService } from './modules/applications/service.js';
import { AuditRepository } from './modules/audit/repository.js';
import { auditRoutes } from './modules/audit/routes.js';
import { AuditService } from './modules/audit/service.js';
import { AuthRepository } from './modules/auth/repository.js';
import { authRoutes } from './modules/auth/routes.js';
import { AuthService } from './modules/auth/service.js';
import { BookingRepository } from './modules/booking/repository.js';
import { bookingRoutes } from './modules/booking/routes.js';
import { BookingService } from './modules/booking/service.js';
import { CatalogRepository } from './modules/catalog/repository.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { CatalogService } from './modules/catalog/service.js';
import { ComplaintReports } from './modules/complaints/reports.js';
import { ComplaintRepository } from './modules/complaints/repository.js';
import { complaintRoutes } from './modules/complaints/routes.js';
import { ComplaintService } from './modules/complaints/service.js';
import { ConsultationRepository } from './modules/consultations/repository.js';
import { consultationRoutes } from './modules/consultations/routes.js';
import { ConsultationService } from './modules/consultations/service.js';
import { EmergencyRepository } from './modules/emergencies/repository.js';
import { emergencyRoutes } from './modules/emergencies/routes.js';
import { EmergencyService } from './modules/emergencies/service.js';
import { EstimateReports } from './modules/estimate/reports.js';
import { EstimateRepository } from './modules/estimate/repository.js';
import { estimateRoutes } from './modules/estimate/routes.js';
import { EstimateService } from './modules/estimate/service.js';
import { FacilityRepository } from './modules/facilities/repository.js';
import { facilityRoutes } from './modules/facilities/routes.js';
import { FacilityService } from './modules/facilities/service.js';
import { ticketMessagesHook } from './modules/messages/notify.js';
import { messageRoutes } from './modules/messages/routes.js';
import { OutboxWorker } from './modules/messages/worker.js';
import { PeriodTallies } from './modules/performance/period-tallies.js';
import { PerformanceRepository } from './modules/performance/repository.js';
import { RollupStore } from './modules/performance/rollup-store.js';
import { performanceRoutes } from './modules/performance/routes.js';
import { PerformanceService } from './modules/performance/service.js';
import { VisitTimeReports } from './modules/performance/visit-times.js';
import { QueueRepository } from './modules/queue/repository.js';
import { queueRoutes } from './modules/queue/routes.js';
import { QueueService, toTicket } from './modules/queue/service.js';
import { SkmRepository } from './modules/skm/repository.js';
import { skmRoutes } from './modules/skm/routes.js';
import { SkmService } from './modules/skm/service.js';
import { accessPlugin } from './plugins/access.js';
import { auditPlugin } from './plugins/audit.js';
import { authPlugin } from './plugins/auth.js';
import { tenantPlugin, toMall } from './plugins/tenant.js';
import { webSurfacePlugin } from './plugins/web-surface.js';
import { requestIdGenerator, requestIdPlugin } from './request-id.js';
import { StreamRegistry } from './sse.js';
import { StorageHealth } from './storage-health.js';
import { webDist } from './web-build.js';

/** The largest request body: a service's standard with all its text fits many times over. */
export const BODY_LIMIT = 64 * 1024;

/** Seconds an overloaded process asks clients to wait (Retry-After). */
export const OVERLOADED_RETRY_AFTER_S = 5;
/** Seconds a client is asked to wait when the database stores nothing (disk full, read-only): someone must act. */
export const STORAGE_RETRY_AFTER_S = 30;
/** Requests that may write: one answered below 400 means the database took a write again. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Answered even when the process is overloaded: liveness, readiness (which says `overloaded` itself), metrics. */
const PRESSURE_EXEMPT = new Set(['/api/health', '/api/health/ready', '/metrics']);
/** The event loop's delay is sampled each second: the first samples after start measure the start itself. */
const PRESSURE_START_GRACE_MS = 2500;

export interface BuildOptions {
  logger?: boolean;
  /** how old the wait estimates may be under a burst of changes (default 1 s; tests use 0: always fresh) */
  estimateStaleMs?: number;
  /** where the JSON log lines go instead of stdout (tests read them) */
  logStream?: { write(line: string): void };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every route as registered (method, url): the permission and fuzz tests walk it */
    routeTable: { method: string; url: string }[];
    /** tallies and stores the last year's closed days of every mall (a background job at start) */
    prepareReports(): Promise<void>;
    /** after changing a mall's agencies, services or counters: drops every process's cached copies */
    catalogChanged(mallId: string): Promise<void>;
    /** sends the message outbox; main.ts starts it in every serving process, tests run rounds by hand */
    outboxWorker: OutboxWorker;
  }
}

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { config, database } = ctx;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, ...(options.logStream ? { stream: options.logStream } : {}) },
    trustProxy: config.trustProxy,
    // the proxy's X-Request-Id when trusted and sane, else a new id (request-id.ts); logged as reqId
    genReqId: requestIdGenerator(config.trustProxy),
    bodyLimit: BODY_LIMIT,
    // Thousands of displays and ticket pages keep streams open.
    forceCloseConnections: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });

  // first: every answer, even one refused by a hook below, names its request (X-Request-Id)
  await app.register(requestIdPlugin);
  // readiness, requests in flight and the open event streams, for a graceful stop (lifecycle.ts)
  await app.register(lifecyclePlugin);
  app.decorate('sseStreams', new StreamRegistry());
  // A saturated event loop answers 503 with Retry-After at once rather than letting requests time
  // out in the queue (@fastify/under-pressure: Fastify's own, maintained with it).
  const maxEventLoopDelay = config.maxEventLoopDelayMs ?? DEFAULT_MAX_EVENT_LOOP_DELAY_MS;
  await app.register(underPressure, {
    maxEventLoopDelay,
    pressureHandler: (request, reply) => {
      if (PRESSURE_EXEMPT.has(request.routeOptions.url ?? '') || app.lifecycle.startingUp(PRESSURE_START_GRACE_MS)) {
        return;
      }
      reply.header('retry-after', String(OVERLOADED_RETRY_AFTER_S));
      return Promise.reject(new AppError('overloaded', { retryAfterSeconds: OVERLOADED_RETRY_AFTER_S }));
    },
  });
  const metrics = new Metrics({ db: database.db, pool: database.pool, now: config.now, log: app.log });
  // every event this app publishes is counted (tickets issued, called, served); every one it hears is timed
  const instrumented = metrics.instrument(ctx.bus);
  const bus = instrumented.bus;
  app.addHook('onClose', async () => instrumented.stop());
  // Events published while the PostgreSQL listener was lost never reach this process's streams:
  // once it listens again, every stream is told to reconnect, and catches up from the database.
  const stopResume = bus.onReconnect(() => {
    const streams = app.sseStreams?.resumeAll() ?? 0;
    app.log.warn({ streams }, 'bus listening again: event streams told to reconnect and catch up');
  });
  app.addHook('onClose', async () => stopResume());

  // A database that stores nothing (disk full, read-only) answers 503 with Retry-After, not 500:
  // the write was rolled back whole, and readiness says `storage` until a write goes through.
  const storage = new StorageHealth();
  app.addHook('onResponse', async (request, reply) => {
    if (!READ_METHODS.has(request.method) && reply.statusCode < 400 && storage.succeeded()) {
      request.log.warn('storage: the database takes writes again');
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendError(reply, request, error);
    if (error.validation) return sendError(reply, request, validationError(error));
    const fault = storageFault(error);
    if (fault) {
      if (storage.failed(fault)) request.log.error({ err: error, fault }, 'storage: the database refuses writes');
      else request.log.warn({ code: error.code, fault }, 'storage: the database still refuses writes');
      reply.header('retry-after', String(STORAGE_RETRY_AFTER_S));
      return sendError(
        reply,
        request,
        new AppError('storage_unavailable', { fault, retryAfterSeconds: STORAGE_RETRY_AFTER_S }),
      );
    }
    if (error.statusCode === 429) return sendError(reply, request, new AppError('rate_limited'));
    if (error.statusCode === 413) {
      return sendError(reply, request, new AppError('payload_too_large', { limitKb: BODY_LIMIT / 1024 }));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, request, new AppError('bad_request', { detail: error.message }));
    }
    request.log.error(error);
    return sendError(reply, request, new AppError('internal'));
  });
  const hasWeb = existsSync(webDist);
  app.setNotFoundHandler((request, reply) => {
    // Screens are routed in the browser: any non-API page gets the app's index.html.
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, request, new AppError('not_found'));
  });
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders(res, path) {
        // Vite names assets by content hash: cache them for good; index.html is revalidated.
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  // The catalog with its standards is ~250 kB of JSON: compress it for phones on slow links.
  // (Event streams are written on the raw socket and stay uncompressed, as they must.)
  await app.register(compress, { global: true, threshold: 2048 });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Loket API',
        version: '0.1.0',
        description:
          'The HTTP contract of Loket, the system of a Mal Pelayanan Publik. Errors carry a code and a message in Indonesian (English with Accept-Language: en or ?lang=en).',
      },
      tags: [
        { name: 'catalog', description: 'Malls, agencies, services and counters' },
        { name: 'queue', description: 'Tickets for citizens' },
        { name: 'counter', description: 'Counter actions (staff)' },
        { name: 'realtime', description: 'Server-sent event streams' },
        { name: 'auth', description: 'Staff sign-in' },
        { name: 'skm', description: 'Survei Kepuasan Masyarakat (SKM) and the IKM' },
        { name: 'admin', description: 'Agencies, services, counters, zones, accounts, special days' },
        { name: 'audit', description: 'The audit trail of staff actions (read-only)' },
        { name: 'booking', description: 'Online booking, check-in, and joining the queue from a phone' },
        { name: 'applications', description: 'Applications after the counter (permohonan), followed by code' },
        { name: 'emergencies', description: 'The crisis center: urgent reports heard on every staff screen' },
        { name: 'facilities', description: "The mall's facilities and requests for its rooms" },
      ],
    },
  });
  // the docs page sets its own policy (its scripts' hashes) over the app's stricter one
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(cookie);
  await app.register(webSurfacePlugin, { rateLimits: config.rateLimits });
  await app.register(tenantPlugin, { db: database.db, bus });
  await app.register(authPlugin, { db: database.db, now: config.now });
  await app.register(accessPlugin);
  const auditLog = new AuditRepository(database.db);
  await app.register(auditPlugin, { store: auditLog, now: config.now });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Liveness and database check',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => {
      await ping(database.db);
      return { status: 'ok' as const };
    },
  );
  app.get(
    '/api/health/ready',
    {
      schema: {
        tags: ['catalog'],
        summary:
          'Readiness for a load balancer: 503 while starting, draining (after SIGTERM), without its event bus, overloaded, when the database does not answer, or while it stores nothing (disk full, read-only)',
        response: {
          200: Type.Object({ status: Type.Literal('ready') }),
          503: Type.Object({
            status: Type.Literal('not_ready'),
            reason: Type.Union([
              Type.Literal('starting'),
              Type.Literal('draining'),
              Type.Literal('bus'),
              Type.Literal('overloaded'),
              Type.Literal('database'),
              Type.Literal('storage'),
            ]),
          }),
        },
      },
    },
    async (_request, reply) => {
      const readiness = await app.lifecycle.readiness({
        busConnected: bus.connected,
        underPressure: app.isUnderPressure() && !app.lifecycle.startingUp(PRESSURE_START_GRACE_MS),
        ping: async () => {
          // a PostgreSQL that takes no writes (a standby, default_transaction_read_only) says so here
          if (!(await acceptsWrites(database)) && storage.failed('read_only')) {
            app.log.error('storage: the database is read-only');
          }
        },
        storageFailing: () => storage.failing !== null,
      });
      return reply
        .status(readiness.status === 'ready' ? 200 : 503)
        .header('cache-control', 'no-store')
        .send(readiness);
    },
  );
  await app.register(metricsPlugin, { metrics, token: config.metricsToken ?? null });

  const adminRepo = new AdminRepository(database.db);
  const mallById = async (mallId: string) =>
    toMall(await database.db.selectFrom('malls').selectAll().where('id', '=', mallId).executeTakeFirstOrThrow());
  const specialDays = new SpecialDayCalendar(adminRepo);
  const catalog = new CatalogService(new CatalogRepository(database.db), config.now, specialDays.lookup);
  const linkOf = (path: string) => (config.publicUrl ? `${config.publicUrl}${path}` : null);
  const estimateRepo = new EstimateRepository(database.db);
  const estimates = new EstimateService(estimateRepo, {
    now: config.now,
    specialDay: specialDays.lookup,
    ...(options.estimateStaleMs !== undefined ? { staleMs: options.estimateStaleMs } : {}),
  });
  const queue = new QueueService(
    new QueueRepository(database.db, ticketMessagesHook(linkOf)),
    bus,
    config.now,
    specialDays.lookup,
    mallById,
    estimates,
  );
  const auth = new AuthService(new AuthRepository(database.db), config.now);
  await app.register(catalogRoutes, { catalog });
  await app.register(queueRoutes, { queue, bus });
  await app.register(authRoutes, { auth });
  const booking = new BookingService(new BookingRepository(database.db), {
    now: config.now,
    specialDay: specialDays.lookup,
    linkOf,
    placeFreed: (slot) => bus.publish('booking.place_freed', slot),
    issueTicket: async (mall, serviceId, { alsoServiceIds, ...options }) => {
      const issued = await queue.issueVisitWith(mall, { serviceIds: [serviceId, ...(alsoServiceIds ?? [])] }, options);
      return (
        issued && {
          ticket: toTicket(issued.row),
          row: issued.row,
          peopleAhead: issued.ticket.peopleAhead,
          estimate: issued.ticket.estimate,
          estimateReason: issued.ticket.estimateReason,
          stops: issued.ticket.stops,
        }
      );
    },
  });
  await app.register(bookingRoutes, { booking, mallById });
  const outboxWorker = new OutboxWorker(database.db, config.now, { log: app.log });
  app.decorate('outboxWorker', outboxWorker);
  app.addHook('onClose', async () => outboxWorker.stop());
  await app.register(messageRoutes, {
    db: database.db,
    now: config.now,
    channelsChanged: (mallId) => outboxWorker.forget(mallId),
  });
  const skm = new SkmService(new SkmRepository(database.db), config.now);
  await app.register(skmRoutes, { skm });
  await app.register(estimateRoutes, {
    reports: new EstimateReports(estimateRepo, { now: config.now, scope: (mall, query) => skm.scope(mall, query) }),
  });
  const performanceRepo = new PerformanceRepository(database.db);
  const periods = new PeriodTallies(
    {
      facts: (mallId, filter) => performanceRepo.facts(mallId, filter),
      surveys: (mallId, filter) => skm.surveyGroups(mallId, filter),
    },
    new RollupStore(database.db),
    config.now,
  );
  const performance = new PerformanceService(performanceRepo, skm, periods, config.now);
  app.decorate('prepareReports', async () => {
    for (const row of await database.db.selectFrom('malls').selectAll().execute()) {
      await performance.prepareStoredTallies(toMall(row));
    }
  });
  const visitTimes = new VisitTimeReports(performanceRepo, { scope: (mall, query) => skm.scope(mall, query) });
  await app.register(performanceRoutes, { performance, visitTimes, bus });
  // Issuing reads a service per ticket and reports read the catalog's names: each process caches
  // them, and a catalog change drops the copies (here at once, elsewhere through the bus).
  const forgetCatalog = (mallId: string) => {
    queue.forgetCatalog(mallId);
    booking.forgetCatalog(mallId);
    performance.forgetCatalog(mallId);
    specialDays.forget(mallId);
    estimates.forgetCatalog(mallId);
  };
  const stopCatalog = bus.subscribe((m) => {
    if (m.topic === 'catalog.changed') forgetCatalog(m.payload.mallId);
    if (m.topic === 'booking.place_freed') booking.forgetSlot(m.payload);
    // the wait estimates follow every move of a line and every counter's presence, on any process
    if (m.topic === 'ticket.changed') {
      const t = m.payload.ticket;
      estimates.changed(m.payload.mallId, t.fromServiceId ? [t.serviceId, t.fromServiceId] : [t.serviceId]);
    }
    if (m.topic === 'counter.changed') estimates.counterChanged(m.payload.mallId, m.payload.counterId);
    if (m.topic === 'mall.changed') estimates.mallChanged(m.payload.mallId);
  });
  app.addHook('onClose', async () => stopCatalog());
  app.decorate('catalogChanged', async (mallId: string) => {
    forgetCatalog(mallId);
    await bus.publish('catalog.changed', { mallId });
  });
  const applicationRepo = new ApplicationRepository(database.db);
  await app.register(applicationRoutes, {
    applications: new ApplicationService(applicationRepo, { now: config.now, linkOf }),
    reports: new ApplicationReports(applicationRepo, {
      now: config.now,
      scope: (mall, query) => skm.scope(mall, query),
    }),
    publicUrl: config.publicUrl ?? null,
  });
  const complaintRepo = new ComplaintRepository(database.db);
  await app.register(complaintRoutes, {
    complaints: new ComplaintService(complaintRepo, { now: config.now, linkOf }),
    reports: new ComplaintReports(complaintRepo, { now: config.now, scope: (mall, query) => skm.scope(mall, query) }),
    publicUrl: config.publicUrl ?? null,
  });
  await app.register(consultationRoutes, {
    consultations: new ConsultationService(new ConsultationRepository(database.db), { now: config.now, linkOf }),
  });
  await app.register(facilityRoutes, {
    facilities: new FacilityService(new FacilityRepository(database.db), {
      now: config.now,
      specialDay: specialDays.lookup,
      linkOf,
    }),
  });
  await app.register(emergencyRoutes, {
    emergencies: new EmergencyService(new EmergencyRepository(database.db), bus, config.now),
    bus,
  });
  await app.register(announcementRoutes, { repo: new AnnouncementRepository(database.db), bus, now: config.now });
  await app.register(adminRoutes, { admin: new AdminService(adminRepo, config.now) });
  await app.register(auditRoutes, { audit: new AuditService(auditLog) });
  return app;
}

/**
 * GET /metrics in Prometheus's text format (prom-client: the maintained Node client, with the
 * process's own memory, CPU, GC and event-loop delay collectors built in). One Registry per app,
 * not prom-client's global one, so several apps in one process (the tests) do not collide.
 *
 * What a process counts itself: HTTP requests and their latency by route pattern, tickets it issued,
 * called and served (from the ticket.changed events it publishes, so the processes' sums are the
 * mall's), its open event streams, the delay of every bus message it hears (publish to delivery,
 * across processes for PostgreSQL; the machines' clocks kept by NTP), its database pool. What it
 * reads from the database when scraped (the same in every process: take the max, not the sum): the
 * citizens waiting now per mall and agency, and the outbox backlog.
 *
 * Who may read it: with LOKET_METRICS_TOKEN, whoever sends it as a bearer token; without, only
 * loopback and private-network addresses (the client's as TRUST_PROXY makes request.ip).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { localTime } from '../domain/schedule.js';
import type { DB } from './db/schema.js';
import { AppError, sendError } from './errors.js';
import type { EventBus } from './events/bus.js';
import type { BusEvents, Topic } from './events/types.js';

export interface MetricsOptions {
  db: Kysely<DB>;
  /** the PostgreSQL pool; null on SQLite (no pool metrics) */
  pool: pg.Pool | null;
  now: () => number;
  log: { warn(obj: unknown, msg?: string): void };
}

const TICKET_EVENTS = { issue: 'issued', call: 'called', finish: 'served' } as const;

export class Metrics {
  readonly registry = new Registry();
  private readonly slugs = new Map<string, string>();
  private readonly http: Counter<'method' | 'route' | 'status_class'>;
  private readonly latency: Histogram<'method' | 'route' | 'status_class'>;
  private readonly tickets: Record<(typeof TICKET_EVENTS)[keyof typeof TICKET_EVENTS], Counter<'mall'>>;
  private readonly busDelay: Histogram<'topic'>;
  /** set by the plugin: this app's open streams per route */
  streamsByRoute: () => Map<string, number> = () => new Map();

  constructor(private readonly o: MetricsOptions) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.http = new Counter({
      name: 'loket_http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status class',
      labelNames: ['method', 'route', 'status_class'],
      registers,
    });
    this.latency = new Histogram({
      name: 'loket_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (event streams left out), by route pattern, method and status class',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const ticketCounter = (what: string) =>
      new Counter({
        name: `loket_tickets_${what}_total`,
        help: `Tickets ${what} through this process, by mall`,
        labelNames: ['mall'],
        registers,
      });
    this.tickets = {
      issued: ticketCounter('issued'),
      called: ticketCounter('called'),
      served: ticketCounter('served'),
    };
    this.busDelay = new Histogram({
      name: 'loket_bus_delay_seconds',
      help: 'From publishing an event (in any process) to its delivery in this one, by topic',
      labelNames: ['topic'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const self = this;
    new Gauge({
      name: 'loket_event_streams',
      help: 'Event streams (server-sent events) open in this process, by route pattern',
      labelNames: ['route'],
      registers,
      collect() {
        this.reset();
        for (const [route, n] of self.streamsByRoute()) this.set({ route }, n);
      },
    });
    new Gauge({
      name: 'loket_tickets_waiting',
      help: "Tickets waiting now (today's, in the mall's time zone) per mall and agency; read from the database",
      labelNames: ['mall', 'agency'],
      registers,
      async collect() {
        const rows = await self.waiting().catch((error: unknown) => {
          self.o.log.warn({ error }, 'metrics: counting the waiting tickets failed');
          return null;
        });
        this.reset();
        for (const r of rows ?? []) this.set({ mall: r.mall, agency: r.agency }, r.n);
      },
    });
    new Gauge({
      name: 'loket_outbox_messages',
      help: 'Messages to citizens not yet sent (pending, or being sent), all malls; read from the database',
      labelNames: ['status'],
      registers,
      async collect() {
        const rows = await self.o.db
          .selectFrom('outbox')
          .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('status', 'in', ['pending', 'sending'])
          .groupBy('status')
          .execute()
          .catch((error: unknown) => {
            self.o.log.warn({ error }, 'metrics: counting the outbox failed');
            return null;
          });
        this.reset();
        if (!rows) return;
        this.set({ status: 'pending' }, 0);
        this.set({ status: 'sending' }, 0);
        for (const r of rows) this.set({ status: r.status }, Number(r.n));
      },
    });
    const pool = o.pool;
    if (pool) {
      new Gauge({
        name: 'loket_db_pool_connections',
        help: 'PostgreSQL pool connections of this process: total open and idle (the bus listener holds one)',
        labelNames: ['state'],
        registers,
        collect() {
          this.set({ state: 'total' }, pool.totalCount);
          this.set({ state: 'idle' }, pool.idleCount);
        },
      });
      new Gauge({
        name: 'loket_db_pool_waiting_requests',
        help: 'Queries waiting for a free PostgreSQL pool connection in this process',
        registers,
        collect() {
          this.set(pool.waitingCount);
        },
      });
      new Gauge({
        name: 'loket_db_pool_max_connections',
        help: 'The PostgreSQL pool size of this process',
        registers,
        collect() {
          this.set(pool.options.max ?? 10);
        },
      });
    }
  }

  /** One answered request; `route` is the pattern (never the raw address, which would make a series per ticket). */
  request(method: string, route: string, statusCode: number, seconds: number | null): void {
    const labels = { method, route, status_class: `${Math.floor(statusCode / 100)}xx` };
    this.http.inc(labels);
    if (seconds !== null) this.latency.observe(labels, seconds);
  }

  /** The bus as this app uses it: what it publishes is counted (tickets), what it hears is timed. */
  instrument(bus: EventBus): { bus: EventBus; stop: () => void } {
    const stop = bus.subscribe((m) => {
      if (typeof m.sentAt === 'number')
        this.busDelay.observe({ topic: m.topic }, Math.max(0, Date.now() - m.sentAt) / 1000);
    });
    const count = async (payload: BusEvents['ticket.changed']) => {
      const what = TICKET_EVENTS[payload.type as keyof typeof TICKET_EVENTS];
      if (!what) return;
      // the mall's slug is read once per mall and process (after the event went out)
      const mall = this.slugs.get(payload.mallId) ?? (await this.slugOf(payload.mallId));
      this.tickets[what].inc({ mall });
    };
    return {
      stop,
      bus: {
        async publish<T extends Topic>(topic: T, payload: BusEvents[T]) {
          await bus.publish(topic, payload);
          if (topic === 'ticket.changed') await count(payload as BusEvents['ticket.changed']);
        },
        subscribe: (handler) => bus.subscribe(handler),
        get connected() {
          return bus.connected;
        },
        onReconnect: (fn) => bus.onReconnect(fn),
        close: () => bus.close(),
      },
    };
  }

  private async slugOf(mallId: string): Promise<string> {
    const row = await this.o.db
      .selectFrom('malls')
      .select('slug')
      .where('id', '=', mallId)
      .executeTakeFirst()
      .catch(() => undefined);
    if (row) this.slugs.set(mallId, row.slug);
    return row?.slug ?? mallId;
  }

  /** Today's waiting tickets per mall and agency (each mall's today in its own time zone). */
  private async waiting(): Promise<{ mall: string; agency: string; n: number }[]> {
    const malls = await this.o.db.selectFrom('malls').select(['id', 'slug', 'time_zone']).execute();
    if (malls.length === 0) return [];
    const now = this.o.now();
    const today = new Map<string, { slug: string; date: string }>();
    for (const m of malls) {
      this.slugs.set(m.id, m.slug);
      today.set(m.id, { slug: m.slug, date: localTime(now, m.time_zone).date });
    }
    // (mall_id, status, service_date) is an index (tickets_status_day): Indonesia's three zones
    // make at most two dates at once, and the rows of another day are dropped below
    const rows = await this.o.db
      .selectFrom('tickets')
      .innerJoin('services', 'services.id', 'tickets.service_id')
      .innerJoin('agencies', 'agencies.id', 'services.agency_id')
      .select([
        'tickets.mall_id as mallId',
        'tickets.service_date as date',
        'agencies.code as agency',
        (eb) => eb.fn.countAll<number | string>().as('n'),
      ])
      .where('tickets.mall_id', 'in', [...today.keys()])
      .where('tickets.status', '=', 'waiting')
      .where('tickets.service_date', 'in', [...new Set([...today.values()].map((t) => t.date))])
      .groupBy(['tickets.mall_id', 'tickets.service_date', 'agencies.code'])
      .execute();
    return rows
      .filter((r) => today.get(r.mallId)?.date === r.date)
      .map((r) => ({ mall: today.get(r.mallId)?.slug ?? r.mallId, agency: r.agency, n: Number(r.n) }));
  }
}

/** Loopback, private (RFC 1918, RFC 4193) and link-local addresses: a mall's LAN and the machine itself. */
const LOCAL = new BlockList();
LOCAL.addSubnet('127.0.0.0', 8, 'ipv4');
LOCAL.addSubnet('10.0.0.0', 8, 'ipv4');
LOCAL.addSubnet('172.16.0.0', 12, 'ipv4');
LOCAL.addSubnet('192.168.0.0', 16, 'ipv4');
LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
LOCAL.addAddress('::1', 'ipv6');
LOCAL.addSubnet('fc00::', 7, 'ipv6');
LOCAL.addSubnet('fe80::', 10, 'ipv6');

export function isLocalAddress(ip: string): boolean {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip;
  try {
    return isIPv4(v4) ? LOCAL.check(v4, 'ipv4') : LOCAL.check(ip, 'ipv6');
  } catch {
    return false;
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The refusal for a request that may not read the metrics, or null. */
export function metricsRefusal(request: FastifyRequest, token: string | null): AppError | null {
  if (token) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    // compared as digests: equal length, constant time
    return m?.[1] && timingSafeEqual(digest(m[1]), digest(token)) ? null : new AppError('metrics_token_required');
  }
  return isLocalAddress(request.ip) ? null : new AppError('metrics_local_only');
}

/** The routes whose label is their own pattern; anything else is `web` (the screens' files) or `unmatched`. */
const labelOf = (request: FastifyRequest): string => {
  const url = request.routeOptions.url;
  if (url && (url.startsWith('/api/') || url === '/metrics')) return url;
  return request.url.startsWith('/api/') ? 'unmatched' : 'web';
};

export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { metrics: Metrics; token: string | null }) => {
    const { metrics, token } = options;
    metrics.streamsByRoute = () => app.sseStreams?.countByRoute() ?? new Map();
    app.addHook('onResponse', async (request, reply) => {
      const stream = app.sseStreams?.isStream(request.raw) ?? false;
      metrics.request(request.method, labelOf(request), reply.statusCode, stream ? null : reply.elapsedTime / 1000);
    });
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      const refusal = metricsRefusal(request, token);
      if (refusal) return sendError(reply, request, refusal);
      const body = await metrics.registry.metrics();
      return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(body);
    });
  },
  { name: 'metrics' },
);

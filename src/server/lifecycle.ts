/**
 * A process's life as a load balancer sees it: `starting` until the app is built (its bus
 * listening) and ready, `ready`, then `draining` once told to stop. Liveness (GET /api/health)
 * says the process and its database answer; readiness (GET /api/health/ready) says whether to send
 * it work: not while starting or draining, not while its bus listener is lost, not when the event
 * loop is saturated, not when the database does not answer, not while it stores nothing (its disk
 * full or read-only: src/server/storage-health.ts).
 *
 * Draining (main.ts, on SIGTERM or SIGINT through close-with-grace): readiness answers 503
 * `draining` at once and responses ask the client to close the connection; after the drain delay
 * (LOKET_DRAIN_DELAY_MS, for balancers that poll readiness) the server stops accepting
 * connections, every event stream gets a `reconnect` event and ends (EventSource comes back
 * through the proxy to another process and resumes after its Last-Event-ID), the outbox worker
 * finishes the round it is in and stops, and the requests in flight get until
 * LOKET_SHUTDOWN_TIMEOUT_MS to finish; then the app closes (cutting what is left).
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export type LifeState = 'starting' | 'ready' | 'draining';

export type NotReadyReason = 'starting' | 'draining' | 'bus' | 'overloaded' | 'database' | 'storage';

export type Readiness = { status: 'ready' } | { status: 'not_ready'; reason: NotReadyReason };

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
}

/** how long readiness waits for the database's `select 1` before saying `database` */
const PING_TIMEOUT_MS = 2000;

export class Lifecycle {
  private current: LifeState = 'starting';
  private readyAt = 0;
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  /** the process's own start-up jobs still running in the background, and when the last ended */
  private warming = 0;
  private warmedAt = 0;

  get state(): LifeState {
    return this.current;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  started(): void {
    if (this.current !== 'starting') return;
    this.current = 'ready';
    this.readyAt = performance.now();
  }

  /**
   * Whether the app became ready less than `ms` ago: the event loop's first samples still hold
   * the start's own work (compiling every route's schemas), which is no overload.
   */
  justStarted(ms: number): boolean {
    return this.current === 'starting' || performance.now() - this.readyAt < ms;
  }

  /**
   * A start-up job of the process itself (the demo history's estimates, the last year's report
   * tallies): the event-loop delay it causes is finite and no overload to shed requests for.
   */
  warmUp<T>(job: Promise<T>): Promise<T> {
    this.warming++;
    const done = () => {
      this.warming--;
      this.warmedAt = performance.now();
    };
    job.then(done, done);
    return job;
  }

  /** Busy with its own start (or a start-up job, or one ended less than `ms` ago): not overloaded. */
  startingUp(ms: number): boolean {
    return this.justStarted(ms) || this.warming > 0 || performance.now() - this.warmedAt < ms;
  }

  beginDraining(): void {
    this.current = 'draining';
  }

  requestStarted(): void {
    this.inFlight++;
  }

  requestEnded(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once no request is in flight, or after timeoutMs: the number still running then. */
  async settle(timeoutMs: number): Promise<number> {
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.inFlight;
  }

  /** What GET /api/health/ready answers. */
  async readiness(checks: {
    busConnected: boolean;
    underPressure: boolean;
    ping: () => Promise<unknown>;
    /** asked once the ping has answered: whether writes are refused (disk full, read-only) */
    storageFailing?: () => boolean;
  }): Promise<Readiness> {
    if (this.current !== 'ready') return { status: 'not_ready', reason: this.current };
    if (!checks.busConnected) return { status: 'not_ready', reason: 'bus' };
    if (checks.underPressure) return { status: 'not_ready', reason: 'overloaded' };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        checks.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('database ping timed out')), PING_TIMEOUT_MS);
        }),
      ]);
    } catch {
      return { status: 'not_ready', reason: 'database' };
    } finally {
      clearTimeout(timer);
    }
    // draining may have begun while the database answered
    if (this.current !== 'ready') return { status: 'not_ready', reason: this.current };
    if (checks.storageFailing?.()) return { status: 'not_ready', reason: 'storage' };
    return { status: 'ready' };
  }
}

/** Counts the requests in flight, marks the app ready once it is, and asks clients to close while draining. */
export const lifecyclePlugin = fp(
  async (app: FastifyInstance) => {
    const lifecycle = new Lifecycle();
    app.decorate('lifecycle', lifecycle);
    app.addHook('onReady', async () => lifecycle.started());
    app.addHook('onRequest', (_request, reply, done) => {
      lifecycle.requestStarted();
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        lifecycle.requestEnded();
      };
      // 'finish' when the response is sent, 'close' also when the client went away first
      reply.raw.once('finish', end);
      reply.raw.once('close', end);
      done();
    });
    // a keep-alive client should take its next request to another process (also one begun before)
    app.addHook('onSend', async (request, reply) => {
      if (lifecycle.state === 'draining' && request.raw.httpVersionMajor === 1) reply.header('connection', 'close');
    });
  },
  { name: 'lifecycle' },
);

export interface DrainOptions {
  /** how long to keep serving (readiness 503) before closing the listener */
  delayMs: number;
  /** how long the requests in flight may take to finish */
  timeoutMs: number;
  log: FastifyBaseLogger;
}

/** Drains and closes the app (not its database and bus: the caller's context closes those). */
export async function drain(
  app: FastifyInstance,
  options: DrainOptions,
): Promise<{ streams: number; unfinished: number }> {
  app.lifecycle.beginDraining();
  // the round it is in is finished (its messages marked sent), none is started after
  const outbox = app.outboxWorker.stop().catch((error: unknown) => options.log.error({ error }, 'outbox worker stop'));
  if (options.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  // no new connections; Node also closes the idle keep-alive ones now, the busy ones after their response
  app.server.close();
  const streams = app.sseStreams?.closeAll() ?? 0;
  const unfinished = await app.lifecycle.settle(options.timeoutMs);
  if (unfinished > 0) options.log.warn({ unfinished }, 'drain: requests still running at the timeout are cut');
  await Promise.race([outbox, new Promise((resolve) => setTimeout(resolve, options.timeoutMs).unref())]);
  await app.close();
  return { streams, unfinished };
}

/**
 * One typed event bus. In one process it is memory; on PostgreSQL it is LISTEN/NOTIFY, so every
 * app process behind a load balancer hears every event, its own included (delivered once, by the
 * database, so no process sees an event twice).
 */
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { BusEvents, BusMessage, Topic } from './types.js';

export interface EventBus {
  publish<T extends Topic>(topic: T, payload: BusEvents[T]): Promise<void>;
  subscribe(handler: (message: BusMessage) => void): () => void;
  /** false while the PostgreSQL listener is lost and reconnecting (readiness says `bus`) */
  readonly connected: boolean;
  /**
   * Called each time a lost PostgreSQL listener listens again: what was published meanwhile was
   * not heard here, so whoever follows the bus catches up from the database (never on memory).
   */
  onReconnect(fn: () => void): () => void;
  close(): Promise<void>;
}

class Fanout {
  private readonly emitter = new EventEmitter();
  constructor() {
    // Every SSE client is one listener: thousands are normal.
    this.emitter.setMaxListeners(0);
  }
  emit(message: BusMessage): void {
    this.emitter.emit('message', message);
  }
  subscribe(handler: (message: BusMessage) => void): () => void {
    // One failing subscriber (a broken stream) must not keep the message from the others.
    const safe = (message: BusMessage) => {
      try {
        handler(message);
      } catch {
        // the subscriber's own cleanup handles its failure
      }
    };
    this.emitter.on('message', safe);
    return () => this.emitter.off('message', safe);
  }
}

export function memoryBus(): EventBus {
  const fanout = new Fanout();
  return {
    async publish(topic, payload) {
      fanout.emit({ topic, payload, sentAt: Date.now() } as BusMessage);
    },
    subscribe: (handler) => fanout.subscribe(handler),
    connected: true,
    onReconnect: () => () => {},
    async close() {},
  };
}

/** The NOTIFY channel; per schema, because NOTIFY is database-wide and test runs share a database. */
export function channelName(schema: string | null): string {
  return schema ? `loket_events_${schema}` : 'loket_events';
}

export async function postgresBus(
  pool: pg.Pool,
  channel: string,
  log: { error(obj: unknown, msg?: string): void },
): Promise<EventBus> {
  const fanout = new Fanout();
  let closed = false;
  let client: pg.PoolClient | null = null;
  const reconnected = new Set<() => void>();

  const listen = async (reconnecting: boolean): Promise<void> => {
    const c = await pool.connect();
    // Once listening again, the followers are told before the first message is heard: a stream
    // that heard one from after the gap would resume after it, past what the gap lost.
    let behind = reconnecting;
    const caughtUp = () => {
      if (!behind || closed) return;
      behind = false;
      for (const fn of reconnected) fn();
    };
    c.on('notification', (n) => {
      if (n.channel !== channel || !n.payload) return;
      caughtUp();
      try {
        fanout.emit(JSON.parse(n.payload) as BusMessage);
      } catch (e) {
        log.error(e, 'bad bus payload');
      }
    });
    let lost = false;
    c.on('error', (e) => {
      if (lost) return;
      lost = true;
      log.error(e, 'bus connection lost; reconnecting');
      c.release(true);
      if (client === c) client = null;
      reconnect();
    });
    try {
      await c.query(`LISTEN ${channel}`);
    } catch (e) {
      if (lost) return; // its error handler is already reconnecting
      lost = true;
      c.release(true);
      throw e;
    }
    if (closed) return c.release(true);
    client = c;
    caughtUp();
  };
  // Retried until it listens again (a failed attempt must not leave the bus deaf for good); then
  // the followers catch up from the database on what was published while nobody here listened.
  const reconnect = (): void => {
    if (closed) return;
    setTimeout(() => {
      if (closed) return;
      listen(true).catch((err) => {
        log.error(err, 'bus reconnect failed; retrying');
        reconnect();
      });
    }, 1000).unref();
  };
  await listen(false);

  // Messages published together go out in one statement (one round trip, one commit) in the order
  // they were published; each publisher's promise settles when its statement has run.
  let pending: { text: string; done: () => void }[] = [];
  let flushing = false;
  /** settles when what is pending now has been sent (close waits for it: publishers need not) */
  let flushed: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await pool.query('SELECT pg_notify($1, m) FROM unnest($2::text[]) AS m', [channel, batch.map((b) => b.text)]);
      } catch (e) {
        // The change is already committed when we get here, so a failed notify is logged, not
        // thrown: clients catch up on reconnect from the stored events.
        log.error(e, 'bus publish failed');
      }
      for (const b of batch) b.done();
    }
    flushing = false;
  };

  return {
    publish(topic, payload) {
      // pg_notify payloads are limited to 8000 bytes; ours are a few hundred.
      return new Promise<void>((done) => {
        pending.push({ text: JSON.stringify({ topic, payload, sentAt: Date.now() }), done });
        if (!flushing) {
          flushing = true;
          flushed = new Promise<void>((sent) => setImmediate(() => void flush().then(sent)));
        }
      });
    },
    subscribe: (handler) => fanout.subscribe(handler),
    get connected() {
      return client !== null;
    },
    onReconnect(fn) {
      reconnected.add(fn);
      return () => reconnected.delete(fn);
    },
    async close() {
      await flushed;
      closed = true;
      if (client) {
        await client.query(`UNLISTEN ${channel}`).catch(() => {});
        client.release();
        client = null;
      }
    },
  };
}

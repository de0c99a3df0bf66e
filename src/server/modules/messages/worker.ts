/**
 * Sends the outbox. Every app process may run one: a message is taken with a compare-and-set
 * lease (status 'sending' until lease_until), so two workers never send it at once, and a worker
 * that dies mid-send lets go when the lease runs out; the next send carries the same idempotency
 * key. Failures are retried with a doubling back-off, then given up as 'failed'. A message for a
 * channel the mall has not configured is kept as 'unsent': nothing fails.
 *
 * Each round also marks the bookings whose check-in window closed unused as no-shows.
 */
import type { Kysely } from 'kysely';
import type { GatewayConfig, SmtpConfig } from '../../../api/booking.js';
import type { DB, MessageChannel, OutboxRow } from '../../db/schema.js';
import { TtlCache } from '../../ttl-cache.js';
import { type Adapter, emailAdapter, gatewayAdapter } from './adapters.js';

export interface WorkerOptions {
  /** how often it looks for due messages */
  intervalMs?: number;
  /** how long a taken message is held before another worker may take it */
  leaseMs?: number;
  /** the first retry's delay; each next one doubles, up to an hour */
  retryBaseMs?: number;
  maxTries?: number;
  batch?: number;
  log?: { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
}

export function adapterFor(channel: MessageChannel, config: unknown): Adapter {
  return channel === 'email' ? emailAdapter(config as SmtpConfig) : gatewayAdapter(config as GatewayConfig);
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private lastSweep = 0;
  private readonly adapters = new TtlCache<{ key: string; adapter: Adapter | null; mallId: string }>(10_000);
  private readonly o: Required<Omit<WorkerOptions, 'log'>> & Pick<WorkerOptions, 'log'>;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => number,
    options: WorkerOptions = {},
  ) {
    this.o = {
      intervalMs: 1000,
      leaseMs: 60_000,
      retryBaseMs: 30_000,
      maxTries: 8,
      batch: 20,
      ...options,
    };
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runOnce()
        .catch((error: unknown) => this.o.log?.error({ error }, 'outbox round failed'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.o.intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** After an admin changed a channel: use the new settings at once. */
  forget(mallId: string): void {
    this.adapters.deleteWhere((a) => a.mallId === mallId);
  }

  /** One round: sends what is due; the number of messages it tried. */
  async runOnce(): Promise<number> {
    const now = this.now();
    if (now - this.lastSweep >= 60_000) {
      this.lastSweep = now;
      await this.markNoShows(now);
    }
    const due = await this.db
      .selectFrom('outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(this.o.batch)
      .execute();
    let tried = 0;
    for (const { id } of due) {
      const taken = await this.take(id, this.now());
      if (!taken) continue;
      tried++;
      await this.deliver(taken);
    }
    return tried;
  }

  private async take(id: string, now: number): Promise<OutboxRow | undefined> {
    return this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', lease_until: now + this.o.leaseMs, tries: eb('tries', '+', 1) }))
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
  }

  private async adapter(mallId: string, channel: MessageChannel): Promise<Adapter | null> {
    const key = `${mallId}/${channel}`;
    const cached = this.adapters.get(key);
    if (cached) return cached.adapter;
    const row = await this.db
      .selectFrom('message_channels')
      .select(['config', 'enabled'])
      .where('mall_id', '=', mallId)
      .where('channel', '=', channel)
      .executeTakeFirst();
    const adapter = row && row.enabled === 1 ? adapterFor(channel, JSON.parse(row.config)) : null;
    this.adapters.set(key, { key, adapter, mallId });
    return adapter;
  }

  private async deliver(m: OutboxRow): Promise<void> {
    try {
      // inside the try: a channel whose stored settings cannot be read is a failed try, retried
      // later like any other, not a message left 'sending' until its lease runs out
      const adapter = await this.adapter(m.mall_id, m.channel);
      if (!adapter) {
        await this.settle(m, { status: 'unsent', last_error: `no ${m.channel} channel configured`, lease_until: null });
        return;
      }
      await adapter.send({ id: m.id, recipient: m.recipient, subject: m.subject, body: m.body });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const giveUp = m.tries >= this.o.maxTries;
      const delay = Math.min(this.o.retryBaseMs * 2 ** (m.tries - 1), 3_600_000);
      this.o.log?.warn({ id: m.id, channel: m.channel, tries: m.tries, reason }, 'message not sent');
      await this.settle(m, {
        status: giveUp ? 'failed' : 'pending',
        last_error: reason.slice(0, 500),
        lease_until: null,
        next_attempt_at: this.now() + delay,
      });
      return;
    }
    await this.settle(m, { status: 'sent', sent_at: this.now(), last_error: null, lease_until: null });
  }

  /** Records the outcome, unless the lease ran out and another worker took the message meanwhile. */
  private async settle(
    m: OutboxRow,
    set: Partial<Pick<OutboxRow, 'status' | 'last_error' | 'lease_until' | 'next_attempt_at' | 'sent_at'>>,
  ) {
    await this.db
      .updateTable('outbox')
      .set(set)
      .where('id', '=', m.id)
      .where('status', '=', 'sending')
      .where('tries', '=', m.tries)
      .execute();
  }

  private async markNoShows(now: number): Promise<void> {
    await this.db
      .updateTable('bookings')
      .set({ status: 'no_show', active_key: null, updated_at: now })
      .where('status', '=', 'booked')
      .where('check_in_until', '<', now)
      .execute();
  }
}

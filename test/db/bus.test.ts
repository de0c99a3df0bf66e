import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventBus, memoryBus, postgresBus } from '../../src/server/events/bus.js';
import type { BusMessage } from '../../src/server/events/types.js';
import { ENGINES, PG_URL } from '../support/databases.js';

const silent = { error() {} };

/** Collects what a bus delivers until `count` messages have arrived. */
function collect(bus: EventBus, count: number): Promise<BusMessage[]> {
  const got: BusMessage[] = [];
  return new Promise((resolve) => {
    const stop = bus.subscribe((m) => {
      got.push(m);
      if (got.length === count) {
        stop();
        resolve(got);
      }
    });
  });
}

const messages = Array.from({ length: 150 }, (_, i) => ({ mallId: `mall-${i}` }));

describe('memory bus', () => {
  it('delivers every message published together, in order', async () => {
    const bus = memoryBus();
    const received = collect(bus, messages.length);
    await Promise.all(messages.map((m) => bus.publish('mall.changed', m)));
    expect((await received).map((m) => m.payload)).toEqual(messages);
  });
});

describe.runIf(ENGINES.includes('postgres'))('PostgreSQL bus', () => {
  let pool: pg.Pool;
  let one: EventBus;
  let other: EventBus;
  const channel = `loket_bus_test_${process.pid}`;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
    one = await postgresBus(pool, channel, silent);
    other = await postgresBus(pool, channel, silent);
  });
  afterAll(async () => {
    await one?.close();
    await other?.close();
    await pool?.end();
  });

  it('delivers every message published together to every listener, in order', async () => {
    const here = collect(one, messages.length);
    const there = collect(other, messages.length);
    // published together: they leave in a few statements, not one each
    await Promise.all(messages.map((m) => one.publish('mall.changed', m)));
    expect((await here).map((m) => m.payload)).toEqual(messages);
    expect((await there).map((m) => m.payload)).toEqual(messages);
  });

  it('keeps the order of messages published while an earlier batch is still in flight', async () => {
    const there = collect(other, 20);
    const first = Promise.all(messages.slice(0, 10).map((m) => one.publish('mall.changed', m)));
    await new Promise((r) => setImmediate(r));
    const second = Promise.all(messages.slice(10, 20).map((m) => one.publish('mall.changed', m)));
    await Promise.all([first, second]);
    expect((await there).map((m) => m.payload)).toEqual(messages.slice(0, 20));
  });
});

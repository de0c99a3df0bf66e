/**
 * The message outbox on every engine (issue #11, point 5): a row per message written in its
 * event's transaction, once per event and channel; sent by a worker with retries and back-off
 * through real servers on 127.0.0.1 (an SMTP server that parses what it gets, an HTTP gateway that
 * fails, refuses or hangs as told); kept as 'unsent' when no channel is configured; and delivered
 * once by idempotency key across a worker killed between sending and marking sent.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from '../../src/domain/contact.js';
import type { MessageParams } from '../../src/domain/messages.js';
import { type DatabaseTarget, openDatabase } from '../../src/server/db/database.js';
import type { DB, OutboxRow } from '../../src/server/db/schema.js';
import { enqueueMessages, type MessageToSend, type Recipient } from '../../src/server/modules/messages/outbox.js';
import { OutboxWorker } from '../../src/server/modules/messages/worker.js';
import { MONDAY_9AM, startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { startGatewaySink, startSmtpSink } from '../support/sinks.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PHONE = '6281234567890';
const EMAIL = 'warga.blora@example.test';

/** The DATABASE_URL a child process opens the test app's database with. */
function urlOf(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `sqlite:${target.file}`;
  const url = new URL(target.url);
  if (target.schema) url.searchParams.set('schema', target.schema);
  return url.toString();
}

const called = (eventKey: string, to: Partial<Recipient>, params: Partial<MessageParams> = {}): MessageToSend => ({
  eventKey,
  kind: 'called',
  params: {
    mallName: 'MPP Kabupaten Blora',
    serviceName: 'Perekaman KTP-el',
    number: 'A-023',
    counterName: 'Loket 3',
    ...params,
  },
  to: { phone: null, email: null, lang: 'id', ...to },
});

describe.each(ENGINES)('message outbox on %s', (engine) => {
  let t: TestApp;
  let db: Kysely<DB>;
  let mallId: string;
  let admin: string;
  const sinks: { close(): Promise<void> }[] = [];

  const smtp = async (options: Parameters<typeof startSmtpSink>[0]) => {
    const sink = await startSmtpSink(options);
    sinks.push(sink);
    return sink;
  };
  const gateway = async (script: Parameters<typeof startGatewaySink>[0]) => {
    const sink = await startGatewaySink(script);
    sinks.push(sink);
    return sink;
  };

  async function enqueue(messages: MessageToSend[], phoneChannel: 'whatsapp' | 'sms' = 'whatsapp', now = t.clock.now) {
    await db.transaction().execute((tx) => enqueueMessages(tx, { id: mallId, phoneChannel }, messages, now));
  }
  const rowsOf = (eventKey: string) =>
    db.selectFrom('outbox').selectAll().where('event_key', '=', eventKey).orderBy('channel').execute();
  async function rowOf(eventKey: string): Promise<OutboxRow> {
    const rows = await rowsOf(eventKey);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }
  async function configure(channel: 'email' | 'whatsapp' | 'sms', body: { enabled: boolean; config: object }) {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/malls/blora/admin/channels/${channel}`,
      headers: { cookie: admin },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }
  async function outboxList(query = '') {
    const res = await t.app.inject({ url: `/api/malls/blora/outbox${query}`, headers: { cookie: admin } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as any[];
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    db = t.ctx.database.db;
    mallId = (await db.selectFrom('malls').select('id').where('slug', '=', t.mall).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await Promise.all(sinks.map((s) => s.close()));
    await t?.close();
  });
  beforeEach(async () => {
    // each test starts with no messages and no channels
    await db.deleteFrom('outbox').execute();
    await db.deleteFrom('message_channels').execute();
    t.app.outboxWorker.forget(mallId);
    t.clock.now = MONDAY_9AM;
    // a fresh session: a test may move the clock past a session's idle limit
    admin = await t.login('admin');
  });

  it('writes the rows in the event transaction: nothing after a rollback, one per event and channel after two commits', async () => {
    const message = called('call:e1', { phone: PHONE, email: EMAIL });
    await expect(
      db.transaction().execute(async (tx) => {
        await enqueueMessages(tx, { id: mallId, phoneChannel: 'whatsapp' }, [message], t.clock.now);
        // inside the transaction the rows are there…
        const inside = await tx.selectFrom('outbox').select('channel').where('event_key', '=', 'call:e1').execute();
        expect(inside.map((r) => r.channel).sort()).toEqual(['email', 'whatsapp']);
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    // …and gone with it
    expect(await rowsOf('call:e1')).toEqual([]);

    await enqueue([message]);
    // the same event again (say, a retried request), its text different this time
    await enqueue([called('call:e1', { phone: PHONE, email: EMAIL }, { counterName: 'Loket 9' })]);
    const rows = await rowsOf('call:e1');
    expect(rows.map((r) => [r.channel, r.recipient, r.status, r.tries])).toEqual([
      ['email', EMAIL, 'pending', 0],
      ['whatsapp', PHONE, 'pending', 0],
    ]);
    // the first one stands (DO NOTHING, not an update)
    for (const r of rows) expect(r.body).toContain('Loket 3');
    // another event is another message
    await enqueue([called('call:e2', { phone: PHONE })]);
    expect((await rowsOf('call:e2')).map((r) => r.channel)).toEqual(['whatsapp']);
  });

  it('sends e-mail over SMTP: the server receives and parses it, the row is sent, the list masks the recipient and the password', async () => {
    const sink = await smtp({ user: 'mpp-blora', password: 's3cret-smtp' });
    const view = await configure('email', {
      enabled: true,
      config: {
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        user: 'mpp-blora',
        password: 's3cret-smtp',
        from: 'MPP Blora <mpp@example.test>',
      },
    });
    expect(view.config.password).not.toBe('s3cret-smtp');
    const channels = await t.app.inject({ url: '/api/malls/blora/admin/channels', headers: { cookie: admin } });
    expect(channels.statusCode).toBe(200);
    expect(channels.body).not.toContain('s3cret-smtp');
    const email = (channels.json() as any[]).find((c) => c.channel === 'email');
    expect(email).toMatchObject({ enabled: true, config: { host: '127.0.0.1', port: sink.port, user: 'mpp-blora' } });
    expect(typeof email.config.password).toBe('string');
    // hidden, yet kept for sending
    const stored = await db.selectFrom('message_channels').select('config').where('channel', '=', 'email').execute();
    expect(JSON.parse(stored[0]!.config).password).toBe('s3cret-smtp');

    await enqueue([called('call:mail', { email: EMAIL })]);
    const before = await rowOf('call:mail');
    t.clock.now += 5_000;
    expect(await t.app.outboxWorker.runOnce()).toBe(1);

    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.user).toBe('mpp-blora');
    expect(mail.rcptTo).toEqual([EMAIL]);
    expect(mail.mailFrom).toBe('mpp@example.test');
    expect(mail.parsed.from?.value[0]).toMatchObject({ address: 'mpp@example.test', name: 'MPP Blora' });
    const to = Array.isArray(mail.parsed.to) ? mail.parsed.to[0] : mail.parsed.to;
    expect(to?.value.map((a) => a.address)).toEqual([EMAIL]);
    expect(mail.parsed.subject).toBe(before.subject);
    expect(mail.parsed.text?.trim()).toBe(before.body);
    expect(mail.parsed.messageId).toContain(before.id);
    expect(mail.parsed.headers.get('x-loket-message')).toBe(before.id);

    const after = await rowOf('call:mail');
    expect(after).toMatchObject({
      status: 'sent',
      tries: 1,
      sent_at: t.clock.now,
      last_error: null,
      lease_until: null,
    });
    // sent is final: another round sends nothing
    expect(await t.app.outboxWorker.runOnce()).toBe(0);
    expect(sink.mails).toHaveLength(1);

    const listed = (await outboxList()).find((m) => m.id === before.id);
    expect(listed).toMatchObject({ channel: 'email', status: 'sent', tries: 1, sentAt: t.clock.now });
    expect(listed.recipient).toBe(maskEmail(EMAIL));
    expect(listed.recipient).not.toContain('warga.blora');
  });

  it('retries a failing gateway with a doubling back-off until the third try lands, with one idempotency key', async () => {
    const sink = await gateway((n) =>
      n <= 2 ? { status: 500, body: 'gateway busy' } : { status: 200, body: { status: true } },
    );
    await configure('whatsapp', { enabled: true, config: { preset: 'fonnte', url: sink.url, token: 'tok' } });
    const worker = new OutboxWorker(db, () => t.clock.now, { retryBaseMs: 1000 });
    await enqueue([called('call:wa', { phone: PHONE })]);

    const start = t.clock.now;
    expect(await worker.runOnce()).toBe(1);
    const first = await rowOf('call:wa');
    expect(first).toMatchObject({ status: 'pending', tries: 1, lease_until: null, sent_at: null });
    expect(first.last_error).toContain('500');
    expect(first.next_attempt_at - start).toBe(1000);

    // not before it is due
    t.clock.now = first.next_attempt_at - 1;
    expect(await worker.runOnce()).toBe(0);
    expect(sink.requests).toHaveLength(1);

    t.clock.now = first.next_attempt_at;
    const secondAt = t.clock.now;
    expect(await worker.runOnce()).toBe(1);
    const second = await rowOf('call:wa');
    expect(second).toMatchObject({ status: 'pending', tries: 2 });
    expect(second.last_error).toContain('500');
    expect(second.next_attempt_at - secondAt).toBe(2 * (first.next_attempt_at - start));

    t.clock.now = second.next_attempt_at - 1;
    expect(await worker.runOnce()).toBe(0);
    t.clock.now = second.next_attempt_at;
    expect(await worker.runOnce()).toBe(1);
    const third = await rowOf('call:wa');
    expect(third).toMatchObject({ status: 'sent', tries: 3, sent_at: t.clock.now, last_error: null });

    expect(sink.requests).toHaveLength(3);
    for (const r of sink.requests) {
      expect(r.method).toBe('POST');
      expect(r.url).toBe('/send');
      expect(r.headers.authorization).toBe('tok');
      expect(r.headers['content-type']).toContain('application/json');
      expect(r.headers['idempotency-key']).toBe(third.id);
      expect(JSON.parse(r.body)).toEqual({ target: PHONE, message: third.body });
    }
    expect(await worker.runOnce()).toBe(0);
    expect(sink.requests).toHaveLength(3);

    const listed = (await outboxList()).find((m) => m.id === third.id);
    expect(listed).toMatchObject({ channel: 'whatsapp', status: 'sent', tries: 3 });
    expect(listed.recipient).toBe(maskPhone(PHONE));
    expect(listed.recipient).not.toContain(PHONE.slice(2));
  });

  it('renders a JSON preset body template with JSON-escaped values: quotes, newlines and $ stay as written', async () => {
    const sink = await gateway(() => ({ status: 200, body: { ok: true } }));
    await configure('sms', {
      enabled: true,
      config: {
        preset: 'json',
        url: sink.url,
        token: 'tok-sms',
        bodyTemplate: '{"to":"{{to}}","text":"{{message}}","ref":"{{id}}","copy":"{{message}}"}',
      },
    });
    // what an admin may type into a counter's name; {{id}} and $' must not be read as placeholders
    await enqueue([called('call:json', { phone: PHONE }, { counterName: 'Loket "3"\nlantai 2 $\' $& {{id}}' })], 'sms');
    const row = await rowOf('call:json');
    expect(row.channel).toBe('sms');
    expect(row.body).toContain('"3"\nlantai');
    expect(await t.app.outboxWorker.runOnce()).toBe(1);
    expect(sink.requests).toHaveLength(1);
    const request = sink.requests[0]!;
    expect(request.headers.authorization).toBe('Bearer tok-sms');
    expect(request.headers['idempotency-key']).toBe(row.id);
    expect(JSON.parse(request.body)).toEqual({ to: PHONE, text: row.body, ref: row.id, copy: row.body });
    expect((await rowOf('call:json')).status).toBe('sent');
  });

  it("counts Fonnte's 200 {status:false} as a failure, and gives up as 'failed' after maxTries", async () => {
    const sink = await gateway(() => ({ status: 200, body: { status: false, reason: 'device not connected' } }));
    await configure('whatsapp', { enabled: true, config: { preset: 'fonnte', url: sink.url, token: 'tok' } });
    const worker = new OutboxWorker(db, () => t.clock.now, { retryBaseMs: 1000, maxTries: 3 });
    await enqueue([called('call:refused', { phone: PHONE })]);

    expect(await worker.runOnce()).toBe(1);
    const first = await rowOf('call:refused');
    expect(first).toMatchObject({ status: 'pending', tries: 1, sent_at: null });
    expect(first.last_error).toContain('device not connected');

    t.clock.now = first.next_attempt_at;
    expect(await worker.runOnce()).toBe(1);
    const second = await rowOf('call:refused');
    expect(second).toMatchObject({ status: 'pending', tries: 2 });

    t.clock.now = second.next_attempt_at;
    expect(await worker.runOnce()).toBe(1);
    const last = await rowOf('call:refused');
    expect(last).toMatchObject({ status: 'failed', tries: 3, sent_at: null });
    expect(last.last_error).toContain('device not connected');

    // given up: no more tries, however long one waits
    t.clock.now += 24 * 3_600_000;
    expect(await worker.runOnce()).toBe(0);
    expect(sink.requests).toHaveLength(3);
    admin = await t.login('admin');
    expect((await outboxList('?status=failed')).map((m) => m.id)).toEqual([last.id]);
  });

  it("keeps messages for a channel not configured (or switched off) as 'unsent', and nothing fails", async () => {
    const sink = await smtp({});
    await configure('email', {
      enabled: false,
      config: { host: '127.0.0.1', port: sink.port, secure: false, from: 'MPP Blora <mpp@example.test>' },
    });
    await enqueue([called('call:nowhere', { phone: PHONE, email: EMAIL })]);
    await expect(t.app.outboxWorker.runOnce()).resolves.toBe(2);
    const rows = await rowsOf('call:nowhere');
    expect(rows.map((r) => [r.channel, r.status, r.last_error])).toEqual([
      ['email', 'unsent', 'no email channel configured'],
      ['whatsapp', 'unsent', 'no whatsapp channel configured'],
    ]);
    expect(sink.mails).toHaveLength(0);
    // not retried
    t.clock.now += 3_600_000;
    expect(await t.app.outboxWorker.runOnce()).toBe(0);

    const listed = await outboxList('?status=unsent');
    expect(listed.map((m) => m.id).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const m of listed) {
      expect(m.status).toBe('unsent');
      expect(m.lastError).toContain('configured');
      expect(m.recipient).toBe(m.channel === 'email' ? maskEmail(EMAIL) : maskPhone(PHONE));
    }
  });

  it('a channel whose stored settings cannot be read fails the try and is retried, not left sending', async () => {
    await db
      .insertInto('message_channels')
      .values({
        mall_id: mallId,
        channel: 'whatsapp',
        config: '{not json',
        enabled: 1,
        updated_by: null,
        updated_at: 0,
      })
      .execute();
    await enqueue([called('call:broken', { phone: PHONE })]);
    expect(await t.app.outboxWorker.runOnce()).toBe(1);
    const row = await rowOf('call:broken');
    expect(row).toMatchObject({ status: 'pending', tries: 1, lease_until: null });
    expect(row.last_error).toMatch(/JSON/);
    expect(row.next_attempt_at).toBeGreaterThan(t.clock.now);
  });

  it('sends once by idempotency key after a worker is killed between sending and marking sent', async () => {
    // the first request is held unanswered: the worker dies waiting for it
    const sink = await gateway((n) => (n === 1 ? 'hang' : { status: 200, body: { status: true } }));
    await configure('whatsapp', { enabled: true, config: { preset: 'fonnte', url: sink.url, token: 'tok' } });
    // the child's clock is the real one; the message is due by it
    const enqueuedAt = Date.now();
    await enqueue([called('call:crash', { phone: PHONE })], 'whatsapp', enqueuedAt);

    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/support/outbox-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: urlOf(t.ctx.config.database), LEASE_MS: '2000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const exited = once(child, 'exit');
    try {
      await sink.waitFor(1, 30_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}; child said:\n${output}`);
    }
    const taken = await rowOf('call:crash');
    expect(taken).toMatchObject({ status: 'sending', tries: 1, sent_at: null });
    expect(taken.lease_until).toBeGreaterThanOrEqual(enqueuedAt + 2000);
    expect(taken.lease_until).toBeLessThanOrEqual(Date.now() + 2000);

    child.kill('SIGKILL');
    const [code, signal] = await exited;
    expect([code, signal]).toEqual([null, 'SIGKILL']);
    // it never marked it
    expect(await rowOf('call:crash')).toMatchObject({ status: 'sending', tries: 1, sent_at: null });

    let now = taken.lease_until! - 1;
    const worker = new OutboxWorker(db, () => now, { leaseMs: 2000 });
    // the dead worker's lease still holds
    expect(await worker.runOnce()).toBe(0);
    // once it has passed, in real time, the message is taken again
    while (Date.now() <= taken.lease_until!) await new Promise((r) => setTimeout(r, 50));
    now = Date.now();
    expect(await worker.runOnce()).toBe(1);

    const done = await rowOf('call:crash');
    expect(done).toMatchObject({ status: 'sent', tries: 2, sent_at: now, last_error: null });
    expect(sink.requests).toHaveLength(2);
    const keys = sink.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([done.id, done.id]);
    // delivered once as far as the gateway can tell: one key, one message
    expect(new Set(keys).size).toBe(1);
    expect(sink.requests[1]!.body).toBe(sink.requests[0]!.body);
    expect(await worker.runOnce()).toBe(0);
  });

  it('a worker that outlived its lease does not overwrite the state of the one that took over', async () => {
    // both calls are held, and answered when the test says
    const sink = await gateway(() => 'hang');
    await configure('whatsapp', { enabled: true, config: { preset: 'fonnte', url: sink.url, token: 'tok' } });
    await enqueue([called('call:slow', { phone: PHONE })]);
    const start = t.clock.now;
    const slow = new OutboxWorker(db, () => start, { leaseMs: 1000 });
    const slowRound = slow.runOnce();
    await sink.waitFor(1);
    const fast = new OutboxWorker(db, () => start + 1001, { leaseMs: 1000 });
    const fastRound = fast.runOnce();
    await sink.waitFor(2);
    expect(await rowOf('call:slow')).toMatchObject({ status: 'sending', tries: 2, lease_until: start + 2001 });

    // the slow one's call finally fails, while the fast one's is still out: too late to count
    sink.held[0]!.writeHead(500);
    sink.held[0]!.end('timeout');
    expect(await slowRound).toBe(1);
    expect(await rowOf('call:slow')).toMatchObject({ status: 'sending', tries: 2, lease_until: start + 2001 });

    sink.held[1]!.writeHead(200, { 'content-type': 'application/json' });
    sink.held[1]!.end(JSON.stringify({ status: true }));
    expect(await fastRound).toBe(1);
    const done = await rowOf('call:slow');
    expect(done).toMatchObject({ status: 'sent', tries: 2, sent_at: start + 1001, last_error: null });
    expect(sink.requests.map((r) => r.headers['idempotency-key'])).toEqual([done.id, done.id]);
  });

  it('two workers running rounds at the same time never send one message twice', async () => {
    // each answer takes a moment, so the two workers' rounds overlap
    const sink = await gateway(() => ({ status: 200, body: { status: true }, delayMs: 10 }));
    await configure('whatsapp', { enabled: true, config: { preset: 'fonnte', url: sink.url, token: 'tok' } });
    const count = 30;
    await enqueue(Array.from({ length: count }, (_, i) => called(`call:race:${i}`, { phone: `62812000000${i}` })));
    const other = await openDatabase(t.ctx.config.database);
    try {
      const a = new OutboxWorker(db, () => t.clock.now, { batch: 100 });
      const b = new OutboxWorker(other.db, () => t.clock.now, { batch: 100 });
      const tried = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(tried[0]! + tried[1]!).toBe(count);
      // both took a share: they really did compete for the same due messages
      expect(Math.min(...tried)).toBeGreaterThan(0);
      expect(await Promise.all([a.runOnce(), b.runOnce()])).toEqual([0, 0]);
    } finally {
      await other.close();
    }
    const rows = await db.selectFrom('outbox').select(['id', 'status', 'tries']).execute();
    expect(rows).toHaveLength(count);
    for (const r of rows) expect(r).toMatchObject({ status: 'sent', tries: 1 });
    const keys = sink.requests.map((r) => String(r.headers['idempotency-key']));
    expect(keys).toHaveLength(count);
    expect(new Set(keys)).toEqual(new Set(rows.map((r) => r.id)));
  });
});

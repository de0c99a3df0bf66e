/**
 * Request ids (issue #15): behind the proxy (TRUST_PROXY) a sane X-Request-Id is the request's id
 * — echoed in the answer and logged as pino's `reqId` — an insane one is replaced, none gets a new
 * one; a 500 names its id in the body and the error's log line; without a trusted proxy a client's
 * id is never taken. Ids touch no database: SQLite only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const GENERATED = /^[0-9a-f]{32}$/;

interface LogLine {
  reqId?: string;
  msg?: string;
  level?: number;
  req?: { url?: string };
  [k: string]: unknown;
}

/** The app's pino lines, parsed as they are written. */
function logSink() {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  return {
    lines,
    raw,
    stream: {
      write(chunk: string) {
        raw.push(chunk);
        for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      },
    },
    of: (reqId: string) => lines.filter((l) => l.reqId === reqId),
  };
}

describe('request ids behind a trusted proxy', () => {
  let t: TestApp;
  const log = logSink();

  beforeAll(async () => {
    t = await startTestApp('sqlite', { config: { trustProxy: true, logLevel: 'info' }, logStream: log.stream });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, id?: string) =>
    t.app.inject({ url, headers: id === undefined ? {} : { 'x-request-id': id } });

  it('takes a sane id as the request’s: echoed, and on the log lines of that request', async () => {
    for (const id of ['3f2a9c0e5b7d41a8b6c2e9f01d4a7b35', '0191c2d4-7e3a-7c11-9b2e-5f6a7b8c9d0e', 'edge-1:a.b_c']) {
      const res = await get('/api/malls', id);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-request-id']).toBe(id);
      const mine = log.of(id);
      expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
      expect(mine[0]?.req?.url).toBe('/api/malls');
    }
  });

  it('replaces an id too long, too short or with other characters, and logs none of them', async () => {
    const insane = [
      'a'.repeat(65),
      'short',
      'has space inside it',
      '"},"admin":true,"x":"',
      'üñïçødé-request-id',
      '<script>alert(1)</script>',
    ];
    const given = new Set<string>();
    for (const id of insane) {
      const res = await get('/api/malls', id);
      expect(res.statusCode).toBe(200);
      const got = String(res.headers['x-request-id']);
      expect(got).toMatch(GENERATED);
      given.add(got);
      expect(log.of(got)).toHaveLength(2);
    }
    expect(given.size).toBe(insane.length);
    const written = log.raw.join('');
    for (const id of insane) expect(written).not.toContain(id);
  });

  it('answers an event stream with its id too (its headers are written past Fastify)', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    try {
      const res = await fetch(`${address}/api/malls/blora/events`, {
        headers: { accept: 'text/event-stream', 'x-request-id': 'stream-0123456789' },
        signal: controller.signal,
      });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      expect(res.headers.get('x-request-id')).toBe('stream-0123456789');
    } finally {
      controller.abort();
    }
  });

  it('gives a request without one a new id, a different one each time', async () => {
    const a = await get('/api/malls');
    const b = await get('/api/malls');
    expect(a.headers['x-request-id']).toMatch(GENERATED);
    expect(b.headers['x-request-id']).toMatch(GENERATED);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    expect(log.of(String(a.headers['x-request-id']))).toHaveLength(2);
  });

  it('answers errors with the id too: a 404, and a 500 naming it in the body and the error’s log line', async () => {
    const missing = await get('/api/malls/nowhere/announcements', 'report-404-abcdef');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-request-id']).toBe('report-404-abcdef');
    expect(missing.json().requestId).toBeUndefined();

    // the database fails under the route: its table is gone
    await t.ctx.database.db.schema.alterTable('announcements').renameTo('announcements_gone').execute();
    try {
      const id = 'report-500-0123456789';
      const failed = await t.app.inject({
        url: '/api/malls/blora/announcements',
        headers: { 'x-request-id': id, 'accept-language': 'en' },
      });
      expect(failed.statusCode).toBe(500);
      expect(failed.headers['x-request-id']).toBe(id);
      expect(failed.json()).toEqual({
        error: 'internal',
        message: `Something went wrong on the server. Please try again. Code: ${id}.`,
        requestId: id,
      });
      const lines = log.of(id);
      // pino's levels: 50 is error
      expect(lines.some((l) => l.level === 50 && String(l.msg).includes('announcements'))).toBe(true);
      expect(lines.at(-1)?.msg).toBe('request completed');
    } finally {
      await t.ctx.database.db.schema.alterTable('announcements_gone').renameTo('announcements').execute();
    }
    expect((await get('/api/malls/blora/announcements')).statusCode).toBe(200);
  });
});

describe('request ids without a trusted proxy', () => {
  let t: TestApp;
  const log = logSink();

  beforeAll(async () => {
    t = await startTestApp('sqlite', { config: { trustProxy: false, logLevel: 'info' }, logStream: log.stream });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('never takes a client’s id: every request gets its own', async () => {
    const sent = 'chosen-by-the-client-01';
    const a = await t.app.inject({ url: '/api/malls', headers: { 'x-request-id': sent } });
    const b = await t.app.inject({ url: '/api/malls', headers: { 'x-request-id': sent } });
    expect(a.headers['x-request-id']).toMatch(GENERATED);
    expect(b.headers['x-request-id']).toMatch(GENERATED);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    expect(log.of(sent)).toHaveLength(0);
    expect(log.of(String(a.headers['x-request-id']))).toHaveLength(2);
  });
});

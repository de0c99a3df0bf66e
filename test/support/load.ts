/**
 * What the fault tests and the soak share: a display that follows a mall's stream as a browser's
 * EventSource does (reconnecting with Last-Event-ID), extra counters for one service, and a staff
 * session (cookie and CSRF token) for the officers' requests.
 */
import { type DatabaseTarget, openDatabase } from '../../src/server/db/database.js';
import { newId } from '../../src/server/ids.js';
import { PASSWORD } from './app.js';
import { sseBlockReader } from './sse.js';

export interface Call {
  eventId: string;
  ticketId: string;
  number: string;
  counterId: string;
}

export interface Display {
  calls: Call[];
  /** resolves with the first snapshot */
  ready: Promise<void>;
  connections(): number;
  /** the Last-Event-ID each connection was opened with ('' for the first) */
  resumes: string[];
  /** the X-Loket-Upstream of each connection (through test/support/proxy.ts), '' without one */
  upstreams: string[];
  close(): void;
}

/**
 * A display as a browser's EventSource runs it: it follows the stream and, when the stream ends
 * (or fails), reconnects after the server's `retry` sending the last event id it saw.
 */
export function followDisplay(url: string): Display {
  const calls: Call[] = [];
  let connections = 0;
  const resumes: string[] = [];
  const upstreams: string[] = [];
  let lastId: string | undefined;
  let stopped = false;
  let controller = new AbortController();
  let firstSnapshot!: () => void;
  const ready = new Promise<void>((resolve) => (firstSnapshot = resolve));
  const run = async () => {
    while (!stopped) {
      let retry = 2000;
      try {
        controller = new AbortController();
        const res = await fetch(url, {
          headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
          signal: controller.signal,
        });
        if (!res.ok || !res.body) throw new Error(`display stream: ${res.status}`);
        connections++;
        resumes.push(lastId ?? '');
        upstreams.push(res.headers.get('x-loket-upstream') ?? '');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const take = sseBlockReader(({ event, data, id, retry: after }) => {
          if (after !== undefined) retry = after;
          if (id) lastId = id;
          if (event === 'snapshot') firstSnapshot();
          if (event === 'call') {
            const c = JSON.parse(data);
            calls.push({
              eventId: c.eventId,
              ticketId: c.ticket.id,
              number: c.ticket.number,
              counterId: c.counter.id,
            });
          }
        });
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          take(value);
        }
      } catch {
        // cut or aborted: reconnect below unless stopped
      }
      if (!stopped) await new Promise((r) => setTimeout(r, retry));
    }
  };
  void run();
  return {
    calls,
    ready,
    connections: () => connections,
    resumes,
    upstreams,
    close() {
      stopped = true;
      controller.abort();
    },
  };
}

/** a call as the display and the officer both know it: the ticket at the counter */
export const callKey = (c: Pick<Call, 'ticketId' | 'counterId'>) => `${c.ticketId}@${c.counterId}`;

/** the answered calls a display has not shown */
export function missedBy(display: Display, answered: Pick<Call, 'ticketId' | 'counterId'>[]): string[] {
  const seen = new Set(display.calls.map(callKey));
  return [...new Set(answered.map(callKey))].filter((k) => !seen.has(k));
}

/**
 * Calls a display showed as two events, or with another number than the officer got: a replay may
 * send again an event the display already had (the browser's display drops an event id it has
 * seen), but one call is one event.
 */
export function shownTwiceOrWrong(display: Display, answered: Call[]): string[] {
  const events = new Map(display.calls.map((c) => [c.eventId, c]));
  const byCall = new Map<string, Call[]>();
  for (const c of events.values()) byCall.set(callKey(c), [...(byCall.get(callKey(c)) ?? []), c]);
  const problems = [...byCall].filter(([, list]) => list.length > 1).map(([k]) => `${k} shown twice`);
  for (const c of answered) {
    const shown = byCall.get(callKey(c))?.[0];
    if (shown && shown.number !== c.number) problems.push(`${callKey(c)} shown as ${shown.number}, not ${c.number}`);
  }
  return problems;
}

/** Adds `count` counters of the agency serving `serviceId` to the demo mall, straight in the database. */
export async function addCounters(
  target: DatabaseTarget,
  agencyId: string,
  serviceId: string,
  count: number,
): Promise<void> {
  const { db, close } = await openDatabase(target);
  try {
    const mall = await db.selectFrom('malls').select('id').executeTakeFirstOrThrow();
    for (let i = 0; i < count; i++) {
      const id = newId();
      await db
        .insertInto('counters')
        .values({
          id,
          mall_id: mall.id,
          agency_id: agencyId,
          zone_id: null,
          name: `Loket Uji ${i}`,
          number: 900 + i,
          created_at: Date.now(),
        })
        .execute();
      await db
        .insertInto('counter_services')
        .values({ mall_id: mall.id, counter_id: id, service_id: serviceId })
        .execute();
    }
  } finally {
    await close();
  }
}

export interface StaffSession {
  cookie: string;
  csrf: string;
  /** a POST with the session, JSON body if any */
  post(base: string, path: string, body?: object): Promise<Response>;
  get(base: string, path: string): Promise<Response>;
}

/** Signs in as the demo admin (seeded with LOKET_SEED_PASSWORD) through `base`. */
export async function signIn(base: string, username = 'admin'): Promise<StaffSession> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') as string).split(';')[0] as string;
  const csrf = ((await (await fetch(`${base}/api/auth/csrf`, { headers: { cookie } })).json()) as { token: string })
    .token;
  return {
    cookie,
    csrf,
    post: (b, path, body) =>
      fetch(`${b}${path}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }),
    get: (b, path) => fetch(`${b}${path}`, { headers: { cookie } }),
  };
}

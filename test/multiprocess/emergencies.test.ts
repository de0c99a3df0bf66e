/**
 * The crisis center across two app processes on one PostgreSQL: a kiosk report made through one
 * is heard at once by a staff stream on the other (LISTEN/NOTIFY), and two officers pressing
 * "take" through different processes at the same moment: exactly one wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/databases.js';
import { type AppProcess, startProcess } from '../support/processes.js';
import { connectSse } from '../support/sse.js';

describe.runIf(ENGINES.includes('postgres'))('emergencies across two app processes', () => {
  let database: TestDatabase;
  let a: AppProcess;
  let b: AppProcess;

  /** A signed-in session on a process: its cookie and CSRF token. */
  const signIn = async (base: string, username: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')?.split(';')[0] as string;
    const csrf = ((await (await fetch(`${base}/api/auth/csrf`, { headers: { cookie } })).json()) as any).token;
    return { cookie, csrf };
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env = { DATABASE_URL: database.url, LOKET_SEED_PASSWORD: PASSWORD };
    a = await startProcess(env);
    b = await startProcess(env);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('hears a report made through the other process, and lets one taker win', async () => {
    const onB = await signIn(b.base, 'petugas.dindukcapil');
    const onA = await signIn(a.base, 'petugas.polres');
    const stream = await connectSse(`${b.base}/api/malls/blora/emergencies/events`, { cookie: onB.cookie });
    await stream.next((e) => e.event === 'snapshot');
    try {
      const sentAt = Date.now();
      const res = await fetch(`${a.base}/api/malls/blora/emergencies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'fire', place: 'Dapur', source: 'kiosk' }),
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as any;
      const heard = await stream.next((e) => e.event === 'reported' && e.data.emergency.id === id, 2_000);
      expect(Date.now() - sentAt).toBeLessThan(1_000);
      expect(heard.data.emergency).toMatchObject({ kind: 'fire', place: 'Dapur', source: 'kiosk' });

      const take = (base: string, s: { cookie: string; csrf: string }) =>
        fetch(`${base}/api/malls/blora/emergencies/${id}/take`, {
          method: 'POST',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        });
      const answers = await Promise.all([take(a.base, onA), take(b.base, onB)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const taken = await stream.next((e) => e.event === 'taken' && e.data.emergency.id === id);
      expect(taken.data.emergency.takenBy).toEqual(expect.any(String));
    } finally {
      stream.close();
    }
  });
});

/**
 * Fault test, SQLite: the server is killed with SIGKILL (kill -9) at random moments while clients
 * take tickets, and restarted on the same file each time. Every ticket answered with 201 must be in
 * the database afterwards with the number it was given, and no number may be handed out twice for
 * one prefix and day — a crash must neither lose an accepted ticket nor give its number again.
 *
 * A few kills by default (npm test stays quick); 30 with LOKET_FAULT_LONG=1 or in CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/app.js';
import { type AppProcess, startProcess } from '../support/processes.js';

const LONG = process.env.LOKET_FAULT_LONG === '1' || Boolean(process.env.CI);
const KILLS = LONG ? 30 : 5;
/** clients taking tickets at once */
const CLIENTS = 4;
/** how long the load runs before each kill: a random moment in this range (ms) */
const LOAD_MS = [150, 1200] as const;

interface Answered {
  id: string;
  number: string;
  serviceId: string;
  serviceDate: string;
  round: number;
}

describe('SQLite: kill -9 under a ticket load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-fault-'));
  const file = join(dir, 'loket.db');
  const env = {
    DATABASE_URL: `sqlite:${file}`,
    LOKET_SEED_PASSWORD: PASSWORD,
    // the load comes from one address: the per-address limit would refuse most of it
    LOKET_RATE_LIMITS: 'off',
    LOKET_OUTBOX: 'off',
  };
  let server: AppProcess | null = null;

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `every ticket answered 201 survives ${KILLS} kills with its number, and no number is given twice`,
    async () => {
      const began = Date.now();
      server = await startProcess(env);
      const services = (await (await fetch(`${server.base}/api/malls/blora/services`)).json()) as {
        id: string;
        prefix: string;
        dailyQuota: number | null;
      }[];
      // services without a quota (nothing refused), a few prefixes so several sequences advance
      const byPrefix = new Map<string, string>();
      for (const s of services) if (s.dailyQuota === null && !byPrefix.has(s.prefix)) byPrefix.set(s.prefix, s.id);
      const serviceIds = [...byPrefix.values()].slice(0, 4);
      expect(serviceIds.length).toBeGreaterThanOrEqual(2);

      const answered: Answered[] = [];
      let sent = 0;
      let unanswered = 0;
      let refused = 0;
      let restartMs = 0;

      for (let round = 0; round < KILLS; round++) {
        const current = server as AppProcess;
        let stop = false;
        // the kill falls while tickets are being taken: after this round's first answer (a restarted
        // process on a busy machine may take a while to answer its first request)
        let flowing = () => {};
        const firstAnswer = new Promise<void>((resolve) => (flowing = resolve));
        const client = async (c: number) => {
          for (let k = 0; !stop; k++) {
            const serviceId = serviceIds[(c + k) % serviceIds.length] as string;
            sent++;
            try {
              const res = await fetch(`${current.base}/api/malls/blora/tickets`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ serviceId }),
              });
              const body = (await res.json()) as { id: string; number: string; serviceId: string; serviceDate: string };
              if (res.status === 201) {
                answered.push({
                  id: body.id,
                  number: body.number,
                  serviceId: body.serviceId,
                  serviceDate: body.serviceDate,
                  round,
                });
                flowing();
              } else refused++;
            } catch {
              // killed mid-request: no answer, so the ticket may or may not have landed
              unanswered++;
              return;
            }
          }
        };
        const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
        await Promise.race([firstAnswer, new Promise((r) => setTimeout(r, 20_000))]);
        await new Promise((r) => setTimeout(r, LOAD_MS[0] + Math.random() * (LOAD_MS[1] - LOAD_MS[0])));
        const exited = new Promise((r) => current.child.once('exit', r));
        current.child.kill('SIGKILL');
        await exited;
        stop = true;
        await Promise.all(clients);
        const restarting = Date.now();
        server = await startProcess(env);
        restartMs += Date.now() - restarting;
      }

      // After the last restart the server issues again, after every number given before.
      const last = await fetch(`${(server as AppProcess).base}/api/malls/blora/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: serviceIds[0] }),
      });
      expect(last.status).toBe(201);
      const lastBody = (await last.json()) as Answered;
      answered.push({ ...lastBody, round: KILLS });
      await (server as AppProcess).stop();
      server = null;

      const sqlite = new SQLite(file, { readonly: true });
      try {
        const rows = sqlite.prepare('SELECT id, number, prefix, seq, service_id, service_date FROM tickets').all() as {
          id: string;
          number: string;
          prefix: string;
          seq: number;
          service_id: string;
          service_date: string;
        }[];
        const byId = new Map(rows.map((r) => [r.id, r]));
        const missing = answered.filter((a) => !byId.has(a.id));
        const changed = answered.filter((a) => {
          const r = byId.get(a.id);
          return r && (r.number !== a.number || r.service_id !== a.serviceId || r.service_date !== a.serviceDate);
        });
        // no number answered twice (one prefix and day per number: "A-012" is A's twelfth that day)
        const answeredTwice = countDuplicates(answered.map((a) => `${a.serviceDate} ${a.number}`));
        const storedTwice = countDuplicates(rows.map((r) => `${r.service_date} ${r.prefix} ${r.seq}`));
        const storedNumberTwice = countDuplicates(rows.map((r) => `${r.service_date} ${r.number}`));
        // each day's sequence is past every number stored, so the next ticket cannot take one again
        const behind = sqlite
          .prepare(
            `SELECT t.prefix, t.service_date, MAX(t.seq) AS top, s.value FROM tickets t
             LEFT JOIN ticket_sequences s ON s.mall_id = t.mall_id AND s.prefix = t.prefix AND s.service_date = t.service_date
             WHERE t.route_id IS NULL GROUP BY t.mall_id, t.prefix, t.service_date HAVING s.value IS NULL OR s.value < MAX(t.seq)`,
          )
          .all();
        const integrity = sqlite.pragma('integrity_check', { simple: true });
        const seconds = ((Date.now() - began) / 1000).toFixed(1);
        console.log(
          `[fault sqlite] kills: ${KILLS}, requests: ${sent}, answered 201: ${answered.length} (found ${answered.length - missing.length}, number changed ${changed.length}), ` +
            `no answer: ${unanswered}, refused: ${refused}, rows: ${rows.length}, mean restart ${Math.round(restartMs / KILLS)} ms, ${seconds} s`,
        );
        expect(integrity).toBe('ok');
        expect(missing).toEqual([]);
        expect(changed).toEqual([]);
        expect(answeredTwice).toEqual([]);
        expect(storedTwice).toEqual([]);
        expect(storedNumberTwice).toEqual([]);
        expect(behind).toEqual([]);
        expect(refused).toBe(0);
        // the load really ran in every round
        expect(new Set(answered.map((a) => a.round)).size).toBe(KILLS + 1);
      } finally {
        sqlite.close();
      }
    },
    LONG ? 300_000 : 90_000,
  );
});

function countDuplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const k of keys) {
    if (seen.has(k)) twice.push(k);
    seen.add(k);
  }
  return twice;
}

/** The environment, read and checked once at start; a bad value stops the process with a clear message. */
import { type DatabaseTarget, parseDatabaseUrl } from './db/database.js';

export interface Config {
  database: DatabaseTarget;
  port: number;
  host: string;
  logLevel: string;
  /** password for the demo staff accounts; generated and printed once when unset */
  seedPassword: string | null;
  /** trust X-Forwarded-* from a reverse proxy (so cookies get Secure behind TLS) */
  trustProxy: boolean;
  /** `start` on an empty database, and `seed`: days of demo traffic history before today (0: none) */
  demoHistoryDays?: number;
  /** per-address limits on ticket issuing, surveys and sign-in; LOKET_RATE_LIMITS=off for load tests */
  rateLimits: boolean;
  /** days personal fields are kept (SKM suggestions, addresses in the audit trail); 0: forever */
  retentionDays?: number;
  /** the address citizens reach Loket at (LOKET_PUBLIC_URL), for links in messages; none: messages carry no link */
  publicUrl?: string | null;
  /** LOKET_OUTBOX=off: this process sends no messages (another one does) */
  outbox?: boolean;
  /** LOKET_METRICS_TOKEN: GET /metrics asks for it as a bearer token; none: only local-network addresses may read it */
  metricsToken?: string | null;
  /** LOKET_MAX_EVENT_LOOP_DELAY_MS: above this event-loop delay requests get 503 with Retry-After at once (0: never) */
  maxEventLoopDelayMs?: number;
  /** LOKET_DRAIN_DELAY_MS: after SIGTERM, how long readiness says `draining` while still serving, for balancers that poll it */
  drainDelayMs?: number;
  /** LOKET_SHUTDOWN_TIMEOUT_MS: after SIGTERM, how long requests in flight may take to finish */
  shutdownTimeoutMs?: number;
  /** the clock; tests replace it */
  now: () => number;
}

/** LOKET_DEMO_HISTORY_DAYS when unset: eight weeks, enough for last month's reports and a trend. */
export const DEFAULT_DEMO_HISTORY_DAYS = 56;

/** LOKET_MAX_EVENT_LOOP_DELAY_MS when unset: a second's stall means requests would queue for seconds. */
export const DEFAULT_MAX_EVENT_LOOP_DELAY_MS = 1000;

/** LOKET_SHUTDOWN_TIMEOUT_MS when unset: a report or an export finishes well inside it. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** LOKET_RETENTION_DAYS when unset: two years, enough for the yearly SKM and its follow-up. */
export const DEFAULT_RETENTION_DAYS = 730;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}")`);
  }
  let database: DatabaseTarget;
  try {
    database = parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:./data/loket.db');
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  const seedPassword = env.LOKET_SEED_PASSWORD || null;
  if (seedPassword !== null && seedPassword.length < 8) {
    throw new ConfigError('LOKET_SEED_PASSWORD must be at least 8 characters');
  }
  const limits = (env.LOKET_RATE_LIMITS ?? 'on').trim().toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false', ''].includes(limits)) {
    throw new ConfigError(`LOKET_RATE_LIMITS must be on or off (got "${env.LOKET_RATE_LIMITS}")`);
  }
  const publicUrl = env.LOKET_PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl !== null && !/^https?:\/\/[^\s/]+/.test(publicUrl)) {
    throw new ConfigError(
      `LOKET_PUBLIC_URL must be an http(s) address such as https://mpp.blorakab.go.id (got "${publicUrl}")`,
    );
  }
  const outbox = (env.LOKET_OUTBOX ?? 'on').trim().toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false', ''].includes(outbox)) {
    throw new ConfigError(`LOKET_OUTBOX must be on or off (got "${env.LOKET_OUTBOX}")`);
  }
  const metricsToken = env.LOKET_METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && (metricsToken.length < 16 || /\s/.test(metricsToken))) {
    throw new ConfigError(
      'LOKET_METRICS_TOKEN must be at least 16 characters without spaces (e.g. openssl rand -hex 24)',
    );
  }
  const demoHistoryDays = parseDays(env.LOKET_DEMO_HISTORY_DAYS, 'LOKET_DEMO_HISTORY_DAYS', DEFAULT_DEMO_HISTORY_DAYS);
  return {
    database,
    port,
    host: env.HOST ?? '0.0.0.0',
    logLevel,
    seedPassword,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    demoHistoryDays,
    rateLimits: !['off', '0', 'false'].includes(limits),
    retentionDays: parseDays(env.LOKET_RETENTION_DAYS, 'LOKET_RETENTION_DAYS', DEFAULT_RETENTION_DAYS),
    publicUrl,
    outbox: !['off', '0', 'false'].includes(outbox),
    metricsToken,
    maxEventLoopDelayMs: parseMs(
      env.LOKET_MAX_EVENT_LOOP_DELAY_MS,
      'LOKET_MAX_EVENT_LOOP_DELAY_MS',
      DEFAULT_MAX_EVENT_LOOP_DELAY_MS,
    ),
    drainDelayMs: parseMs(env.LOKET_DRAIN_DELAY_MS, 'LOKET_DRAIN_DELAY_MS', 0),
    shutdownTimeoutMs: parseMs(env.LOKET_SHUTDOWN_TIMEOUT_MS, 'LOKET_SHUTDOWN_TIMEOUT_MS', DEFAULT_SHUTDOWN_TIMEOUT_MS),
    now: Date.now,
  };
}

/** A count of days: a whole number ≥ 0; unset or empty gives the fallback. */
export function parseDays(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const days = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(days)) {
    throw new ConfigError(`${name} must be a whole number of days, 0 or more (got "${raw}")`);
  }
  return days;
}

/** A duration in milliseconds: a whole number from 0 to an hour; unset or empty gives the fallback. */
export function parseMs(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const ms = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || ms > 3_600_000) {
    throw new ConfigError(`${name} must be a whole number of milliseconds from 0 to 3600000 (got "${raw}")`);
  }
  return ms;
}

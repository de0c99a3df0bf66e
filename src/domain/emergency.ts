/**
 * The crisis center (issue #14, point 4): an urgent report in the hall — violence, a lost child, a
 * medical emergency, a fire — that every duty officer's screen must hear at once. Pure: the kinds,
 * the steps a report takes (reported → taken → closed), the response time, the evaluation's
 * figures, and how a screen merges two views of one report that arrived out of order.
 */

export const EMERGENCY_KINDS = ['violence', 'lost_child', 'medical', 'fire', 'other'] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

export const EMERGENCY_STATUSES = ['reported', 'taken', 'closed'] as const;
export type EmergencyStatus = (typeof EMERGENCY_STATUSES)[number];

/** Where the report came from: the hall's kiosk, a citizen's phone (the portal), a staff screen. */
export const EMERGENCY_SOURCES = ['kiosk', 'portal', 'staff'] as const;
export type EmergencySource = (typeof EMERGENCY_SOURCES)[number];

export type EmergencyAction = 'take' | 'close';

export type EmergencyStep = { ok: true } | { ok: false; reason: 'already_taken' | 'already_closed' };

/**
 * "I'm on it" only while nobody is; closing (what was done) from either open status — a report
 * closed before anyone pressed "take" (a false alarm, handled on the spot) counts its closer as
 * the one who took it, at the same moment.
 */
export function checkEmergencyStep(from: EmergencyStatus, action: EmergencyAction): EmergencyStep {
  if (from === 'closed') return { ok: false, reason: 'already_closed' };
  if (action === 'take' && from === 'taken') return { ok: false, reason: 'already_taken' };
  return { ok: true };
}

/** The response time: from the report to the moment someone took it; null while nobody has. */
export function responseTimeMs(reportedAt: number, takenAt: number | null): number | null {
  return takenAt === null ? null : Math.max(0, takenAt - reportedAt);
}

const RANK: Record<EmergencyStatus, number> = { reported: 0, taken: 1, closed: 2 };

/**
 * Of two views of the same report, the one further along. A report only moves forward, so a
 * screen that gets an old view after a newer one (a replay after a reconnect, a snapshot read
 * before a change) keeps the newer one.
 */
export function laterView<T extends { status: EmergencyStatus }>(a: T | undefined, b: T): T {
  if (!a) return b;
  return RANK[b.status] >= RANK[a.status] ? b : a;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface EmergencyFigures {
  count: number;
  /** still open: nobody has taken it yet */
  unanswered: number;
  perKind: { kind: EmergencyKind; count: number; medianResponseMs: number | null; maxResponseMs: number | null }[];
  medianResponseMs: number | null;
  maxResponseMs: number | null;
}

/** The evaluation's summary of a period's reports: how many of each kind, how fast they were taken. */
export function emergencyFigures(
  reports: readonly { kind: EmergencyKind; reportedAt: number; takenAt: number | null }[],
): EmergencyFigures {
  const times = (rows: typeof reports) =>
    rows.flatMap((r) => {
      const ms = responseTimeMs(r.reportedAt, r.takenAt);
      return ms === null ? [] : [ms];
    });
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
  const all = times(reports);
  return {
    count: reports.length,
    unanswered: reports.filter((r) => r.takenAt === null).length,
    perKind: EMERGENCY_KINDS.map((kind) => {
      const rows = reports.filter((r) => r.kind === kind);
      const ms = times(rows);
      return { kind, count: rows.length, medianResponseMs: median(ms), maxResponseMs: max(ms) };
    }).filter((k) => k.count > 0),
    medianResponseMs: median(all),
    maxResponseMs: max(all),
  };
}

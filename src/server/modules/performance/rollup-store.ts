/**
 * The stored tallies of closed days and months (migration 0011, src/domain/tally.ts) and their
 * marks. A span is stored and current when its mark's built equals its generation:
 *   - a builder takes the generation (begin), tallies the span, and saves only if the generation
 *     is still the same (save): the mark's row is updated first, so a concurrent late write waits
 *     for it or makes the save fail;
 *   - a late write (touchRollups) raises the generation of its day and month in its own
 *     transaction, so a span it changed is tallied again by the next report.
 */
import type { Kysely, Transaction } from 'kysely';
import { spreadOfSortedMs } from '../../../domain/performance.js';
import type { Sums } from '../../../domain/skm.js';
import type { Dimension, Tally, TimeSpreads, UnitTally } from '../../../domain/tally.js';
import type { DB, RollupsTable } from '../../db/schema.js';

export type Span = 'day' | 'month';

export interface SpanRef {
  span: Span;
  /** the day, or the month's first day */
  start: string;
}

export interface StoredTally extends UnitTally {
  span: Span;
}

export const spanKey = (ref: SpanRef) => `${ref.span}|${ref.start}`;

/** The first day of a date's month. */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/** In a writer's transaction: the stored tallies of these days, and of their months, are no longer current. */
export async function touchRollups(tx: Kysely<DB> | Transaction<DB>, mallId: string, dates: string[]): Promise<void> {
  const refs = new Map<string, SpanRef>();
  for (const date of dates) {
    refs.set(`day|${date}`, { span: 'day', start: date });
    refs.set(`month|${monthOf(date)}`, { span: 'month', start: monthOf(date) });
  }
  if (refs.size === 0) return;
  // in key order, so two writers lock the marks in the same order
  const values = [...refs.values()]
    .sort((a, b) => spanKey(a).localeCompare(spanKey(b)))
    .map((r) => ({ mall_id: mallId, span: r.span, start: r.start, generation: 1, built: null }));
  await tx
    .insertInto('rollup_marks')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['mall_id', 'span', 'start'])
        .doUpdateSet((eb) => ({ generation: eb('rollup_marks.generation', '+', 1) })),
    )
    .execute();
}

// Times travel as their float64 bytes: exact, and read back without parsing a number. Typed
// arrays use the machine's byte order; every server Loket runs on is little-endian.
function encodeMs(values: Float64Array): Uint8Array {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

function decodeMs(bytes: Uint8Array): Float64Array {
  // copied: a Float64Array view needs an 8-byte-aligned offset, which a driver's buffer may not have
  const out = new Float64Array(bytes.length / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function toRow(mallId: string, ref: SpanRef, u: Omit<UnitTally, 'date'>): RollupsTable {
  const t = u.tally;
  return {
    mall_id: mallId,
    span: ref.span,
    start: ref.start,
    dim: u.dim,
    agency_id: u.agencyId,
    unit_id: u.unitId,
    visits: t.visits,
    transferred_in: t.transferredIn,
    served: t.served,
    no_show: t.noShow,
    cancelled: t.cancelled,
    transferred: t.transferred,
    open: t.open,
    days: t.days,
    measured: t.measured,
    within: t.within,
    wait_ms: encodeMs(t.waitMs),
    service_ms: encodeMs(t.serviceMs),
    spreads: JSON.stringify({
      wait: spreadOfSortedMs(t.waitMs),
      service: spreadOfSortedMs(t.serviceMs),
    } satisfies TimeSpreads),
    arrivals: JSON.stringify(t.arrivals),
    counter_hours: JSON.stringify(Object.fromEntries(t.counterHours)),
    respondents: t.survey.respondents,
    skm_sums: JSON.stringify(t.survey.sums),
  };
}

type ReadRow = Omit<RollupsTable, 'wait_ms' | 'service_ms'> & Partial<Pick<RollupsTable, 'wait_ms' | 'service_ms'>>;

function fromRow(r: ReadRow): StoredTally {
  const tally: Tally = {
    visits: r.visits,
    transferredIn: r.transferred_in,
    served: r.served,
    noShow: r.no_show,
    cancelled: r.cancelled,
    transferred: r.transferred,
    open: r.open,
    days: r.days,
    waitMs: r.wait_ms ? decodeMs(r.wait_ms) : new Float64Array(0),
    serviceMs: r.service_ms ? decodeMs(r.service_ms) : new Float64Array(0),
    ...(r.wait_ms && r.service_ms ? {} : { spreads: JSON.parse(r.spreads) as TimeSpreads }),
    measured: r.measured,
    within: r.within,
    arrivals: JSON.parse(r.arrivals) as number[],
    counterHours: new Map(Object.entries(JSON.parse(r.counter_hours) as Record<string, number[]>)),
    survey: { respondents: r.respondents, sums: JSON.parse(r.skm_sums) as Sums },
  };
  return { span: r.span, date: r.start, dim: r.dim, agencyId: r.agency_id, unitId: r.unit_id, tally };
}

const SUMMARY_COLUMNS = [
  'mall_id',
  'span',
  'start',
  'dim',
  'agency_id',
  'unit_id',
  'visits',
  'transferred_in',
  'served',
  'no_show',
  'cancelled',
  'transferred',
  'open',
  'days',
  'measured',
  'within',
  'spreads',
  'arrivals',
  'counter_hours',
  'respondents',
  'skm_sums',
] as const satisfies readonly (keyof RollupsTable)[];
const ROLLUP_COLUMNS = [...SUMMARY_COLUMNS, 'wait_ms', 'service_ms'] as const;

/** Rows per insert: well inside SQLite's and PostgreSQL's limits on bound values. */
const INSERT_CHUNK = 500;

export class RollupStore {
  constructor(private readonly db: Kysely<DB>) {}

  /** Of these spans, the ones stored and current. */
  async current(mallId: string, refs: readonly SpanRef[]): Promise<Set<string>> {
    const days = refs.filter((r) => r.span === 'day').map((r) => r.start);
    const months = refs.filter((r) => r.span === 'month').map((r) => r.start);
    if (days.length + months.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('rollup_marks')
      .select(['span', 'start', 'generation', 'built'])
      .where('mall_id', '=', mallId)
      .where((eb) => {
        const either = [];
        if (days.length) either.push(eb.and([eb('span', '=', 'day'), eb('start', 'in', days)]));
        if (months.length) either.push(eb.and([eb('span', '=', 'month'), eb('start', 'in', months)]));
        return eb.or(either);
      })
      .execute();
    return new Set(rows.filter((r) => r.built === r.generation).map((r) => spanKey(r)));
  }

  /** The generation to tally a span for, or null when it is stored and current already. */
  async begin(mallId: string, ref: SpanRef): Promise<number | null> {
    await this.db
      .insertInto('rollup_marks')
      .values({ mall_id: mallId, span: ref.span, start: ref.start, generation: 0, built: null })
      .onConflict((oc) => oc.columns(['mall_id', 'span', 'start']).doNothing())
      .execute();
    const mark = await this.db
      .selectFrom('rollup_marks')
      .select(['generation', 'built'])
      .where('mall_id', '=', mallId)
      .where('span', '=', ref.span)
      .where('start', '=', ref.start)
      .executeTakeFirstOrThrow();
    return mark.built === mark.generation ? null : mark.generation;
  }

  /**
   * Stores a span's tallies, replacing what was there, if nothing changed the span since begin
   * gave this generation. False when something did: the tallies are a moment old, not stored.
   */
  async save(mallId: string, ref: SpanRef, generation: number, units: readonly Omit<UnitTally, 'date'>[]) {
    return this.db.transaction().execute(async (tx) => {
      const marked = await tx
        .updateTable('rollup_marks')
        .set({ built: generation })
        .where('mall_id', '=', mallId)
        .where('span', '=', ref.span)
        .where('start', '=', ref.start)
        .where('generation', '=', generation)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return false;
      await tx
        .deleteFrom('rollups')
        .where('mall_id', '=', mallId)
        .where('span', '=', ref.span)
        .where('start', '=', ref.start)
        .execute();
      const rows = units.map((u) => toRow(mallId, ref, u));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx
          .insertInto('rollups')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
      return true;
    });
  }

  /**
   * The stored tallies of these spans in these dimensions, of one agency or the whole mall; without
   * `times` the waiting and service times stay unread (their spreads come instead).
   */
  async read(
    mallId: string,
    refs: readonly SpanRef[],
    dims: readonly Dimension[],
    options: { agencyId?: string | undefined; times: boolean },
  ): Promise<StoredTally[]> {
    const { agencyId, times } = options;
    const days = refs.filter((r) => r.span === 'day').map((r) => r.start);
    const months = refs.filter((r) => r.span === 'month').map((r) => r.start);
    if (days.length + months.length === 0 || dims.length === 0) return [];
    let q = this.db
      .selectFrom('rollups')
      .select(times ? ROLLUP_COLUMNS : SUMMARY_COLUMNS)
      .where('mall_id', '=', mallId);
    if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId);
    const rows = await q
      .where((eb) => {
        const either = [];
        if (days.length) either.push(eb.and([eb('span', '=', 'day'), eb('start', 'in', days)]));
        if (months.length) either.push(eb.and([eb('span', '=', 'month'), eb('start', 'in', months)]));
        return eb.or(either);
      })
      .where('dim', 'in', dims)
      .execute();
    return rows.map(fromRow);
  }

  /** Forgets every stored tally of these days and their months (after writing history directly). */
  async forget(mallId: string, from: string, to: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (const table of ['rollups', 'rollup_marks'] as const) {
        await tx
          .deleteFrom(table)
          .where('mall_id', '=', mallId)
          .where('start', '>=', monthOf(from))
          .where('start', '<=', to)
          .execute();
      }
    });
  }
}

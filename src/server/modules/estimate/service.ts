/**
 * Wait estimates for the live queue: for a ticket about to be taken, for every waiting ticket, and
 * per service for the kiosk and the portal.
 *
 * The mall is split into its linked parts: services that share counters (in practice an agency's
 * services and counters). A part's estimates are made at once for everyone in it — the whole
 * state read, the day played forward (src/domain/estimate.ts) with every waiting ticket and a new
 * regular and priority ticket of each service as targets — and kept until the part changes (a
 * ticket moves, a counter opens or closes, on any process: the bus says so). Under a burst of
 * changes the copy may lag by `staleMs` (1 s); tickets issued here meanwhile are added to a new
 * ticket's estimate, so the kiosk never shows two citizens the same time. Open ticket pages are
 * told when their part's estimates change, and every MAX_AGE_MS while time passes.
 */
import { performance } from 'node:perf_hooks';
import type { EstimateReason } from '../../../api/queue.js';
import {
  baselineWait,
  type Estimate,
  type EstimateOutcome,
  type EstimateTarget,
  estimateWaits,
  type LineState,
} from '../../../domain/estimate.js';
import {
  type KnownCounter,
  lineStateAt,
  priorsFromHistory,
  type ServicePrior,
  usualStarts,
} from '../../../domain/estimate-state.js';
import type { PickPolicy } from '../../../domain/pick-next.js';
import type { PriorityClass } from '../../../domain/queue.js';
import { addDays, hoursOn, instantAt, localTime, parseClock } from '../../../domain/schedule.js';
import { pickPolicy } from '../../../domain/settings.js';
import type { TicketRow } from '../../db/schema.js';
import type { Mall } from '../../plugins/tenant.js';
import { TtlCache } from '../../ttl-cache.js';
import type { SpecialDayLookup } from '../admin/calendar.js';
import type { CounterSeen, EstimateRepository } from './repository.js';

/** A part's estimates are made afresh at least this often while someone follows them. */
export const MAX_AGE_MS = 30_000;
/** how long the history's priors of a mall, day and hour are kept */
const PRIORS_TTL_MS = 3_600_000;
const CATALOG_TTL_MS = 60_000;
const SPANS_TTL_MS = 30_000;
/** the last estimate shown on a ticket's page is stored at most this often per ticket */
const SHOWN_EVERY_MS = 60_000;
const DEFAULT_SHOW_SHARE = 0.85;
/** a new ticket's estimate may come from a copy this old while changes keep coming (see forNewTicket) */
const NEW_TICKET_LAG_MS = 5_000;
/** a part's copy may lag this many times the time it took to make */
const BUILD_SHARE_INVERSE = 20;
/** weeks of the same weekday the priors read */
const HISTORY_WEEKS = 8;

/** why there is no estimate, as the API names it */
export type NoEstimateReason = EstimateReason;

/** An estimate as the API gives it, or why there is none. */
export interface EstimateAnswer {
  estimate: Estimate | null;
  reason: NoEstimateReason | null;
  /** the queue-length estimator's answer at the same moment (kept with the ticket's estimate) */
  baselineMs: number | null;
}

interface Part {
  key: string;
  serviceIds: string[];
  counters: CounterSeen[];
}

interface Probe {
  regular: EstimateOutcome;
  priority: EstimateOutcome;
  baselineRegular: number | null;
  baselinePriority: number | null;
}

interface Built {
  version: number;
  /** the process's clock when it was made, for its age, and how long making it took */
  madeAt: number;
  tookMs: number;
  /** the mall's clock the estimates start from */
  now: number;
  state: LineState;
  tickets: Map<string, EstimateOutcome>;
  probes: Map<string, Probe>;
  /** tickets issued by this process since: added to a new ticket's estimate */
  issuedSince: { priority: boolean }[];
}

interface Entry {
  part: Part;
  version: number;
  built?: Built;
  building?: Promise<Built>;
  /** a copy older than this version never stands in, however short the burst (a counter opened) */
  mustVersion: number;
  timer?: NodeJS.Timeout;
  /** when the timer fires (the process's clock) */
  timerAt?: number;
}

interface MallParts {
  mallId: string;
  byService: Map<string, Entry>;
  entries: Entry[];
  standards: Map<string, number>;
}

export interface EstimateDeps {
  now: () => number;
  specialDay: SpecialDayLookup;
  /** a burst of changes may be this old before a part is made afresh (0: always fresh) */
  staleMs?: number;
}

export class EstimateService {
  private readonly catalog = new Map<string, { loadedAt: number; parts: Promise<MallParts>; ready?: MallParts }>();
  private readonly priors = new TtlCache<Promise<Map<string, ServicePrior>>>(PRIORS_TTL_MS);
  private readonly shown = new Map<string, number>();
  private readonly staleMs: number;

  constructor(
    private readonly repo: EstimateRepository,
    private readonly deps: EstimateDeps,
  ) {
    this.staleMs = deps.staleMs ?? 1_000;
  }

  // ── what changes them ──────────────────────────────────────────────────

  /** A ticket of these services moved, or a counter serving them changed (any process). */
  changed(mallId: string, serviceIds: readonly string[]): void {
    const parts = this.loadedParts(mallId);
    if (!parts) return;
    const touched = new Set<Entry>();
    for (const id of serviceIds) {
      const entry = parts.byService.get(id);
      if (entry) touched.add(entry);
    }
    for (const entry of touched) {
      entry.version++;
      if (this.followed(mallId, entry)) this.schedule(mallId, entry);
    }
  }

  /**
   * A counter's presence changed: its part changed, and no copy made before may stand in for the
   * next answer (a counter opening turns "no counter open" into an estimate at once).
   */
  counterChanged(mallId: string, counterId: string): void {
    const parts = this.loadedParts(mallId);
    const entry = parts?.entries.find((e) => e.part.counters.some((c) => c.id === counterId));
    if (!entry) return;
    this.changed(mallId, entry.part.serviceIds);
    entry.mustVersion = entry.version;
  }

  /** The mall's hours or queue rules changed: every part changed. */
  mallChanged(mallId: string): void {
    const parts = this.loadedParts(mallId);
    if (!parts) return;
    this.changed(mallId, [...parts.byService.keys()]);
    for (const e of parts.entries) e.mustVersion = e.version;
  }

  /** Agencies, services or counters changed: the parts are read afresh. */
  forgetCatalog(mallId: string): void {
    const held = this.catalog.get(mallId);
    if (held) held.loadedAt = Number.NEGATIVE_INFINITY;
    this.spans.deleteWhere((s) => s.mall.id === mallId);
    // followers read their estimate again, from the new parts
    for (const set of this.followers.get(mallId)?.values() ?? []) for (const l of set) l();
  }

  // ── the estimates ──────────────────────────────────────────────────────

  /** For a ticket about to be taken now. */
  async forNewTicket(mall: Mall, serviceId: string, priority: PriorityClass | null): Promise<EstimateAnswer> {
    // (the queue issues only while the mall is open: no need to ask again here)
    const parts = await this.parts(mall);
    const entry = parts.byService.get(serviceId);
    if (!entry) return { estimate: null, reason: 'no_counter_open', baselineMs: null };
    // Issuing may read an older copy than a ticket page: the tickets this process issued since are
    // added to it, and at the kiosk's pace of a busy hall it is made afresh for most tickets anyway.
    const built = await this.fresh(mall, entry, NEW_TICKET_LAG_MS);
    return this.probeAnswer(built, serviceId, priority !== null);
  }

  /** Counts a ticket this process just issued, until its part is made afresh. */
  issued(mallId: string, serviceId: string, priority: PriorityClass | null): void {
    const entry = this.loadedParts(mallId)?.byService.get(serviceId);
    entry?.built?.issuedSince.push({ priority: priority !== null });
  }

  /** For a ticket as stored: its own estimate while it waits. */
  async forTicket(
    mall: Mall,
    row: Pick<TicketRow, 'id' | 'status' | 'service_id' | 'priority'>,
  ): Promise<EstimateAnswer> {
    if (row.status !== 'waiting') return { estimate: null, reason: 'not_waiting', baselineMs: null };
    const parts = await this.parts(mall);
    const entry = parts.byService.get(row.service_id);
    if (!entry) return { estimate: null, reason: 'no_counter_open', baselineMs: null };
    const built = await this.fresh(mall, entry);
    const own = built.tickets.get(row.id);
    // taken after this copy was made: where a new ticket would stand
    if (!own) return this.probeAnswer(built, row.service_id, row.priority !== null);
    return { ...this.shift(built, own), baselineMs: null };
  }

  /** Each service's estimate for a new regular ticket now (the kiosk, the portal), by service id. */
  async forServices(mall: Mall): Promise<(serviceId: string) => EstimateAnswer> {
    if (!this.openNow(await this.spansToday(mall)))
      return () => ({ estimate: null, reason: 'closed', baselineMs: null });
    const parts = await this.parts(mall);
    const built = new Map<Entry, Built>();
    await Promise.all(parts.entries.map(async (e) => built.set(e, await this.fresh(mall, e))));
    return (serviceId) => {
      const entry = parts.byService.get(serviceId);
      const b = entry && built.get(entry);
      return b
        ? this.probeAnswer(b, serviceId, false)
        : { estimate: null, reason: 'no_counter_open', baselineMs: null };
    };
  }

  /**
   * Tells `listener` whenever the estimates of this service's part change; undefined when the
   * service has no counter. Returns the unsubscribe.
   */
  async follow(mall: Mall, serviceId: string, listener: () => void): Promise<() => void> {
    let byService = this.followers.get(mall.id);
    if (!byService) {
      byService = new Map();
      this.followers.set(mall.id, byService);
    }
    const set = byService.get(serviceId) ?? new Set();
    byService.set(serviceId, set);
    set.add(listener);
    const entry = (await this.parts(mall)).byService.get(serviceId);
    if (entry) this.schedule(mall.id, entry);
    return () => {
      set.delete(listener);
    };
  }

  /** who follows each service's estimates, by mall: kept apart from the parts, which a catalog change replaces */
  private readonly followers = new Map<string, Map<string, Set<() => void>>>();

  private followed(mallId: string, entry: Entry): boolean {
    const byService = this.followers.get(mallId);
    return entry.part.serviceIds.some((id) => (byService?.get(id)?.size ?? 0) > 0);
  }

  /** Keeps the latest estimate shown on a waiting ticket's page (at most once a minute per ticket). */
  async recordShown(
    mall: Mall,
    row: Pick<TicketRow, 'id' | 'service_id' | 'service_date' | 'status'>,
    answer: EstimateAnswer,
    agencyId: string,
  ): Promise<void> {
    if (!answer.estimate || row.status !== 'waiting') return;
    const real = performance.now();
    const last = this.shown.get(row.id);
    if (last !== undefined && real - last < SHOWN_EVERY_MS) return;
    this.shown.set(row.id, real);
    if (this.shown.size > 50_000) this.shown.clear();
    const entry = (await this.parts(mall)).byService.get(row.service_id);
    const state = entry?.built?.state;
    const baselineMs = state ? baselineWait(state, { ticketId: row.id }) : null;
    await this.repo.storeLast({
      ticketId: row.id,
      mallId: mall.id,
      serviceId: row.service_id,
      agencyId,
      serviceDate: row.service_date,
      givenAt: this.deps.now(),
      waitMs: answer.estimate.waitMs,
      lowMs: answer.estimate.lowMs,
      highMs: answer.estimate.highMs,
      baselineMs,
    });
  }

  // ── parts and their copies ─────────────────────────────────────────────

  /** The parts of a mall already read by this process (a change to one not read yet changes nothing). */
  private loadedParts(mallId: string): MallParts | undefined {
    return this.catalog.get(mallId)?.ready;
  }

  private parts(mall: Mall): Promise<MallParts> {
    const held = this.catalog.get(mall.id);
    // the bus tells of catalog changes; the age limit is only a safety net for a lost message
    if (held && performance.now() - held.loadedAt < CATALOG_TTL_MS) return held.parts;
    const entry: { loadedAt: number; parts: Promise<MallParts>; ready?: MallParts } = {
      loadedAt: performance.now(),
      parts: this.loadParts(mall.id, held?.ready),
    };
    this.catalog.set(mall.id, entry);
    entry.parts.then(
      (p) => {
        entry.ready = p;
      },
      () => this.catalog.delete(mall.id),
    );
    return entry.parts;
  }

  private async loadParts(mallId: string, previous: MallParts | undefined): Promise<MallParts> {
    const [counters, standards] = await Promise.all([this.repo.counters(mallId), this.repo.standards(mallId)]);
    for (const e of previous?.entries ?? []) if (e.timer) clearTimeout(e.timer);
    // services joined by the counters that serve them (union–find over the links)
    const root = new Map<string, string>();
    const find = (id: string): string => {
      let r = id;
      while (root.get(r) !== r) r = root.get(r) as string;
      root.set(id, r);
      return r;
    };
    for (const c of counters) {
      for (const id of c.serviceIds) if (!root.has(id)) root.set(id, id);
      for (const id of c.serviceIds.slice(1)) root.set(find(id), find(c.serviceIds[0] as string));
    }
    const groups = new Map<string, Part>();
    for (const id of root.keys()) {
      const r = find(id);
      const part = groups.get(r) ?? { key: '', serviceIds: [], counters: [] };
      part.serviceIds.push(id);
      groups.set(r, part);
    }
    for (const c of counters) {
      if (c.serviceIds.length === 0) continue;
      groups.get(find(c.serviceIds[0] as string))?.counters.push(c);
    }
    const entries: Entry[] = [];
    const byService = new Map<string, Entry>();
    for (const part of groups.values()) {
      part.serviceIds.sort();
      part.key = part.serviceIds.join(',');
      const entry: Entry = { part, version: 0, mustVersion: 0 };
      entries.push(entry);
      if (this.followed(mallId, entry)) this.schedule(mallId, entry);
      for (const id of part.serviceIds) byService.set(id, entry);
    }
    return { mallId, byService, entries, standards };
  }

  /** The part's estimates, made afresh when it changed (or lagging by staleMs under a burst). */
  private async fresh(mall: Mall, entry: Entry, minLagMs = 0): Promise<Built> {
    const want = entry.version;
    const b = entry.built;
    if (b) {
      const age = performance.now() - b.madeAt;
      const lag = this.staleMs === 0 ? 0 : Math.max(minLagMs, this.lag(b));
      if (age < MAX_AGE_MS && (b.version >= want || (age < lag && b.version >= entry.mustVersion))) return b;
    }
    for (;;) {
      if (!entry.building) {
        entry.building = this.build(mall, entry).finally(() => {
          entry.building = undefined;
        });
      }
      const made = await entry.building;
      if (made.version >= want) return made;
    }
  }

  /**
   * How old a part's copy may be while changes keep coming: staleMs, or longer when making it is
   * slow (a long line under a burst), so that making copies never takes more than a twentieth of
   * the process's time.
   */
  private lag(b: Built): number {
    return this.staleMs === 0 ? 0 : Math.max(this.staleMs, BUILD_SHARE_INVERSE * b.tookMs);
  }

  private async build(mall: Mall, entry: Entry): Promise<Built> {
    const version = entry.version;
    const madeAt = performance.now();
    const now = this.deps.now();
    const local = localTime(now, mall.timeZone);
    const { serviceIds, counters } = entry.part;
    const [visits, waiting, presence, bookings, priors, spans, showShare, starts] = await Promise.all([
      this.repo.visits(mall.id, local.date, serviceIds),
      this.repo.waiting(mall.id, local.date, serviceIds),
      this.repo.counters(mall.id),
      this.repo.bookingsToCome(mall.id, local.date, serviceIds),
      this.priorsAt(mall, local.date, local.hour),
      this.spansToday(mall),
      this.repo.bookingShowShare(mall.id, addDays(local.date, -28), addDays(local.date, -1)),
      this.usualStartsOn(mall, local.date),
    ]);
    const said = new Map(presence.map((c) => [c.id, c]));
    const known: KnownCounter[] = counters.map((c) => {
      const now_ = said.get(c.id);
      const at = now_?.presenceAt ?? null;
      const today = at !== null && now_?.presence && localTime(at, mall.timeZone).date === local.date;
      return {
        id: c.id,
        serviceIds: c.serviceIds,
        presence: today ? { state: now_.presence as 'open' | 'break' | 'closed', since: at as number } : null,
      };
    });
    const policy: PickPolicy = pickPolicy(mall.settings);
    const state = lineStateAt({
      now,
      visits,
      waiting,
      counters: known,
      priors,
      standardMinutes: (await this.parts(mall)).standards,
      policy,
      spans,
      expected: bookings.map((b) => ({ ...b, showShare: showShare ?? DEFAULT_SHOW_SHARE })),
      usualStarts: starts,
    });
    const targets: EstimateTarget[] = waiting.map((t) => ({ ticketId: t.id }));
    for (const id of serviceIds) {
      targets.push({ serviceId: id, priority: null }, { serviceId: id, priority: 'lansia' });
    }
    // a long line plays fewer times: its waits vary less, and each play is longer
    const runs = waiting.length > 400 ? 30 : 100;
    const outcomes = estimateWaits(state, targets, { runs });
    const tickets = new Map<string, EstimateOutcome>();
    for (const [i, t] of waiting.entries()) tickets.set(t.id, outcomes[i] as EstimateOutcome);
    const probes = new Map<string, Probe>();
    for (const [k, id] of serviceIds.entries()) {
      probes.set(id, {
        regular: outcomes[waiting.length + 2 * k] as EstimateOutcome,
        priority: outcomes[waiting.length + 2 * k + 1] as EstimateOutcome,
        baselineRegular: baselineWait(state, { serviceId: id, priority: null }),
        baselinePriority: baselineWait(state, { serviceId: id, priority: 'lansia' }),
      });
    }
    const built: Built = {
      version,
      madeAt,
      tookMs: performance.now() - madeAt,
      now,
      state,
      tickets,
      probes,
      issuedSince: [],
    };
    entry.built = built;
    return built;
  }

  /** Makes a followed part afresh soon after it changed, and every MAX_AGE_MS meanwhile. */
  private schedule(mallId: string, entry: Entry): void {
    const b = entry.built;
    const real = performance.now();
    const due =
      !b || b.version < entry.mustVersion
        ? 0
        : b.version < entry.version
          ? Math.max(0, b.madeAt + this.lag(b) - real)
          : Math.max(0, b.madeAt + MAX_AGE_MS - real);
    // a timer already set for sooner stays; one for later (the periodic round) gives way
    if (entry.timer && (entry.timerAt ?? 0) <= real + due) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timerAt = real + due;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.refresh(mallId, entry);
    }, due);
    entry.timer.unref?.();
  }

  private async refresh(mallId: string, entry: Entry): Promise<void> {
    if (!this.followed(mallId, entry)) return;
    const mall = this.mallOf.get(mallId);
    if (mall) {
      try {
        await this.fresh(mall, entry);
      } catch {
        // the next change or the next round tries again
      }
    }
    const byService = this.followers.get(mallId);
    for (const id of entry.part.serviceIds) for (const listener of byService?.get(id) ?? []) listener();
    if (this.followed(mallId, entry)) this.schedule(mallId, entry);
  }

  /** the malls seen, for the refresh timers (they have no request to take the mall from) */
  private readonly mallOf = new Map<string, Mall>();

  private probeAnswer(built: Built, serviceId: string, priority: boolean): EstimateAnswer {
    const probe = built.probes.get(serviceId);
    if (!probe) return { estimate: null, reason: 'no_counter_open', baselineMs: null };
    const outcome = priority ? probe.priority : probe.regular;
    let baselineMs = priority ? probe.baselinePriority : probe.baselineRegular;
    // tickets this process issued since the copy was made stand before the new one
    const since = built.issuedSince.filter((t) => !priority || t.priority).length;
    let extraMs = 0;
    if (since > 0 && outcome.estimate) {
      const model = built.state.services.get(serviceId);
      const serving = built.state.counters.filter((c) => c.serviceIds.includes(serviceId)).length;
      if (model && serving > 0) {
        const mean = model.occupancy.reduce((sum, x) => sum + x, 0) / model.occupancy.length;
        extraMs = (since * mean) / serving;
        if (baselineMs !== null) baselineMs += extraMs;
      }
    }
    return { ...this.shift(built, outcome, extraMs), baselineMs };
  }

  /** An estimate made at built.now, as it stands now. */
  private shift(built: Built, outcome: EstimateOutcome, extraMs = 0): Omit<EstimateAnswer, 'baselineMs'> {
    if (!outcome.estimate) return { estimate: null, reason: outcome.reason };
    const now = this.deps.now();
    const passed = now - built.now;
    const at = (ms: number) => Math.max(0, Math.round(ms + extraMs - passed));
    const waitMs = at(outcome.estimate.waitMs);
    return {
      estimate: {
        waitMs,
        lowMs: Math.min(waitMs, at(outcome.estimate.lowMs)),
        highMs: Math.max(waitMs, at(outcome.estimate.highMs)),
        callAt: now + waitMs,
      },
      reason: null,
    };
  }

  // ── the mall's day and history ─────────────────────────────────────────

  /** Today's opening spans as instants (kept a while per mall and day: asked at every request). */
  private async spansToday(mall: Mall): Promise<LineState['spans']> {
    this.mallOf.set(mall.id, mall);
    const local = localTime(this.deps.now(), mall.timeZone);
    const key = `${mall.id}/${local.date}`;
    const kept = this.spans.get(key);
    // a new Mall object means its hours or settings changed
    if (kept && kept.mall === mall) return kept.spans;
    const hours = hoursOn(mall.openingHours, await this.deps.specialDay(mall, local.date), local);
    const spans = hours.map((s) => ({
      from: instantAt(local.date, parseClock(s.open) ?? 0, mall.timeZone),
      to: instantAt(local.date, parseClock(s.close, true) ?? 1440, mall.timeZone),
    }));
    this.spans.set(key, { mall, spans });
    return spans;
  }

  /** today's spans per mall and day; a special day's change reaches them within SPANS_TTL_MS, or at once through forgetCatalog */
  private readonly spans = new TtlCache<{ mall: Mall; spans: LineState['spans'] }>(SPANS_TTL_MS);

  private openNow(spans: LineState['spans']): boolean {
    const now = this.deps.now();
    return spans.some((s) => now >= s.from && now < s.to);
  }

  /** When each counter usually starts on this weekday (from its last weeks), as instants today. */
  private usualStartsOn(mall: Mall, date: string): Promise<Map<string, number>> {
    const key = `${mall.id}/${date}/starts`;
    let p = this.starts.get(key);
    if (!p) {
      const dates = Array.from({ length: HISTORY_WEEKS }, (_, k) => addDays(date, -7 * (k + 1)));
      p = this.repo.firstCalls(mall.id, dates).then((rows) => {
        const byDay = new Map(dates.map((d) => [d, new Map<string, number>()]));
        for (const r of rows) byDay.get(r.date)?.set(r.counterId, r.first - instantAt(r.date, 0, mall.timeZone));
        // only the weeks the mall worked count (a holiday is no evidence)
        const worked = [...byDay.values()].filter((day) => day.size > 0);
        const midnight = instantAt(date, 0, mall.timeZone);
        return new Map([...usualStarts(worked)].map(([id, ms]) => [id, midnight + ms]));
      });
      this.starts.set(key, p);
      p.catch(() => this.starts.delete(key));
    }
    return p;
  }

  private readonly starts = new TtlCache<Promise<Map<string, number>>>(PRIORS_TTL_MS);

  /** The history of this weekday's last weeks, this hour and the ones beside it. */
  private priorsAt(mall: Mall, date: string, hour: number): Promise<Map<string, ServicePrior>> {
    const key = `${mall.id}/${date}/${hour}`;
    let p = this.priors.get(key);
    if (!p) {
      const dates = Array.from({ length: HISTORY_WEEKS }, (_, k) => addDays(date, -7 * (k + 1)));
      const hours = [hour - 1, hour, hour + 1].filter((h) => h >= 0 && h < 24);
      p = this.repo.history(mall.id, dates, hours).then((rows) => {
        const days = new Set(rows.map((r) => r.service_id)).size > 0 ? HISTORY_WEEKS : 1;
        return priorsFromHistory(
          rows.map((r) => ({
            serviceId: r.service_id,
            priority: r.priority as PriorityClass | null,
            calledAt: r.called_at === null ? null : Number(r.called_at),
            endedAt: r.ended_at === null ? null : Number(r.ended_at),
            outcome: r.outcome,
            hourKey: `${r.service_date}/${r.hour}`,
          })),
          days,
          hours.length,
        );
      });
      this.priors.set(key, p);
      p.catch(() => this.priors.delete(key));
    }
    return p;
  }
}

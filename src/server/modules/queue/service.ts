/**
 * Queue use cases: issue a ticket, call, recall, start, finish, no-show, cancel, reactivate,
 * transfer. The rules come from src/domain; this layer loads, asks the rules, stores and announces.
 */
import type { Updateable } from 'kysely';
import type { CallEvent, DisplaySnapshot } from '../../../api/events.js';
import type { CounterPresence, IssuedTicket, Ticket, TicketPublic, TicketStop } from '../../../api/queue.js';
import { canOperateAgency, canViewAgency } from '../../../domain/access.js';
import { pickNext, postponedArrival } from '../../../domain/pick-next.js';
import { checkTransition, formatTicketNumber, type PriorityClass, type TicketAction } from '../../../domain/queue.js';
import { heldStop, ticketStatus } from '../../../domain/route.js';
import { hoursOn, isOpenDuring, localTime } from '../../../domain/schedule.js';

const localDateHour = (at: number, timeZone: string) => {
  const { date, hour } = localTime(at, timeZone);
  return { date, hour };
};

import { isEmail, maskEmail, maskPhone, normalizePhone } from '../../../domain/contact.js';
import { pickPolicy, type QueueSettings, withDefaults } from '../../../domain/settings.js';
import type { CounterPresenceState, TicketRow, TicketSource, TicketsTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { EventBus } from '../../events/bus.js';
import type { TicketChanged } from '../../events/types.js';
import { newId, newToken } from '../../ids.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import { TtlCache } from '../../ttl-cache.js';
import type { SpecialDayLookup } from '../admin/calendar.js';
import type { EstimateAnswer } from '../estimate/service.js';
import { estimateView } from '../estimate/view.js';
import type { TicketToIssue } from './issue-write.js';
import type { Changed, CounterInfo, CounterRef, NewEvent, QueueRepository } from './repository.js';

/** How long a process trusts its copy of a service without hearing of a change (a safety net only). */
const SERVICE_TTL_MS = 30_000;

type ServiceRef = NonNullable<Awaited<ReturnType<QueueRepository['service']>>> & { mallId: string };

/** Claims lost to another counter before call-next gives up; each loss means someone else progressed. */
const CLAIM_ATTEMPTS = 20;

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    serviceId: row.service_id,
    priority: row.priority,
    counterId: row.counter_id,
    recallCount: row.recall_count,
    issuedAt: row.issued_at,
    arrivalAt: row.arrival_at,
    calledAt: row.called_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    transferredFromServiceId: row.transferred_from_service_id,
    serviceDate: row.service_date,
    appointmentAt: row.appointment_at,
    source: row.source,
  };
}

/** How a ticket is taken, beyond the kiosk's plain walk-in. */
export interface IssueOptions {
  /** a checked-in booking's slot start: call-next favours it while it is due */
  appointmentAt?: number | null;
  source?: TicketSource;
  /** false: not counted against the daily quota (a booking already holds its place) */
  countsToQuota?: boolean;
  /** in the issuing transaction, before the ticket: false refuses it (issueWith answers null) */
  before?: TicketToIssue['before'];
  /** in the issuing transaction, after the ticket is stored */
  after?: TicketToIssue['after'];
}

/** The wait estimates the queue gives with its tickets (modules/estimate, wired in app.ts). */
export interface WaitEstimates {
  forNewTicket(mall: Mall, serviceId: string, priority: PriorityClass | null): Promise<EstimateAnswer>;
  issued(mallId: string, serviceId: string, priority: PriorityClass | null): void;
  forTicket(mall: Mall, row: Pick<TicketRow, 'id' | 'status' | 'service_id' | 'priority'>): Promise<EstimateAnswer>;
  forServices(mall: Mall): Promise<(serviceId: string) => EstimateAnswer>;
  recordShown(
    mall: Mall,
    row: Pick<TicketRow, 'id' | 'service_id' | 'service_date' | 'status'>,
    answer: EstimateAnswer,
    agencyId: string,
  ): Promise<void>;
  follow(mall: Mall, serviceId: string, listener: () => void): Promise<() => void>;
  /** this process's own changes, at once (the bus brings them too, and other processes' later) */
  changed(mallId: string, serviceIds: readonly string[]): void;
  counterChanged(mallId: string, counterId: string): void;
}

const NO_ESTIMATES: WaitEstimates = {
  forNewTicket: async () => ({ estimate: null, reason: 'no_counter_open', baselineMs: null }),
  issued: () => {},
  forTicket: async () => ({ estimate: null, reason: 'no_counter_open', baselineMs: null }),
  forServices: async () => () => ({ estimate: null, reason: 'no_counter_open', baselineMs: null }),
  recordShown: async () => {},
  follow: async () => () => {},
  changed: () => {},
  counterChanged: () => {},
};

export class QueueService {
  /** services as issuing needs them; reading one per ticket was a third of a ticket's queries */
  private readonly services: TtlCache<ServiceRef>;

  constructor(
    private readonly repo: QueueRepository,
    private readonly bus: EventBus,
    private readonly now: () => number,
    /** a mall's special day on a local date (holiday, other hours), when it has one */
    private readonly specialDay: SpecialDayLookup = async () => null,
    /** the mall a ticket belongs to, for the citizen's own actions (which come by token, not by mall) */
    private readonly mallOf: (mallId: string) => Promise<Mall> = async () => {
      throw new AppError('mall_not_found');
    },
    private readonly estimates: WaitEstimates = NO_ESTIMATES,
  ) {
    this.services = new TtlCache(SERVICE_TTL_MS);
  }

  /** After a mall's catalog changed (the bus's catalog.changed): read its services afresh. */
  forgetCatalog(mallId: string): void {
    this.services.deleteWhere((s) => s.mallId === mallId);
  }

  private async service(mallId: string, serviceId: string): Promise<ServiceRef | undefined> {
    const key = `${mallId}/${serviceId}`;
    const cached = this.services.get(key);
    if (cached) return cached;
    const row = await this.repo.service(mallId, serviceId);
    if (!row) return undefined;
    const service = { ...row, mallId };
    this.services.set(key, service);
    return service;
  }

  private today(mall: Mall): string {
    return localTime(this.now(), mall.timeZone).date;
  }

  async issue(
    mall: Mall,
    body: { serviceId: string; priority?: PriorityClass | null | undefined },
    options: IssueOptions = {},
  ): Promise<IssuedTicket> {
    const issued = await this.issueWith(mall, body, options);
    // null only when options.before refused, and callers that pass one use issueWith
    if (!issued) throw new AppError('internal');
    return issued.ticket;
  }

  /**
   * Issues a ticket; null only when options.before refused it. The stored row comes back too, for
   * callers that answer with the staff's view of it (a check-in).
   */
  async issueWith(
    mall: Mall,
    body: { serviceId: string; priority?: PriorityClass | null | undefined },
    options: IssueOptions = {},
  ): Promise<{ ticket: IssuedTicket; row: TicketRow } | null> {
    const service = await this.activeService(mall, body.serviceId);
    const now = this.now();
    const local = await this.openNow(mall, now);
    const priority = body.priority ?? null;
    let refusedBefore = false;
    const before = options.before
      ? async (tx: Parameters<NonNullable<TicketToIssue['before']>>[0]) => {
          const ok = await (options.before as NonNullable<TicketToIssue['before']>)(tx);
          refusedBefore = !ok;
          return ok;
        }
      : undefined;
    // the estimate of a ticket taken now, given with it and kept to be held against its wait
    const answer = await this.estimates.forNewTicket(mall, service.id, priority);
    const inserted = await this.repo.insertTicket({
      ...this.newTicket(mall, service, priority, options, now, local, answer),
      ...(before ? { before } : {}),
      ...(options.after ? { after: options.after } : {}),
    });
    if (!inserted && refusedBefore) return null;
    if (!inserted) throw new AppError('quota_full', { serviceName: service.name, quota: service.daily_quota ?? 0 });
    const { row, eventId, peopleAhead } = inserted;
    this.estimates.issued(mall.id, service.id, priority);
    this.announceLater(mall.id, eventId, row);
    const ticket: IssuedTicket = {
      id: row.id,
      token: row.token,
      number: row.number,
      status: row.status,
      serviceId: row.service_id,
      priority: row.priority,
      peopleAhead,
      issuedAt: row.issued_at,
      serviceDate: row.service_date,
      ...estimateView(answer),
      stops: [await this.stopOf(mall, row, peopleAhead, answer)],
    };
    return { ticket, row };
  }

  /**
   * One number for several services (issue #13): a stop per service, each waiting in its own line
   * from now, taken together or not at all. One service is a plain ticket.
   */
  async issueVisit(
    mall: Mall,
    body: { serviceIds: readonly string[]; priority?: PriorityClass | null | undefined },
    options: Pick<IssueOptions, 'source'> = {},
  ): Promise<IssuedTicket> {
    const issued = await this.issueVisitWith(mall, body, options);
    if (!issued) throw new AppError('internal');
    return issued.ticket;
  }

  /**
   * A visit as issueWith issues a ticket: the options are the first service's (a checked-in
   * booking's slot, its hooks in the issuing transaction: a refusal refuses the whole visit); the
   * other stops join their lines as walk-ins, from now. Null only when options.before refused.
   */
  async issueVisitWith(
    mall: Mall,
    body: { serviceIds: readonly string[]; priority?: PriorityClass | null | undefined },
    options: IssueOptions = {},
  ): Promise<{ ticket: IssuedTicket; row: TicketRow } | null> {
    const ids = [...new Set(body.serviceIds)];
    if (ids.length === 1)
      return this.issueWith(mall, { serviceId: ids[0] as string, priority: body.priority }, options);
    const services = [];
    for (const id of ids) services.push(await this.activeService(mall, id));
    const now = this.now();
    const local = await this.openNow(mall, now);
    const priority = body.priority ?? null;
    const answers = await Promise.all(services.map((s) => this.estimates.forNewTicket(mall, s.id, priority)));
    const route = { id: newId() };
    let refusedBefore = false;
    const { before, after, ...headOptions } = options;
    const items = services.map((service, k) => ({
      ...this.newTicket(
        mall,
        service,
        priority,
        k === 0 ? headOptions : { source: options.source },
        now,
        local,
        answers[k] as EstimateAnswer,
      ),
      route: { id: route.id, head: k === 0 },
      ...(k === 0 && before
        ? {
            before: async (tx: Parameters<NonNullable<TicketToIssue['before']>>[0]) => {
              refusedBefore = !(await before(tx));
              return !refusedBefore;
            },
          }
        : {}),
      ...(k === 0 && after ? { after } : {}),
    }));
    // an agency's rule: a stop whose service needs another of the visit waits until that one is done
    for (const [k, service] of services.entries()) {
      const first = services.findIndex((s) => s.id === service.after_service_id);
      if (first >= 0) (items[k] as (typeof items)[number]).ticket.after_ticket_id = items[first]?.ticket.id ?? null;
    }
    const outcomes = await this.repo.insertRoute(items);
    if (refusedBefore) return null;
    if (outcomes.some((o) => o === null)) {
      // the whole visit was refused: name the stop whose quota is used up
      const left = new Map((await this.repo.availability(mall.id, local.date)).map((a) => [a.serviceId, a.remaining]));
      const full = services.find((s) => left.get(s.id) === 0) ?? services.find((s) => s.daily_quota !== null);
      throw new AppError('quota_full', { serviceName: full?.name ?? '', quota: full?.daily_quota ?? 0 });
    }
    const stored = outcomes as NonNullable<(typeof outcomes)[number]>[];
    for (const o of stored) {
      this.estimates.issued(mall.id, o.row.service_id, priority);
      this.announceLater(mall.id, o.eventId, o.row);
    }
    const head = stored[0] as (typeof stored)[number];
    const ticket: IssuedTicket = {
      id: head.row.id,
      token: head.row.token,
      number: head.row.number,
      status: head.row.status,
      serviceId: head.row.service_id,
      priority: head.row.priority,
      peopleAhead: head.peopleAhead,
      issuedAt: head.row.issued_at,
      serviceDate: head.row.service_date,
      ...estimateView(answers[0] as EstimateAnswer),
      stops: await Promise.all(
        stored.map((o, k) =>
          this.stopOf(
            mall,
            o.row,
            o.peopleAhead,
            answers[k] as EstimateAnswer,
            stored.map((x) => x.row),
          ),
        ),
      ),
    };
    return { ticket, row: head.row };
  }

  /**
   * A stop added to a citizen's visit at a counter ("you also need BPJS"): a ticket of that
   * service with the visit's number, its place counted from now.
   */
  async addStop(mall: Mall, staff: Staff, ticketId: string, serviceId: string): Promise<Ticket> {
    const ticket = await this.repo.ticket(mall.id, ticketId);
    if (!ticket) throw new AppError('ticket_not_found');
    await this.authorizeTicket(mall, staff, ticket);
    if (ticket.service_date !== this.today(mall)) {
      throw new AppError('other_day', { number: ticket.number, serviceDate: ticket.service_date });
    }
    const service = await this.activeService(mall, serviceId);
    const now = this.now();
    const local = await this.openNow(mall, now);
    const routeId = ticket.route_id ?? newId();
    if (!ticket.route_id) await this.repo.startRoute(mall.id, ticket, routeId, now);
    const stops = await this.repo.routeTickets(mall.id, routeId);
    const live: TicketRow['status'][] = ['waiting', 'called', 'serving'];
    if (stops.some((s) => s.service_id === service.id && live.includes(s.status))) {
      throw new AppError('stop_exists', { number: ticket.number, serviceName: service.name });
    }
    const head = stops[0] ?? ticket;
    const answer = await this.estimates.forNewTicket(mall, service.id, ticket.priority);
    const item = this.newTicket(mall, service, ticket.priority, { source: 'staff' }, now, local, answer);
    item.event.actorId = staff.id;
    const ended: TicketRow['status'][] = ['no_show', 'cancelled'];
    const first = stops.find((s) => s.service_id === service.after_service_id && !ended.includes(s.status));
    item.ticket.after_ticket_id = first?.id ?? null;
    const inserted = await this.repo.insertTicket({
      ...item,
      route: {
        id: routeId,
        head: false,
        numbered: { seq: head.seq, number: head.number, prefix: `${head.prefix}#${stops.length + 1}` },
      },
    });
    if (!inserted) throw new AppError('quota_full', { serviceName: service.name, quota: service.daily_quota ?? 0 });
    // stops already waiting whose service needs the one added now wait for it too
    const later = [];
    for (const s of stops) {
      if (s.status !== 'waiting' || s.after_ticket_id) continue;
      if ((await this.service(mall.id, s.service_id))?.after_service_id === service.id) later.push(s.id);
    }
    await this.repo.setAfter(mall.id, later, inserted.row.id);
    this.estimates.issued(mall.id, service.id, ticket.priority);
    await this.announce(mall.id, inserted.eventId, 'issue', inserted.row, null, null);
    return toTicket(inserted.row);
  }

  /** The citizen no longer needs one stop of the visit: it leaves that line. */
  async cancelStop(token: string, serviceId: string): Promise<TicketPublic> {
    const { row, mall } = await this.ownTicket(token);
    const stops = row.route_id ? await this.repo.routeTickets(mall.id, row.route_id) : [row];
    const stop = stops.find((s) => s.service_id === serviceId && s.status !== 'cancelled');
    if (!stop) throw new AppError('stop_not_found', { number: row.number });
    if (stop.status !== 'waiting') {
      throw new AppError('not_waiting', { number: stop.number, currentStatus: stop.status });
    }
    await this.applyAction(mall, null, stop, 'cancel', null);
    return this.publicStatus(token);
  }

  /** A stop as the citizen sees it, from its stored ticket, its place and estimate. */
  private async stopOf(
    mall: Mall,
    row: TicketRow,
    peopleAhead: number,
    answer: EstimateAnswer,
    siblings: readonly TicketRow[] = [],
  ): Promise<TicketStop> {
    const first = row.after_ticket_id ? siblings.find((s) => s.id === row.after_ticket_id) : undefined;
    // held for a stop not done yet: its place is kept, but no wait can be told before that one ends
    const heldForFirst = row.status === 'waiting' && first !== undefined && first.status !== 'done';
    const [service, counter] = await Promise.all([
      this.service(mall.id, row.service_id),
      row.counter_id && (row.status === 'called' || row.status === 'serving')
        ? this.repo.counterRef(mall.id, row.counter_id)
        : undefined,
    ]);
    return {
      serviceId: row.service_id,
      serviceName: service?.name ?? '',
      agencyShortName: service?.agency_short_name ?? '',
      status: row.status,
      peopleAhead,
      ...(counter ? { counter: { id: counter.id, name: counter.name, number: counter.number } } : {}),
      ...(first ? { after: first.service_id } : {}),
      ...estimateView(
        heldForFirst
          ? { estimate: null, reason: 'after_stop' }
          : row.status === 'waiting'
            ? answer
            : { estimate: null, reason: 'not_waiting' },
      ),
    };
  }

  /** Every stop of the ticket's visit, in the order taken: itself alone for a plain ticket. */
  private async stopsOf(
    mall: Mall,
    row: TicketRow,
    own: { peopleAhead: number; answer: EstimateAnswer },
    read?: readonly TicketRow[],
  ): Promise<TicketStop[]> {
    if (!row.route_id) return [await this.stopOf(mall, row, own.peopleAhead, own.answer)];
    const siblings = read ?? (await this.repo.routeTickets(mall.id, row.route_id));
    const ahead = await this.repo.countAheadOf(
      mall.id,
      siblings.filter((t) => t.status === 'waiting').map((t) => t.id),
    );
    return Promise.all(
      siblings.map(async (t) =>
        this.stopOf(
          mall,
          t,
          ahead.get(t.id) ?? 0,
          t.status === 'waiting' ? await this.estimates.forTicket(mall, t) : own.answer,
          siblings,
        ),
      ),
    );
  }

  private async activeService(mall: Mall, serviceId: string): Promise<ServiceRef> {
    const service = await this.service(mall.id, serviceId);
    if (!service) throw new AppError('service_not_found', { serviceId });
    if (service.active !== 1) throw new AppError('service_inactive', { serviceName: service.name });
    return service;
  }

  /** The mall's local time now, or the 409 that says it is closed and when it opens. */
  private async openNow(mall: Mall, now: number) {
    const local = localTime(now, mall.timeZone);
    const special = await this.specialDay(mall, local.date);
    const hours = hoursOn(mall.openingHours, special, local);
    if (!isOpenDuring(hours, local.minuteOfDay)) {
      const today = hours.map((s) => `${s.open}–${s.close}`).join(', ');
      const why = special?.note ? ` (${special.note})` : '';
      throw new AppError('mall_closed', {
        mallName: mall.name,
        hoursId: today ? `Jam layanan hari ini${why}: ${today}.` : `Hari ini tidak ada layanan${why}.`,
        hoursEn: today ? `Today's hours${why}: ${today}.` : `No service today${why}.`,
      });
    }
    return local;
  }

  /** A new waiting ticket of a service, taken now, as the batch write takes it. */
  private newTicket(
    mall: Mall,
    service: ServiceRef,
    priority: PriorityClass | null,
    options: IssueOptions,
    now: number,
    local: { date: string; hour: number },
    answer: EstimateAnswer,
  ): TicketToIssue {
    return {
      estimate: answer.estimate && { ...answer.estimate, baselineMs: answer.baselineMs },
      mallId: mall.id,
      agencyId: service.agency_id,
      ticket: {
        id: newId(),
        service_id: service.id,
        token: newToken(),
        prefix: service.prefix,
        priority,
        status: 'waiting',
        service_date: local.date,
        service_hour: local.hour,
        issued_at: now,
        arrival_at: now,
        appointment_at: options.appointmentAt ?? null,
        called_at: null,
        started_at: null,
        finished_at: null,
        counter_id: null,
        officer_id: null,
        recall_count: 0,
        transferred_from_service_id: null,
        updated_at: now,
        source: options.source ?? 'kiosk',
      },
      quota: options.countsToQuota === false ? null : service.daily_quota,
      format: (seq) => formatTicketNumber(service.prefix, seq),
      event: {
        type: 'issue',
        fromStatus: null,
        toStatus: 'waiting',
        serviceId: service.id,
        counterId: null,
        actorId: null,
        at: now,
      },
    };
  }

  /** What the citizen's ticket page shows. */
  async publicStatus(token: string): Promise<TicketPublic> {
    return (await this.followTicket(token)).view;
  }

  /**
   * The ticket page's view with the stored row behind it: a ticket stream keeps the row, so when
   * another ticket of its line moves only the people ahead are counted again (peopleAheadOf).
   */
  async followTicket(token: string): Promise<{ mallId: string; row: TicketRow; view: TicketPublic }> {
    const found = await this.repo.ticketByToken(token);
    if (!found) throw new AppError('ticket_not_found');
    // a visit's page speaks of the stop the citizen is at now: its call, its counter, its recalls
    // (the route read once, the ticket's own row with it, so the status and the stops shown agree)
    const siblings = found.route_id ? await this.repo.routeTickets(found.mall_id, found.route_id) : [found];
    const row = siblings.find((s) => s.id === found.id) ?? found;
    const { current, status } = visitNow(row, siblings);
    const [counter, names, place, contact] = await Promise.all([
      current.counter_id ? this.repo.counterRef(row.mall_id, current.counter_id) : undefined,
      this.repo.ticketContext(row.mall_id, row.service_id, row.id),
      this.placeOf(row, siblings),
      this.repo.contactOf(row.id),
    ]);
    const { peopleAhead } = place;
    const view: TicketPublic = {
      number: row.number,
      mallSlug: names.mall_slug,
      mallName: names.mall_name,
      timeZone: names.time_zone,
      serviceName: names.service_name,
      agencyName: names.agency_name,
      agencyShortName: names.agency_short_name,
      status,
      serviceId: row.service_id,
      priority: row.priority,
      peopleAhead,
      ...(counter ? { counter: { id: counter.id, name: counter.name, number: counter.number } } : {}),
      recallCount: current.recall_count,
      // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean
      surveyed: Boolean(names.surveyed),
      issuedAt: row.issued_at,
      calledAt: current.called_at,
      appointmentAt: row.appointment_at,
      postponed: row.postponed === 1,
      canRejoinUntil: this.rejoinUntil(row, names.settings),
      estimate: place.estimate,
      estimateReason: place.estimateReason,
      stops: place.stops,
      contact: contact
        ? {
            phoneMasked: contact.phone ? maskPhone(contact.phone) : null,
            emailMasked: contact.email ? maskEmail(contact.email) : null,
          }
        : null,
    };
    return { mallId: row.mall_id, row, view };
  }

  /** Until when a citizen who missed the call may rejoin from the phone: the same day, within the mall's minutes. */
  private rejoinUntil(row: TicketRow, storedSettings: string): number | null {
    if (row.status !== 'no_show') return null;
    const { rejoinMinutes } = withDefaults(JSON.parse(storedSettings) as Partial<QueueSettings>);
    if (rejoinMinutes <= 0) return null;
    const until = row.updated_at + rejoinMinutes * 60_000;
    return until > this.now() ? until : null;
  }

  /** Calls `listener` whenever the estimates of a service's line may have changed; returns the unsubscribe. */
  async followEstimates(mallId: string, serviceId: string, listener: () => void): Promise<() => void> {
    return this.estimates.follow(await this.mallOf(mallId), serviceId, listener);
  }

  /** Waiting tickets before this one; 0 once it is no longer waiting. */
  async peopleAheadOf(row: TicketRow): Promise<number> {
    return row.status === 'waiting' ? this.repo.countAhead(row.mall_id, row.id) : 0;
  }

  /**
   * Where a ticket stands: the people before it and when it should be called. The estimate shown
   * is kept (once a minute at most) to be held against the wait that follows.
   */
  async placeOf(
    row: TicketRow,
    siblings?: readonly TicketRow[],
  ): Promise<Pick<TicketPublic, 'peopleAhead' | 'estimate' | 'estimateReason' | 'stops'>> {
    const mall = await this.mallOf(row.mall_id);
    let peopleAhead = 0;
    let answer: EstimateAnswer = { estimate: null, reason: 'not_waiting', baselineMs: null };
    if (row.status === 'waiting') {
      [peopleAhead, answer] = await Promise.all([this.peopleAheadOf(row), this.estimates.forTicket(mall, row)]);
      const service = await this.service(mall.id, row.service_id);
      if (service) await this.estimates.recordShown(mall, row, answer, service.agency_id);
    }
    return {
      peopleAhead,
      ...estimateView(answer),
      stops: await this.stopsOf(mall, row, { peopleAhead, answer }, siblings),
    };
  }

  private async operableCounter(mall: Mall, staff: Staff, counterId: string): Promise<CounterInfo> {
    const counter = await this.repo.counter(mall.id, counterId);
    if (!counter) throw new AppError('counter_not_found', { counterId });
    if (!canOperateAgency(staff, mall.id, counter.agencyId)) throw new AppError('forbidden');
    if (!counter.active) throw new AppError('counter_inactive', { counterName: counter.name });
    return counter;
  }

  private busy(held: TicketRow): AppError {
    return new AppError('counter_busy', {
      number: held.number,
      currentStatus: held.status,
      ticketId: held.id,
    });
  }

  /** The officer says the counter is open, on a break or closed: the wait estimates follow. */
  async setPresence(
    mall: Mall,
    staff: Staff,
    counterId: string,
    state: CounterPresenceState,
  ): Promise<CounterPresence> {
    const counter = await this.repo.counter(mall.id, counterId);
    if (!counter) throw new AppError('counter_not_found', { counterId });
    if (!canOperateAgency(staff, mall.id, counter.agencyId)) throw new AppError('forbidden');
    if (!counter.active && state !== 'closed') throw new AppError('counter_inactive', { counterName: counter.name });
    const since = this.now();
    await this.repo.setPresence(mall.id, counter.id, state, since);
    this.estimates.counterChanged(mall.id, counter.id);
    await this.bus.publish('counter.changed', { mallId: mall.id, counterId: counter.id });
    return { counterId: counter.id, state, since };
  }

  /** A counter that calls is open, whatever was said of it before. */
  private async openOnCall(mall: Mall, counter: CounterInfo): Promise<void> {
    if (counter.presence?.state === 'open' && this.today(mall) === localTime(counter.presence.at, mall.timeZone).date)
      return;
    await this.repo.setPresence(mall.id, counter.id, 'open', this.now());
    this.estimates.counterChanged(mall.id, counter.id);
    await this.bus.publish('counter.changed', { mallId: mall.id, counterId: counter.id });
  }

  /** Today's presence of a counter, or null when nothing was said today. */
  private presenceToday(mall: Mall, counter: CounterInfo) {
    const p = counter.presence;
    return p && localTime(p.at, mall.timeZone).date === this.today(mall) ? { state: p.state, since: p.at } : null;
  }

  /** The visit of the citizen a counter holds now (its route and number), for the counter's feed. */
  async heldVisit(mall: Mall, counterId: string): Promise<{ routeId: string | null; number: string } | null> {
    const held = await this.repo.heldBy(mall.id, counterId);
    return held ? { routeId: held.route_id, number: held.number } : null;
  }

  async callNext(mall: Mall, staff: Staff, counterId: string): Promise<Ticket | null> {
    const counter = await this.operableCounter(mall, staff, counterId);
    await this.openOnCall(mall, counter);
    const held = await this.repo.heldBy(mall.id, counter.id);
    if (held) throw this.busy(held);
    const today = this.today(mall);
    const policy = pickPolicy(mall.settings);
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const [waiting, recent] = await Promise.all([
        this.repo.waiting(mall.id, counter.serviceIds, today),
        this.repo.recentCalls(mall.id, counter.id, today, policy.priorityPerRegular + 1),
      ]);
      const now = this.now();
      const pick = pickNext(waiting, recent, policy, now);
      if (!pick) return null;
      const picked = waiting.find((w) => w.id === pick.ticket.id);
      const serviceId = picked?.serviceId ?? '';
      const claimed = await this.repo.claim(
        mall.id,
        pick.ticket.id,
        counter.id,
        staff.id,
        now,
        {
          type: 'call',
          fromStatus: 'waiting',
          toStatus: 'called',
          serviceId,
          counterId: counter.id,
          actorId: staff.id,
          at: now,
          data: { reason: pick.reason },
        },
        picked?.routeId ?? null,
      );
      if (claimed.ok) return this.afterChange(mall.id, claimed, 'call', counter, null);
      if (claimed.why === 'busy' && claimed.held) throw this.busy(claimed.held);
      // Lost the race for this ticket to another counter: look again.
    }
    return null;
  }

  /** The officer calls one chosen waiting ticket out of order; recorded as chosen. */
  async callChosen(mall: Mall, staff: Staff, counterId: string, ticketId: string): Promise<Ticket> {
    const counter = await this.operableCounter(mall, staff, counterId);
    await this.openOnCall(mall, counter);
    const ticket = await this.repo.ticket(mall.id, ticketId);
    if (!ticket) throw new AppError('ticket_not_found');
    this.require(ticket, 'call', mall);
    if (!counter.serviceIds.includes(ticket.service_id))
      throw new AppError('not_served_here', { number: ticket.number });
    await this.requireFirstDone(mall, ticket);
    const now = this.now();
    const claimed = await this.repo.claim(
      mall.id,
      ticket.id,
      counter.id,
      staff.id,
      now,
      {
        type: 'call',
        fromStatus: 'waiting',
        toStatus: 'called',
        serviceId: ticket.service_id,
        counterId: counter.id,
        actorId: staff.id,
        at: now,
        data: { reason: 'chosen' },
        closedDay: this.closedDay(mall, ticket),
      },
      ticket.route_id,
    );
    if (!claimed.ok) {
      if (claimed.why === 'busy' && claimed.held) throw this.busy(claimed.held);
      return this.conflictNow(mall, ticket.id, 'call');
    }
    return this.afterChange(mall.id, claimed, 'call', counter, null);
  }

  /** A stop that needs another done first is not called before (done is final: no race). */
  private async requireFirstDone(mall: Mall, ticket: TicketRow): Promise<void> {
    if (!ticket.after_ticket_id) return;
    const first = await this.repo.ticket(mall.id, ticket.after_ticket_id);
    if (!first || first.status === 'done') return;
    const service = await this.service(mall.id, first.service_id);
    throw new AppError('needs_first', { number: ticket.number, serviceName: service?.name ?? '' });
  }

  // ── the citizen's own actions, by the ticket's token ──────────────────

  private async ownTicket(token: string) {
    const row = await this.repo.ticketByToken(token);
    if (!row) throw new AppError('ticket_not_found');
    return { row, mall: await this.mallOf(row.mall_id) };
  }

  /** "I need more time": once, while waiting, the ticket steps back the mall's number of places. */
  async postpone(token: string): Promise<TicketPublic> {
    const { row, mall } = await this.ownTicket(token);
    if (row.status !== 'waiting') throw new AppError('not_waiting', { number: row.number, currentStatus: row.status });
    if (row.postponed === 1) throw new AppError('already_postponed');
    this.require(row, 'postpone', mall);
    const line = await this.repo.waiting(mall.id, [row.service_id], row.service_date);
    const mine = { id: row.id, arrivalAt: row.arrival_at, priority: row.priority, appointmentAt: row.appointment_at };
    const arrivalAt = postponedArrival(mine, line, mall.settings.postponePlaces);
    const now = this.now();
    const changed = await this.repo.transition(
      mall.id,
      row,
      { arrival_at: arrivalAt, postponed: 1 },
      {
        type: 'postpone',
        fromStatus: 'waiting',
        toStatus: 'waiting',
        serviceId: row.service_id,
        counterId: null,
        actorId: null,
        at: now,
        data: { places: mall.settings.postponePlaces, fromArrivalAt: row.arrival_at },
      },
    );
    if (!changed) return this.conflictNow(mall, row.id, 'postpone');
    await this.afterChange(mall.id, changed, 'postpone', null, null);
    return this.publicStatus(token);
  }

  /** After a missed call (no-show), the citizen rejoins the line from the phone within the mall's minutes. */
  async rejoin(token: string): Promise<TicketPublic> {
    const { row, mall } = await this.ownTicket(token);
    if (row.status !== 'no_show') throw new AppError('not_waiting', { number: row.number, currentStatus: row.status });
    const until = row.updated_at + mall.settings.rejoinMinutes * 60_000;
    if (mall.settings.rejoinMinutes <= 0 || this.now() > until) {
      throw new AppError('rejoin_expired', { minutes: mall.settings.rejoinMinutes });
    }
    await this.applyAction(mall, null, row, 'reactivate', null);
    return this.publicStatus(token);
  }

  /** Where the citizen of a kiosk ticket wants to be told: a mobile number, an e-mail address. */
  async setContact(
    token: string,
    body: { phone?: string | undefined; email?: string | undefined; lang?: 'id' | 'en' | undefined },
    lang: 'id' | 'en',
  ) {
    const { row } = await this.ownTicket(token);
    if (row.status !== 'waiting' && row.status !== 'called') {
      throw new AppError('not_waiting', { number: row.number, currentStatus: row.status });
    }
    const phoneText = body.phone?.trim() ?? '';
    const emailText = body.email?.trim() ?? '';
    if (!phoneText && !emailText) {
      throw new AppError('validation', {
        field: 'phone',
        in: 'body',
        problemId: 'wajib diisi (atau e-mail)',
        problemEn: 'is required (or an e-mail)',
      });
    }
    const phone = phoneText ? normalizePhone(phoneText) : null;
    if (phoneText && !phone) {
      throw new AppError('validation', {
        field: 'phone',
        in: 'body',
        problemId: 'bukan nomor HP Indonesia (contoh 0812-3456-7890)',
        problemEn: 'is not an Indonesian mobile number (e.g. 0812-3456-7890)',
      });
    }
    if (emailText && !isEmail(emailText)) {
      throw new AppError('validation', {
        field: 'email',
        in: 'body',
        problemId: 'bukan alamat e-mail',
        problemEn: 'is not an e-mail address',
      });
    }
    await this.repo.putContact({
      ticket_id: row.id,
      mall_id: row.mall_id,
      phone,
      email: emailText || null,
      lang: body.lang ?? lang,
      booking_id: null,
      created_at: this.now(),
    });
    return { phoneMasked: phone ? maskPhone(phone) : null, emailMasked: emailText ? maskEmail(emailText) : null };
  }

  /** recall, start, finish, no-show, cancel, reactivate. */
  async act(
    mall: Mall,
    staff: Staff,
    ticketId: string,
    action: Exclude<TicketAction, 'call' | 'transfer' | 'postpone'>,
  ): Promise<Ticket> {
    const ticket = await this.repo.ticket(mall.id, ticketId);
    if (!ticket) throw new AppError('ticket_not_found');
    const counter = await this.authorizeTicket(mall, staff, ticket);
    return this.applyAction(mall, staff.id, ticket, action, counter);
  }

  /** An allowed action stored with its event, by staff or (actorId null) by the citizen. */
  private async applyAction(
    mall: Mall,
    actorId: string | null,
    ticket: TicketRow,
    action: Exclude<TicketAction, 'call' | 'transfer' | 'postpone'>,
    counter: CounterRef | null,
  ): Promise<Ticket> {
    const to = this.require(ticket, action, mall);
    const now = this.now();
    const set: Updateable<TicketsTable> = { status: to };
    if (action === 'recall') set.recall_count = ticket.recall_count + 1;
    if (action === 'start') set.started_at = now;
    if (action === 'finish') set.finished_at = now;
    if (action === 'reactivate') {
      // Back in line behind those who were present; same number, no counter.
      Object.assign(set, {
        counter_id: null,
        officer_id: null,
        called_at: null,
        recall_count: 0,
        arrival_at: now,
      });
    }
    const changed = await this.repo.transition(mall.id, ticket, set, {
      type: action,
      fromStatus: ticket.status,
      toStatus: to,
      serviceId: ticket.service_id,
      counterId: ticket.counter_id,
      actorId,
      at: now,
      closedDay: this.closedDay(mall, ticket),
    });
    if (!changed) return this.conflictNow(mall, ticket.id, action);
    const result = await this.afterChange(mall.id, changed, action, action === 'recall' ? counter : null, null);
    if (changed.row.route_id && (to === 'no_show' || to === 'cancelled')) {
      await this.cancelDependents(mall, changed.row);
    }
    return result;
  }

  /**
   * A stop that ended without being done takes with it the stops that needed it (and theirs):
   * they would wait for ever (src/domain/route.ts). A citizen who comes back is given the stop
   * again at a counter.
   */
  private async cancelDependents(mall: Mall, ended: TicketRow): Promise<void> {
    const stops = await this.repo.routeTickets(mall.id, ended.route_id as string);
    for (const stop of stops) {
      if (stop.after_ticket_id !== ended.id || stop.status !== 'waiting') continue;
      try {
        await this.applyAction(mall, null, stop, 'cancel', null);
      } catch (e) {
        // moved meanwhile (called through a race it cannot win, or cancelled by the citizen): nothing left to do
        if (!(e instanceof AppError) || e.status !== 409) throw e;
      }
    }
  }

  /** Moves a ticket to another service of any agency, keeping its arrival time. */
  async transfer(mall: Mall, staff: Staff, ticketId: string, serviceId: string): Promise<Ticket> {
    const ticket = await this.repo.ticket(mall.id, ticketId);
    if (!ticket) throw new AppError('ticket_not_found');
    await this.authorizeTicket(mall, staff, ticket);
    const target = await this.repo.service(mall.id, serviceId);
    if (!target) throw new AppError('service_not_found', { serviceId });
    if (target.active !== 1) throw new AppError('service_inactive', { serviceName: target.name });
    const to = this.require(ticket, 'transfer', mall);
    if (target.id === ticket.service_id) throw new AppError('same_service');
    const now = this.now();
    const event: NewEvent = {
      type: 'transfer',
      fromStatus: ticket.status,
      toStatus: to,
      serviceId: target.id,
      counterId: ticket.counter_id,
      actorId: staff.id,
      at: now,
      data: { fromServiceId: ticket.service_id, fromCounterId: ticket.counter_id },
      visit: { agencyId: target.agency_id, priority: ticket.priority, ...localDateHour(now, mall.timeZone) },
      closedDay: this.closedDay(mall, ticket),
    };
    const changed = await this.repo.transition(
      mall.id,
      ticket,
      {
        status: to,
        service_id: target.id,
        transferred_from_service_id: ticket.service_id,
        counter_id: null,
        officer_id: null,
        called_at: null,
        started_at: null,
        recall_count: 0,
      },
      event,
    );
    if (!changed) return this.conflictNow(mall, ticket.id, 'transfer');
    return this.afterChange(mall.id, changed, 'transfer', null, ticket.service_id);
  }

  async counterQueue(mall: Mall, staff: Staff, counterId: string) {
    const counter = await this.repo.counter(mall.id, counterId);
    if (!counter) throw new AppError('counter_not_found', { counterId });
    if (!canViewAgency(staff, mall.id, counter.agencyId)) throw new AppError('forbidden');
    const today = this.today(mall);
    const [held, waiting, stats] = await Promise.all([
      this.repo.heldBy(mall.id, counter.id),
      this.repo.waitingTickets(mall.id, counter.serviceIds, today),
      this.repo.counterDayStats(mall.id, counter.id, today),
    ]);
    return {
      counter: {
        id: counter.id,
        name: counter.name,
        number: counter.number,
        agencyId: counter.agencyId,
        serviceIds: counter.serviceIds,
        presence: this.presenceToday(mall, counter),
      },
      current: held ? toTicket(held) : null,
      // the citizen's other stops after this one, for the officer to see
      currentStops: held?.route_id
        ? await this.stopsOf(mall, held, {
            peopleAhead: 0,
            answer: { estimate: null, reason: 'not_waiting', baselineMs: null },
          })
        : [],
      waiting: waiting.map(toTicket),
      today: {
        served: stats.served,
        noShow: stats.noShow,
        waiting: waiting.length,
        averageServiceSeconds: stats.averageServiceMs === null ? null : Math.round(stats.averageServiceMs / 1000),
      },
    };
  }

  async availability(mall: Mall) {
    const local = localTime(this.now(), mall.timeZone);
    const hoursToday = hoursOn(mall.openingHours, await this.specialDay(mall, local.date), local);
    const [services, estimateOf] = await Promise.all([
      this.repo.availability(mall.id, local.date),
      this.estimates.forServices(mall),
    ]);
    return {
      openNow: isOpenDuring(hoursToday, local.minuteOfDay),
      today: local.date,
      hoursToday,
      services: services.map((s) => {
        const { estimate, estimateReason } = estimateView(estimateOf(s.serviceId));
        return {
          ...s,
          estimatedWaitMinutes: estimate?.waitMinutes ?? null,
          estimateLowMinutes: estimate?.lowMinutes ?? null,
          estimateHighMinutes: estimate?.highMinutes ?? null,
          estimateReason,
        };
      }),
    };
  }

  /** What a display draws when it connects: today's last calls and each counter's number. */
  async displaySnapshot(mall: Mall, zone: string | undefined): Promise<DisplaySnapshot> {
    const rows = await this.repo.recentDisplayCalls(mall.id, this.today(mall), 500);
    const calls = rows.map(toCallEvent).filter((c) => inZone(c, zone));
    const counters = new Map<string, { counterId: string; number: string; at: number }>();
    for (const c of calls) {
      if (!counters.has(c.counter.id))
        counters.set(c.counter.id, { counterId: c.counter.id, number: c.ticket.number, at: c.at });
    }
    // The 10 latest tickets called, each once (a recall shows the ticket again, not a second row).
    const seen = new Set<string>();
    const latest = calls.filter((c) => !seen.has(c.ticket.id) && seen.add(c.ticket.id)).slice(0, 10);
    return { calls: latest, counters: [...counters.values()], serverTime: this.now() };
  }

  /** Calls a reconnecting display missed, oldest first. */
  async callsAfter(mall: Mall, lastEventId: string, zone: string | undefined): Promise<CallEvent[]> {
    const rows = await this.repo.callsAfter(mall.id, lastEventId, 200);
    return rows.map(toCallEvent).filter((c) => inZone(c, zone));
  }

  /** Staff of the agency whose counter holds the ticket, or whose service it waits for. */
  private async authorizeTicket(mall: Mall, staff: Staff, ticket: TicketRow): Promise<CounterRef | null> {
    if (ticket.counter_id) {
      const counter = await this.repo.counterRef(mall.id, ticket.counter_id);
      if (counter && canOperateAgency(staff, mall.id, counter.agencyId)) return counter;
      if (counter && ticket.status !== 'waiting') throw new AppError('forbidden');
    }
    const service = await this.repo.service(mall.id, ticket.service_id);
    if (!service || !canOperateAgency(staff, mall.id, service.agency_id)) throw new AppError('forbidden');
    return null;
  }

  /** The ticket's day if it is over: a change to it reaches that day's stored tallies. */
  private closedDay(mall: Mall, ticket: Pick<TicketRow, 'service_date'>): string | undefined {
    return ticket.service_date < this.today(mall) ? ticket.service_date : undefined;
  }

  /** The status the action leads to, or the 409 that explains why not. */
  private require(ticket: TicketRow, action: TicketAction, mall: Mall) {
    const check = checkTransition(
      { status: ticket.status, recallCount: ticket.recall_count, serviceDate: ticket.service_date },
      action,
      { recallsBeforeNoShow: mall.settings.recallsBeforeNoShow, today: this.today(mall) },
    );
    if (check.ok) return check.to;
    if (check.reason === 'recalls_needed') {
      throw new AppError('recalls_needed', { number: ticket.number, needed: check.needed, made: check.made });
    }
    if (check.reason === 'other_day') {
      throw new AppError('other_day', { number: ticket.number, serviceDate: ticket.service_date });
    }
    throw new AppError('invalid_transition', {
      number: ticket.number,
      action,
      currentStatus: ticket.status,
      allowed: check.allowed,
    });
  }

  /** Someone changed the ticket between our read and our write: answer with its state now. */
  private async conflictNow(mall: Mall, ticketId: string, action: TicketAction): Promise<never> {
    const fresh = await this.repo.ticket(mall.id, ticketId);
    if (!fresh) throw new AppError('ticket_not_found');
    this.require(fresh, action, mall);
    throw new AppError('invalid_transition', {
      number: fresh.number,
      action,
      currentStatus: fresh.status,
      allowed: [],
    });
  }

  private async afterChange(
    mallId: string,
    { eventId, row }: Changed,
    type: NewEvent['type'],
    counter: CounterRef | null,
    fromServiceId: string | null,
  ): Promise<Ticket> {
    await this.announce(mallId, eventId, type, row, counter, fromServiceId);
    return toTicket(row);
  }

  /**
   * A new ticket's event, not awaited: the ticket is committed, and the kiosk need not wait for the
   * displays' NOTIFY (on PostgreSQL one more round trip and commit in every ticket's answer). The
   * bus sends its messages in the order published; a failed NOTIFY is logged there, and a failed
   * count of the metrics' costs the citizen nothing.
   */
  private announceLater(mallId: string, eventId: string, row: TicketRow): void {
    this.announce(mallId, eventId, 'issue', row, null, null).catch(() => {});
  }

  private announce(
    mallId: string,
    eventId: string,
    type: NewEvent['type'],
    row: TicketRow,
    counter: CounterRef | null,
    fromServiceId: string | null,
  ): Promise<void> {
    this.estimates.changed(mallId, fromServiceId ? [row.service_id, fromServiceId] : [row.service_id]);
    return this.bus.publish('ticket.changed', {
      eventId,
      mallId,
      type,
      at: row.updated_at,
      ticket: {
        id: row.id,
        token: row.token,
        number: row.number,
        status: row.status,
        priority: row.priority,
        serviceId: row.service_id,
        fromServiceId,
        counterId: row.counter_id,
        recallCount: row.recall_count,
        routeId: row.route_id,
      },
      counter: counter ? { id: counter.id, name: counter.name, number: counter.number, zoneId: counter.zoneId } : null,
    });
  }
}

/**
 * The stop of a visit the citizen is at (called or being served), else the ticket itself, and the
 * visit's status as a whole (src/domain/route.ts): waiting while any stop still waits.
 */
function visitNow(row: TicketRow, stops: readonly TicketRow[]): { current: TicketRow; status: TicketRow['status'] } {
  if (!row.route_id) return { current: row, status: row.status };
  const route = {
    id: row.route_id,
    priority: row.priority,
    appointmentAt: row.appointment_at,
    serviceDate: row.service_date,
    stops: stops.map((s) => ({
      serviceId: s.service_id,
      status: s.status,
      arrivalAt: s.arrival_at,
      after: null,
      recallCount: s.recall_count,
    })),
  };
  const held = heldStop(route);
  return {
    current: (held && stops.find((s) => s.service_id === held.serviceId)) || row,
    status: ticketStatus(route),
  };
}

type CallRow = Awaited<ReturnType<QueueRepository['recentDisplayCalls']>>[number];

function toCallEvent(r: CallRow): CallEvent {
  return {
    eventId: r.event_id,
    type: r.type === 'recall' ? 'recall' : 'call',
    at: r.at,
    ticket: { id: r.ticket_id, number: r.number, priority: r.priority, serviceId: r.service_id },
    counter: { id: r.counter_id, name: r.counter_name, number: r.counter_number, zoneId: r.zone_id },
  };
}

/** A bus message as the display sees it, or null when it is not a call. */
export function callEventFrom(m: TicketChanged): CallEvent | null {
  if ((m.type !== 'call' && m.type !== 'recall') || !m.counter) return null;
  return {
    eventId: m.eventId,
    type: m.type,
    at: m.at,
    ticket: {
      id: m.ticket.id,
      number: m.ticket.number,
      priority: m.ticket.priority,
      serviceId: m.ticket.serviceId,
    },
    counter: m.counter,
  };
}

export function inZone(call: CallEvent, zone: string | undefined): boolean {
  return zone === undefined || call.counter.zoneId === zone;
}

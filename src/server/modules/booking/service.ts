/**
 * Booking use cases: the rules per service, the slots a citizen may book, booking, moving and
 * cancelling, check-in at the kiosk or the counter, the staff's day list. The rules come from
 * src/domain/booking.ts; the ticket a check-in makes comes from the queue (issueTicket), in the
 * same transaction that marks the booking checked in.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import QRCode from 'qrcode';
import type { BookableService, Booking, BookingRulesBody, BookingView, SlotView } from '../../../api/booking.js';
import type { IssuedTicket, Ticket } from '../../../api/queue.js';
import { canEvaluate, canManageAgency, canViewAgency } from '../../../domain/access.js';
import {
  type BookingFact,
  type BookingRules,
  bookablePerSlot,
  bookingFigures,
  bookingOpensAt,
  bookingRefusal,
  checkInVerdict,
  checkInWindow,
  clock,
  type Slot,
  slotsOfDay,
  validateBookingRules,
} from '../../../domain/booking.js';
import { isEmail, isNik, maskNik, maskPhone, normalizePhone } from '../../../domain/contact.js';
import type { MessageLang } from '../../../domain/messages.js';
import {
  addDays,
  datesBetween,
  daysFrom,
  hoursOn,
  instantAt,
  isValidDate,
  localTime,
  weekdayOf,
} from '../../../domain/schedule.js';
import { parsePeriod } from '../../../domain/skm-report.js';
import type { BookingRow, DB, TicketRow, TicketSource } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId, newToken } from '../../ids.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import { TtlCache } from '../../ttl-cache.js';
import type { SpecialDayLookup } from '../admin/calendar.js';
import { cancelPendingReminders, enqueueMessages, type MessageToSend, outboxRows } from '../messages/outbox.js';
import { BookingConflict, type BookingRepository, parseRules } from './repository.js';

/** What a check-in or an online join asks of the queue (QueueService.issueWith, wired in app.ts). */
export type IssueTicket = (
  mall: Mall,
  serviceId: string,
  options: {
    /** the other services of a booked visit: stops of the same number, from now */
    alsoServiceIds?: string[];
    appointmentAt?: number | null;
    source: TicketSource;
    countsToQuota?: boolean;
    before?: (tx: Transaction<DB>) => Promise<boolean>;
    after?: (tx: Transaction<DB>, row: TicketRow, eventId: string) => Promise<void>;
  },
) => Promise<
  | ({ ticket: Ticket; row: TicketRow; peopleAhead: number } & Pick<
      IssuedTicket,
      'estimate' | 'estimateReason' | 'stops'
    >)
  | null
>;

export interface BookingDeps {
  now: () => number;
  specialDay: SpecialDayLookup;
  issueTicket: IssueTicket;
  /** an absolute link for messages (LOKET_PUBLIC_URL), or null when none is configured */
  linkOf: (path: string) => string | null;
  /** a place was given back: tells the other processes, which keep a short copy of slot counts */
  placeFreed?: (slot: { mallId: string; serviceId: string; date: string; start: string }) => Promise<void>;
}

const CODE_ATTEMPTS = 5;
/** How long a process trusts its copy of a service's rules without hearing of a change (a safety net only). */
const SERVICE_TTL_MS = 30_000;

type CachedService = NonNullable<Awaited<ReturnType<BookingRepository['service']>>> & {
  bookingRules: BookingRules;
  mallId: string;
};
/** the evening reminder goes out at 18:00 the day before */
const EVENING_MINUTE = 18 * 60;

const invalid = (field: string, problemId: string, problemEn: string) =>
  new AppError('validation', { field, in: 'body', problemId, problemEn });

export function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    code: row.code,
    token: row.token,
    serviceId: row.service_id,
    date: row.date,
    start: row.start,
    end: row.end,
    status: row.status,
    alsoServiceIds: alsoServiceIdsOf(row),
  };
}

export function alsoServiceIdsOf(row: Pick<BookingRow, 'also_service_ids'>): string[] {
  return row.also_service_ids ? (JSON.parse(row.also_service_ids) as string[]) : [];
}

export class BookingService {
  // At the release moment every booking reads its service's rules: each process keeps a copy,
  // dropped on catalog.changed (which a change of rules publishes), as the queue does.
  private readonly services = new TtlCache<CachedService>(SERVICE_TTL_MS);

  constructor(
    private readonly repo: BookingRepository,
    private readonly deps: BookingDeps,
  ) {}

  /** After a mall's catalog or booking rules changed (the bus's catalog.changed): read them afresh. */
  forgetCatalog(mallId: string): void {
    this.services.deleteWhere((s) => s.mallId === mallId);
  }

  private async serviceOf(mall: Mall, serviceId: string): Promise<CachedService> {
    const key = `${mall.id}/${serviceId}`;
    const cached = this.services.get(key);
    if (cached) return cached;
    const service = await this.repo.service(mall.id, serviceId);
    if (!service) throw new AppError('service_not_found', { serviceId });
    const value = { ...service, bookingRules: parseRules(service.rules), mallId: mall.id };
    this.services.set(key, value);
    return value;
  }

  // ── rules ─────────────────────────────────────────────────────────────

  private storedRules(serviceId: string, rules: BookingRules) {
    return { ...rules, serviceId, bookablePerSlot: bookablePerSlot(rules) };
  }

  async rules(mall: Mall, staff: Staff, serviceId: string) {
    const service = await this.serviceOf(mall, serviceId);
    if (!canManageAgency(staff, mall.id, service.agency_id)) throw new AppError('forbidden');
    return this.storedRules(service.id, service.bookingRules);
  }

  async putRules(mall: Mall, staff: Staff, serviceId: string, body: BookingRulesBody) {
    const service = await this.serviceOf(mall, serviceId);
    if (!canManageAgency(staff, mall.id, service.agency_id)) throw new AppError('forbidden');
    const rules: BookingRules = { ...body, onlineQueue: body.onlineQueue ?? service.bookingRules.onlineQueue };
    const [problem] = validateBookingRules(rules);
    if (problem) {
      throw problem.code === 'no_bookable_place'
        ? invalid(
            problem.field,
            'tidak menyisakan satu tempat pun untuk booking (kapasitas × (1 − bagian datang langsung) < 1)',
            'leaves no place to book (capacity × (1 − walk-in share) < 1)',
          )
        : invalid(problem.field, 'formatnya tidak sesuai (JJ:MM)', 'is not in the expected format (HH:MM)');
    }
    await this.repo.putRules(mall.id, service.id, rules, staff.id, this.deps.now());
    return this.storedRules(service.id, rules);
  }

  // ── what may be booked ────────────────────────────────────────────────

  private async slotsOn(mall: Mall, date: string, rules: BookingRules): Promise<{ slots: Slot[]; note: string }> {
    const special = await this.deps.specialDay(mall, date);
    const spans = hoursOn(mall.openingHours, special, { date, weekday: weekdayOf(date) });
    return { slots: slotsOfDay(spans, rules.slotMinutes), note: special?.note ?? '' };
  }

  private nowLocal(mall: Mall) {
    const t = localTime(this.deps.now(), mall.timeZone);
    return { date: t.date, minuteOfDay: t.minuteOfDay };
  }

  async slots(mall: Mall, serviceId: string, date: string): Promise<SlotView[]> {
    if (!isValidDate(date)) {
      throw new AppError('validation', {
        field: 'date',
        in: 'querystring',
        problemId: 'bukan tanggal (TTTT-BB-HH)',
        problemEn: 'is not a date (YYYY-MM-DD)',
      });
    }
    const service = await this.serviceOf(mall, serviceId);
    const rules = service.bookingRules;
    if (!rules.enabled || service.active !== 1) return [];
    const now = this.nowLocal(mall);
    const { slots } = await this.slotsOn(mall, date, rules);
    const counts = await this.repo.slotCounts(mall.id, service.id, date);
    const capacity = bookablePerSlot(rules);
    return slots
      .filter((s) => bookingRefusal(now, date, s.startMinute, rules) === null)
      .map((s) => {
        const booked = counts.get(s.start) ?? 0;
        return { start: s.start, end: s.end, capacity, booked, available: Math.max(0, capacity - booked) };
      });
  }

  /** After the commit that gave a place back: read afresh here, and tell the other processes. */
  private async placeFreed(row: BookingRow) {
    const slot = { mallId: row.mall_id, serviceId: row.service_id, date: row.date, start: row.start };
    this.repo.forgetSlot(slot);
    await this.deps.placeFreed?.(slot);
  }

  /** Another process gave back a place of this slot. */
  forgetSlot(slot: { serviceId: string; date: string; start: string }): void {
    this.repo.forgetSlot(slot);
  }

  /** The services open to booking or to the online queue. */
  async bookableServices(mall: Mall): Promise<BookableService[]> {
    const rows = await this.repo.servicesWithRules(mall.id);
    return rows
      .map((r) => ({ r, rules: parseRules(r.rules) }))
      .filter(({ rules }) => rules.enabled || rules.onlineQueue)
      .map(({ r, rules }) => ({
        serviceId: r.id,
        agencyId: r.agency_id,
        booking: rules.enabled,
        onlineQueue: rules.onlineQueue,
      }));
  }

  /** The days a citizen may pick from: today and the days ahead, each open, closed, full or not open yet. */
  async bookingDays(mall: Mall, serviceId: string) {
    const service = await this.serviceOf(mall, serviceId);
    const rules = service.bookingRules;
    const now = this.nowLocal(mall);
    const last = addDays(now.date, rules.daysAhead + 1);
    const booked = await this.repo.bookedByDate(mall.id, service.id, now.date, last);
    const capacity = bookablePerSlot(rules);
    const days: { date: string; status: 'open' | 'closed' | 'not_open_yet' | 'full'; opensAt: number | null }[] = [];
    for (let i = 0; rules.enabled && i <= rules.daysAhead + 1; i++) {
      const date = addDays(now.date, i);
      const { slots } = await this.slotsOn(mall, date, rules);
      const open = slots.filter((s) => bookingRefusal(now, date, s.startMinute, rules) === null);
      const notYet = slots.some((s) => bookingRefusal(now, date, s.startMinute, rules) === 'not_open_yet');
      const counts = booked.get(date);
      const room = open.some((s) => (counts?.get(s.start) ?? 0) < capacity);
      const opens = bookingOpensAt(date, rules);
      const status: 'open' | 'closed' | 'not_open_yet' | 'full' =
        slots.length === 0 ? 'closed' : notYet ? 'not_open_yet' : open.length === 0 ? 'closed' : room ? 'open' : 'full';
      // the day after the horizon is shown only while its booking opens later today
      if (i === rules.daysAhead + 1 && status !== 'not_open_yet') continue;
      days.push({
        date,
        status,
        opensAt: status === 'not_open_yet' ? instantAt(opens.date, opens.minuteOfDay, mall.timeZone) : null,
      });
    }
    return {
      enabled: rules.enabled && service.active === 1,
      onlineQueue: rules.onlineQueue && service.active === 1,
      askNik: rules.askNik,
      slotMinutes: rules.slotMinutes,
      daysAhead: rules.daysAhead,
      checkInBeforeMinutes: rules.checkInBeforeMinutes,
      checkInAfterMinutes: rules.checkInAfterMinutes,
      days,
    };
  }

  /** The slot a booking asks for, or the error that says why it cannot be booked. */
  private async bookableSlot(
    mall: Mall,
    service: { name: string; bookingRules: BookingRules },
    date: string,
    start: string,
  ) {
    const rules = service.bookingRules;
    if (!rules.enabled) throw new AppError('booking_closed', { reason: 'disabled', serviceName: service.name, date });
    if (!isValidDate(date)) throw invalid('date', 'bukan tanggal yang ada', 'is not a real date');
    const { slots, note } = await this.slotsOn(mall, date, rules);
    if (slots.length === 0) throw new AppError('booking_closed', { reason: 'closed_day', date, note });
    const slot = slots.find((s) => s.start === start);
    if (!slot) {
      throw invalid(
        'start',
        `bukan jam mulai sesi pada tanggal itu (sesi ${rules.slotMinutes} menit mulai ${slots[0]?.start})`,
        `is not a slot start that day (${rules.slotMinutes}-minute slots from ${slots[0]?.start})`,
      );
    }
    const refusal = bookingRefusal(this.nowLocal(mall), date, slot.startMinute, rules);
    if (refusal) {
      const opens = bookingOpensAt(date, rules);
      throw new AppError('booking_closed', {
        reason: refusal === 'disabled' ? 'disabled' : refusal,
        serviceName: service.name,
        date,
        start,
        opensId: `tanggal ${opens.date} pukul ${clock(opens.minuteOfDay).replace(':', '.')}`,
        opensEn: `on ${opens.date} at ${clock(opens.minuteOfDay)}`,
      });
    }
    const slotStartAt = instantAt(date, slot.startMinute, mall.timeZone);
    const window = checkInWindow(slotStartAt, rules);
    return { slot, slotStartAt, window };
  }

  // ── booking ───────────────────────────────────────────────────────────

  async book(
    mall: Mall,
    body: {
      serviceId: string;
      date: string;
      start: string;
      name: string;
      phone: string;
      nik?: string | undefined;
      email?: string | undefined;
      lang?: 'id' | 'en' | undefined;
      alsoServiceIds?: string[] | undefined;
    },
    staff: Staff | null,
    requestLang: MessageLang,
  ): Promise<Booking> {
    const service = await this.serviceOf(mall, body.serviceId);
    if (service.active !== 1) throw new AppError('service_inactive', { serviceName: service.name });
    const rules = service.bookingRules;
    if (staff && !canViewAgency(staff, mall.id, service.agency_id)) throw new AppError('forbidden');
    const name = body.name.trim();
    if (!name) throw invalid('name', 'wajib diisi', 'is required');
    const phone = normalizePhone(body.phone);
    if (!phone)
      throw invalid(
        'phone',
        'bukan nomor HP Indonesia (contoh 0812-3456-7890)',
        'is not an Indonesian mobile number (e.g. 0812-3456-7890)',
      );
    const email = body.email?.trim() || null;
    if (email && !isEmail(email)) throw invalid('email', 'bukan alamat e-mail', 'is not an e-mail address');
    const nik = rules.askNik ? (body.nik ?? '').replace(/\s/g, '') : null;
    if (rules.askNik && !isNik(nik ?? '')) throw invalid('nik', 'harus 16 angka', 'must be 16 digits');
    const { slot, slotStartAt, window } = await this.bookableSlot(mall, service, body.date, body.start);
    const alsoServiceIds = await this.otherStops(mall, service.id, body.alsoServiceIds ?? []);

    const personKey = createHash('sha256')
      .update(`${mall.id}|${nik ? `nik:${nik}` : `phone:${phone}`}`)
      .digest('base64url');
    const by = nik ? 'nik' : 'phone';
    // At the release moment most requests are for slots already full: they are answered from one
    // read, without a transaction. The conditional upsert below still decides the last places.
    const bookable = bookablePerSlot(rules);
    if ((await this.repo.slotBooked(service.id, body.date, slot.start)) >= bookable) {
      throw new AppError('slot_full', { date: body.date, start: slot.start });
    }
    const now = this.deps.now();
    const lang: MessageLang = body.lang ?? requestLang;
    for (let attempt = 1; ; attempt++) {
      const row = {
        id: newId(),
        mall_id: mall.id,
        service_id: service.id,
        agency_id: service.agency_id,
        code: String(randomInt(10_000_000, 100_000_000)),
        token: newToken(),
        date: body.date,
        start: slot.start,
        end: slot.end,
        slot_start_at: slotStartAt,
        check_in_from: window.from,
        check_in_until: window.until,
        name,
        phone,
        email,
        nik_masked: nik ? maskNik(nik) : null,
        person_key: personKey,
        active_key: personKey,
        lang,
        status: 'booked' as const,
        created_by: staff?.id ?? null,
        created_at: now,
        updated_at: now,
        also_service_ids: alsoServiceIds.length > 0 ? JSON.stringify(alsoServiceIds) : null,
      };
      try {
        const stored = await this.repo.create(
          row,
          bookable,
          outboxRows(this.messageMall(mall), this.bookingMessages(mall, service.name, row, 'booking_confirmed'), now),
        );
        return toBooking(stored);
      } catch (error) {
        if (!(error instanceof BookingConflict)) throw error;
        if (error.why === 'full') throw new AppError('slot_full', { date: body.date, start: slot.start });
        if (error.why === 'duplicate') throw new AppError('duplicate_booking', { date: body.date, by });
        if (attempt >= CODE_ATTEMPTS) throw error;
        // another booking drew the same code: draw again
      }
    }
  }

  /** The other services of a booked visit: the mall's, open, each once, not the booked one. */
  private async otherStops(mall: Mall, bookedServiceId: string, ids: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const [i, id] of ids.entries()) {
      if (id === bookedServiceId || out.includes(id)) {
        throw invalid(`alsoServiceIds[${i}]`, 'layanan ini sudah dipilih', 'this service is already chosen');
      }
      const other = await this.serviceOf(mall, id);
      if (other.active !== 1) throw new AppError('service_inactive', { serviceName: other.name });
      out.push(id);
    }
    return out;
  }

  private messageMall(mall: Mall) {
    return { id: mall.id, phoneChannel: mall.settings.phoneChannel };
  }

  /** The confirmation (or move notice) and the two reminders of a booking as it now stands. */
  private bookingMessages(
    mall: Mall,
    serviceName: string,
    b: Pick<
      BookingRow,
      'id' | 'code' | 'token' | 'date' | 'start' | 'slot_start_at' | 'check_in_from' | 'phone' | 'email' | 'lang'
    >,
    first: 'booking_confirmed' | 'booking_moved',
  ): MessageToSend[] {
    const now = this.deps.now();
    const link = this.deps.linkOf(`/b/${b.token}`);
    const params = {
      mallName: mall.name,
      serviceName,
      code: b.code,
      date: b.date,
      start: b.start,
      checkInFrom: clock(localTime(b.check_in_from, mall.timeZone).minuteOfDay),
      ...(link ? { link } : {}),
    };
    const to = { phone: b.phone, email: b.email, lang: b.lang };
    const slotKey = `${b.date}T${b.start}`;
    const messages: MessageToSend[] = [
      { eventKey: `booking:${b.id}:${first}:${slotKey}`, kind: first, params, to, bookingId: b.id },
    ];
    const evening = instantAt(addDays(b.date, -1), EVENING_MINUTE, mall.timeZone);
    if (evening > now) {
      messages.push({
        eventKey: `booking:${b.id}:reminder_evening:${slotKey}`,
        kind: 'reminder_evening',
        params,
        to,
        notBefore: evening,
        bookingId: b.id,
      });
    }
    const hourBefore = b.slot_start_at - 3_600_000;
    if (hourBefore > now) {
      messages.push({
        eventKey: `booking:${b.id}:reminder_hour:${slotKey}`,
        kind: 'reminder_hour',
        params,
        to,
        notBefore: hourBefore,
        bookingId: b.id,
      });
    }
    return messages;
  }

  async view(token: string): Promise<BookingView> {
    const row = await this.repo.byToken(token);
    if (!row) throw new AppError('booking_not_found');
    const [names, ticket, alsoServices] = await Promise.all([
      this.repo.context(row.mall_id, row.service_id),
      row.ticket_id ? this.repo.ticketToken(row.ticket_id) : undefined,
      this.repo.serviceNames(row.mall_id, alsoServiceIdsOf(row)),
    ]);
    const now = this.deps.now();
    const status = row.status === 'booked' && row.check_in_until < now ? 'no_show' : row.status;
    return {
      ...toBooking(row),
      status,
      name: row.name,
      phoneMasked: maskPhone(row.phone),
      nikMasked: row.nik_masked,
      mallSlug: names.mall_slug,
      mallName: names.mall_name,
      serviceName: names.service_name,
      agencyName: names.agency_name,
      timeZone: names.time_zone,
      checkInFrom: row.check_in_from,
      checkInUntil: row.check_in_until,
      changeable: status === 'booked' && now < row.check_in_from,
      ticketToken: ticket?.token ?? null,
      lang: row.lang,
      alsoServices,
    };
  }

  private async changeable(token: string, mall: (mallId: string) => Promise<Mall>) {
    const row = await this.repo.byToken(token);
    if (!row) throw new AppError('booking_not_found');
    if (row.status !== 'booked' || this.deps.now() >= row.check_in_from) {
      throw new AppError('booking_not_changeable', { status: row.status });
    }
    return { row, mall: await mall(row.mall_id) };
  }

  async cancel(token: string, mallById: (mallId: string) => Promise<Mall>): Promise<BookingView> {
    const { row, mall } = await this.changeable(token, mallById);
    const now = this.deps.now();
    const names = await this.repo.context(row.mall_id, row.service_id);
    const done = await this.repo.cancel(row, now, async (tx) => {
      await cancelPendingReminders(tx, row.mall_id, row.id);
      const link = this.deps.linkOf(`/b/${row.token}`);
      await enqueueMessages(
        tx,
        this.messageMall(mall),
        [
          {
            eventKey: `booking:${row.id}:cancelled`,
            kind: 'booking_cancelled',
            params: {
              mallName: mall.name,
              serviceName: names.service_name,
              code: row.code,
              date: row.date,
              start: row.start,
              ...(link ? { link } : {}),
            },
            to: { phone: row.phone, email: row.email, lang: row.lang },
            bookingId: row.id,
          },
        ],
        now,
      );
    });
    if (!done)
      throw new AppError('booking_not_changeable', { status: (await this.repo.byToken(token))?.status ?? 'cancelled' });
    await this.placeFreed(row);
    return this.view(token);
  }

  async move(
    token: string,
    body: { date: string; start: string },
    mallById: (mallId: string) => Promise<Mall>,
  ): Promise<BookingView> {
    const { row, mall } = await this.changeable(token, mallById);
    const service = await this.serviceOf(mall, row.service_id);
    const { slot, slotStartAt, window } = await this.bookableSlot(mall, service, body.date, body.start);
    if (slot.start === row.start && body.date === row.date) return this.view(token);
    const now = this.deps.now();
    try {
      await this.repo.move(
        row,
        {
          date: body.date,
          start: slot.start,
          end: slot.end,
          slot_start_at: slotStartAt,
          check_in_from: window.from,
          check_in_until: window.until,
        },
        bookablePerSlot(service.bookingRules),
        now,
        async (tx, moved) => {
          await cancelPendingReminders(tx, row.mall_id, row.id);
          await enqueueMessages(
            tx,
            this.messageMall(mall),
            this.bookingMessages(mall, service.name, moved, 'booking_moved'),
            now,
          );
        },
      );
    } catch (error) {
      if (!(error instanceof BookingConflict)) throw error;
      if (error.why === 'full') throw new AppError('slot_full', { date: body.date, start: slot.start });
      if (error.why === 'duplicate')
        throw new AppError('duplicate_booking', { date: body.date, by: row.nik_masked ? 'nik' : 'phone' });
      throw new AppError('booking_not_changeable', { status: 'changed' });
    }
    await this.placeFreed(row);
    return this.view(token);
  }

  // ── check-in ──────────────────────────────────────────────────────────

  async checkIn(mall: Mall, body: { code: string; asWalkIn?: boolean | undefined }, staff: Staff | null) {
    const code = body.code.replace(/[\s-]/g, '');
    if (!/^\d{8}$/.test(code)) throw invalid('code', 'harus 8 angka', 'must be 8 digits');
    const booking = await this.repo.byCode(mall.id, code);
    if (!booking) throw new AppError('booking_not_found');
    if (staff) {
      const service = await this.serviceOf(mall, booking.service_id);
      if (!canViewAgency(staff, mall.id, service.agency_id)) throw new AppError('forbidden');
    }
    if (booking.status === 'cancelled') throw new AppError('booking_cancelled');
    if (booking.checked_in_at !== null) {
      const ticket = booking.ticket_id ? await this.repo.ticketToken(booking.ticket_id) : undefined;
      throw new AppError('already_checked_in', { number: ticket?.number });
    }
    const now = this.deps.now();
    const verdict = checkInVerdict(now, { from: booking.check_in_from, until: booking.check_in_until });
    const walkInAllowed = mall.settings.lateCheckIn === 'walk_in';
    if (verdict === 'too_early') {
      const comeAt = clock(localTime(booking.check_in_from, mall.timeZone).minuteOfDay);
      throw new AppError('too_early', { start: booking.start, comeAt, checkInFrom: booking.check_in_from });
    }
    const asBooked = verdict === 'ok';
    if (!asBooked && !(body.asWalkIn && walkInAllowed)) {
      throw new AppError('too_late', { start: booking.start, walkInAllowed });
    }
    const names = await this.repo.context(mall.id, booking.service_id);
    const link = (token: string) => this.deps.linkOf(`/t/${token}`);
    // the visit's other services join as stops from now: those still open today
    const alsoServiceIds = [];
    for (const id of alsoServiceIdsOf(booking)) {
      if ((await this.serviceOf(mall, id)).active === 1) alsoServiceIds.push(id);
    }
    const issued = await this.deps.issueTicket(mall, booking.service_id, {
      alsoServiceIds,
      appointmentAt: asBooked ? booking.slot_start_at : null,
      source: 'booking',
      countsToQuota: !asBooked,
      before: (tx) => this.repo.markCheckedIn(tx, booking.id, asBooked ? 'checked_in' : 'no_show', now),
      after: async (tx, ticket) => {
        await this.repo.linkTicket(tx, booking.id, ticket.id);
        await tx
          .insertInto('ticket_contacts')
          .values({
            ticket_id: ticket.id,
            mall_id: mall.id,
            phone: booking.phone,
            email: booking.email,
            lang: booking.lang,
            booking_id: booking.id,
            created_at: now,
          })
          .execute();
        const ticketLink = link(ticket.token);
        await enqueueMessages(
          tx,
          this.messageMall(mall),
          [
            {
              eventKey: `booking:${booking.id}:checked_in`,
              kind: 'checked_in',
              params: {
                mallName: mall.name,
                serviceName: names.service_name,
                number: ticket.number,
                ...(ticketLink ? { link: ticketLink } : {}),
              },
              to: { phone: booking.phone, email: booking.email, lang: booking.lang },
              bookingId: booking.id,
              ticketId: ticket.id,
            },
          ],
          now,
        );
        await cancelPendingReminders(tx, mall.id, booking.id);
      },
    });
    if (!issued) {
      const again = await this.repo.byCode(mall.id, code);
      const ticket = again?.ticket_id ? await this.repo.ticketToken(again.ticket_id) : undefined;
      throw new AppError('already_checked_in', { number: ticket?.number });
    }
    const stored = await this.repo.byCode(mall.id, code);
    return {
      ticket: issued.ticket,
      token: issued.row.token,
      peopleAhead: issued.peopleAhead,
      booking: toBooking(stored as BookingRow),
      asBooked,
      estimate: issued.estimate,
      estimateReason: issued.estimateReason,
      stops: issued.stops,
    };
  }

  // ── joining today's queue from a phone ("antrian online") ─────────────

  async joinOnline(
    mall: Mall,
    body: { serviceId: string; phone: string; email?: string | undefined; lang?: 'id' | 'en' | undefined },
    requestLang: MessageLang,
  ) {
    const service = await this.serviceOf(mall, body.serviceId);
    if (service.active !== 1) throw new AppError('service_inactive', { serviceName: service.name });
    if (!service.bookingRules.onlineQueue) throw new AppError('online_queue_closed', { serviceName: service.name });
    const phone = normalizePhone(body.phone);
    if (!phone)
      throw invalid(
        'phone',
        'bukan nomor HP Indonesia (contoh 0812-3456-7890)',
        'is not an Indonesian mobile number (e.g. 0812-3456-7890)',
      );
    const email = body.email?.trim() || null;
    if (email && !isEmail(email)) throw invalid('email', 'bukan alamat e-mail', 'is not an e-mail address');
    const today = this.nowLocal(mall).date;
    const held = await this.repo.openTicketOf(mall.id, service.id, today, phone);
    if (held) throw new AppError('already_in_queue', { number: held.number });
    const now = this.deps.now();
    const issued = await this.deps.issueTicket(mall, service.id, {
      source: 'online',
      after: async (tx, ticket) => {
        await tx
          .insertInto('ticket_contacts')
          .values({
            ticket_id: ticket.id,
            mall_id: mall.id,
            phone,
            email,
            lang: body.lang ?? requestLang,
            booking_id: null,
            created_at: now,
          })
          .execute();
      },
    });
    if (!issued) throw new AppError('internal');
    const { row } = issued;
    return {
      id: row.id,
      token: row.token,
      number: row.number,
      status: row.status,
      serviceId: row.service_id,
      priority: row.priority,
      peopleAhead: issued.peopleAhead,
      issuedAt: row.issued_at,
      serviceDate: row.service_date,
      estimate: issued.estimate,
      estimateReason: issued.estimateReason,
      stops: issued.stops,
    };
  }

  // ── staff ─────────────────────────────────────────────────────────────

  async dayList(mall: Mall, staff: Staff, query: { date: string; serviceId?: string | undefined }) {
    if (!isValidDate(query.date)) {
      throw new AppError('validation', {
        field: 'date',
        in: 'querystring',
        problemId: 'bukan tanggal (TTTT-BB-HH)',
        problemEn: 'is not a date (YYYY-MM-DD)',
      });
    }
    let serviceIds: string[] | null = null;
    if (query.serviceId) {
      const service = await this.serviceOf(mall, query.serviceId);
      if (!canViewAgency(staff, mall.id, service.agency_id)) throw new AppError('forbidden');
      serviceIds = [service.id];
    } else if (staff.role !== 'mall_admin' && staff.role !== 'viewer') {
      serviceIds = staff.agencyId ? await this.repo.serviceIdsOfAgency(mall.id, staff.agencyId) : [];
    }
    const now = this.deps.now();
    const rows = await this.repo.dayList(mall.id, query.date, serviceIds);
    return rows.map((r) => ({
      ...toBooking(r),
      status: r.status === 'booked' && r.check_in_until < now ? ('no_show' as const) : r.status,
      name: r.name,
      phoneMasked: maskPhone(r.phone),
      nikMasked: r.nik_masked,
      ticketId: r.ticket_id,
      ticketNumber: r.ticket_number ?? null,
      checkedInAt: r.checked_in_at,
      createdBy: r.created_by,
    }));
  }

  /**
   * Booking figures for the evaluation, per service and day: booked, checked in, no-show,
   * cancelled, and the share of the places offered that were booked. The places of a day are
   * counted with the service's booking rules as they are now, from the day they were set: no
   * history of the rules is kept, and days before them offered no places that we know of.
   */
  async figures(
    mall: Mall,
    staff: Staff,
    query: {
      period?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      agencyId?: string | undefined;
      serviceId?: string | undefined;
    },
  ) {
    const period =
      query.period !== undefined
        ? parsePeriod(query.period)
        : query.from && query.to
          ? { from: query.from, to: query.to }
          : null;
    if (!period || !isValidDate(period.from) || !isValidDate(period.to) || period.from > period.to) {
      throw new AppError('validation', {
        field: query.period !== undefined ? 'period' : 'from',
        in: 'querystring',
        problemId: 'berikan period (2026-11) atau from dan to yang urut',
        problemEn: 'give a period (2026-11) or from and to in order',
      });
    }
    if (daysFrom(period.from, period.to) > 366) {
      throw new AppError('validation', {
        field: 'to',
        in: 'querystring',
        problemId: 'paling lama satu tahun',
        problemEn: 'at most one year',
      });
    }
    let agencyId = query.agencyId ?? null;
    if (query.serviceId) {
      const service = await this.serviceOf(mall, query.serviceId);
      agencyId = service.agency_id;
    }
    if (!agencyId && staff.role === 'agency_admin') agencyId = staff.agencyId;
    if (!canEvaluate(staff, mall.id, agencyId)) throw new AppError('forbidden');
    const services = await this.repo.bookableServices(mall.id, agencyId, query.serviceId ?? null);
    const facts = await this.repo.facts(
      mall.id,
      period.from,
      period.to,
      services.map((s) => s.id),
    );
    const now = this.deps.now();
    const byKey = new Map<string, BookingFact[]>();
    for (const f of facts) {
      const key = `${f.date}|${f.service_id}`;
      const status = f.status === 'booked' && f.check_in_until < now ? 'no_show' : f.status;
      byKey.set(key, [...(byKey.get(key) ?? []), { date: f.date, serviceId: f.service_id, status }]);
    }
    const slotsCache = new Map<string, number>();
    const rows = [];
    let capacityTotal = 0;
    for (const date of datesBetween(period.from, period.to)) {
      for (const service of services) {
        const rules = parseRules(service.rules);
        let capacity = 0;
        if (rules.enabled && date >= localTime(service.updated_at, mall.timeZone).date) {
          const cacheKey = `${date}|${rules.slotMinutes}`;
          let count = slotsCache.get(cacheKey);
          if (count === undefined) {
            count = (await this.slotsOn(mall, date, rules)).slots.length;
            slotsCache.set(cacheKey, count);
          }
          capacity = count * bookablePerSlot(rules);
        }
        const group = byKey.get(`${date}|${service.id}`) ?? [];
        if (capacity === 0 && group.length === 0) continue;
        capacityTotal += capacity;
        rows.push({ date, serviceId: service.id, serviceName: service.name, ...bookingFigures(group, capacity) });
      }
    }
    const all = [...byKey.values()].flat();
    return { from: period.from, to: period.to, rows, totals: bookingFigures(all, capacityTotal) };
  }

  // ── files ─────────────────────────────────────────────────────────────

  async qrSvg(token: string): Promise<string> {
    const row = await this.repo.byToken(token);
    if (!row) throw new AppError('booking_not_found');
    // the kiosk's camera reads the code itself: the same eight digits a citizen could type
    return QRCode.toString(row.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  }

  async ics(token: string): Promise<{ filename: string; body: string }> {
    const view = await this.view(token);
    const row = (await this.repo.byToken(token)) as BookingRow;
    const stamp = (ms: number) =>
      new Date(ms)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
    const end = row.slot_start_at + (minutesBetween(row.start, row.end) || 30) * 60_000;
    const esc = (s: string) =>
      s
        .replace(/\\/g, '\\\\')
        .replace(/\n/g, '\\n')
        .replace(/[,;]/g, (c) => `\\${c}`);
    const link = this.deps.linkOf(`/b/${row.token}`);
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Loket//Booking//ID',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      `UID:${row.id}@loket`,
      `DTSTAMP:${stamp(this.deps.now())}`,
      `DTSTART:${stamp(row.slot_start_at)}`,
      `DTEND:${stamp(end)}`,
      `SUMMARY:${esc(`${view.serviceName} – ${view.mallName}`)}`,
      `LOCATION:${esc(view.mallName)}`,
      `DESCRIPTION:${esc(`Kode booking ${row.code}. Check-in di kiosk.${link ? ` ${link}` : ''}`)}`,
      'BEGIN:VALARM',
      'TRIGGER:-PT1H',
      'ACTION:DISPLAY',
      `DESCRIPTION:${esc(view.serviceName)}`,
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ];
    return { filename: `booking-${row.code}.ics`, body: `${lines.join('\r\n')}\r\n` };
  }
}

function minutesBetween(start: string, end: string): number {
  const [sh, sm] = start.split(':').map(Number) as [number, number];
  const [eh, em] = end.split(':').map(Number) as [number, number];
  return eh * 60 + em - (sh * 60 + sm);
}

/**
 * Bookings, their slots' counts and the services' booking rules. Every method takes the mall id.
 * A booking takes its place with a conditional upsert of the slot's count, in the transaction
 * that stores the booking and its messages: many citizens booking one slot at once on one
 * engine or on several processes never take more places than it has.
 */
import type { Kysely, Transaction } from 'kysely';
import { type BookingRules, DEFAULT_BOOKING_RULES } from '../../../domain/booking.js';
import { GroupCommit } from '../../db/group-commit.js';
import type { BookingRow, BookingsTable, DB, NewOutbox } from '../../db/schema.js';
import { TtlCache } from '../../ttl-cache.js';
import { insertOutbox } from '../messages/outbox.js';

export type NewBookingRow = Omit<BookingsTable, 'ticket_id' | 'checked_in_at' | 'cancelled_at'>;

/** Why a write did not happen; the service turns it into its error. */
export class BookingConflict extends Error {
  constructor(readonly why: 'full' | 'duplicate' | 'code_taken' | 'changed') {
    super(why);
  }
}

/** Which unique index a failed insert ran into (SQLite names the columns, PostgreSQL the index). */
function uniqueViolation(error: unknown): 'code' | 'person' | null {
  const e = error as { code?: string; constraint?: string; message?: string };
  const text = `${e.constraint ?? ''} ${e.message ?? ''}`;
  if (e.code !== '23505' && !/UNIQUE constraint failed/.test(text)) return null;
  if (/bookings_code|bookings\.code/.test(text)) return 'code';
  if (/bookings_one_per_person|bookings\.active_key/.test(text)) return 'person';
  return null;
}

type BookingToCreate = { row: NewBookingRow; bookable: number; messages: NewOutbox[] };
const CREATE_LANES = 8;
/** How long a process answers "full" (or a count) for a slot from its copy; see slotBooked. */
const SLOT_COUNT_TTL_MS = 200;

const slotKey = (row: Pick<NewBookingRow, 'service_id' | 'date' | 'start'>) =>
  `${row.service_id}|${row.date}|${row.start}`;

function laneOf(row: NewBookingRow): number {
  let h = 0;
  for (const c of slotKey(row)) h = (h * 31 + c.charCodeAt(0)) | 0;
  return Math.abs(h) % CREATE_LANES;
}

const item = (batch: BookingToCreate[], i: number) => batch[i] as BookingToCreate;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type CreateOutcome = { kind: 'booked'; row: BookingRow } | { kind: 'full' | 'duplicate' | 'code_taken' };

export class BookingRepository {
  /**
   * Lanes of group commit, a slot always in the same lane: bookings of one slot wait for each
   * other anyway (its row's lock), bookings of different slots go on in parallel on PostgreSQL's
   * several connections.
   */
  private readonly lanes: GroupCommit<DB, BookingToCreate, CreateOutcome>[];

  private readonly slotCopies = new TtlCache<number>(SLOT_COUNT_TTL_MS);

  constructor(private readonly db: Kysely<DB>) {
    this.lanes = Array.from({ length: CREATE_LANES }, () => new GroupCommit(db, this.writeBookings));
  }

  service(mallId: string, serviceId: string) {
    return this.db
      .selectFrom('services')
      .innerJoin('agencies', 'agencies.id', 'services.agency_id')
      .leftJoin('service_booking_rules', 'service_booking_rules.service_id', 'services.id')
      .select([
        'services.id',
        'services.name',
        'services.agency_id',
        'services.active',
        'agencies.name as agency_name',
        'service_booking_rules.rules',
      ])
      .where('services.mall_id', '=', mallId)
      .where('services.id', '=', serviceId)
      .executeTakeFirst();
  }

  /** Names of services, in the order asked (those that no longer exist left out). */
  async serviceNames(mallId: string, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('services')
      .innerJoin('agencies', 'agencies.id', 'services.agency_id')
      .select(['services.id', 'services.name', 'agencies.name as agency_name'])
      .where('services.mall_id', '=', mallId)
      .where('services.id', 'in', ids)
      .execute();
    return ids.flatMap((id) => {
      const r = rows.find((x) => x.id === id);
      return r ? [{ serviceId: r.id, serviceName: r.name, agencyName: r.agency_name }] : [];
    });
  }

  async putRules(mallId: string, serviceId: string, rules: BookingRules, by: string | null, at: number) {
    await this.db
      .insertInto('service_booking_rules')
      .values({ mall_id: mallId, service_id: serviceId, rules: JSON.stringify(rules), updated_by: by, updated_at: at })
      .onConflict((oc) =>
        oc.column('service_id').doUpdateSet({ rules: JSON.stringify(rules), updated_by: by, updated_at: at }),
      )
      .execute();
  }

  async slotCounts(mallId: string, serviceId: string, date: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('booking_slots')
      .select(['start', 'booked'])
      .where('mall_id', '=', mallId)
      .where('service_id', '=', serviceId)
      .where('date', '=', date)
      .execute();
    return new Map(rows.map((r) => [r.start, Number(r.booked)]));
  }

  /**
   * The places taken in one slot, read without a lock (a quick "full" before any transaction),
   * from a copy at most SLOT_COUNT_TTL_MS old: at the release moment thousands of requests ask
   * about a few dozen slots. A copy too low only sends a booking to the transaction, which decides;
   * a copy too high (a place freed meanwhile) is dropped at once in this process (freePlace) and
   * through the bus in the others (forgetSlot), and at worst lives out its short life.
   */
  async slotBooked(serviceId: string, date: string, start: string): Promise<number> {
    const key = slotKey({ service_id: serviceId, date, start });
    const hit = this.slotCopies.get(key);
    if (hit !== undefined) return hit;
    const row = await this.db
      .selectFrom('booking_slots')
      .select('booked')
      .where('service_id', '=', serviceId)
      .where('date', '=', date)
      .where('start', '=', start)
      .executeTakeFirst();
    const n = Number(row?.booked ?? 0);
    this.slotCopies.set(key, n);
    return n;
  }

  /** A place of the slot was freed (here or in another process): its count is read afresh. */
  forgetSlot(slot: { serviceId: string; date: string; start: string }): void {
    this.slotCopies.delete(slotKey({ service_id: slot.serviceId, date: slot.date, start: slot.start }));
  }

  /** Booked places per date of a service over a range (the day picker's "full"). */
  async bookedByDate(mallId: string, serviceId: string, from: string, to: string) {
    const rows = await this.db
      .selectFrom('booking_slots')
      .select(['date', 'start', 'booked'])
      .where('mall_id', '=', mallId)
      .where('service_id', '=', serviceId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute();
    const by = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const day = by.get(r.date) ?? new Map<string, number>();
      day.set(r.start, Number(r.booked));
      by.set(r.date, day);
    }
    return by;
  }

  byToken(token: string) {
    return this.db.selectFrom('bookings').selectAll().where('token', '=', token).executeTakeFirst();
  }

  byCode(mallId: string, code: string) {
    return this.db
      .selectFrom('bookings')
      .selectAll()
      .where('mall_id', '=', mallId)
      .where('code', '=', code)
      .executeTakeFirst();
  }

  /** The names and mall a booking's page shows. */
  context(mallId: string, serviceId: string) {
    return this.db
      .selectFrom('services')
      .innerJoin('agencies', 'agencies.id', 'services.agency_id')
      .innerJoin('malls', 'malls.id', 'services.mall_id')
      .select([
        'services.name as service_name',
        'agencies.name as agency_name',
        'malls.slug as mall_slug',
        'malls.name as mall_name',
        'malls.time_zone',
      ])
      .where('services.mall_id', '=', mallId)
      .where('services.id', '=', serviceId)
      .executeTakeFirstOrThrow();
  }

  ticketToken(ticketId: string) {
    return this.db.selectFrom('tickets').select(['token', 'number']).where('id', '=', ticketId).executeTakeFirst();
  }

  /**
   * Takes a place in the slot and stores the booking and its messages (outbox rows), in one
   * transaction shared with the bookings that arrived at the same moment (group commit: the
   * release moment's burst pays one commit per batch, not one per booking). Throws
   * BookingConflict('full' | 'duplicate' | 'code_taken') and writes nothing for that booking.
   */
  async create(row: NewBookingRow, bookable: number, messages: NewOutbox[]): Promise<BookingRow> {
    const lane = this.lanes[laneOf(row)] as (typeof this.lanes)[number];
    const outcome = await lane.run({ row, bookable, messages });
    if (outcome.kind !== 'booked') throw new BookingConflict(outcome.kind);
    return outcome.row;
  }

  /**
   * One batch of bookings, in order. Refusals are results, not errors, so that one citizen's
   * full slot or second booking does not roll back the others'. Set-based, because on PostgreSQL
   * every statement is a round trip on the connection the batch holds: the places of each slot
   * are taken by one conditional upsert for all of the batch's bookings of it (one at a time only
   * when the slot is nearly full), the bookings go in with one insert ON CONFLICT DO NOTHING, and
   * the messages with one more. A booking a unique index refused gives its place back.
   */
  private readonly writeBookings = async (tx: Transaction<DB>, batch: BookingToCreate[]): Promise<CreateOutcome[]> => {
    const outcomes: CreateOutcome[] = new Array(batch.length);
    // the batch's bookings by slot, slots in one order in every process, so two batches never
    // wait for each other in a ring; within a slot, first come is first served
    const bySlot = new Map<string, number[]>();
    for (const i of batch
      .map((_, i) => i)
      .sort((a, b) => cmp(slotKey(item(batch, a).row), slotKey(item(batch, b).row)))) {
      const key = slotKey(item(batch, i).row);
      bySlot.set(key, [...(bySlot.get(key) ?? []), i]);
    }
    const placed: number[] = [];
    for (const wanting of bySlot.values()) {
      const first = item(batch, wanting[0] as number);
      const granted = await this.takePlaces(tx, first.row, first.bookable, wanting.length);
      for (const [j, i] of wanting.entries()) {
        if (j < granted) placed.push(i);
        else outcomes[i] = { kind: 'full' };
      }
    }
    // by person, then arrival: the unique index on the person is met in one order everywhere too,
    // and of one person's bookings in the batch the first to arrive is kept
    placed.sort((a, b) => cmp(item(batch, a).row.person_key, item(batch, b).row.person_key) || a - b);
    const stored =
      placed.length === 0
        ? []
        : await tx
            .insertInto('bookings')
            .values(
              placed.map((i) => ({ ...item(batch, i).row, ticket_id: null, checked_in_at: null, cancelled_at: null })),
            )
            .onConflict((oc) => oc.doNothing())
            .returningAll()
            .execute();
    const storedById = new Map(stored.map((r) => [r.id, r]));
    const booked: NewOutbox[] = [];
    for (const i of placed) {
      const { row, messages } = item(batch, i);
      const kept = storedById.get(row.id);
      if (kept) {
        booked.push(...messages);
        outcomes[i] = { kind: 'booked', row: kept };
        continue;
      }
      await this.freePlace(tx, row);
      const same = await tx
        .selectFrom('bookings')
        .select('id')
        .where('mall_id', '=', row.mall_id)
        .where('service_id', '=', row.service_id)
        .where('date', '=', row.date)
        .where('active_key', '=', row.person_key)
        .executeTakeFirst();
      outcomes[i] = { kind: same ? 'duplicate' : 'code_taken' };
    }
    await insertOutbox(tx, booked);
    return outcomes;
  };

  /**
   * Takes up to `wanted` places of a slot: all of them in one statement when the slot has room
   * for them all, else one at a time until it is full. Answers how many were taken.
   */
  private async takePlaces(
    tx: Transaction<DB>,
    slot: { mall_id: string; service_id: string; date: string; start: string },
    bookable: number,
    wanted: number,
  ): Promise<number> {
    if (wanted > 1 && wanted <= bookable) {
      const all = await tx
        .insertInto('booking_slots')
        .values({
          mall_id: slot.mall_id,
          service_id: slot.service_id,
          date: slot.date,
          start: slot.start,
          booked: wanted,
        })
        .onConflict((oc) =>
          oc
            .columns(['service_id', 'date', 'start'])
            .doUpdateSet((eb) => ({ booked: eb('booking_slots.booked', '+', wanted) }))
            .where('booking_slots.booked', '<=', bookable - wanted),
        )
        .returning('booked')
        .executeTakeFirst();
      if (all) return wanted;
    }
    let taken = 0;
    while (taken < wanted && (await this.tryTakePlace(tx, slot, bookable))) taken++;
    return taken;
  }

  private async takePlace(
    tx: Transaction<DB>,
    slot: { mall_id: string; service_id: string; date: string; start: string },
    bookable: number,
  ): Promise<void> {
    if (!(await this.tryTakePlace(tx, slot, bookable))) throw new BookingConflict('full');
  }

  /** One more place taken in the slot if it has one left; false (and nothing written) when full. */
  private async tryTakePlace(
    tx: Transaction<DB>,
    slot: { mall_id: string; service_id: string; date: string; start: string },
    bookable: number,
  ): Promise<boolean> {
    if (bookable < 1) return false;
    const taken = await tx
      .insertInto('booking_slots')
      .values({ mall_id: slot.mall_id, service_id: slot.service_id, date: slot.date, start: slot.start, booked: 1 })
      .onConflict((oc) =>
        oc
          .columns(['service_id', 'date', 'start'])
          .doUpdateSet((eb) => ({ booked: eb('booking_slots.booked', '+', 1) }))
          .where('booking_slots.booked', '<', bookable),
      )
      .returning('booked')
      .executeTakeFirst();
    return taken !== undefined;
  }

  private async freePlace(tx: Transaction<DB>, slot: Pick<BookingRow, 'mall_id' | 'service_id' | 'date' | 'start'>) {
    this.forgetSlot({ serviceId: slot.service_id, date: slot.date, start: slot.start });
    await tx
      .updateTable('booking_slots')
      .set((eb) => ({ booked: eb('booked', '-', 1) }))
      .where('service_id', '=', slot.service_id)
      .where('date', '=', slot.date)
      .where('start', '=', slot.start)
      .where('booked', '>', 0)
      .execute();
  }

  /** Cancels a booking still booked (compare-and-set) and frees its place at once; null when it had changed. */
  async cancel(booking: BookingRow, at: number, also: (tx: Transaction<DB>) => Promise<void>) {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('bookings')
        .set({ status: 'cancelled', active_key: null, cancelled_at: at, updated_at: at })
        .where('id', '=', booking.id)
        .where('status', '=', 'booked')
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      await this.freePlace(tx, booking);
      await also(tx);
      return row;
    });
  }

  /** Moves a booking to another slot: the new place taken first (or BookingConflict), the old one freed. */
  async move(
    booking: BookingRow,
    to: Pick<BookingRow, 'date' | 'start' | 'end' | 'slot_start_at' | 'check_in_from' | 'check_in_until'>,
    bookable: number,
    at: number,
    also: (tx: Transaction<DB>, row: BookingRow) => Promise<void>,
  ) {
    try {
      return await this.db.transaction().execute(async (tx) => {
        await this.takePlace(tx, { ...booking, ...to }, bookable);
        const row = await tx
          .updateTable('bookings')
          .set({ ...to, updated_at: at })
          .where('id', '=', booking.id)
          .where('status', '=', 'booked')
          .where('date', '=', booking.date)
          .where('start', '=', booking.start)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new BookingConflict('changed');
        await this.freePlace(tx, booking);
        await also(tx, row);
        return row;
      });
    } catch (error) {
      throw asConflict(error);
    }
  }

  /**
   * In a check-in's transaction, before its ticket: booked → checked in (or, for a late arrival
   * joining as a walk-in, no-show), if no other check-in of it came first.
   */
  async markCheckedIn(tx: Transaction<DB>, bookingId: string, status: 'checked_in' | 'no_show', at: number) {
    const row = await tx
      .updateTable('bookings')
      .set({ status, checked_in_at: at, updated_at: at, ...(status === 'no_show' ? { active_key: null } : {}) })
      .where('id', '=', bookingId)
      .where('checked_in_at', 'is', null)
      .where('status', 'in', ['booked', 'no_show'])
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** …and after it, the ticket it became. */
  async linkTicket(tx: Transaction<DB>, bookingId: string, ticketId: string) {
    await tx.updateTable('bookings').set({ ticket_id: ticketId }).where('id', '=', bookingId).execute();
  }

  dayList(mallId: string, date: string, serviceIds: string[] | null) {
    let q = this.db
      .selectFrom('bookings')
      .leftJoin('tickets', 'tickets.id', 'bookings.ticket_id')
      .selectAll('bookings')
      .select('tickets.number as ticket_number')
      .where('bookings.mall_id', '=', mallId)
      .where('bookings.date', '=', date);
    if (serviceIds) {
      if (serviceIds.length === 0) return Promise.resolve([]);
      q = q.where('bookings.service_id', 'in', serviceIds);
    }
    return q.orderBy('bookings.start').orderBy('bookings.created_at').execute();
  }

  /** A ticket of today still in the line for this service whose citizen left this number. */
  openTicketOf(mallId: string, serviceId: string, date: string, phone: string) {
    return this.db
      .selectFrom('tickets')
      .innerJoin('ticket_contacts', 'ticket_contacts.ticket_id', 'tickets.id')
      .select('tickets.number')
      .where('tickets.mall_id', '=', mallId)
      .where('tickets.service_id', '=', serviceId)
      .where('tickets.service_date', '=', date)
      .where('tickets.status', 'in', ['waiting', 'called', 'serving'])
      .where('ticket_contacts.phone', '=', phone)
      .executeTakeFirst();
  }

  /** Services with booking rules (or one service, or an agency's), for the booking figures. */
  /** Every active service of the mall with stored booking rules, in catalog order. */
  servicesWithRules(mallId: string) {
    return this.db
      .selectFrom('services')
      .innerJoin('service_booking_rules', 'service_booking_rules.service_id', 'services.id')
      .select(['services.id', 'services.agency_id', 'service_booking_rules.rules'])
      .where('services.mall_id', '=', mallId)
      .where('services.active', '=', 1)
      .orderBy('services.sort_order')
      .execute();
  }

  bookableServices(mallId: string, agencyId: string | null, serviceId: string | null) {
    let q = this.db
      .selectFrom('services')
      .innerJoin('service_booking_rules', 'service_booking_rules.service_id', 'services.id')
      .select(['services.id', 'services.name', 'service_booking_rules.rules', 'service_booking_rules.updated_at'])
      .where('services.mall_id', '=', mallId);
    if (agencyId) q = q.where('services.agency_id', '=', agencyId);
    if (serviceId) q = q.where('services.id', '=', serviceId);
    return q.orderBy('services.sort_order').execute();
  }

  facts(mallId: string, from: string, to: string, serviceIds: string[]) {
    if (serviceIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('bookings')
      .select(['date', 'service_id', 'status', 'check_in_until'])
      .where('mall_id', '=', mallId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .where('service_id', 'in', serviceIds)
      .execute();
  }

  serviceIdsOfAgency(mallId: string, agencyId: string) {
    return this.db
      .selectFrom('services')
      .select('id')
      .where('mall_id', '=', mallId)
      .where('agency_id', '=', agencyId)
      .execute()
      .then((rows) => rows.map((r) => r.id));
  }
}

function asConflict(error: unknown): unknown {
  if (error instanceof BookingConflict) return error;
  const which = uniqueViolation(error);
  if (which === 'code') return new BookingConflict('code_taken');
  if (which === 'person') return new BookingConflict('duplicate');
  return error;
}

export function parseRules(stored: string | null | undefined): BookingRules {
  return stored
    ? { ...DEFAULT_BOOKING_RULES, ...(JSON.parse(stored) as Partial<BookingRules>) }
    : DEFAULT_BOOKING_RULES;
}

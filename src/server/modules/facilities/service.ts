/**
 * The mall's facilities: the directory for the portal and the kiosk, and requests for the rooms
 * (auditorium, meeting room) that the mall admin approves or rejects. The rules are in
 * src/domain/facility.ts; the database is what guarantees that two active bookings of a room
 * never overlap, the check here only gives the friendlier answer.
 */
import type { Facility, FacilityBooking, FacilityBookingAdmin, FacilityCalendar } from '../../../api/facilities.js';
import { isEmail, normalizePhone } from '../../../domain/contact.js';
import {
  ACTIVE_BOOKING,
  canStep,
  type FacilityBookingStatus,
  occupancyLevel,
  ROOM_RULES,
  type TimeRefusal,
  timeRefusal,
} from '../../../domain/facility.js';
import type { MessageLang } from '../../../domain/messages.js';
import {
  addDays,
  daysFrom,
  instantAt,
  isOpenAt,
  localTime,
  parseClock,
  type WeeklyHours,
} from '../../../domain/schedule.js';
import { AppError } from '../../errors.js';
import { newId, newToken } from '../../ids.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import type { SpecialDayLookup } from '../admin/calendar.js';
import { outboxRows } from '../messages/outbox.js';
import { type FacilityRepository, Overlap } from './repository.js';

export interface FacilityDeps {
  now: () => number;
  specialDay: SpecialDayLookup;
  /** an absolute link for messages (LOKET_PUBLIC_URL), or null */
  linkOf: (path: string) => string | null;
}

/** The longest calendar one request reads: two months. */
const MAX_RANGE_DAYS = 62;

type FacilityRow = NonNullable<Awaited<ReturnType<FacilityRepository['byId']>>>;
/** What telling the organiser needs of the mall. */
type MessageMall = Pick<Mall, 'id' | 'name' | 'slug'> & { settings: Pick<Mall['settings'], 'phoneChannel'> };
type BookingRow = NonNullable<Awaited<ReturnType<FacilityRepository['booking']>>>;

const invalid = (field: string, problemId: string, problemEn: string) =>
  new AppError('validation', { field, in: 'body', problemId, problemEn });

const hoursText = (spans: readonly { open: string; close: string }[]) =>
  spans.map((s) => `${s.open}–${s.close}`).join(', ');

function refusalError(r: TimeRefusal): AppError {
  const rules = ROOM_RULES;
  switch (r.code) {
    case 'bad_date':
      return invalid(r.field, 'bukan tanggal (YYYY-MM-DD)', 'is not a date (YYYY-MM-DD)');
    case 'past':
      return invalid(r.field, 'tanggalnya sudah lewat', 'is in the past');
    case 'too_far':
      return invalid(
        r.field,
        `paling jauh ${rules.daysAhead} hari ke depan`,
        `is at most ${rules.daysAhead} days ahead`,
      );
    case 'bad_clock':
      return invalid(r.field, 'bukan jam (HH:mm)', 'is not a time (HH:mm)');
    case 'off_grid':
      return invalid(
        r.field,
        `harus kelipatan ${rules.stepMinutes} menit (mis. 09.00, 09.15)`,
        `must be on a ${rules.stepMinutes}-minute step (e.g. 09:00, 09:15)`,
      );
    case 'end_before_start':
      return invalid(r.field, 'harus setelah jam mulai', 'must be after the start');
    case 'too_short':
      return invalid(r.field, `paling singkat ${rules.minMinutes} menit`, `is at least ${rules.minMinutes} minutes`);
    case 'too_long':
      return invalid(r.field, `paling lama ${rules.maxMinutes / 60} jam`, `is at most ${rules.maxMinutes / 60} hours`);
    case 'started':
      return invalid(r.field, 'jam itu sudah lewat', 'has already passed');
    case 'closed':
      return invalid(r.field, 'ruang tutup pada tanggal itu', 'the room is closed that day');
    case 'outside_hours':
      return invalid(
        r.field,
        `di luar jam ruang (${hoursText(r.hours).replaceAll(':', '.')})`,
        `is outside the room's hours (${hoursText(r.hours)})`,
      );
  }
}

export class FacilityService {
  constructor(
    private readonly repo: FacilityRepository,
    private readonly deps: FacilityDeps,
  ) {}

  async directory(mall: Mall): Promise<Facility[]> {
    const now = localTime(this.deps.now(), mall.timeZone);
    const rows = await this.repo.list(mall.id);
    return rows.map((r) => toFacility(r, now));
  }

  private async bookableRoom(mall: Mall, id: string): Promise<FacilityRow> {
    const room = await this.repo.byId(mall.id, id);
    if (!room) throw new AppError('facility_not_found', { facilityId: id });
    if (!room.bookable) throw new AppError('not_bookable', { name: room.name });
    return room;
  }

  /** A room's busy times in a range of local dates (a week from today by default): no names or purposes. */
  async calendar(mall: Mall, id: string, query: { from?: string | undefined; to?: string | undefined }) {
    const room = await this.bookableRoom(mall, id);
    const from = query.from ?? localTime(this.deps.now(), mall.timeZone).date;
    const to = query.to ?? addDays(from, 6);
    checkRange(from, to);
    const rows = await this.repo.bookings(mall.id, { facilityId: room.id, from, to, statuses: ACTIVE_BOOKING });
    const calendar: FacilityCalendar = {
      facilityId: room.id,
      from,
      to,
      hours: JSON.parse(room.hours) as WeeklyHours,
      busy: rows.map((b) => ({
        date: b.date,
        start: b.start_time,
        end: b.end_time,
        status: b.status as 'pending' | 'approved',
      })),
    };
    return calendar;
  }

  async request(
    mall: Mall,
    id: string,
    body: {
      date: string;
      start: string;
      end: string;
      purpose: string;
      organiser: string;
      attendees?: number | undefined;
      phone?: string | undefined;
      email?: string | undefined;
      lang?: MessageLang | undefined;
    },
    staff: Staff | null,
    requestLang: MessageLang,
  ): Promise<FacilityBooking> {
    const room = await this.bookableRoom(mall, id);
    const nowMs = this.deps.now();
    const now = localTime(nowMs, mall.timeZone);
    const special = await this.deps.specialDay(mall, body.date).catch(() => null);
    const refusal = timeRefusal(body, { hours: JSON.parse(room.hours) as WeeklyHours, special }, now);
    if (refusal) throw refusalError(refusal);
    const purpose = body.purpose.trim();
    const organiser = body.organiser.trim();
    if (!purpose) throw invalid('purpose', 'wajib diisi', 'is required');
    if (!organiser) throw invalid('organiser', 'wajib diisi', 'is required');
    if (body.attendees !== undefined && room.capacity !== null && body.attendees > room.capacity) {
      throw invalid(
        'attendees',
        `melebihi kapasitas ruang (${room.capacity} orang)`,
        `is more than the room holds (${room.capacity})`,
      );
    }
    const phoneText = body.phone?.trim() ?? '';
    const phone = phoneText ? normalizePhone(phoneText) : null;
    if (phoneText && !phone) {
      throw invalid('phone', 'bukan nomor HP Indonesia (contoh 0812-3456-7890)', 'is not an Indonesian mobile number');
    }
    const email = body.email?.trim() || null;
    if (email && !isEmail(email)) throw invalid('email', 'bukan alamat e-mail', 'is not an e-mail address');

    const startAt = instantAt(body.date, parseClock(body.start) as number, mall.timeZone);
    const endAt = instantAt(body.date, parseClock(body.end, true) as number, mall.timeZone);
    const [clash] = await this.repo.clashes(mall.id, room.id, startAt, endAt);
    if (clash) {
      throw new AppError('overlap', { name: room.name, takenStart: clash.start_time, takenEnd: clash.end_time });
    }
    const row = {
      id: newId(),
      mall_id: mall.id,
      facility_id: room.id,
      token: newToken(),
      date: body.date,
      start_time: body.start,
      end_time: body.end,
      start_at: startAt,
      end_at: endAt,
      status: 'pending' as const,
      purpose,
      organiser,
      attendees: body.attendees ?? null,
      phone,
      email,
      lang: body.lang ?? requestLang,
      note: null,
      decided_by: null,
      decided_at: null,
      created_by: staff?.id ?? null,
      created_at: nowMs,
      updated_at: nowMs,
    };
    try {
      await this.repo.create(row, []);
    } catch (error) {
      // another request took the time between the check and the insert: the database said no
      if (error instanceof Overlap) throw new AppError('overlap', { name: room.name });
      throw error;
    }
    return toBooking({ ...row, facility_name: room.name });
  }

  /** The mall admin approves or rejects a request, or cancels a booking; the organiser is told. */
  async step(
    mall: Mall,
    staff: Staff | null,
    id: string,
    body: { status: 'approved' | 'rejected' | 'cancelled'; note?: string | undefined },
  ): Promise<FacilityBookingAdmin> {
    const row = await this.repo.booking(mall.id, id);
    if (!row) throw new AppError('facility_booking_not_found');
    await this.move(mall, staff, row, body.status, body.note?.trim() || null);
    return toAdmin((await this.repo.booking(mall.id, id)) as BookingRow);
  }

  private async move(
    mall: MessageMall,
    staff: Staff | null,
    row: BookingRow,
    to: FacilityBookingStatus,
    note: string | null,
  ) {
    if (!canStep(row.status, to)) {
      throw new AppError('invalid_booking_step', { currentStatus: row.status, to });
    }
    if (to === 'rejected' && !note) {
      throw invalid('note', 'wajib diisi: alasan penolakan', 'is required: why it is rejected');
    }
    const now = this.deps.now();
    const link = this.deps.linkOf(`/${mall.slug}/fasilitas?booking=${row.token}`);
    const outbox = outboxRows(
      { id: mall.id, phoneChannel: mall.settings.phoneChannel },
      [
        {
          eventKey: `facility_booking:${row.id}:${to}`,
          kind: 'facility_booking',
          params: {
            mallName: mall.name,
            serviceName: row.facility_name,
            date: row.date,
            start: row.start_time,
            end: row.end_time,
            status: to,
            ...(link ? { link } : {}),
          },
          to: { phone: row.phone, email: row.email, lang: row.lang },
        },
      ],
      now,
    );
    let moved: boolean;
    try {
      moved = await this.repo.step(
        mall.id,
        row.id,
        row.status,
        {
          status: to,
          note: note ?? row.note,
          decided_by: staff?.id ?? row.decided_by,
          decided_at: to === 'cancelled' && !staff ? row.decided_at : now,
          updated_at: now,
        },
        outbox,
      );
    } catch (error) {
      if (error instanceof Overlap) throw new AppError('overlap', { name: row.facility_name });
      throw error;
    }
    if (!moved) {
      // someone else moved it first: say what it is now
      const fresh = await this.repo.booking(mall.id, row.id);
      throw new AppError('invalid_booking_step', { currentStatus: fresh?.status ?? row.status, to });
    }
  }

  /** The mall admin's calendar: every booking of a room (or all rooms) in a range of dates. */
  async list(
    mall: Mall,
    query: {
      facilityId?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      status?: FacilityBookingStatus | undefined;
    },
  ): Promise<FacilityBookingAdmin[]> {
    const today = localTime(this.deps.now(), mall.timeZone).date;
    const from = query.from ?? today;
    const to = query.to ?? addDays(from, query.status === 'pending' ? 90 : 6);
    checkRange(from, to, query.status === 'pending' ? 120 : MAX_RANGE_DAYS);
    const rows = await this.repo.bookings(mall.id, {
      facilityId: query.facilityId ?? null,
      from,
      to,
      statuses: query.status ? [query.status] : null,
    });
    return rows.map(toAdmin);
  }

  async setOccupancy(mall: Mall, id: string, count: number): Promise<Facility> {
    const now = this.deps.now();
    if (!(await this.repo.setOccupancy(mall.id, id, count, now))) {
      throw new AppError('facility_not_found', { facilityId: id });
    }
    return toFacility((await this.repo.byId(mall.id, id)) as FacilityRow, localTime(now, mall.timeZone));
  }

  /** The requester's view of a request by its token: no contacts. */
  async publicView(token: string): Promise<FacilityBooking> {
    const row = await this.repo.byToken(token);
    if (!row) throw new AppError('facility_booking_not_found');
    return toBooking(row);
  }

  /** The requester withdraws a request or cancels an approved booking with its link. */
  async cancelByToken(token: string): Promise<FacilityBooking> {
    const row = await this.repo.byToken(token);
    if (!row) throw new AppError('facility_booking_not_found');
    const settings = JSON.parse(row.settings) as Partial<Mall['settings']>;
    const mall = {
      id: row.mall_id,
      name: row.mall_name,
      slug: row.mall_slug,
      settings: { phoneChannel: settings.phoneChannel ?? 'whatsapp' },
    } as const;
    await this.move(mall, null, row, 'cancelled', null);
    return toBooking((await this.repo.byToken(token)) as BookingRow);
  }
}

function checkRange(from: string, to: string, maxDays = MAX_RANGE_DAYS) {
  if (to < from)
    throw new AppError('validation', {
      field: 'to',
      in: 'querystring',
      problemId: 'sebelum "dari"',
      problemEn: 'is before from',
    });
  if (daysFrom(from, to) > maxDays) {
    throw new AppError('validation', {
      field: 'to',
      in: 'querystring',
      problemId: `paling jauh ${maxDays} hari dari tanggal awal`,
      problemEn: `is at most ${maxDays} days after from`,
    });
  }
}

function toFacility(r: FacilityRow, now: ReturnType<typeof localTime>): Facility {
  const hours = JSON.parse(r.hours) as WeeklyHours;
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    name: r.name,
    nameEn: r.name_en,
    description: r.description,
    descriptionEn: r.description_en,
    location: r.location,
    locationEn: r.location_en,
    hours,
    openNow: isOpenAt(hours, now),
    accessible: r.accessible === 1,
    accessibilityNote: r.accessibility_note,
    accessibilityNoteEn: r.accessibility_note_en,
    capacity: r.capacity,
    occupancy:
      r.occupancy === null || r.occupancy_at === null
        ? null
        : {
            count: r.occupancy,
            capacity: r.capacity,
            at: Number(r.occupancy_at),
            level: occupancyLevel(r.occupancy, r.capacity),
          },
    bookable: r.bookable === 1,
  };
}

function toBooking(r: Omit<BookingRow, 'id'> & { id: string }): FacilityBooking {
  return {
    id: r.id,
    token: r.token,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    date: r.date,
    start: r.start_time,
    end: r.end_time,
    startAt: Number(r.start_at),
    endAt: Number(r.end_at),
    status: r.status,
    purpose: r.purpose,
    organiser: r.organiser,
    attendees: r.attendees,
    note: r.note,
    createdAt: Number(r.created_at),
    decidedAt: r.decided_at === null ? null : Number(r.decided_at),
  };
}

function toAdmin(r: BookingRow): FacilityBookingAdmin {
  return { ...toBooking(r), phone: r.phone, email: r.email };
}

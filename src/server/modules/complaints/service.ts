/**
 * Complaints on SP4N-LAPOR!'s clock: filed by a citizen (portal, ticket page, a counter's QR) or
 * by an officer for one; verified and sent on by the mall, answered by the agency, each step a
 * compare-and-set recorded in the history the citizen reads (internal notes stay internal) and
 * told to the citizen through the outbox when a contact was given. Anonymous ones keep no contact
 * anywhere; confidential ones show no identity to the agency. Free text is masked for NIK and
 * phone numbers before it is kept.
 */
import { randomInt } from 'node:crypto';
import type { Complaint, ComplaintPublic, NewComplaint } from '../../../api/complaints.js';
import { type Actor, canAdministerMall, canSeeComplainant, canSeeComplaint } from '../../../domain/access.js';
import {
  allowedSteps,
  answerDueDate,
  type ComplaintStatus,
  type ComplaintTrack,
  checkComplaintStep,
  currentDueDate,
  isComplaintOverdue,
  isMallStep,
  OPEN_COMPLAINT,
  verifyDueDate,
} from '../../../domain/complaint.js';
import { isEmail, maskEmail, maskPhone, normalizePhone } from '../../../domain/contact.js';
import type { MessageLang } from '../../../domain/messages.js';
import { maskPersonalData } from '../../../domain/personal-data.js';
import { addDays, isValidDate, localTime } from '../../../domain/schedule.js';
import type { ComplaintPhotosTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId, newToken } from '../../ids.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import { outboxRows } from '../messages/outbox.js';
import { ComplaintCodeTaken, type ComplaintRepository } from './repository.js';

const CODE_ATTEMPTS = 5;
/** the longest deadline: 60 working days, with room for holidays */
const CALENDAR_DAYS = 120;
const ANSWERED: readonly ComplaintStatus[] = ['ditindaklanjuti', 'selesai'];

export interface ComplaintDeps {
  now: () => number;
  /** an absolute link for messages (LOKET_PUBLIC_URL), or null */
  linkOf: (path: string) => string | null;
}

/** A photo as it is kept: re-encoded, without metadata. */
export interface CleanPhoto {
  mime: string;
  width: number;
  height: number;
  data: Buffer;
}

type Row = NonNullable<Awaited<ReturnType<ComplaintRepository['byId']>>>;
type EventRow = Awaited<ReturnType<ComplaintRepository['events']>>[number];

const invalid = (field: string, problemId: string, problemEn: string) =>
  new AppError('validation', { field, in: 'body', problemId, problemEn });
const masked = (text: string | undefined | null): string | null => {
  const t = text?.trim();
  return t ? maskPersonalData(t) : null;
};

export class ComplaintService {
  constructor(
    private readonly repo: ComplaintRepository,
    private readonly deps: ComplaintDeps,
  ) {}

  private today(mall: Pick<Mall, 'timeZone'>): string {
    return localTime(this.deps.now(), mall.timeZone).date;
  }

  private async calendar(mall: Mall, from: string) {
    const own = await this.repo.specialDays(mall.id, from, addDays(from, CALENDAR_DAYS));
    return (date: string) => own.get(date) ?? null;
  }

  async create(
    mall: Mall,
    staff: Staff | null,
    body: NewComplaint,
    photos: readonly CleanPhoto[],
    requestLang: MessageLang,
  ) {
    const today = this.today(mall);
    // what it concerns: said outright, or read from the ticket or the counter it was filed from
    const ticket = body.ticketToken ? await this.repo.ticketByToken(mall.id, body.ticketToken) : null;
    if (body.ticketToken && !ticket) throw new AppError('ticket_not_found');
    const counterId = body.counterId ?? ticket?.counter_id ?? null;
    const counter = counterId ? await this.repo.counter(mall.id, counterId) : null;
    if (body.counterId && !counter) throw new AppError('counter_not_found', { counterId: body.counterId });
    const service = body.serviceId ? await this.repo.service(mall.id, body.serviceId) : null;
    if (body.serviceId && !service) throw new AppError('service_not_found', { serviceId: body.serviceId });
    const serviceId = service?.id ?? ticket?.service_id ?? null;
    const agencyId = body.agencyId ?? service?.agency_id ?? ticket?.agency_id ?? counter?.agency_id ?? null;
    if (body.agencyId && !(await this.repo.agency(mall.id, body.agencyId))) {
      throw new AppError('agency_not_found', { agencyId: body.agencyId });
    }
    if (body.eventDate !== undefined && (!isValidDate(body.eventDate) || body.eventDate > today)) {
      throw invalid(
        'eventDate',
        'bukan tanggal yang sudah lewat (YYYY-MM-DD)',
        'is not a date in the past (YYYY-MM-DD)',
      );
    }
    const anonymous = body.anonymous === true;
    // an anonymous report keeps no contact at all, whatever was typed
    const phoneText = anonymous ? '' : (body.phone?.trim() ?? '');
    const phone = phoneText ? normalizePhone(phoneText) : null;
    if (phoneText && !phone) {
      throw invalid('phone', 'bukan nomor HP Indonesia (contoh 0812-3456-7890)', 'is not an Indonesian mobile number');
    }
    const email = anonymous ? null : body.email?.trim() || null;
    if (email && !isEmail(email)) throw invalid('email', 'bukan alamat e-mail', 'is not an e-mail address');
    const name = anonymous ? null : body.name?.trim() || null;
    const lang: MessageLang = body.lang ?? requestLang;
    const verifyDue = verifyDueDate(today, await this.calendar(mall, today));
    const source = staff ? 'staff' : ticket ? 'ticket' : body.counterId ? 'counter' : 'portal';
    const now = this.deps.now();
    for (let attempt = 1; ; attempt++) {
      const id = newId();
      const token = newToken();
      const code = `K${randomInt(10_000_000, 100_000_000)}`;
      const link = this.deps.linkOf(`/c/${token}`);
      const photoRows: ComplaintPhotosTable[] = photos.map((p) => ({
        id: newId(),
        complaint_id: id,
        mall_id: mall.id,
        mime: p.mime,
        width: p.width,
        height: p.height,
        size: p.data.length,
        data: p.data.toString('base64'),
        created_at: now,
      }));
      try {
        await this.repo.create(
          {
            id,
            mall_id: mall.id,
            code,
            token,
            kind: body.kind,
            category: body.category ?? 'lainnya',
            title: masked(body.title) ?? '',
            story: masked(body.story) ?? '',
            event_date: body.eventDate ?? null,
            event_place: masked(body.eventPlace),
            agency_id: agencyId,
            service_id: serviceId,
            disposed_agency_id: null,
            // the ticket would lead back to a number the citizen left: not for an anonymous one
            ticket_id: anonymous ? null : (ticket?.id ?? null),
            counter_id: counter?.id ?? null,
            source,
            anonymous: anonymous ? 1 : 0,
            confidential: body.confidential === true ? 1 : 0,
            name,
            phone,
            email,
            lang,
            status: 'diterima',
            track: null,
            received_date: today,
            verify_due: verifyDue,
            verified_date: null,
            disposed_date: null,
            answer_due: null,
            answered_date: null,
            closed_date: null,
            rating: null,
            rating_comment: null,
            lapor_number: null,
            created_by: staff?.id ?? null,
            created_at: now,
            updated_at: now,
          },
          {
            id: newId(),
            complaint_id: id,
            mall_id: mall.id,
            type: 'step',
            status: 'diterima',
            note: null,
            internal_note: null,
            agency_id: null,
            due_date: verifyDue,
            actor_id: staff?.id ?? null,
            at: now,
          },
          photoRows,
          outboxRows(
            { id: mall.id, phoneChannel: mall.settings.phoneChannel },
            [
              {
                eventKey: `complaint:${id}:diterima`,
                kind: 'complaint_received',
                params: {
                  mallName: mall.name,
                  serviceName: body.title,
                  code,
                  dueDate: verifyDue,
                  ...(link ? { link } : {}),
                },
                to: { phone, email, lang },
              },
            ],
            now,
          ),
        );
        return { id, code, token, status: 'diterima' as const, dueDate: verifyDue };
      } catch (error) {
        if (!(error instanceof ComplaintCodeTaken) || attempt >= CODE_ATTEMPTS) throw error;
      }
    }
  }

  /** A counter of the mall, for its complaint QR; 404 for another. */
  async counter(mall: Mall, counterId: string) {
    const counter = await this.repo.counter(mall.id, counterId);
    if (!counter) throw new AppError('counter_not_found', { counterId });
    return counter;
  }

  /** The steps this staff member may take on this complaint now. */
  private stepsFor(staff: Actor, mall: Mall, row: Row): ComplaintStatus[] {
    if (staff.role === 'viewer') return [];
    const mallAdmin = canAdministerMall(staff, mall.id);
    const ownAgency = staff.agencyId !== null && staff.agencyId === row.disposed_agency_id;
    return allowedSteps(row.status).filter((s) => mallAdmin || (!isMallStep(s) && ownAgency));
  }

  async step(
    mall: Mall,
    staff: Staff,
    id: string,
    body: {
      status: ComplaintStatus;
      note?: string | undefined;
      internalNote?: string | undefined;
      agencyId?: string | undefined;
      track?: number | undefined;
      dueDate?: string | undefined;
    },
  ): Promise<Complaint> {
    const row = await this.visible(mall, staff, id);
    const today = this.today(mall);
    const check = checkComplaintStep(row.status, body.status, body, today);
    if (!check.ok) {
      if (check.reason === 'state') {
        throw new AppError('invalid_complaint_step', {
          code: row.code,
          currentStatus: row.status,
          to: body.status,
          allowed: [...check.allowed],
        });
      }
      if (check.reason === 'missing' && check.field === 'note') {
        throw invalid(
          'note',
          body.status === 'ditindaklanjuti' ? 'wajib diisi: jawaban untuk pelapor' : 'wajib diisi: alasannya',
          body.status === 'ditindaklanjuti' ? 'is required: the answer to the reporter' : 'is required: the reason',
        );
      }
      if (check.reason === 'missing' && check.field === 'agencyId') {
        throw invalid('agencyId', 'wajib diisi: instansi tujuan disposisi', 'is required: the agency it is sent to');
      }
      if (check.reason === 'missing' && check.field === 'dueDate') {
        throw invalid('dueDate', 'wajib diisi: tanggal baru untuk jawaban', 'is required: the new date for the answer');
      }
      if (check.reason === 'past_date') {
        throw invalid('dueDate', 'harus setelah hari ini', 'must be after today');
      }
      throw invalid('track', 'harus 5, 14 atau 60 hari kerja', 'must be 5, 14 or 60 working days');
    }
    if (!this.stepsFor(staff, mall, row).includes(body.status)) throw new AppError('forbidden');
    const set: Parameters<ComplaintRepository['step']>[3] = { status: body.status, updated_at: this.deps.now() };
    let agencyName: string | null = null;
    if (body.status === 'terverifikasi') {
      set.verified_date = today;
      set.track = body.track ?? 5;
    } else if (body.status === 'didisposisi') {
      const agency = await this.repo.agency(mall.id, body.agencyId as string);
      if (!agency) throw new AppError('agency_not_found', { agencyId: body.agencyId ?? '' });
      agencyName = agency.name;
      set.disposed_agency_id = agency.id;
      set.disposed_date = today;
      set.answer_due = answerDueDate(today, (row.track ?? 5) as ComplaintTrack, await this.calendar(mall, today));
    } else if (body.status === 'tunda') {
      set.answer_due = body.dueDate as string;
    } else if (body.status === 'ditindaklanjuti') {
      set.answered_date = today;
    } else if (body.status === 'selesai' || body.status === 'ditolak' || body.status === 'bukan_wewenang') {
      set.closed_date = today;
    }
    const now = this.deps.now();
    const eventId = newId();
    const link = this.deps.linkOf(`/c/${row.token}`);
    const moved = await this.repo.step(
      mall.id,
      row.id,
      row.status,
      set,
      {
        id: eventId,
        complaint_id: row.id,
        mall_id: mall.id,
        type: 'step',
        status: body.status,
        note: masked(body.note),
        internal_note: masked(body.internalNote),
        agency_id: set.disposed_agency_id ?? null,
        due_date: set.answer_due ?? (body.status === 'terverifikasi' ? row.verify_due : null),
        actor_id: staff.id,
        at: now,
      },
      outboxRows(
        { id: mall.id, phoneChannel: mall.settings.phoneChannel },
        [
          {
            eventKey: `complaint:${row.id}:${eventId}`,
            kind: 'complaint_step',
            params: {
              mallName: mall.name,
              serviceName: agencyName ?? row.title,
              code: row.code,
              status: body.status,
              ...(link ? { link } : {}),
            },
            to: { phone: row.phone, email: row.email, lang: row.lang },
          },
        ],
        now,
      ),
    );
    if (!moved) {
      const fresh = await this.repo.byId(mall.id, row.id);
      throw new AppError('invalid_complaint_step', {
        code: row.code,
        currentStatus: fresh?.status ?? row.status,
        to: body.status,
        allowed: [],
      });
    }
    return this.get(mall, staff, row.id);
  }

  /** An internal note: staff only, never shown to the citizen. */
  async note(mall: Mall, staff: Staff, id: string, text: string): Promise<Complaint> {
    const row = await this.visible(mall, staff, id);
    if (staff.role === 'viewer') throw new AppError('forbidden');
    await this.repo.update(
      mall.id,
      row.id,
      { updated_at: this.deps.now() },
      this.event(row, staff, 'note', {
        internal_note: masked(text),
      }),
    );
    return this.get(mall, staff, row.id);
  }

  /** LAPOR!'s tracking number, once the mall has forwarded it there. */
  async lapor(mall: Mall, staff: Staff, id: string, trackingNumber: string): Promise<Complaint> {
    const row = await this.visible(mall, staff, id);
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    const number = trackingNumber.trim();
    await this.repo.update(
      mall.id,
      row.id,
      { lapor_number: number, updated_at: this.deps.now() },
      this.event(row, staff, 'lapor', { internal_note: number }),
    );
    return this.get(mall, staff, row.id);
  }

  private event(
    row: Row,
    staff: Staff | null,
    type: 'note' | 'lapor' | 'info' | 'rating',
    fields: { note?: string | null; internal_note?: string | null },
  ) {
    return {
      id: newId(),
      complaint_id: row.id,
      mall_id: row.mall_id,
      type,
      status: null,
      note: fields.note ?? null,
      internal_note: fields.internal_note ?? null,
      agency_id: null,
      due_date: null,
      actor_id: staff?.id ?? null,
      at: this.deps.now(),
    };
  }

  /** The citizen adds information while it is still being handled. */
  async addInfo(token: string, text: string): Promise<ComplaintPublic> {
    const row = await this.repo.byToken(token);
    if (!row) throw new AppError('complaint_not_found');
    const open: readonly ComplaintStatus[] = [...OPEN_COMPLAINT, 'ditindaklanjuti'];
    const added = await this.repo.update(
      row.mall_id,
      row.id,
      { updated_at: this.deps.now() },
      this.event(row, null, 'info', { note: masked(text) }),
      { statuses: open },
    );
    if (!added) throw new AppError('complaint_closed', { code: row.code });
    return this.publicView(token);
  }

  /** The citizen rates the answer, once it has one. */
  async rate(token: string, body: { score: number; comment?: string | undefined }): Promise<ComplaintPublic> {
    const row = await this.repo.byToken(token);
    if (!row) throw new AppError('complaint_not_found');
    if (!ANSWERED.includes(row.status)) throw new AppError('complaint_not_answered', { code: row.code });
    const comment = masked(body.comment);
    const rated = await this.repo.update(
      row.mall_id,
      row.id,
      { rating: body.score, rating_comment: comment, updated_at: this.deps.now() },
      this.event(row, null, 'rating', { note: comment }),
      { unrated: true, statuses: ANSWERED },
    );
    if (!rated) throw new AppError('complaint_already_rated', { code: row.code });
    return this.publicView(token);
  }

  /** The citizen's page: the steps and their public notes, no names, no internal notes. */
  async publicView(token: string): Promise<ComplaintPublic> {
    const row = await this.repo.byToken(token);
    if (!row) throw new AppError('complaint_not_found');
    const [events, photos] = await Promise.all([this.repo.events([row.id]), this.repo.photoIds([row.id])]);
    const today = this.today({ timeZone: row.time_zone });
    const due = currentDueDate(row.status, { verifyDue: row.verify_due, answerDue: row.answer_due });
    return {
      code: row.code,
      mallName: row.mall_name,
      timeZone: row.time_zone,
      kind: row.kind,
      category: row.category,
      title: row.title,
      status: row.status,
      ...(row.disposed_agency_name ? { agencyName: row.disposed_agency_name } : {}),
      receivedDate: row.received_date,
      dueDate: due,
      overdue: isComplaintOverdue(row.status, due, today),
      photos: photos.length,
      rating: row.rating === null ? null : Number(row.rating),
      canRate: ANSWERED.includes(row.status) && row.rating === null,
      canAddInfo: [...OPEN_COMPLAINT, 'ditindaklanjuti'].includes(row.status),
      history: events
        .filter((e) => e.type === 'step' || e.type === 'info' || e.type === 'rating')
        .map((e) => ({
          type: e.type as 'step' | 'info' | 'rating',
          status: e.status,
          at: Number(e.at),
          ...(e.note ? { note: e.note } : {}),
          ...(e.type === 'step' && e.status === 'didisposisi' && e.agency_name ? { agencyName: e.agency_name } : {}),
          ...(e.due_date ? { dueDate: e.due_date } : {}),
        })),
    };
  }

  /** The complaint if this staff member may see it, else 404 (an agency learns nothing of others'). */
  private async visible(mall: Mall, staff: Actor & { id: string }, id: string): Promise<Row> {
    const row = await this.repo.byId(mall.id, id);
    if (
      !row ||
      !canSeeComplaint(staff, mall.id, { disposedAgencyId: row.disposed_agency_id, createdBy: row.created_by })
    ) {
      throw new AppError('complaint_not_found');
    }
    return row;
  }

  async get(mall: Mall, staff: Actor & { id: string }, id: string): Promise<Complaint> {
    const row = await this.visible(mall, staff, id);
    const [events, photos] = await Promise.all([this.repo.events([row.id]), this.repo.photoIds([row.id])]);
    return this.view(
      mall,
      staff,
      row,
      events,
      photos.map((p) => p.id),
    );
  }

  async photo(mall: Mall, staff: Actor & { id: string }, id: string, photoId: string) {
    await this.visible(mall, staff, id);
    const photo = await this.repo.photo(mall.id, id, photoId);
    if (!photo) throw new AppError('complaint_not_found');
    return { mime: photo.mime, data: Buffer.from(photo.data, 'base64') };
  }

  /** The mall's complaints (an agency's staff: those sent to their agency), the overdue and earliest due first. */
  async list(
    mall: Mall,
    staff: Actor & { id: string },
    query: {
      state?: 'open' | 'done' | 'all' | undefined;
      agencyId?: string | undefined;
      q?: string | undefined;
      limit?: number | undefined;
    },
  ): Promise<Complaint[]> {
    const whole = staff.role === 'mall_admin' || staff.role === 'viewer';
    const state = query.state ?? 'open';
    const statuses =
      state === 'open'
        ? OPEN_COMPLAINT
        : state === 'done'
          ? (['ditindaklanjuti', 'selesai', 'ditolak', 'bukan_wewenang'] as const)
          : null;
    // an agency's staff without an agency are sent nothing
    if (!whole && !staff.agencyId) return [];
    const rows = await this.repo.list(mall.id, {
      statuses,
      disposedTo: whole ? (query.agencyId ?? null) : staff.agencyId,
      q: query.q?.trim() || null,
      limit: query.limit ?? 200,
    });
    const ids = rows.map((r) => r.id);
    const [events, photos] = await Promise.all([this.repo.events(ids), this.repo.photoIds(ids)]);
    const eventsOf = byComplaint(events);
    const photosOf = byComplaint(photos);
    const views = rows.map((r) =>
      this.view(
        mall,
        staff,
        r,
        eventsOf.get(r.id) ?? [],
        (photosOf.get(r.id) ?? []).map((p) => p.id),
      ),
    );
    // the late on top, then the earliest deadline, then the newest
    return views.sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
        b.receivedDate.localeCompare(a.receivedDate),
    );
  }

  view(mall: Mall, staff: Actor, row: Row, events: readonly EventRow[], photoIds: string[]): Complaint {
    const today = this.today(mall);
    const due = currentDueDate(row.status, { verifyDue: row.verify_due, answerDue: row.answer_due });
    const identity = canSeeComplainant(staff, mall.id, row.confidential === 1);
    return {
      id: row.id,
      code: row.code,
      token: row.token,
      kind: row.kind,
      category: row.category,
      title: row.title,
      story: row.story,
      eventDate: row.event_date,
      eventPlace: row.event_place,
      agencyId: row.agency_id,
      agencyShortName: row.agency_short_name,
      serviceId: row.service_id,
      serviceName: row.service_name,
      disposedAgencyId: row.disposed_agency_id,
      disposedAgencyShortName: row.disposed_agency_short_name,
      ticketNumber: identity ? row.ticket_number : null,
      counterName: row.counter_name,
      source: row.source,
      anonymous: row.anonymous === 1,
      confidential: row.confidential === 1,
      identityHidden: !identity && row.anonymous !== 1,
      name: identity ? row.name : null,
      phoneMasked: identity && row.phone ? maskPhone(row.phone) : null,
      emailMasked: identity && row.email ? maskEmail(row.email) : null,
      status: row.status,
      track: row.track === null ? null : Number(row.track),
      receivedDate: row.received_date,
      dueDate: due,
      overdue: isComplaintOverdue(row.status, due, today),
      answeredDate: row.answered_date,
      rating: row.rating === null ? null : Number(row.rating),
      ratingComment: row.rating_comment,
      laporNumber: row.lapor_number,
      photoIds,
      allowedSteps: this.stepsFor(staff, mall, row),
      history: events.map((e) => ({
        id: e.id,
        type: e.type,
        status: e.status,
        at: Number(e.at),
        note: e.note,
        internalNote: e.internal_note,
        agencyId: e.agency_id,
        dueDate: e.due_date,
        actor: e.actor_name ?? null,
      })),
    };
  }
}

/** Rows of many complaints, each complaint's in their order. */
export function byComplaint<T extends { complaint_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.complaint_id);
    if (list) list.push(row);
    else out.set(row.complaint_id, [row]);
  }
  return out;
}

/**
 * Applications after the counter: an officer opens one from a served ticket (or on its own), with
 * the service's standard time as its due date in working days; each step is recorded and told to
 * the citizen through the outbox; the citizen follows it by code or QR, without an account.
 */
import { randomInt } from 'node:crypto';
import type { Application, ApplicationPublic } from '../../../api/applications.js';
import { type Actor, canOperateAgency, canViewAgency } from '../../../domain/access.js';
import {
  type ApplicationStatus,
  checkStep,
  isOverdue,
  OPEN_APPLICATION,
  standardPeriod,
} from '../../../domain/application.js';
import { isEmail, maskEmail, maskPhone, normalizePhone } from '../../../domain/contact.js';
import { dueDateOf } from '../../../domain/due-date.js';
import type { MessageLang } from '../../../domain/messages.js';
import { addDays, isValidDate, localTime } from '../../../domain/schedule.js';
import { AppError } from '../../errors.js';
import { newId, newToken } from '../../ids.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import { outboxRows } from '../messages/outbox.js';
import { type ApplicationRepository, CodeTaken } from './repository.js';

const CODE_ATTEMPTS = 5;
/** how far ahead the mall's closed days are read for a due date (the longest standards: 60 working days) */
const CALENDAR_DAYS = 400;
const READY: readonly ApplicationStatus[] = ['siap_diambil', 'selesai'];

export interface ApplicationDeps {
  now: () => number;
  /** an absolute link for messages (LOKET_PUBLIC_URL), or null */
  linkOf: (path: string) => string | null;
}

type Row = NonNullable<Awaited<ReturnType<ApplicationRepository['byId']>>>;
type EventRow = Awaited<ReturnType<ApplicationRepository['events']>>[number];

const invalid = (field: string, problemId: string, problemEn: string) =>
  new AppError('validation', { field, in: 'body', problemId, problemEn });

export class ApplicationService {
  constructor(
    private readonly repo: ApplicationRepository,
    private readonly deps: ApplicationDeps,
  ) {}

  private today(mall: Pick<Mall, 'timeZone'>): string {
    return localTime(this.deps.now(), mall.timeZone).date;
  }

  async create(
    mall: Mall,
    staff: Staff,
    body: {
      ticketId?: string | undefined;
      serviceId: string;
      note?: string | undefined;
      name?: string | undefined;
      phone?: string | undefined;
      email?: string | undefined;
      lang?: MessageLang | undefined;
      dueDate?: string | undefined;
    },
    requestLang: MessageLang,
  ) {
    const service = await this.repo.service(mall.id, body.serviceId);
    if (!service) throw new AppError('service_not_found', { serviceId: body.serviceId });
    if (!canOperateAgency(staff, mall.id, service.agency_id)) throw new AppError('forbidden');
    const ticket = body.ticketId ? await this.repo.ticket(mall.id, body.ticketId) : null;
    if (body.ticketId && !ticket) throw new AppError('ticket_not_found');
    const phoneText = body.phone?.trim() || ticket?.phone || '';
    const phone = phoneText ? normalizePhone(phoneText) : null;
    if (phoneText && !phone) {
      throw invalid('phone', 'bukan nomor HP Indonesia (contoh 0812-3456-7890)', 'is not an Indonesian mobile number');
    }
    const email = body.email?.trim() || ticket?.email || null;
    if (email && !isEmail(email)) throw invalid('email', 'bukan alamat e-mail', 'is not an e-mail address');
    if (body.dueDate !== undefined && !isValidDate(body.dueDate)) {
      throw invalid('dueDate', 'bukan tanggal (YYYY-MM-DD)', 'is not a date (YYYY-MM-DD)');
    }
    const today = this.today(mall);
    if (body.dueDate !== undefined && body.dueDate < today) {
      throw invalid('dueDate', 'tidak boleh sebelum hari ini', 'cannot be before today');
    }
    const dueDate = body.dueDate ?? (await this.standardDueDate(mall, service.standard, today));
    const lang: MessageLang = body.lang ?? (ticket?.lang as MessageLang | null | undefined) ?? requestLang;
    const now = this.deps.now();
    for (let attempt = 1; ; attempt++) {
      const id = newId();
      const token = newToken();
      const code = `P${randomInt(10_000_000, 100_000_000)}`;
      const link = this.deps.linkOf(`/p/${token}`);
      const outbox = outboxRows(
        { id: mall.id, phoneChannel: mall.settings.phoneChannel },
        [
          {
            eventKey: `application:${id}:diterima`,
            kind: 'application_received',
            params: {
              mallName: mall.name,
              serviceName: service.name,
              code,
              ...(dueDate ? { dueDate } : {}),
              ...(link ? { link } : {}),
            },
            to: { phone, email, lang },
            ticketId: ticket?.id ?? null,
          },
        ],
        now,
      );
      try {
        await this.repo.create(
          {
            id,
            mall_id: mall.id,
            agency_id: service.agency_id,
            service_id: service.id,
            ticket_id: ticket?.id ?? null,
            code,
            token,
            status: 'diterima',
            received_date: today,
            due_date: dueDate,
            ready_date: null,
            name: body.name?.trim() || null,
            phone,
            email,
            lang,
            created_by: staff.id,
            created_at: now,
            updated_at: now,
          },
          {
            id: newId(),
            application_id: id,
            mall_id: mall.id,
            status: 'diterima',
            note: body.note?.trim() || null,
            actor_id: staff.id,
            at: now,
          },
          outbox,
        );
        return { id, code, token, status: 'diterima' as const, dueDate };
      } catch (error) {
        if (!(error instanceof CodeTaken) || attempt >= CODE_ATTEMPTS) throw error;
        // another application drew the same code: draw again
      }
    }
  }

  /** The service's standard time from today, in working days where it is so stated. */
  private async standardDueDate(mall: Mall, standard: string, today: string): Promise<string | null> {
    const period = standardPeriod((JSON.parse(standard) as { duration?: string }).duration ?? '');
    if (!period) return null;
    const own = await this.repo.specialDays(mall.id, today, addDays(today, CALENDAR_DAYS));
    return dueDateOf(today, period, (date) => own.get(date) ?? null);
  }

  async step(mall: Mall, staff: Staff, id: string, body: { status: ApplicationStatus; note?: string | undefined }) {
    const row = await this.repo.byId(mall.id, id);
    if (!row) throw new AppError('application_not_found');
    if (!canOperateAgency(staff, mall.id, row.agency_id)) throw new AppError('forbidden');
    const check = checkStep(row.status, body.status, body.note);
    if (!check.ok && check.reason === 'note_required') {
      throw invalid(
        'note',
        body.status === 'ditolak' ? 'wajib diisi: alasan penolakan' : 'wajib diisi: apa yang perlu diperbaiki',
        body.status === 'ditolak' ? 'is required: why it is rejected' : 'is required: what needs fixing',
      );
    }
    if (!check.ok) {
      throw new AppError('invalid_step', {
        code: row.code,
        currentStatus: row.status,
        to: body.status,
        allowed: check.reason === 'state' ? [...check.allowed] : [],
      });
    }
    const now = this.deps.now();
    const link = this.deps.linkOf(`/p/${row.token}`);
    const eventId = newId();
    const moved = await this.repo.step(
      mall.id,
      row.id,
      row.status,
      {
        status: body.status,
        ready_date: READY.includes(body.status) ? this.today(mall) : row.ready_date,
        updated_at: now,
      },
      {
        id: eventId,
        application_id: row.id,
        mall_id: mall.id,
        status: body.status,
        note: body.note?.trim() || null,
        actor_id: staff.id,
        at: now,
      },
      outboxRows(
        { id: mall.id, phoneChannel: mall.settings.phoneChannel },
        [
          {
            eventKey: `application:${row.id}:${eventId}`,
            kind: 'application_step',
            params: {
              mallName: mall.name,
              serviceName: row.service_name,
              code: row.code,
              status: body.status,
              ...(link ? { link } : {}),
            },
            to: { phone: row.phone, email: row.email, lang: row.lang },
            ticketId: row.ticket_id,
          },
        ],
        now,
      ),
    );
    if (!moved) {
      // another officer moved it first: say what it is now
      const fresh = await this.repo.byId(mall.id, row.id);
      throw new AppError('invalid_step', {
        code: row.code,
        currentStatus: fresh?.status ?? row.status,
        to: body.status,
        allowed: [],
      });
    }
    return this.viewWithEvents(mall, (await this.repo.byId(mall.id, row.id)) as Row);
  }

  /** The citizen's page: the steps and their notes, no names or numbers. */
  async publicView(token: string): Promise<ApplicationPublic> {
    const row = await this.repo.byToken(token);
    if (!row) throw new AppError('application_not_found');
    const events = await this.repo.events([row.id]);
    return {
      code: row.code,
      mallName: row.mall_name,
      timeZone: row.time_zone,
      serviceName: row.service_name,
      agencyName: row.agency_name,
      status: row.status,
      receivedDate: row.received_date,
      dueDate: row.due_date,
      overdue: isOverdue(row.status, row.due_date, this.today({ timeZone: row.time_zone })),
      history: events.map(historyEntry),
    };
  }

  async get(mall: Mall, staff: Actor, id: string): Promise<Application> {
    const row = await this.repo.byId(mall.id, id);
    if (!row) throw new AppError('application_not_found');
    if (!canViewAgency(staff, mall.id, row.agency_id)) throw new AppError('forbidden');
    return this.viewWithEvents(mall, row);
  }

  /** An agency's (or, for the mall's admins and viewers, every) application, the earliest due first. */
  async list(
    mall: Mall,
    staff: Actor,
    query: {
      state?: 'open' | 'done' | 'all' | undefined;
      agencyId?: string | undefined;
      serviceId?: string | undefined;
      q?: string | undefined;
      limit?: number | undefined;
    },
  ): Promise<Application[]> {
    const ownAgency = staff.role === 'officer' || staff.role === 'agency_admin' ? staff.agencyId : null;
    const agencyId = ownAgency ?? query.agencyId ?? null;
    if (query.agencyId && !canViewAgency(staff, mall.id, query.agencyId)) throw new AppError('forbidden');
    const state = query.state ?? 'open';
    const statuses =
      state === 'open'
        ? OPEN_APPLICATION
        : state === 'done'
          ? (['siap_diambil', 'selesai', 'diambil', 'ditolak'] as const)
          : null;
    const rows = await this.repo.list(mall.id, {
      statuses,
      agencyId,
      serviceId: query.serviceId ?? null,
      q: query.q?.trim() || null,
      limit: query.limit ?? 200,
    });
    const events = await this.repo.events(rows.map((r) => r.id));
    return rows.map((r) =>
      this.view(
        mall,
        r,
        events.filter((e) => e.application_id === r.id),
      ),
    );
  }

  private async viewWithEvents(mall: Mall, row: Row) {
    return this.view(mall, row, await this.repo.events([row.id]));
  }

  private view(mall: Mall, row: Row, events: readonly EventRow[]): Application {
    return {
      id: row.id,
      code: row.code,
      token: row.token,
      serviceId: row.service_id,
      serviceName: row.service_name,
      agencyId: row.agency_id,
      agencyShortName: row.agency_short_name,
      ticketId: row.ticket_id,
      ticketNumber: row.ticket_number,
      status: row.status,
      receivedDate: row.received_date,
      dueDate: row.due_date,
      readyDate: row.ready_date,
      overdue: isOverdue(row.status, row.due_date, this.today(mall)),
      name: row.name,
      phoneMasked: row.phone ? maskPhone(row.phone) : null,
      emailMasked: row.email ? maskEmail(row.email) : null,
      history: events.map(historyEntry),
    };
  }
}

function historyEntry(e: EventRow) {
  return { status: e.status, at: Number(e.at), ...(e.note ? { note: e.note } : {}) };
}

/**
 * Consultation before coming: anyone asks about a service (no account; a token to follow it), the
 * service's agency answers — the asker is told through the outbox when a contact was left — and
 * may publish the answer as the service's FAQ. Questions are masked for NIK and phone numbers.
 */
import type { FaqEntry, Question, QuestionPublic } from '../../../api/consultations.js';
import { type Actor, canOperateAgency, canViewAgency } from '../../../domain/access.js';
import { canPublish, faqOf } from '../../../domain/consultation.js';
import { isEmail, normalizePhone } from '../../../domain/contact.js';
import type { MessageLang } from '../../../domain/messages.js';
import { maskPersonalData } from '../../../domain/personal-data.js';
import { AppError } from '../../errors.js';
import { newId, newToken } from '../../ids.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import { outboxRows } from '../messages/outbox.js';
import type { ConsultationRepository } from './repository.js';

type Row = NonNullable<Awaited<ReturnType<ConsultationRepository['byId']>>>;

const invalid = (field: string, problemId: string, problemEn: string) =>
  new AppError('validation', { field, in: 'body', problemId, problemEn });

export class ConsultationService {
  constructor(
    private readonly repo: ConsultationRepository,
    private readonly deps: { now: () => number; linkOf: (path: string) => string | null },
  ) {}

  async ask(
    mall: Mall,
    serviceId: string,
    body: {
      question: string;
      name?: string | undefined;
      phone?: string | undefined;
      email?: string | undefined;
      lang?: MessageLang | undefined;
    },
    requestLang: MessageLang,
  ) {
    const service = await this.repo.service(mall.id, serviceId);
    if (!service) throw new AppError('service_not_found', { serviceId });
    const phoneText = body.phone?.trim() ?? '';
    const phone = phoneText ? normalizePhone(phoneText) : null;
    if (phoneText && !phone) {
      throw invalid('phone', 'bukan nomor HP Indonesia (contoh 0812-3456-7890)', 'is not an Indonesian mobile number');
    }
    const email = body.email?.trim() || null;
    if (email && !isEmail(email)) throw invalid('email', 'bukan alamat e-mail', 'is not an e-mail address');
    const id = newId();
    const token = newToken();
    const now = this.deps.now();
    await this.repo.create({
      id,
      mall_id: mall.id,
      service_id: service.id,
      agency_id: service.agency_id,
      token,
      question: maskPersonalData(body.question.trim()),
      name: body.name?.trim() || null,
      phone,
      email,
      lang: body.lang ?? requestLang,
      status: 'open',
      answer: null,
      answered_by: null,
      answered_at: null,
      published: 0,
      created_at: now,
      updated_at: now,
    });
    return { id, token, status: 'open' as const };
  }

  async publicView(token: string): Promise<QuestionPublic> {
    const row = await this.repo.byToken(token);
    if (!row) throw new AppError('question_not_found');
    return {
      mallName: row.mall_name,
      timeZone: row.time_zone,
      serviceId: row.service_id,
      serviceName: row.service_name,
      agencyName: row.agency_name,
      question: row.question,
      status: row.status,
      answer: row.answer,
      answeredAt: row.answered_at === null ? null : Number(row.answered_at),
      askedAt: Number(row.created_at),
    };
  }

  async faq(mall: Mall, serviceId: string): Promise<FaqEntry[]> {
    if (!(await this.repo.service(mall.id, serviceId))) throw new AppError('service_not_found', { serviceId });
    const rows = await this.repo.faq(mall.id, serviceId);
    return faqOf(
      rows.map((r) => ({ question: r.question, answer: r.answer ?? '', answeredAt: Number(r.answered_at) })),
    );
  }

  private async operable(mall: Mall, staff: Staff, id: string): Promise<Row> {
    const row = await this.repo.byId(mall.id, id);
    if (!row || !canViewAgency(staff, mall.id, row.agency_id)) throw new AppError('question_not_found');
    if (!canOperateAgency(staff, mall.id, row.agency_id)) throw new AppError('forbidden');
    return row;
  }

  /** The agency answers (or corrects its answer); the asker is told the first time. */
  async answer(mall: Mall, staff: Staff, id: string, body: { answer: string; publish?: boolean | undefined }) {
    const row = await this.operable(mall, staff, id);
    const now = this.deps.now();
    const link = this.deps.linkOf(`/q/${row.token}`);
    await this.repo.update(
      mall.id,
      row.id,
      {
        status: 'answered',
        answer: maskPersonalData(body.answer.trim()),
        answered_by: staff.id,
        answered_at: row.answered_at ?? now,
        published: body.publish === undefined ? row.published : body.publish ? 1 : 0,
        updated_at: now,
      },
      row.status === 'answered'
        ? []
        : outboxRows(
            { id: mall.id, phoneChannel: mall.settings.phoneChannel },
            [
              {
                eventKey: `question:${row.id}:answered`,
                kind: 'question_answered',
                params: { mallName: mall.name, serviceName: row.service_name, ...(link ? { link } : {}) },
                to: { phone: row.phone, email: row.email, lang: row.lang },
              },
            ],
            now,
          ),
    );
    return this.view((await this.repo.byId(mall.id, row.id)) as Row);
  }

  async publish(mall: Mall, staff: Staff, id: string, published: boolean) {
    const row = await this.operable(mall, staff, id);
    if (published && !canPublish(row.status)) throw new AppError('question_not_answered');
    await this.repo.update(mall.id, row.id, { published: published ? 1 : 0, updated_at: this.deps.now() }, []);
    return this.view((await this.repo.byId(mall.id, row.id)) as Row);
  }

  /** An agency's questions (the mall's admins and viewers: every agency's), the longest waiting first. */
  async list(
    mall: Mall,
    staff: Actor,
    query: {
      state?: 'open' | 'answered' | 'all' | undefined;
      serviceId?: string | undefined;
      limit?: number | undefined;
    },
  ): Promise<Question[]> {
    const own = staff.role === 'officer' || staff.role === 'agency_admin';
    if (own && !staff.agencyId) return [];
    const state = query.state ?? 'open';
    const rows = await this.repo.list(mall.id, {
      agencyId: own ? staff.agencyId : null,
      serviceId: query.serviceId ?? null,
      status: state === 'all' ? null : state,
      limit: query.limit ?? 200,
    });
    return rows.map((r) => this.view(r));
  }

  private view(row: Row): Question {
    return {
      id: row.id,
      serviceId: row.service_id,
      serviceName: row.service_name,
      agencyId: row.agency_id,
      agencyShortName: row.agency_short_name,
      question: row.question,
      name: row.name,
      contact: row.phone !== null || row.email !== null,
      status: row.status,
      answer: row.answer,
      answeredBy: row.answered_by_name ?? null,
      answeredAt: row.answered_at === null ? null : Number(row.answered_at),
      published: row.published === 1,
      askedAt: Number(row.created_at),
    };
  }
}

/**
 * SKM use cases: a citizen's questionnaire through a served ticket's link, a paper questionnaire
 * entered by staff, and a unit's IKM over a period. The rules and the arithmetic are in
 * src/domain/skm; this layer checks who may do what, stores and reads.
 */
import type {
  PaperSurveyBody,
  SkmReport,
  SkmReportQuery,
  SkmResponseCreated,
  TicketSurveyBody,
} from '../../../api/skm.js';
import { canOperateAgency } from '../../../domain/access.js';
import { localTime } from '../../../domain/schedule.js';
import {
  type AnswerProblem,
  type Answers,
  computeIkm,
  EDUCATIONS,
  type Education,
  isValidAge,
  OCCUPATIONS,
  type Occupation,
  requiredSample,
  SEXES,
  type Sex,
  sampleMet,
  validateAnswers,
} from '../../../domain/skm.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import type { SkmRepository } from './repository.js';

const ANSWER_PROBLEMS: Record<AnswerProblem['code'], { problemId: string; problemEn: string }> = {
  not_an_object: { problemId: 'harus berisi jawaban per unsur', problemEn: 'must hold an answer per element' },
  missing: { problemId: 'wajib diisi', problemEn: 'is required' },
  not_an_answer: { problemId: 'jawaban harus 1, 2, 3 atau 4', problemEn: 'the answer must be 1, 2, 3 or 4' },
  unknown_element: { problemId: 'bukan unsur SKM', problemEn: 'is not an SKM element' },
};
const NOT_AN_OPTION = { problemId: 'nilainya bukan salah satu pilihan', problemEn: 'is not one of the allowed values' };

interface Questionnaire {
  answers: Answers;
  respondent: { sex: Sex; age: number; education: Education; occupation: Occupation };
  suggestion: string | null;
}

const isOneOf = <T extends string>(options: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (options as readonly string[]).includes(value);

/** The questionnaire checked by the domain's rules, or a 400 naming the first wrong field. */
function checkQuestionnaire(body: {
  answers: unknown;
  respondent: { sex: unknown; age: unknown; education: unknown; occupation: unknown };
  suggestion?: string | null | undefined;
}): Questionnaire {
  const checked = validateAnswers(body.answers);
  if (!checked.ok) {
    const problem = checked.problems[0] as AnswerProblem;
    throw new AppError('validation', {
      field: problem.key ? `answers.${problem.key}` : 'answers',
      ...ANSWER_PROBLEMS[problem.code],
    });
  }
  const { sex, age, education, occupation } = body.respondent;
  if (!isOneOf(SEXES, sex)) throw new AppError('validation', { field: 'respondent.sex', ...NOT_AN_OPTION });
  if (!isValidAge(age)) {
    throw new AppError('validation', {
      field: 'respondent.age',
      problemId: 'usia harus bilangan bulat 15–100',
      problemEn: 'age must be a whole number 15–100',
    });
  }
  if (!isOneOf(EDUCATIONS, education)) {
    throw new AppError('validation', { field: 'respondent.education', ...NOT_AN_OPTION });
  }
  if (!isOneOf(OCCUPATIONS, occupation)) {
    throw new AppError('validation', { field: 'respondent.occupation', ...NOT_AN_OPTION });
  }
  const suggestion = body.suggestion?.trim() || null;
  return { answers: checked.answers, respondent: { sex, age, education, occupation }, suggestion };
}

/** A real calendar day written YYYY-MM-DD. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function badDate(field: string): AppError {
  return new AppError('validation', {
    field,
    problemId: 'harus tanggal yang ada, YYYY-MM-DD',
    problemEn: 'must be a real date, YYYY-MM-DD',
  });
}

export class SkmService {
  constructor(
    private readonly repo: SkmRepository,
    private readonly now: () => number,
  ) {}

  /** A citizen's questionnaire for a ticket served to the end; once per ticket. */
  async submitForTicket(token: string, body: TicketSurveyBody): Promise<SkmResponseCreated> {
    const ticket = await this.repo.ticketByToken(token);
    if (!ticket) throw new AppError('ticket_not_found');
    if (ticket.status !== 'done') {
      throw new AppError('not_served', { number: ticket.number, currentStatus: ticket.status });
    }
    const q = checkQuestionnaire(body);
    const id = newId();
    const stored = await this.repo.insert(ticket.mall_id, {
      id,
      ticket_id: ticket.id,
      service_id: ticket.service_id,
      agency_id: ticket.agency_id,
      counter_id: ticket.counter_id,
      officer_id: ticket.officer_id,
      service_date: ticket.service_date,
      source: 'ticket',
      ...q.answers,
      ...q.respondent,
      suggestion: q.suggestion,
      entered_by: null,
      created_at: this.now(),
    });
    if (!stored) throw new AppError('already_surveyed', { number: ticket.number });
    return { id, source: 'ticket', serviceId: ticket.service_id, serviceDate: ticket.service_date };
  }

  /** A paper questionnaire typed in later, by the mall admin or staff of the service's agency. */
  async enterPaper(mall: Mall, staff: Staff, body: PaperSurveyBody): Promise<SkmResponseCreated> {
    const service = await this.repo.service(mall.id, body.serviceId);
    if (!service) throw new AppError('service_not_found', { serviceId: body.serviceId });
    if (!canOperateAgency(staff, mall.id, service.agency_id)) throw new AppError('forbidden');
    if (!isCalendarDate(body.date)) throw badDate('date');
    if (body.date > localTime(this.now(), mall.timeZone).date) {
      throw new AppError('validation', {
        field: 'date',
        problemId: 'tidak boleh setelah hari ini',
        problemEn: 'cannot be after today',
      });
    }
    const q = checkQuestionnaire(body);
    const id = newId();
    await this.repo.insert(mall.id, {
      id,
      ticket_id: null,
      service_id: service.id,
      agency_id: service.agency_id,
      counter_id: null,
      officer_id: null,
      service_date: body.date,
      source: 'paper',
      ...q.answers,
      ...q.respondent,
      suggestion: q.suggestion,
      entered_by: staff.id,
      created_at: this.now(),
    });
    return { id, source: 'paper', serviceId: service.id, serviceDate: body.date };
  }

  /** The IKM of the mall, an agency or a service over a period, with its sample check. */
  async report(mall: Mall, query: SkmReportQuery): Promise<SkmReport> {
    if (!isCalendarDate(query.from)) throw badDate('from');
    if (!isCalendarDate(query.to)) throw badDate('to');
    if (query.from > query.to) {
      throw new AppError('validation', {
        field: 'from',
        problemId: 'tidak boleh setelah tanggal akhir (to)',
        problemEn: 'cannot be after the end date (to)',
      });
    }
    if (query.agencyId && !(await this.repo.agencyExists(mall.id, query.agencyId))) {
      throw new AppError('agency_not_found', { agencyId: query.agencyId });
    }
    if (query.serviceId && !(await this.repo.service(mall.id, query.serviceId))) {
      throw new AppError('service_not_found', { serviceId: query.serviceId });
    }
    const filter = { from: query.from, to: query.to, agencyId: query.agencyId, serviceId: query.serviceId };
    const [{ respondents, sums }, population] = await Promise.all([
      this.repo.sums(mall.id, filter),
      this.repo.served(mall.id, filter),
    ]);
    const ikm = computeIkm(sums, respondents);
    const sample = {
      respondents,
      population,
      requiredSample: requiredSample(population),
      sampleMet: sampleMet(respondents, population),
    };
    if (ikm.noData) return { ...sample, nrr: null, ikm: null, grade: null, label: null };
    return { ...sample, nrr: ikm.nrr, ikm: ikm.ikm, grade: ikm.grade, label: ikm.label };
  }
}

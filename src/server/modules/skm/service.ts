/**
 * SKM use cases: a citizen's questionnaire through a served ticket's link, a paper questionnaire
 * entered by staff, and a unit's IKM over a period. The rules and the arithmetic are in
 * src/domain/skm; this layer checks who may do what, stores and reads.
 */
import type {
  NewSkmFollowup,
  NewSkmPublication,
  PaperSurveyBody,
  SkmFollowup,
  SkmFollowupPatch,
  SkmFullReport,
  SkmPublication,
  SkmPublishedPeriod,
  SkmReport,
  SkmReportQuery,
  SkmResponseCreated,
  SkmUnit,
  SkmUnitReportQuery,
  TicketSurveyBody,
} from '../../../api/skm.js';
import { canAdministerMall, canOperateAgency, canViewAgency } from '../../../domain/access.js';
import { maskPersonalData } from '../../../domain/personal-data.js';
import { localTime } from '../../../domain/schedule.js';
import {
  type AnswerProblem,
  type Answers,
  computeIkm,
  EDUCATIONS,
  type Education,
  GRADE_LABELS,
  isValidAge,
  OCCUPATIONS,
  type Occupation,
  requiredSample,
  SEXES,
  type Sex,
  SKM_ELEMENT_KEYS,
  SKM_ELEMENTS,
  sampleMet,
  validateAnswers,
  weakestElements,
} from '../../../domain/skm.js';
import {
  exportFileName,
  formatPeriodId,
  ikmChange,
  isCalendarDate,
  parsePeriod,
  periodDays,
  previousPeriod,
  profileBreakdown,
} from '../../../domain/skm-report.js';
import type { SkmFollowupRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { Staff } from '../../plugins/auth.js';
import type { Mall } from '../../plugins/tenant.js';
import type { ExportFile } from '../../send-file.js';
import { renderReportPdf } from './pdf.js';
import type { FollowupChanges, FollowupUnit, ReportFilter, SkmGrouping, SkmRepository } from './repository.js';
import { renderReportXlsx } from './xlsx.js';

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
  // the feedback is what the survey needs: a NIK or phone number written into it is not kept
  const suggestion = body.suggestion?.trim() ? maskPersonalData(body.suggestion.trim()) : null;
  return { answers: checked.answers, respondent: { sex, age, education, occupation }, suggestion };
}

function badDate(field: string): AppError {
  return new AppError('validation', {
    field,
    problemId: 'harus tanggal yang ada, YYYY-MM-DD',
    problemEn: 'must be a real date, YYYY-MM-DD',
  });
}

/** A trimmed, non-empty text, or a 400 naming the field. */
function requiredText(field: string, value: string): string {
  const text = value.trim();
  if (!text) throw new AppError('validation', { field, problemId: 'wajib diisi', problemEn: 'is required' });
  return text;
}

/** The follow-up unit a report scope covers; null for a counter or an officer, which have no plan. */
function followupUnit(unit: SkmUnit): FollowupUnit | null {
  if (unit.level === 'counter' || unit.level === 'officer') return null;
  return { level: unit.level, agencyId: unit.agency?.id ?? null, serviceId: unit.service?.id ?? null };
}

function followupJson(mallId: string, row: SkmFollowupRow): SkmFollowup {
  return {
    id: row.id,
    unit: row.level,
    unitId: row.service_id ?? row.agency_id ?? mallId,
    agencyId: row.agency_id,
    serviceId: row.service_id,
    from: row.period_from,
    to: row.period_to,
    element: row.element,
    elementName: SKM_ELEMENTS[row.element]?.name ?? { id: row.element, en: row.element },
    action: row.action,
    owner: row.owner,
    dueDate: row.due_date,
    done: Number(row.done) === 1,
    doneAt: row.done_at === null ? null : Number(row.done_at),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
  };
}

/** How many suggestions the report lists; the total is still counted. */
export const SUGGESTIONS_LIMIT = 200;

/** The unit and period a report covers, checked, with the names to print. */
export interface ReportScope {
  filter: ReportFilter;
  unit: SkmUnit;
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

  /**
   * The period (from/to, or the `period` shortcut) and the unit (mall, agency, service, counter or
   * officer) of a report query, checked: 400 for a bad period, 404 for an agency, service, counter
   * or officer not in the mall.
   */
  async scope(mall: Mall, query: SkmUnitReportQuery): Promise<ReportScope> {
    let from = query.from;
    let to = query.to;
    if (query.period !== undefined) {
      if (from !== undefined || to !== undefined) {
        throw new AppError('validation', {
          field: 'period',
          problemId: 'gunakan period atau from/to, tidak keduanya',
          problemEn: 'give either period or from/to, not both',
        });
      }
      const period = parsePeriod(query.period);
      if (!period) {
        throw new AppError('validation', {
          field: 'period',
          problemId: 'harus tahun (2026), bulan (2026-11), triwulan (2026-Q4) atau semester (2026-S2)',
          problemEn: 'must be a year (2026), a month (2026-11), a quarter (2026-Q4) or a half year (2026-S2)',
        });
      }
      ({ from, to } = period);
    }
    if (from === undefined || !isCalendarDate(from)) throw badDate('from');
    if (to === undefined || !isCalendarDate(to)) throw badDate('to');
    if (from > to) {
      throw new AppError('validation', {
        field: 'from',
        problemId: 'tidak boleh setelah tanggal akhir (to)',
        problemEn: 'cannot be after the end date (to)',
      });
    }
    const agency = query.agencyId ? await this.repo.agency(mall.id, query.agencyId) : null;
    if (query.agencyId && !agency) throw new AppError('agency_not_found', { agencyId: query.agencyId });
    const service = query.serviceId ? await this.repo.serviceWithAgency(mall.id, query.serviceId) : null;
    if (query.serviceId && !service) throw new AppError('service_not_found', { serviceId: query.serviceId });
    const counter = query.counterId ? await this.repo.counterWithAgency(mall.id, query.counterId) : null;
    if (query.counterId && !counter) throw new AppError('counter_not_found', { counterId: query.counterId });
    const officer = query.officerId ? await this.repo.officerWithAgency(mall.id, query.officerId) : null;
    if (query.officerId && !officer) throw new AppError('officer_not_found', { officerId: query.officerId });

    const unitAgency = agency
      ? { id: agency.id, name: agency.name, code: agency.code }
      : service
        ? { id: service.agency_id, name: service.agency_name, code: service.agency_code }
        : counter
          ? { id: counter.agency_id, name: counter.agency_name, code: counter.agency_code }
          : officer?.agency_id && officer.agency_name !== null && officer.agency_code !== null
            ? { id: officer.agency_id, name: officer.agency_name, code: officer.agency_code }
            : null;
    const unit: SkmUnit = {
      level: officer ? 'officer' : counter ? 'counter' : service ? 'service' : agency ? 'agency' : 'mall',
      name: officer?.display_name ?? counter?.name ?? service?.name ?? agency?.name ?? mall.name,
      mall: { slug: mall.slug, name: mall.name },
      agency: unitAgency,
      service: service ? { id: service.id, name: service.name } : null,
      ...(counter ? { counter: { id: counter.id, name: counter.name } } : {}),
      ...(officer ? { officer: { id: officer.id, name: officer.display_name } } : {}),
    };
    const filter: ReportFilter = {
      from,
      to,
      agencyId: query.agencyId,
      serviceId: query.serviceId,
      counterId: query.counterId,
      officerId: query.officerId,
    };
    return { filter, unit };
  }

  /** Respondents, population and sample check, and the IKM, of a checked scope. */
  private async summary(mallId: string, filter: ReportFilter) {
    const [{ respondents, sums }, population] = await Promise.all([
      this.repo.sums(mallId, filter),
      this.repo.served(mallId, filter),
    ]);
    const ikm = computeIkm(sums, respondents);
    const sample = {
      respondents,
      population,
      requiredSample: requiredSample(population),
      sampleMet: sampleMet(respondents, population),
    };
    const report: SkmReport = ikm.noData
      ? { ...sample, nrr: null, ikm: null, grade: null, label: null }
      : { ...sample, nrr: ikm.nrr, ikm: ikm.ikm, grade: ikm.grade, label: ikm.label };
    return { report, sums, ikm };
  }

  /** Respondents and element sums of a scope, per agency, service, counter, officer or day. */
  sumsBy(mallId: string, filter: ReportFilter, by: SkmGrouping) {
    return this.repo.sumsBy(mallId, filter, by);
  }

  /** Respondents and element sums per day and (agency, service, counter, officer) of a scope. */
  surveyGroups(mallId: string, filter: ReportFilter) {
    return this.repo.groups(mallId, filter);
  }

  /** Respondents and element sums of a scope. */
  sums(mallId: string, filter: ReportFilter) {
    return this.repo.sums(mallId, filter);
  }

  /** The IKM of the mall, an agency, a service, a counter or an officer over a period, with its sample check. */
  async report(mall: Mall, query: SkmUnitReportQuery): Promise<SkmReport> {
    const { filter } = await this.scope(mall, query);
    return (await this.summary(mall.id, filter)).report;
  }

  /**
   * Everything the published report holds: the IKM with each element's NRR, score and grade, the
   * three weakest elements, the respondent profile, the suggestions, and the previous period of
   * the same length for comparison.
   */
  async fullReport(mall: Mall, query: SkmUnitReportQuery): Promise<SkmFullReport> {
    return this.build(mall, await this.scope(mall, query));
  }

  private async build(mall: Mall, { filter, unit }: ReportScope): Promise<SkmFullReport> {
    const prevPeriod = previousPeriod(filter);
    const planUnit = followupUnit(unit);
    const [current, counts, suggestions, prev, followups] = await Promise.all([
      this.summary(mall.id, filter),
      this.repo.profileCounts(mall.id, filter),
      this.repo.suggestions(mall.id, filter, SUGGESTIONS_LIMIT),
      this.repo.sums(mall.id, { ...filter, ...prevPeriod }),
      planUnit ? this.repo.followups(mall.id, filter, planUnit) : Promise.resolve([]),
    ]);
    const { report, sums, ikm } = current;
    const elements = ikm.noData
      ? []
      : SKM_ELEMENT_KEYS.map((key) => {
          const score = ikm.elements[key];
          return {
            key,
            name: SKM_ELEMENTS[key].name,
            sum: sums[key],
            nrr: ikm.nrr[key],
            nrrTertimbang: ikm.nrrTertimbang[key],
            score: score.score,
            grade: score.grade,
            label: GRADE_LABELS[score.grade],
          };
        });
    const weakest = ikm.noData
      ? []
      : weakestElements(ikm.nrr, 3).map((key) => elements.find((e) => e.key === key) as (typeof elements)[number]);
    const prevIkm = computeIkm(prev.sums, prev.respondents);
    const previousValue = prevIkm.noData ? null : prevIkm.ikm;
    return {
      ...report,
      unit,
      period: { from: filter.from, to: filter.to, days: periodDays(filter), label: formatPeriodId(filter) },
      elements,
      weakest,
      profile: profileBreakdown(counts, report.respondents),
      suggestions,
      previous: {
        ...prevPeriod,
        periodLabel: formatPeriodId(prevPeriod),
        respondents: prev.respondents,
        ikm: previousValue,
        grade: prevIkm.noData ? null : prevIkm.grade,
        change: ikmChange(report.ikm, previousValue),
      },
      followups: followups.map((row) => followupJson(mall.id, row)),
    };
  }

  /** The published report as a PDF, with its file name. Public, like the report itself. */
  async pdf(mall: Mall, query: SkmUnitReportQuery): Promise<ExportFile> {
    const scope = await this.scope(mall, query);
    const report = await this.build(mall, scope);
    const body = await renderReportPdf(report, localTime(this.now(), mall.timeZone).date, this.now());
    return { fileName: exportFileName(mall.slug, scope.unit.agency?.code ?? null, scope.filter, 'pdf'), body };
  }

  /**
   * The computation and every questionnaire of the period as a workbook. Staff only: the rows are
   * anonymous, but date, service, age and sex together can point at a person in a small unit.
   * The mall's admins and viewers see any unit; agency staff their own agency's.
   */
  async xlsx(mall: Mall, staff: Staff, query: SkmUnitReportQuery): Promise<ExportFile> {
    const scope = await this.scope(mall, query);
    const agencyId = scope.unit.agency?.id;
    const allowed = agencyId
      ? canViewAgency(staff, mall.id, agencyId)
      : staff.mallId === mall.id && (staff.role === 'mall_admin' || staff.role === 'viewer');
    if (!allowed) throw new AppError('forbidden');
    const [report, rows] = await Promise.all([this.build(mall, scope), this.repo.responses(mall.id, scope.filter)]);
    const body = await renderReportXlsx(report, rows, localTime(this.now(), mall.timeZone).date, this.now());
    return { fileName: exportFileName(mall.slug, scope.unit.agency?.code ?? null, scope.filter, 'xlsx'), body };
  }

  // -------------------------------------------------------------------------------------------
  // Follow-up plan (rencana tindak lanjut)

  /** Whether the staff member may change a unit's plan: the mall admin, or the unit's agency staff. */
  private mayPlan(staff: Staff, mall: Mall, agencyId: string | null): boolean {
    return agencyId ? canOperateAgency(staff, mall.id, agencyId) : canAdministerMall(staff, mall.id);
  }

  /** The plan of one unit and period, by due date. Public: it is published with the result. */
  async followups(mall: Mall, query: SkmReportQuery): Promise<SkmFollowup[]> {
    const { filter, unit } = await this.scope(mall, query);
    const planUnit = followupUnit(unit);
    const rows = planUnit ? await this.repo.followups(mall.id, filter, planUnit) : [];
    return rows.map((row) => followupJson(mall.id, row));
  }

  async addFollowup(mall: Mall, staff: Staff, body: NewSkmFollowup): Promise<SkmFollowup> {
    const { filter, unit } = await this.scope(mall, {
      from: body.from,
      to: body.to,
      agencyId: body.agencyId,
      serviceId: body.serviceId,
    });
    // A service's plan is its own agency's, whatever agencyId was sent with it.
    const service = unit.service ? await this.repo.service(mall.id, unit.service.id) : undefined;
    const agencyId = service?.agency_id ?? unit.agency?.id ?? null;
    if (service && body.agencyId && body.agencyId !== service.agency_id) {
      throw new AppError('validation', {
        field: 'serviceId',
        problemId: 'bukan layanan instansi tersebut (agencyId)',
        problemEn: 'is not a service of that agency (agencyId)',
      });
    }
    if (!this.mayPlan(staff, mall, agencyId)) throw new AppError('forbidden');
    if (!isCalendarDate(body.dueDate)) throw badDate('dueDate');
    const planUnit = followupUnit(unit);
    if (!planUnit)
      throw new AppError('validation', { field: 'unit', problemId: 'tidak didukung', problemEn: 'not supported' });
    const now = this.now();
    const row = {
      id: newId(),
      level: planUnit.level,
      agency_id: agencyId,
      service_id: unit.service?.id ?? null,
      period_from: filter.from,
      period_to: filter.to,
      element: body.element,
      action: requiredText('action', body.action),
      owner: requiredText('owner', body.owner),
      due_date: body.dueDate,
      done_at: null,
      created_by: staff.id,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insertFollowup(mall.id, row);
    return followupJson(mall.id, { ...row, mall_id: mall.id, done: 0, archived: 0 });
  }

  /** The follow-up, when the staff member may change it: 404 unknown, 403 another agency's. */
  private async ownFollowup(mall: Mall, staff: Staff, id: string): Promise<SkmFollowupRow> {
    const row = await this.repo.followup(mall.id, id);
    if (!row) throw new AppError('followup_not_found', { id });
    if (!this.mayPlan(staff, mall, row.agency_id)) throw new AppError('forbidden');
    return row;
  }

  async updateFollowup(mall: Mall, staff: Staff, id: string, patch: SkmFollowupPatch): Promise<SkmFollowup> {
    const row = await this.ownFollowup(mall, staff, id);
    const changes: FollowupChanges = {};
    if (patch.action !== undefined) changes.action = requiredText('action', patch.action);
    if (patch.owner !== undefined) changes.owner = requiredText('owner', patch.owner);
    if (patch.dueDate !== undefined) {
      if (!isCalendarDate(patch.dueDate)) throw badDate('dueDate');
      changes.due_date = patch.dueDate;
    }
    const now = this.now();
    if (patch.done !== undefined && patch.done !== (Number(row.done) === 1)) {
      changes.done = patch.done ? 1 : 0;
      changes.done_at = patch.done ? now : null;
    }
    if (!(await this.repo.updateFollowup(mall.id, id, changes, now))) throw new AppError('followup_not_found', { id });
    return followupJson(mall.id, { ...row, ...changes, updated_at: now });
  }

  /** Takes a follow-up out of the plan; it stays on record (archived). */
  async removeFollowup(mall: Mall, staff: Staff, id: string): Promise<void> {
    await this.ownFollowup(mall, staff, id);
    if (!(await this.repo.archiveFollowup(mall.id, id, this.now()))) throw new AppError('followup_not_found', { id });
  }

  // -------------------------------------------------------------------------------------------
  // Publication to citizens

  /** Publishes a period of the mall's result (mall admin); 409 when that exact period already is. */
  async publish(mall: Mall, staff: Staff, body: NewSkmPublication): Promise<SkmPublication> {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    const { filter } = await this.scope(mall, { from: body.from, to: body.to });
    const row = {
      id: newId(),
      mall_id: mall.id,
      period_from: filter.from,
      period_to: filter.to,
      published_by: staff.id,
      published_at: this.now(),
    };
    if (!(await this.repo.publish(row))) throw new AppError('already_published', { from: filter.from, to: filter.to });
    return publicationJson(row);
  }

  async unpublish(mall: Mall, staff: Staff, id: string): Promise<void> {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    if (!(await this.repo.unpublish(mall.id, id))) throw new AppError('publication_not_found', { id });
  }

  /**
   * The published periods, newest first: the mall's and each agency's IKM (the same numbers as
   * GET /skm for that period and unit) and the mall's follow-up plan. Public.
   */
  async published(mall: Mall): Promise<SkmPublishedPeriod[]> {
    const [publications, agencies] = await Promise.all([this.repo.publications(mall.id), this.repo.agencies(mall.id)]);
    const value = ({ report }: Awaited<ReturnType<SkmService['summary']>>) => ({
      respondents: report.respondents,
      ikm: report.ikm,
      grade: report.grade,
      label: report.label,
    });
    return Promise.all(
      publications.map(async (p) => {
        const period = { from: p.period_from, to: p.period_to };
        const [whole, perAgency, followups] = await Promise.all([
          this.summary(mall.id, period),
          Promise.all(agencies.map((a) => this.summary(mall.id, { ...period, agencyId: a.id }))),
          this.repo.followups(mall.id, period, { level: 'mall', agencyId: null, serviceId: null }),
        ]);
        return {
          ...publicationJson(p),
          mall: value(whole),
          agencies: agencies.map((a, i) => ({
            id: a.id,
            name: a.name,
            code: a.code,
            ...value(perAgency[i] as Awaited<ReturnType<SkmService['summary']>>),
          })),
          followups: followups.map((row) => followupJson(mall.id, row)),
        };
      }),
    );
  }
}

function publicationJson(row: {
  id: string;
  period_from: string;
  period_to: string;
  published_by: string | null;
  published_at: number;
}): SkmPublication {
  return {
    id: row.id,
    from: row.period_from,
    to: row.period_to,
    periodLabel: formatPeriodId({ from: row.period_from, to: row.period_to }),
    publishedBy: row.published_by,
    publishedAt: Number(row.published_at),
  };
}

/**
 * Complaints for SP4N-LAPOR! and for the evaluation: the export of a period with the fields
 * LAPOR!'s form takes (JSON or CSV), and the figures — received, answered within the deadline,
 * verified in time, refused, open, overdue now, the citizens' ratings of the answers — per agency
 * and service.
 */
import type { ComplaintExportRow, ComplaintFigures, ComplaintFiguresQuery } from '../../../api/complaints.js';
import type { SkmUnit } from '../../../api/skm.js';
import { type Actor, canAdministerMall, canEvaluate } from '../../../domain/access.js';
import { type ComplaintFact, tallyComplaints } from '../../../domain/complaint.js';
import { localTime } from '../../../domain/schedule.js';
import { AppError } from '../../errors.js';
import type { Mall } from '../../plugins/tenant.js';
import type { ComplaintRepository } from './repository.js';
import { byComplaint } from './service.js';

export interface ComplaintReportsDeps {
  now: () => number;
  /** a report's period and unit, checked as every report checks them (400, 404) */
  scope(
    mall: Mall,
    query: ComplaintFiguresQuery,
  ): Promise<{ filter: { from: string; to: string; agencyId?: string | undefined }; unit: SkmUnit }>;
}

type PeriodRow = Awaited<ReturnType<ComplaintRepository['period']>>[number];

const fact = (r: PeriodRow): ComplaintFact => ({
  status: r.status,
  answeredDate: r.answered_date,
  answerDue: r.answer_due,
  verifyDue: r.verify_due,
  verifiedDate: r.verified_date,
  rating: r.rating === null ? null : Number(r.rating),
});

function groupBy<K>(rows: readonly PeriodRow[], key: (r: PeriodRow) => K | null): Map<K, PeriodRow[]> {
  const out = new Map<K, PeriodRow[]>();
  for (const r of rows) {
    const k = key(r);
    if (k !== null) out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
}

const CSV_COLUMNS: (keyof ComplaintExportRow)[] = [
  'code',
  'judul',
  'isi',
  'tanggalKejadian',
  'lokasi',
  'instansi',
  'layanan',
  'klasifikasi',
  'kategori',
  'anonim',
  'rahasia',
  'lampiran',
  'status',
  'disposisi',
  'tanggalDiterima',
  'batasWaktu',
  'tanggalTindakLanjut',
  'tindakLanjut',
  'nomorLapor',
];

/** RFC 4180: quoted where needed; a leading =, +, - or @ quoted away so a spreadsheet shows it as text. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly ComplaintExportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export class ComplaintReports {
  constructor(
    private readonly repo: ComplaintRepository,
    private readonly deps: ComplaintReportsDeps,
  ) {}

  /** Every complaint received in the period as LAPOR!'s form takes it (the mall admin only). */
  async export(mall: Mall, staff: Actor, query: { from: string; to: string }): Promise<ComplaintExportRow[]> {
    if (!canAdministerMall(staff, mall.id)) throw new AppError('forbidden');
    if (query.to < query.from) {
      throw new AppError('validation', {
        field: 'to',
        in: 'querystring',
        problemId: 'tidak boleh sebelum "Dari tanggal"',
        problemEn: 'cannot be before "from"',
      });
    }
    const rows = await this.repo.period(mall.id, query);
    const ids = rows.map((r) => r.id);
    const [events, photos] = await Promise.all([this.repo.events(ids), this.repo.photoIds(ids)]);
    const eventsOf = byComplaint(events);
    const photosOf = byComplaint(photos);
    return rows.map((r) => {
      const answer = (eventsOf.get(r.id) ?? []).filter((e) => e.status === 'ditindaklanjuti').at(-1);
      return {
        code: r.code,
        judul: r.title,
        isi: r.story,
        tanggalKejadian: r.event_date,
        lokasi: r.event_place,
        instansi: r.agency_short_name,
        layanan: r.service_name,
        klasifikasi: r.kind,
        kategori: r.category,
        anonim: r.anonymous === 1,
        rahasia: r.confidential === 1,
        lampiran: photosOf.get(r.id)?.length ?? 0,
        status: r.status,
        disposisi: r.disposed_agency_name,
        tanggalDiterima: r.received_date,
        batasWaktu: r.answer_due ?? r.verify_due,
        tanggalTindakLanjut: r.answered_date,
        tindakLanjut: answer?.note ?? null,
        nomorLapor: r.lapor_number,
      };
    });
  }

  async figures(mall: Mall, staff: Actor, query: ComplaintFiguresQuery): Promise<ComplaintFigures> {
    const { filter, unit } = await this.deps.scope(mall, query);
    if (!canEvaluate(staff, mall.id, unit.agency?.id ?? null)) throw new AppError('forbidden');
    const today = localTime(this.deps.now(), mall.timeZone).date;
    const rows = await this.repo.period(mall.id, filter);
    const tally = (list: readonly PeriodRow[]) => tallyComplaints(list.map(fact), today);
    // an agency answers for what was sent to it; before that, for what the citizen named
    const agencyOf = (r: PeriodRow) => r.disposed_agency_id ?? r.agency_id;
    return {
      period: { from: filter.from, to: filter.to },
      ...tally(rows),
      agencies: [...groupBy(rows, agencyOf)].map(([agencyId, list]) => ({
        agencyId,
        agencyShortName:
          list.find((r) => r.disposed_agency_id === agencyId)?.disposed_agency_short_name ??
          list[0]?.agency_short_name ??
          '',
        ...tally(list),
      })),
      services: [...groupBy(rows, (r) => r.service_id)].map(([serviceId, list]) => ({
        serviceId,
        serviceName: list[0]?.service_name ?? '',
        agencyId: list[0]?.agency_id ?? '',
        ...tally(list),
      })),
    };
  }
}

/**
 * The periodic performance report as a workbook, the data behind the PDF: "Ringkasan" (the
 * measures, with Excel formulas over the visit data beside the ones that can be recomputed from
 * it), "Rincian" (every breakdown list), "Tren" (month by month), "Jam" (arrivals by hour),
 * "Saran loket" (Erlang C staffing) and "Data kunjungan" (one row per visit, times at the mall).
 * Pure: figures and rows in, bytes out.
 */
import ExcelJS from 'exceljs';
import type { UnitSummary } from '../../../api/performance.js';
import { spread } from '../../../domain/performance.js';
import { zoneName } from '../../../domain/schedule.js';
import { formatDateId, MONTHS_ID } from '../../../domain/skm-report.js';
import {
  BREAKDOWN_KINDS,
  OUTCOME_LABELS,
  type PerformanceExport,
  PRIORITY_LABELS,
  unitLines,
  type VisitExportRow,
  wallClock,
} from './export-types.js';

export const SHEETS = {
  summary: 'Ringkasan',
  breakdown: 'Rincian',
  trend: 'Tren',
  hours: 'Jam',
  staffing: 'Saran loket',
  data: 'Data kunjungan',
} as const;

const BOLD = { bold: true } as const;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
const MINUTES = '0.0';
const SHARE = '0.0%';
const COUNT = '#,##0';
const DATE = 'dd/mm/yyyy';
const DATETIME = 'dd/mm/yyyy hh:mm:ss';
const YES = 'Ya';
const NO = 'Tidak';

const toMinutes = (seconds: number | null) => (seconds !== null && Number.isFinite(seconds) ? seconds / 60 : null);
const hourSpan = (hour: number) =>
  `${String(hour).padStart(2, '0')}.00-${String((hour + 1) % 24 || 24).padStart(2, '0')}.00`;

/** A YYYY-MM-DD day as the Excel date it names. */
const excelDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** An instant as the Excel date-time the mall's clock showed (Excel has no time zones). */
function excelLocal(at: number | null, timeZone: string): Date | null {
  if (at === null) return null;
  const c = wallClock(at, timeZone);
  return new Date(Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second));
}

// ---------------------------------------------------------------------------------------------
// "Data kunjungan": its columns are what the summary's formulas point at

interface DataColumn {
  key: string;
  header: string;
  width: number;
  numFmt?: string;
}

const DATA_COLUMNS: DataColumn[] = [
  { key: 'no', header: 'No', width: 7 },
  { key: 'date', header: 'Tanggal', width: 11, numFmt: DATE },
  { key: 'hour', header: 'Jam', width: 6 },
  { key: 'agency', header: 'Instansi', width: 34 },
  { key: 'service', header: 'Layanan', width: 34 },
  { key: 'counter', header: 'Loket', width: 14 },
  { key: 'officer', header: 'Petugas', width: 22 },
  { key: 'priority', header: 'Prioritas', width: 14 },
  { key: 'transferredIn', header: 'Alihan masuk', width: 12 },
  { key: 'enteredAt', header: 'Masuk antrean', width: 19, numFmt: DATETIME },
  { key: 'calledAt', header: 'Dipanggil', width: 19, numFmt: DATETIME },
  { key: 'startedAt', header: 'Mulai dilayani', width: 19, numFmt: DATETIME },
  { key: 'finishedAt', header: 'Selesai', width: 19, numFmt: DATETIME },
  { key: 'outcome', header: 'Hasil', width: 16 },
  { key: 'waitMinutes', header: 'Tunggu (menit)', width: 10, numFmt: MINUTES },
  { key: 'serviceMinutes', header: 'Layanan (menit)', width: 10, numFmt: MINUTES },
  { key: 'withinStandard', header: 'Sesuai standar', width: 10 },
];

/** Column letter of a data column */
function dataLetter(key: string): string {
  const i = DATA_COLUMNS.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`no data column ${key}`);
  return String.fromCharCode(65 + i);
}

/** `'Data kunjungan'!O2:O41`: a data column over every visit row */
function dataRange(key: string, rows: number): string {
  const col = dataLetter(key);
  return `'${SHEETS.data}'!$${col}$2:$${col}$${rows + 1}`;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = BOLD;
  row.alignment = { wrapText: true, vertical: 'top' };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}

/** A sheet whose first row is a bold, frozen, filterable header over `columns`. */
function tableSheet(wb: ExcelJS.Workbook, name: string, columns: DataColumn[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  styleHeader(ws.getRow(1));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

function noDataRow(ws: ExcelJS.Worksheet): void {
  ws.getCell('A2').value = 'Tidak ada data';
}

function dataSheet(wb: ExcelJS.Workbook, rows: readonly VisitExportRow[], timeZone: string): void {
  const ws = tableSheet(wb, SHEETS.data, DATA_COLUMNS);
  rows.forEach((r, i) => {
    ws.addRow({
      no: i + 1,
      date: excelDate(r.date),
      hour: r.hour,
      agency: r.agency,
      service: r.service,
      counter: r.counter ?? '',
      officer: r.officer ?? '',
      priority: r.priority === null ? '' : (PRIORITY_LABELS[r.priority] ?? r.priority),
      transferredIn: r.transferredIn ? YES : NO,
      enteredAt: excelLocal(r.enteredAt, timeZone),
      calledAt: excelLocal(r.calledAt, timeZone),
      startedAt: excelLocal(r.startedAt, timeZone),
      finishedAt: excelLocal(r.finishedAt, timeZone),
      outcome: OUTCOME_LABELS[r.outcome] ?? r.outcome,
      waitMinutes: toMinutes(r.waitSeconds),
      serviceMinutes: toMinutes(r.serviceSeconds),
      withinStandard: r.withinStandard === null ? '' : r.withinStandard ? YES : NO,
    });
  });
  if (rows.length === 0) noDataRow(ws);
}

// ---------------------------------------------------------------------------------------------
// "Ringkasan"

type Formula = { formula: string; result: number };

/** The summary's formulas over the data sheet, with their results computed from the same rows. */
function dataFormulas(rows: readonly VisitExportRow[]) {
  const n = rows.length;
  const waits = rows.flatMap((r) => (r.waitSeconds === null ? [] : [r.waitSeconds / 60]));
  const services = rows.flatMap((r) => (r.serviceSeconds === null ? [] : [r.serviceSeconds / 60]));
  const wait = spread(waits);
  const service = spread(services);
  const countIf = (key: string, value: string): Formula => ({
    formula: `COUNTIF(${dataRange(key, n)},"${value}")`,
    result: rows.filter((r) => cellText(r, key) === value).length,
  });
  const stats = (key: string, s: ReturnType<typeof spread>) => ({
    mean: s.mean === null ? null : { formula: `AVERAGE(${dataRange(key, n)})`, result: s.mean },
    median: s.median === null ? null : { formula: `MEDIAN(${dataRange(key, n)})`, result: s.median },
    // stored with the _xlfn prefix, as Excel does for the functions added in 2010
    p90: s.p90 === null ? null : { formula: `_xlfn.PERCENTILE.INC(${dataRange(key, n)},0.9)`, result: s.p90 },
  });
  const within = countIf('withinStandard', YES);
  const outside = countIf('withinStandard', NO);
  const measured = within.result + outside.result;
  return {
    visits: n ? { formula: `COUNT(${dataRange('no', n)})`, result: n } : null,
    issued: n ? countIf('transferredIn', NO) : null,
    transferredIn: n ? countIf('transferredIn', YES) : null,
    served: n ? countIf('outcome', OUTCOME_LABELS.done as string) : null,
    noShow: n ? countIf('outcome', OUTCOME_LABELS.no_show as string) : null,
    cancelled: n ? countIf('outcome', OUTCOME_LABELS.cancelled as string) : null,
    transferred: n ? countIf('outcome', OUTCOME_LABELS.transferred as string) : null,
    wait: stats('waitMinutes', wait),
    service: stats('serviceMinutes', service),
    measured: n ? { formula: `${within.formula}+${outside.formula}`, result: measured } : null,
    within: n ? within : null,
    share: measured
      ? { formula: `${within.formula}/(${within.formula}+${outside.formula})`, result: within.result / measured }
      : null,
  };
}

/** The text a data row shows in a Yes/No or outcome column, for the formulas' cached results. */
function cellText(r: VisitExportRow, key: string): string {
  if (key === 'transferredIn') return r.transferredIn ? YES : NO;
  if (key === 'withinStandard') return r.withinStandard === null ? '' : r.withinStandard ? YES : NO;
  if (key === 'outcome') return OUTCOME_LABELS[r.outcome] ?? r.outcome;
  return '';
}

function summarySheet(wb: ExcelJS.Workbook, input: PerformanceExport, rows: readonly VisitExportRow[]): void {
  const { report } = input;
  const ws = wb.addWorksheet(SHEETS.summary, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 36 }, { width: 14 }, { width: 12 }, { width: 18 }, { width: 60 }];
  ws.getCell('A1').value = 'LAPORAN KINERJA PELAYANAN';
  ws.getCell('A1').font = { bold: true, size: 14 };
  const at = wallClock(input.generatedAt, input.timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const unit = report.unit;
  const info: [string, string][] = [
    ['Unit', unitLines(unit).join(' - ')],
    [
      'Tingkat',
      { mall: 'Mal', agency: 'Instansi', service: 'Layanan', counter: 'Loket', officer: 'Petugas' }[unit.level],
    ],
    ['Instansi', unit.agency?.name ?? '-'],
    ['Mal Pelayanan Publik', unit.mall.name],
    ['Periode', report.period.label],
    ['Tanggal', `${formatDateId(report.period.from)} - ${formatDateId(report.period.to)} (${report.period.days} hari)`],
    [
      'Disusun',
      `${formatDateId(`${at.year}-${pad(at.month)}-${pad(at.day)}`)} ${pad(at.hour)}.${pad(at.minute)} ${zoneName(input.timeZone) ?? input.timeZone}`,
    ],
  ];
  info.forEach(([label, value], i) => {
    const row = ws.getRow(3 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = BOLD;
    row.getCell(2).value = value;
  });

  const headerRow = 3 + info.length + 1;
  const header = ws.getRow(headerRow);
  ['Ukuran', 'Nilai', 'Satuan', 'Dari data kunjungan', 'Rumus atas lembar Data kunjungan'].forEach((h, i) => {
    header.getCell(i + 1).value = h;
  });
  styleHeader(header);

  const m = report.measures;
  const f = dataFormulas(rows);
  const min = toMinutes;
  type Line = [string, number | string | null, string, string?, (Formula | null)?];
  const lines: Line[] = [
    ['Tiket diterbitkan', m.issued, 'tiket', COUNT, f.issued],
    ['Dialihkan masuk', m.transferredIn, 'kunjungan', COUNT, f.transferredIn],
    ['Kunjungan (tiket baru + alihan masuk)', m.visits, 'kunjungan', COUNT, f.visits],
    ['Dilayani sampai selesai', m.served, 'kunjungan', COUNT, f.served],
    ['Tidak hadir', m.noShow, 'kunjungan', COUNT, f.noShow],
    ['Dibatalkan', m.cancelled, 'kunjungan', COUNT, f.cancelled],
    ['Dialihkan ke layanan lain', m.transferred, 'kunjungan', COUNT, f.transferred],
    ['Belum selesai', m.open, 'kunjungan', COUNT],
    ['Kunjungan yang dipanggil', m.waitSeconds.count, 'kunjungan', COUNT],
    ['Waktu tunggu rata-rata', min(m.waitSeconds.mean), 'menit', MINUTES, f.wait.mean],
    ['Waktu tunggu median', min(m.waitSeconds.median), 'menit', MINUTES, f.wait.median],
    ['Waktu tunggu persentil 90', min(m.waitSeconds.p90), 'menit', MINUTES, f.wait.p90],
    ['Kunjungan selesai dengan waktu layanan', m.serviceSeconds.count, 'kunjungan', COUNT],
    ['Waktu layanan rata-rata', min(m.serviceSeconds.mean), 'menit', MINUTES, f.service.mean],
    ['Waktu layanan median', min(m.serviceSeconds.median), 'menit', MINUTES, f.service.median],
    ['Waktu layanan persentil 90', min(m.serviceSeconds.p90), 'menit', MINUTES, f.service.p90],
    ['Layanan terukur terhadap standar waktu', m.withinStandard.measured, 'kunjungan', COUNT, f.measured],
    ['Sesuai standar waktu', m.withinStandard.within, 'kunjungan', COUNT, f.within],
    ['Sesuai standar waktu (%)', m.withinStandard.share, '%', SHARE, f.share],
    ['Loket aktif', m.counters.active, 'loket', COUNT],
    ['Loket aktif rata-rata per hari', m.counters.perDay, 'loket', '0.0'],
    ['Jam layanan petugas', m.counters.hoursStaffed, 'jam', COUNT],
    ['Hari layanan', m.days, 'hari', COUNT],
    ['IKM', report.ikm.ikm, 'skala 25-100', '0.00'],
    ['Mutu pelayanan', report.ikm.grade ?? '-', ''],
    ['Responden SKM', report.ikm.respondents, 'orang', COUNT],
  ];
  lines.forEach(([label, value, unitText, numFmt, formula], i) => {
    const row = ws.getRow(headerRow + 1 + i);
    row.getCell(1).value = label;
    row.getCell(2).value = value ?? '-';
    row.getCell(3).value = unitText;
    if (numFmt) row.getCell(2).numFmt = numFmt;
    if (formula) {
      row.getCell(4).value = formula;
      if (numFmt) row.getCell(4).numFmt = numFmt;
      row.getCell(5).value = describe(formula.formula);
    } else if (formula === null) {
      row.getCell(4).value = '-';
      row.getCell(5).value = 'Tidak ada data';
    }
  });
  const note = headerRow + lines.length + 2;
  ws.getCell(`A${note}`).value =
    'Kolom "Dari data kunjungan" dihitung Excel dari lembar Data kunjungan; median dan persentil 90 memakai interpolasi yang sama (PERCENTILE.INC).';
  ws.getCell(`A${note + 1}`).value =
    'Waktu tunggu: ambil tiket atau dialihkan sampai panggilan pertama. Waktu layanan: mulai sampai selesai dilayani. Sesuai standar: waktu layanan tidak melebihi jangka waktu standar pelayanan yang dinyatakan dalam menit.';
}

/** The formula as a reader would type it, without the file format's _xlfn prefix and $ signs. */
function describe(formula: string): string {
  return `=${formula.replaceAll('_xlfn.', '').replaceAll('$', '')}`;
}

// ---------------------------------------------------------------------------------------------
// The other sheets

const SUMMARY_COLUMNS: DataColumn[] = [
  { key: 'kind', header: 'Jenis', width: 10 },
  { key: 'name', header: 'Nama', width: 40 },
  { key: 'shortName', header: 'Singkatan', width: 12 },
  { key: 'issued', header: 'Tiket baru', width: 10, numFmt: COUNT },
  { key: 'visits', header: 'Kunjungan', width: 10, numFmt: COUNT },
  { key: 'served', header: 'Dilayani', width: 10, numFmt: COUNT },
  { key: 'noShow', header: 'Tidak hadir', width: 10, numFmt: COUNT },
  { key: 'cancelled', header: 'Dibatalkan', width: 10, numFmt: COUNT },
  { key: 'transferred', header: 'Dialihkan', width: 10, numFmt: COUNT },
  { key: 'waitMean', header: 'Tunggu rata-rata (menit)', width: 11, numFmt: MINUTES },
  { key: 'waitMedian', header: 'Tunggu median (menit)', width: 11, numFmt: MINUTES },
  { key: 'waitP90', header: 'Tunggu P90 (menit)', width: 11, numFmt: MINUTES },
  { key: 'serviceMean', header: 'Layanan rata-rata (menit)', width: 11, numFmt: MINUTES },
  { key: 'withinStandard', header: 'Sesuai standar', width: 10, numFmt: SHARE },
  { key: 'ikm', header: 'IKM', width: 8, numFmt: '0.00' },
  { key: 'grade', header: 'Mutu', width: 6 },
  { key: 'id', header: 'ID', width: 38 },
];

function breakdownSheet(wb: ExcelJS.Workbook, input: PerformanceExport): void {
  const ws = tableSheet(wb, SHEETS.breakdown, SUMMARY_COLUMNS);
  const row = (kind: string, u: UnitSummary) => ({
    kind,
    name: u.name,
    shortName: u.shortName ?? '',
    issued: u.issued,
    visits: u.visits,
    served: u.served,
    noShow: u.noShow,
    cancelled: u.cancelled,
    transferred: u.transferred,
    waitMean: toMinutes(u.waitMeanSeconds),
    waitMedian: toMinutes(u.waitMedianSeconds),
    waitP90: toMinutes(u.waitP90Seconds),
    serviceMean: toMinutes(u.serviceMeanSeconds),
    withinStandard: u.withinStandardShare,
    ikm: u.ikm,
    grade: u.grade ?? '',
    id: u.id,
  });
  let any = false;
  for (const kind of BREAKDOWN_KINDS) {
    for (const u of input.report.breakdown[kind.key]) {
      ws.addRow(row(kind.label, u));
      any = true;
    }
  }
  if (!any) noDataRow(ws);
}

function trendSheet(wb: ExcelJS.Workbook, input: PerformanceExport): void {
  const ws = tableSheet(wb, SHEETS.trend, [
    { key: 'key', header: 'Kode', width: 11 },
    { key: 'label', header: input.trend.granularity === 'week' ? 'Minggu' : 'Bulan', width: 16 },
    { key: 'from', header: 'Dari', width: 11, numFmt: DATE },
    { key: 'to', header: 'Sampai', width: 11, numFmt: DATE },
    { key: 'issued', header: 'Tiket baru', width: 10, numFmt: COUNT },
    { key: 'visits', header: 'Kunjungan', width: 10, numFmt: COUNT },
    { key: 'served', header: 'Dilayani', width: 10, numFmt: COUNT },
    { key: 'noShow', header: 'Tidak hadir', width: 10, numFmt: COUNT },
    { key: 'waitMean', header: 'Tunggu rata-rata (menit)', width: 11, numFmt: MINUTES },
    { key: 'waitP90', header: 'Tunggu P90 (menit)', width: 11, numFmt: MINUTES },
    { key: 'serviceMean', header: 'Layanan rata-rata (menit)', width: 11, numFmt: MINUTES },
    { key: 'withinStandard', header: 'Sesuai standar', width: 10, numFmt: SHARE },
    { key: 'ikm', header: 'IKM', width: 8, numFmt: '0.00' },
    { key: 'grade', header: 'Mutu', width: 6 },
    { key: 'inPeriod', header: 'Dalam periode laporan', width: 11 },
  ]);
  const { period } = input.report;
  for (const p of input.trend.points) {
    const [y, m] = p.from.split('-').map(Number) as [number, number];
    ws.addRow({
      key: p.key,
      label: input.trend.granularity === 'week' ? `Mulai ${formatDateId(p.from)}` : `${MONTHS_ID[m - 1]} ${y}`,
      from: excelDate(p.from),
      to: excelDate(p.to),
      issued: p.issued,
      visits: p.visits,
      served: p.served,
      noShow: p.noShow,
      waitMean: toMinutes(p.waitMeanSeconds),
      waitP90: toMinutes(p.waitP90Seconds),
      serviceMean: toMinutes(p.serviceMeanSeconds),
      withinStandard: p.withinStandardShare,
      ikm: p.ikm,
      grade: p.grade ?? '',
      inPeriod: p.to >= period.from && p.from <= period.to ? YES : NO,
    });
  }
  if (input.trend.points.length === 0) noDataRow(ws);
}

function hoursSheet(wb: ExcelJS.Workbook, input: PerformanceExport, rows: readonly VisitExportRow[]): void {
  const ws = tableSheet(wb, SHEETS.hours, [
    { key: 'hour', header: 'Jam', width: 6 },
    { key: 'span', header: 'Rentang', width: 13 },
    { key: 'arrivals', header: 'Kedatangan', width: 11, numFmt: COUNT },
    { key: 'perDay', header: 'Rata-rata per hari', width: 11, numFmt: '0.0' },
    { key: 'fromData', header: 'Dari data kunjungan', width: 13, numFmt: COUNT },
  ]);
  const { arrivalsByHour, days } = input.report.measures;
  const hourRange = dataRange('hour', rows.length);
  for (let hour = 0; hour < 24; hour++) {
    const arrivals = arrivalsByHour[hour] ?? 0;
    const r = hour + 2;
    ws.addRow({
      hour,
      span: hourSpan(hour),
      arrivals,
      perDay: days > 0 ? arrivals / days : null,
      fromData: rows.length
        ? { formula: `COUNTIF(${hourRange},A${r})`, result: rows.filter((v) => v.hour === hour).length }
        : null,
    });
  }
  const total = ws.addRow({
    span: 'Jumlah',
    arrivals: { formula: 'SUM(C2:C25)', result: arrivalsByHour.reduce((s, n) => s + n, 0) },
    fromData: rows.length ? { formula: 'SUM(E2:E25)', result: rows.length } : null,
  });
  total.font = BOLD;
}

function staffingSheet(wb: ExcelJS.Workbook, input: PerformanceExport): void {
  const { staffing } = input;
  const ws = tableSheet(wb, SHEETS.staffing, [
    { key: 'hour', header: 'Jam', width: 6 },
    { key: 'span', header: 'Rentang', width: 13 },
    { key: 'arrivals', header: 'Kedatangan per jam', width: 12, numFmt: '0.0' },
    { key: 'service', header: 'Waktu layanan rata-rata (menit)', width: 14, numFmt: MINUTES },
    { key: 'needed', header: `Loket dibutuhkan (tunggu maks. ${staffing.targetWaitMinutes} menit)`, width: 16 },
    { key: 'wait', header: 'Perkiraan tunggu (menit)', width: 12, numFmt: MINUTES },
    { key: 'open', header: 'Loket buka rata-rata', width: 12, numFmt: '0.0' },
    { key: 'short', header: 'Kekurangan loket', width: 12, numFmt: '0.0' },
  ]);
  staffing.hours.forEach((h, i) => {
    const r = i + 2;
    const needed = h.countersNeeded;
    ws.addRow({
      hour: h.hour,
      span: hourSpan(h.hour),
      arrivals: h.arrivalsPerHour,
      service: h.meanServiceMinutes,
      needed,
      wait: h.expectedWaitMinutes !== null && Number.isFinite(h.expectedWaitMinutes) ? h.expectedWaitMinutes : null,
      open: h.countersOpen,
      short: needed === null ? null : { formula: `MAX(0,E${r}-G${r})`, result: Math.max(0, needed - h.countersOpen) },
    });
  });
  if (staffing.hours.length === 0) noDataRow(ws);
  const note = staffing.hours.length + 3;
  ws.getCell(`A${note}`).value =
    `Erlang C (antrean M/M/n): loket yang dibutuhkan agar rata-rata waktu tunggu tidak lebih dari ${staffing.targetWaitMinutes} menit, dari rata-rata kedatangan per jam pada hari layanan dan rata-rata waktu layanan.`;
}

/** Renders the workbook; `rows` are the period's visits of the unit, the data behind the figures. */
export async function renderPerformanceXlsx(input: PerformanceExport & { rows: VisitExportRow[] }): Promise<Buffer> {
  const { report, rows } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Loket';
  wb.created = new Date(input.generatedAt);
  wb.modified = new Date(input.generatedAt);
  wb.title = `Laporan Kinerja Pelayanan - ${report.unit.name} - ${report.period.label}`;
  // The cached results are ours; let Excel recompute every formula when it opens the file.
  wb.calcProperties.fullCalcOnLoad = true;
  summarySheet(wb, input, rows);
  breakdownSheet(wb, input);
  trendSheet(wb, input);
  hoursSheet(wb, input, rows);
  staffingSheet(wb, input);
  dataSheet(wb, rows, input.timeZone);
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

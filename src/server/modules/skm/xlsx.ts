/**
 * The SKM report as a workbook: "Ringkasan" shows the computation (sum per element, NRR to four
 * decimals, NRR tertimbang, IKM) as formulas with their values, so it can be checked by hand;
 * "Responden" holds every questionnaire of the period, one row each, without staff or ticket ids.
 */
import ExcelJS from 'exceljs';
import type { SkmFullReport } from '../../../api/skm.js';
import {
  EDUCATION_LABELS,
  type Education,
  OCCUPATION_LABELS,
  type Occupation,
  SEX_LABELS,
  type Sex,
  SKM_ELEMENT_KEYS,
  SKM_ELEMENTS,
  type SkmElement,
} from '../../../domain/skm.js';
import { formatDateId } from '../../../domain/skm-report.js';

export type ResponseRow = {
  service_date: string;
  service_name: string;
  source: 'ticket' | 'paper';
  sex: Sex;
  age: number;
  education: Education;
  occupation: Occupation;
  suggestion: string | null;
} & Record<SkmElement, number>;

/** Label of the cell holding the IKM on "Ringkasan" (column A; the value is in column B). */
export const IKM_LABEL = 'Nilai IKM';

const SOURCE_LABELS = { ticket: 'Tiket (tautan)', paper: 'Formulir kertas' } as const;
const BOLD = { bold: true } as const;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function summarySheet(wb: ExcelJS.Workbook, report: SkmFullReport): void {
  const ws = wb.addWorksheet('Ringkasan', { pageSetup: { paperSize: 9, orientation: 'landscape' } });
  ws.columns = [
    { width: 34 },
    { width: 12 },
    { width: 40 },
    { width: 14 },
    { width: 12 },
    { width: 16 },
    { width: 16 },
    { width: 8 },
  ];
  ws.getCell('A1').value = 'LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT';
  ws.getCell('A1').font = { bold: true, size: 14 };
  const unit = report.unit;
  const info: [string, string | number][] = [
    ['Unit pelayanan', unit.name],
    ['Instansi', unit.agency?.name ?? '-'],
    ['Mal Pelayanan Publik', unit.mall.name],
    ['Periode', `${report.period.label} (${report.period.from} s.d. ${report.period.to})`],
    ['Jumlah responden', report.respondents],
    ['Populasi (tiket selesai dilayani)', report.population],
    ['Sampel minimum (Krejcie & Morgan)', report.requiredSample],
    ['Sampel terpenuhi', report.sampleMet ? 'Ya' : 'Tidak'],
  ];
  info.forEach(([label, value], i) => {
    const row = ws.getRow(3 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = BOLD;
    row.getCell(2).value = value;
  });
  const respondentsRef = '$B$7';

  const headerRow = 12;
  const headers = [
    'No',
    'Kode',
    'Unsur pelayanan',
    'Jumlah nilai',
    'NRR',
    'NRR tertimbang',
    'Nilai (NRR x 25)',
    'Mutu',
  ];
  const header = ws.getRow(headerRow);
  headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = BOLD;
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  // The unit column is A, so the table starts there with No; the names stay readable in C.
  const byKey = new Map(report.elements.map((e) => [e.key, e]));
  const first = headerRow + 1;
  const last = first + SKM_ELEMENT_KEYS.length - 1;
  const hasData = report.respondents > 0;
  SKM_ELEMENT_KEYS.forEach((key, i) => {
    const r = first + i;
    const row = ws.getRow(r);
    const e = byKey.get(key);
    row.getCell(1).value = `U${i + 1}`;
    row.getCell(2).value = key;
    row.getCell(3).value = SKM_ELEMENTS[key].name.id;
    row.getCell(4).value = e?.sum ?? 0;
    if (e && hasData) {
      row.getCell(5).value = { formula: `D${r}/${respondentsRef}`, result: e.nrr };
      row.getCell(6).value = { formula: `E${r}/9`, result: e.nrrTertimbang };
      row.getCell(7).value = { formula: `ROUND(D${r}*25/${respondentsRef},2)`, result: e.score };
      row.getCell(8).value = e.grade;
    } else {
      for (const c of [5, 6, 7, 8]) row.getCell(c).value = '-';
    }
    row.getCell(5).numFmt = '0.0000';
    row.getCell(6).numFmt = '0.0000';
    row.getCell(7).numFmt = '0.00';
    for (let c = 1; c <= 8; c++) row.getCell(c).border = THIN;
  });
  const total = ws.getRow(last + 1);
  total.getCell(3).value = 'Jumlah';
  const totalSum = report.elements.reduce((s, e) => s + e.sum, 0);
  total.getCell(4).value = { formula: `SUM(D${first}:D${last})`, result: totalSum };
  const sumTertimbang = report.elements.reduce((s, e) => s + e.nrrTertimbang, 0);
  if (hasData) {
    total.getCell(6).value = { formula: `SUM(F${first}:F${last})`, result: sumTertimbang };
    total.getCell(6).numFmt = '0.0000';
  }
  for (let c = 1; c <= 8; c++) {
    total.getCell(c).font = BOLD;
    total.getCell(c).border = THIN;
  }

  const results: [string, ExcelJS.CellValue, string?][] = [
    [
      'Nilai indeks (jumlah NRR tertimbang)',
      hasData ? { formula: `F${last + 1}`, result: sumTertimbang } : '-',
      '0.0000',
    ],
    [
      IKM_LABEL,
      // Whole numbers, rounded once: the exact IKM of the rule, not the sum of rounded NRRs.
      report.ikm !== null ? { formula: `ROUND(D${last + 1}*25/(${respondentsRef}*9),2)`, result: report.ikm } : '-',
      '0.00',
    ],
    ['Mutu pelayanan', report.grade ?? '-'],
    ['Kinerja unit pelayanan', report.label?.id ?? '-'],
    [`IKM periode sebelumnya (${report.previous.periodLabel})`, report.previous.ikm ?? '-', '0.00'],
    ['Perubahan IKM', report.previous.change ?? '-', '0.00'],
  ];
  results.forEach(([label, value, fmt], i) => {
    const row = ws.getRow(last + 3 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = BOLD;
    row.getCell(2).value = value;
    if (fmt) row.getCell(2).numFmt = fmt;
    if (label === IKM_LABEL) row.getCell(2).font = BOLD;
  });
  const weakRow = last + 3 + results.length + 1;
  ws.getCell(`A${weakRow}`).value = 'Unsur terendah';
  ws.getCell(`A${weakRow}`).font = BOLD;
  ws.getCell(`B${weakRow}`).value =
    report.weakest.length > 0 ? report.weakest.map((e) => `${e.name.id} (${e.nrr.toFixed(2)})`).join('; ') : '-';
}

function responsesSheet(wb: ExcelJS.Workbook, rows: readonly ResponseRow[]): void {
  const ws = wb.addWorksheet('Responden', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'No', key: 'no', width: 6 },
    { header: 'Tanggal', key: 'date', width: 12 },
    { header: 'Layanan', key: 'service', width: 32 },
    { header: 'Sumber', key: 'source', width: 16 },
    ...SKM_ELEMENT_KEYS.map((key, i) => ({
      header: `U${i + 1} ${SKM_ELEMENTS[key].name.id}`,
      key,
      width: 14,
    })),
    { header: 'Jenis kelamin', key: 'sex', width: 13 },
    { header: 'Usia', key: 'age', width: 7 },
    { header: 'Pendidikan', key: 'education', width: 12 },
    { header: 'Pekerjaan', key: 'occupation', width: 18 },
    { header: 'Saran', key: 'suggestion', width: 60 },
  ];
  const header = ws.getRow(1);
  header.font = BOLD;
  header.alignment = { wrapText: true, vertical: 'top' };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  rows.forEach((r, i) => {
    ws.addRow({
      no: i + 1,
      date: r.service_date,
      service: r.service_name,
      source: SOURCE_LABELS[r.source],
      ...Object.fromEntries(SKM_ELEMENT_KEYS.map((k) => [k, Number(r[k])])),
      sex: SEX_LABELS[r.sex]?.id ?? r.sex,
      age: Number(r.age),
      education: EDUCATION_LABELS[r.education]?.id ?? r.education,
      occupation: OCCUPATION_LABELS[r.occupation]?.id ?? r.occupation,
      suggestion: r.suggestion ?? '',
    });
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };
}

/** Renders the workbook; `now` is the server's clock, for the file's own dates. */
export async function renderReportXlsx(
  report: SkmFullReport,
  responses: readonly ResponseRow[],
  printedOn: string,
  now: number,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Loket';
  wb.created = new Date(now);
  wb.modified = new Date(now);
  wb.title = `Laporan Hasil SKM - ${report.unit.name} - ${report.period.label}`;
  wb.description = `Dicetak dari Loket, ${formatDateId(printedOn)}`;
  summarySheet(wb, report);
  responsesSheet(wb, responses);
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

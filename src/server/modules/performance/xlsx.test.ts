import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PerformanceReport, UnitSummary } from '../../../api/performance.js';
import { percentile } from '../../../domain/performance.js';
import type { PerformanceExport, VisitExportRow } from './export-types.js';
import { renderPerformanceXlsx, SHEETS } from './xlsx.js';

// ---------------------------------------------------------------------------------------------
// Fixtures, by hand: an agency report over five visits, and a period without any

const MALL = { slug: 'blora', name: 'MPP Kabupaten Blora' };
const DUKCAPIL = { id: 'ag-1', name: 'Dinas Kependudukan dan Pencatatan Sipil', code: 'DUKCAPIL' };
const UNIT: PerformanceReport['unit'] = {
  level: 'agency',
  name: DUKCAPIL.name,
  mall: MALL,
  agency: DUKCAPIL,
  service: null,
};
const PERIOD = { from: '2026-06-01', to: '2026-06-30', days: 30, label: 'Juni 2026' };
// 1 July 2026, 09:30 in Blora (UTC+7)
const GENERATED = Date.UTC(2026, 6, 1, 2, 30);
/** 2 June 2026 at hh:mm in Blora, as epoch ms */
const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 5, 2, hh - 7, mm, ss);

function visit(over: Partial<VisitExportRow>): VisitExportRow {
  return {
    date: '2026-06-02',
    hour: 8,
    agency: DUKCAPIL.name,
    service: 'Perekaman KTP-el',
    counter: 'Loket 1',
    officer: 'Siti Rahayu',
    priority: null,
    transferredIn: false,
    enteredAt: at(8, 0),
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    outcome: 'waiting',
    waitSeconds: null,
    serviceSeconds: null,
    withinStandard: null,
    ...over,
  };
}

/** served: entered at 08:mm, waited `wait` seconds, served `service` seconds */
function served(mm: number, wait: number, service: number, within: boolean | null, over: Partial<VisitExportRow> = {}) {
  const enteredAt = at(8, mm);
  const calledAt = enteredAt + wait * 1000;
  return visit({
    enteredAt,
    calledAt,
    startedAt: calledAt + 30_000,
    finishedAt: calledAt + 30_000 + service * 1000,
    outcome: 'done',
    waitSeconds: wait,
    serviceSeconds: service,
    withinStandard: within,
    ...over,
  });
}

const ROWS: VisitExportRow[] = [
  served(0, 60, 300, true, { priority: 'lansia' }),
  served(5, 120, 420, true),
  served(10, 300, 900, false, { hour: 8, service: 'Kartu Identitas Anak (KIA)', counter: 'Loket 2' }),
  served(20, 600, 480, null, { hour: 8, transferredIn: true }),
  visit({ enteredAt: at(9, 15), hour: 9, calledAt: at(9, 30), outcome: 'no_show', waitSeconds: 900, officer: null }),
  visit({ enteredAt: at(9, 40), hour: 9, outcome: 'cancelled', counter: null, officer: null }),
];
const WAITS = [60, 120, 300, 600, 900];
const SERVICES = [300, 420, 900, 480];

function summary(id: string, name: string, i: number): UnitSummary {
  return {
    id,
    name,
    issued: 3 - i,
    visits: 3 - i,
    served: 2 - i,
    noShow: i,
    cancelled: 0,
    transferred: 0,
    waitMeanSeconds: 200 + i * 100,
    waitMedianSeconds: 150,
    waitP90Seconds: 500,
    serviceMeanSeconds: i === 1 ? null : 400,
    withinStandardShare: i === 1 ? null : 0.5,
    ikm: i === 1 ? null : 88.5,
    grade: i === 1 ? null : 'A',
  };
}

function agencyExport(): PerformanceExport & { rows: VisitExportRow[] } {
  const byHour = Array.from({ length: 24 }, () => 0);
  byHour[8] = 4;
  byHour[9] = 2;
  const sortedWaits = [...WAITS].sort((a, b) => a - b);
  const sortedServices = [...SERVICES].sort((a, b) => a - b);
  const report: PerformanceReport = {
    unit: UNIT,
    period: PERIOD,
    measures: {
      visits: 6,
      issued: 5,
      transferredIn: 1,
      served: 4,
      noShow: 1,
      cancelled: 1,
      transferred: 0,
      open: 0,
      waitSeconds: { count: 5, mean: 396, median: percentile(sortedWaits, 0.5), p90: percentile(sortedWaits, 0.9) },
      serviceSeconds: {
        count: 4,
        mean: 525,
        median: percentile(sortedServices, 0.5),
        p90: percentile(sortedServices, 0.9),
      },
      withinStandard: { measured: 3, within: 2, share: 2 / 3 },
      counters: { active: 2, perDay: 2, hoursStaffed: 3 },
      arrivalsByHour: byHour,
      busiestHours: [
        { hour: 8, arrivals: 4 },
        { hour: 9, arrivals: 2 },
      ],
      days: 1,
    },
    ikm: { respondents: 12, ikm: 88.75, grade: 'A' },
    breakdown: {
      agencies: [],
      services: [summary('sv-1', 'Perekaman KTP-el', 0), summary('sv-2', 'Kartu Identitas Anak (KIA)', 1)],
      counters: [summary('ct-1', 'Loket 1', 0), summary('ct-2', 'Loket 2', 1)],
      officers: [summary('of-1', 'Siti Rahayu', 0), summary('of-2', 'Bambang Sutrisno', 1)],
    },
  };
  const points = Array.from({ length: 12 }, (_, i) => {
    const month = ((6 + i) % 12) + 1; // July 2025 … June 2026
    const year = i < 6 ? 2025 : 2026;
    const key = `${year}-${String(month).padStart(2, '0')}`;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const visits = i === 11 ? 6 : i * 3;
    return {
      key,
      from: `${key}-01`,
      to: `${key}-${last}`,
      issued: visits,
      visits,
      served: visits,
      noShow: 0,
      waitMeanSeconds: visits ? 300 : null,
      waitP90Seconds: visits ? 600 : null,
      serviceMeanSeconds: visits ? 400 : null,
      withinStandardShare: visits ? 0.75 : null,
      ikm: i === 11 ? 88.75 : null,
      grade: i === 11 ? ('A' as const) : null,
    };
  });
  return {
    report,
    trend: { unit: UNIT, period: PERIOD, granularity: 'month', points },
    staffing: {
      unit: UNIT,
      period: PERIOD,
      targetWaitMinutes: 15,
      hours: [
        {
          hour: 8,
          arrivalsPerHour: 4,
          meanServiceMinutes: 8.75,
          countersNeeded: 2,
          expectedWaitMinutes: 1.2,
          countersOpen: 1.5,
        },
        {
          hour: 9,
          arrivalsPerHour: 2,
          meanServiceMinutes: 8.75,
          countersNeeded: 1,
          expectedWaitMinutes: 4.1,
          countersOpen: 1,
        },
      ],
    },
    generatedAt: GENERATED,
    timeZone: 'Asia/Jakarta',
    rows: ROWS,
  };
}

function emptyExport(): PerformanceExport & { rows: VisitExportRow[] } {
  const input = agencyExport();
  const none = { count: 0, mean: null, median: null, p90: null };
  input.report.measures = {
    ...input.report.measures,
    visits: 0,
    issued: 0,
    transferredIn: 0,
    served: 0,
    noShow: 0,
    cancelled: 0,
    waitSeconds: none,
    serviceSeconds: none,
    withinStandard: { measured: 0, within: 0, share: null },
    counters: { active: 0, perDay: null, hoursStaffed: 0 },
    arrivalsByHour: Array.from({ length: 24 }, () => 0),
    busiestHours: [],
    days: 0,
  };
  input.report.ikm = { respondents: 0, ikm: null, grade: null };
  input.report.breakdown = { agencies: [], services: [], counters: [], officers: [] };
  input.trend.points = [];
  input.staffing.hours = [];
  input.rows = [];
  return input;
}

// ---------------------------------------------------------------------------------------------

async function load(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** A cell's value, or its formula's result. */
const cellResult = (cell: ExcelJS.Cell): unknown => {
  const v = cell.value;
  return v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
};

function rowLabelled(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row ${label}`);
  return found;
}

const formulaOf = (cell: ExcelJS.Cell): string => (cell.value as ExcelJS.CellFormulaValue).formula;

describe('renderPerformanceXlsx', () => {
  it('writes the six sheets, the summary with its unit and period, and values in minutes and shares', async () => {
    const body = await renderPerformanceXlsx(agencyExport());
    if (process.env.PERF_XLSX_OUT) writeFileSync(process.env.PERF_XLSX_OUT, body);
    const wb = await load(body);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Rincian',
      'Tren',
      'Jam',
      'Saran loket',
      'Data kunjungan',
    ]);
    const ws = wb.getWorksheet(SHEETS.summary)!;
    expect(ws.getCell('A1').value).toBe('LAPORAN KINERJA PELAYANAN');
    expect(rowLabelled(ws, 'Periode').getCell(2).value).toBe('Juni 2026');
    expect(rowLabelled(ws, 'Unit').getCell(2).value).toBe(`${DUKCAPIL.name} - ${MALL.name}`);
    expect(rowLabelled(ws, 'Disusun').getCell(2).value).toBe('1 Juli 2026 09.30 WIB');

    const visits = rowLabelled(ws, 'Kunjungan (tiket baru + alihan masuk)');
    expect(visits.getCell(2).value).toBe(6);
    const mean = rowLabelled(ws, 'Waktu tunggu rata-rata');
    expect(mean.getCell(2).value).toBeCloseTo(6.6, 10);
    expect(mean.getCell(2).numFmt).toBe('0.0');
    expect(mean.getCell(3).value).toBe('menit');
    const share = rowLabelled(ws, 'Sesuai standar waktu (%)');
    expect(share.getCell(2).value).toBeCloseTo(2 / 3, 10);
    expect(share.getCell(2).numFmt).toBe('0.0%');
    expect(rowLabelled(ws, 'IKM').getCell(2).value).toBe(88.75);
    expect(rowLabelled(ws, 'Mutu pelayanan').getCell(2).value).toBe('A');
    // the header row of the table is bold
    expect(rowLabelled(ws, 'Ukuran').getCell(1).font?.bold).toBe(true);
  });

  it('puts formulas over the data sheet beside the median and P90, giving the same figures', async () => {
    const input = agencyExport();
    const wb = await load(await renderPerformanceXlsx(input));
    const ws = wb.getWorksheet(SHEETS.summary)!;
    const m = input.report.measures;
    const cases: [string, string, number | null][] = [
      ['Waktu tunggu rata-rata', 'AVERAGE(', m.waitSeconds.mean],
      ['Waktu tunggu median', 'MEDIAN(', m.waitSeconds.median],
      ['Waktu tunggu persentil 90', 'PERCENTILE.INC(', m.waitSeconds.p90],
      ['Waktu layanan rata-rata', 'AVERAGE(', m.serviceSeconds.mean],
      ['Waktu layanan median', 'MEDIAN(', m.serviceSeconds.median],
      ['Waktu layanan persentil 90', 'PERCENTILE.INC(', m.serviceSeconds.p90],
    ];
    for (const [label, fn, seconds] of cases) {
      const row = rowLabelled(ws, label);
      const cell = row.getCell(4);
      expect(formulaOf(cell)).toContain(fn);
      expect(formulaOf(cell)).toContain("'Data kunjungan'!");
      // the report's figure (column B) and the formula's result (column D) agree
      expect(cellResult(cell)).toBeCloseTo((seconds as number) / 60, 10);
      expect(row.getCell(2).value).toBeCloseTo((seconds as number) / 60, 10);
      expect(String(row.getCell(5).value)).toMatch(/^=.*'Data kunjungan'!/);
    }
    // P90 of waits 1, 2, 5, 10, 15 minutes: rank 3.6 → 10 + 0.6 × 5 = 13
    expect(cellResult(rowLabelled(ws, 'Waktu tunggu persentil 90').getCell(4))).toBeCloseTo(13, 10);
    // the wait formulas point at the wait-minutes column of the data sheet
    const data = wb.getWorksheet(SHEETS.data)!;
    const waitColumn = formulaOf(rowLabelled(ws, 'Waktu tunggu median').getCell(4)).match(/!\$([A-Z]+)\$2:/)?.[1];
    expect(data.getCell(`${waitColumn}1`).value).toBe('Tunggu (menit)');
    const serviceColumn = formulaOf(rowLabelled(ws, 'Waktu layanan median').getCell(4)).match(/!\$([A-Z]+)\$2:/)?.[1];
    expect(data.getCell(`${serviceColumn}1`).value).toBe('Layanan (menit)');
    expect(formulaOf(rowLabelled(ws, 'Waktu tunggu median').getCell(4))).toBe(
      `MEDIAN('Data kunjungan'!$${waitColumn}$2:$${waitColumn}$${ROWS.length + 1})`,
    );
    // counts too
    const servedCell = rowLabelled(ws, 'Dilayani sampai selesai').getCell(4);
    expect(formulaOf(servedCell)).toContain('COUNTIF(');
    expect(cellResult(servedCell)).toBe(4);
    expect(cellResult(rowLabelled(ws, 'Sesuai standar waktu (%)').getCell(4))).toBeCloseTo(2 / 3, 10);
  });

  it('lists the visits with local date-times and minutes as numbers', async () => {
    const wb = await load(await renderPerformanceXlsx(agencyExport()));
    const ws = wb.getWorksheet(SHEETS.data)!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.actualRowCount).toBe(1 + ROWS.length);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const first = ws.getRow(2);
    // 08:00 at the mall, whatever the server's zone: Excel has no zones, so the wall clock is written
    const entered = first.getCell(col('Masuk antrean')).value as Date;
    expect(entered).toBeInstanceOf(Date);
    expect(entered.toISOString()).toBe('2026-06-02T08:00:00.000Z');
    expect(first.getCell(col('Masuk antrean')).numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    expect((first.getCell(col('Dipanggil')).value as Date).toISOString()).toBe('2026-06-02T08:01:00.000Z');
    expect((first.getCell(col('Tanggal')).value as Date).toISOString()).toBe('2026-06-02T00:00:00.000Z');
    expect(first.getCell(col('Tunggu (menit)')).value).toBe(1);
    expect(first.getCell(col('Layanan (menit)')).value).toBe(5);
    expect(first.getCell(col('Tunggu (menit)')).numFmt).toBe('0.0');
    expect(first.getCell(col('Prioritas')).value).toBe('Lansia');
    expect(first.getCell(col('Hasil')).value).toBe('Selesai dilayani');
    expect(first.getCell(col('Sesuai standar')).value).toBe('Ya');
    const cancelled = ws.getRow(7);
    expect(cancelled.getCell(col('Hasil')).value).toBe('Dibatalkan');
    expect(cancelled.getCell(col('Dipanggil')).value).toBeNull();
    expect(cancelled.getCell(col('Tunggu (menit)')).value).toBeNull();
  });

  it('fills Rincian, Tren, Jam and Saran loket', async () => {
    const wb = await load(await renderPerformanceXlsx(agencyExport()));
    const breakdown = wb.getWorksheet(SHEETS.breakdown)!;
    expect(breakdown.actualRowCount).toBe(1 + 6);
    expect(breakdown.getRow(1).font?.bold).toBe(true);
    expect(breakdown.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const kinds = [2, 3, 4, 5, 6, 7].map((r) => breakdown.getRow(r).getCell(1).value);
    expect(kinds).toEqual(['Layanan', 'Layanan', 'Loket', 'Loket', 'Petugas', 'Petugas']);
    expect(breakdown.getRow(2).getCell(2).value).toBe('Perekaman KTP-el');

    const trend = wb.getWorksheet(SHEETS.trend)!;
    expect(trend.actualRowCount).toBe(1 + 12);
    expect(trend.getRow(2).getCell(2).value).toBe('Juli 2025');
    expect(trend.getRow(13).getCell(2).value).toBe('Juni 2026');
    expect(trend.getRow(13).getCell(15).value).toBe('Ya');

    const hours = wb.getWorksheet(SHEETS.hours)!;
    expect(hours.getRow(10).getCell(1).value).toBe(8);
    expect(hours.getRow(10).getCell(2).value).toBe('08.00-09.00');
    expect(hours.getRow(10).getCell(3).value).toBe(4);
    expect(formulaOf(hours.getRow(10).getCell(5))).toContain("COUNTIF('Data kunjungan'!");
    expect(cellResult(hours.getRow(10).getCell(5))).toBe(4);
    expect(cellResult(hours.getRow(26).getCell(3))).toBe(6);

    const staffing = wb.getWorksheet(SHEETS.staffing)!;
    expect(staffing.getRow(1).getCell(5).value).toBe('Loket dibutuhkan (tunggu maks. 15 menit)');
    expect(staffing.getRow(2).getCell(5).value).toBe(2);
    expect(cellResult(staffing.getRow(2).getCell(8))).toBe(0.5);
  });

  it('renders a period without any visit, saying there is no data', async () => {
    const wb = await load(await renderPerformanceXlsx(emptyExport()));
    expect(wb.worksheets).toHaveLength(6);
    const summarySheet = wb.getWorksheet(SHEETS.summary)!;
    expect(rowLabelled(summarySheet, 'Waktu tunggu median').getCell(2).value).toBe('-');
    expect(rowLabelled(summarySheet, 'Waktu tunggu median').getCell(4).value).toBe('-');
    expect(rowLabelled(summarySheet, 'Waktu tunggu median').getCell(5).value).toBe('Tidak ada data');
    expect(rowLabelled(summarySheet, 'Mutu pelayanan').getCell(2).value).toBe('-');
    for (const name of [SHEETS.breakdown, SHEETS.trend, SHEETS.staffing, SHEETS.data]) {
      expect(wb.getWorksheet(name)!.getCell('A2').value).toBe('Tidak ada data');
    }
    expect(wb.getWorksheet(SHEETS.hours)!.getRow(26).getCell(2).value).toBe('Jumlah');
  });
});

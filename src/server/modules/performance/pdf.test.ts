import { writeFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import type { Measures, PerformanceReport, Staffing, Trend, UnitSummary } from '../../../api/performance.js';
import type { PerformanceExport } from './export-types.js';
import { formatNumberId, renderPerformancePdf, winAnsi } from './pdf.js';

// ---------------------------------------------------------------------------------------------
// Fixtures, by hand

const MALL = { slug: 'blora', name: 'MPP Kabupaten Blora' };
const DUKCAPIL = { id: 'ag-1', name: 'Dinas Kependudukan dan Pencatatan Sipil', code: 'DUKCAPIL' };

function measures(overrides: Partial<Measures> = {}): Measures {
  const byHour = Array.from({ length: 24 }, () => 0);
  Object.assign(byHour, { 8: 210, 9: 380, 10: 352, 11: 240, 12: 96, 13: 188, 14: 120, 15: 40 });
  return {
    visits: 1626,
    issued: 1580,
    transferredIn: 46,
    served: 1432,
    noShow: 101,
    cancelled: 47,
    transferred: 46,
    open: 0,
    waitSeconds: { count: 1533, mean: 744, median: 612, p90: 1530 },
    serviceSeconds: { count: 1432, mean: 486, median: 420, p90: 930 },
    withinStandard: { measured: 1200, within: 1104, share: 0.92 },
    counters: { active: 9, perDay: 7.4, hoursStaffed: 1210 },
    arrivalsByHour: byHour,
    busiestHours: [
      { hour: 9, arrivals: 380 },
      { hour: 10, arrivals: 352 },
      { hour: 11, arrivals: 240 },
    ],
    days: 62,
    ...overrides,
  };
}

function summary(id: string, name: string, i: number, shortName?: string): UnitSummary {
  return {
    id,
    name,
    ...(shortName ? { shortName } : {}),
    issued: 500 - i * 90,
    visits: 520 - i * 90,
    served: 470 - i * 80,
    noShow: 30 - i,
    cancelled: 12 + i,
    transferred: 8,
    waitMeanSeconds: 600 + i * 150,
    waitMedianSeconds: 540 + i * 120,
    waitP90Seconds: 1320 + i * 200,
    serviceMeanSeconds: 420 + i * 60,
    withinStandardShare: i === 2 ? null : 0.95 - i * 0.05,
    ikm: i === 2 ? null : 86.5 + i * 2,
    grade: i === 2 ? null : i === 1 ? 'A' : 'B',
  };
}

const MONTH_KEYS = [
  '2025-07',
  '2025-08',
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
];
const lastDay = (key: string) => {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return `${key}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

function trend(unit: PerformanceReport['unit'], period: PerformanceReport['period'], quiet = false): Trend {
  return {
    unit,
    period,
    granularity: 'month',
    points: MONTH_KEYS.map((key, i) => {
      const visits = quiet || i === 2 ? 0 : 400 + ((i * 137) % 300);
      return {
        key,
        from: `${key}-01`,
        to: lastDay(key),
        issued: visits,
        visits,
        served: Math.round(visits * 0.9),
        noShow: Math.round(visits * 0.05),
        waitMeanSeconds: visits ? 420 + ((i * 97) % 500) : null,
        waitP90Seconds: visits ? 1200 + ((i * 97) % 500) : null,
        serviceMeanSeconds: visits ? 400 + i * 10 : null,
        withinStandardShare: visits ? 0.9 : null,
        ikm: visits && i > 5 ? 85 + i / 4 : null,
        grade: visits && i > 5 ? 'B' : null,
      };
    }),
  };
}

function staffing(unit: PerformanceReport['unit'], period: PerformanceReport['period']): Staffing {
  return {
    unit,
    period,
    targetWaitMinutes: 15,
    hours: [
      {
        hour: 8,
        arrivalsPerHour: 3.4,
        meanServiceMinutes: 8.1,
        countersNeeded: 2,
        expectedWaitMinutes: 1.6,
        countersOpen: 3,
      },
      {
        hour: 9,
        arrivalsPerHour: 6.1,
        meanServiceMinutes: 8.1,
        countersNeeded: 3,
        expectedWaitMinutes: 2.2,
        countersOpen: 2.5,
      },
      {
        hour: 10,
        arrivalsPerHour: 5.7,
        meanServiceMinutes: 8.1,
        countersNeeded: 2,
        expectedWaitMinutes: 7.9,
        countersOpen: 3,
      },
      {
        hour: 11,
        arrivalsPerHour: 3.9,
        meanServiceMinutes: 8.1,
        countersNeeded: 2,
        expectedWaitMinutes: 2,
        countersOpen: 2.9,
      },
    ],
  };
}

// 1 July 2026, 09:30 in Blora (UTC+7)
const GENERATED = Date.UTC(2026, 6, 1, 2, 30);

function mallExport(): PerformanceExport {
  const unit: PerformanceReport['unit'] = { level: 'mall', name: MALL.name, mall: MALL, agency: null, service: null };
  const period = { from: '2026-04-01', to: '2026-06-30', days: 91, label: 'Triwulan II 2026' };
  const report: PerformanceReport = {
    unit,
    period,
    measures: measures(),
    ikm: { respondents: 240, ikm: 87.42, grade: 'B' },
    breakdown: {
      agencies: [
        summary('ag-1', DUKCAPIL.name, 0, 'DUKCAPIL'),
        summary('ag-2', 'Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah', 1, 'BPPKAD'),
        summary('ag-3', 'Kantor Pertanahan Kabupaten Blora', 2, 'BPN'),
      ],
      services: [],
      counters: [],
      officers: [],
    },
  };
  return {
    report,
    trend: trend(unit, period),
    staffing: staffing(unit, period),
    generatedAt: GENERATED,
    timeZone: 'Asia/Jakarta',
  };
}

function agencyExport(): PerformanceExport {
  const unit: PerformanceReport['unit'] = {
    level: 'agency',
    name: DUKCAPIL.name,
    mall: MALL,
    agency: DUKCAPIL,
    service: null,
  };
  const period = { from: '2026-06-01', to: '2026-06-30', days: 30, label: 'Juni 2026' };
  const report: PerformanceReport = {
    unit,
    period,
    measures: measures({ waitSeconds: { count: 500, mean: 1110, median: 900, p90: 2403 } }),
    ikm: { respondents: 88, ikm: 89.1, grade: 'A' },
    breakdown: {
      agencies: [],
      services: [summary('sv-1', 'Perekaman KTP-el', 0), summary('sv-2', 'Kartu Identitas Anak (KIA)', 1)],
      counters: [summary('ct-1', 'Loket 1', 0), summary('ct-2', 'Loket 2', 1)],
      officers: [summary('of-1', 'Siti Rahayu', 0), summary('of-2', 'Bambang Sutrisno', 1)],
    },
  };
  return {
    report,
    trend: trend(unit, period),
    staffing: staffing(unit, period),
    generatedAt: GENERATED,
    timeZone: 'Asia/Jakarta',
  };
}

function emptyExport(): PerformanceExport {
  const unit: PerformanceReport['unit'] = {
    level: 'service',
    name: 'Pengesahan Akta ≤ 1 hari → 中文',
    mall: MALL,
    agency: DUKCAPIL,
    service: { id: 'sv-9', name: 'Pengesahan Akta' },
  };
  const period = { from: '2026-01-01', to: '2026-06-30', days: 181, label: 'Semester I 2026' };
  const none = { count: 0, mean: null, median: null, p90: null };
  const report: PerformanceReport = {
    unit,
    period,
    measures: {
      visits: 0,
      issued: 0,
      transferredIn: 0,
      served: 0,
      noShow: 0,
      cancelled: 0,
      transferred: 0,
      open: 0,
      waitSeconds: none,
      serviceSeconds: none,
      withinStandard: { measured: 0, within: 0, share: null },
      counters: { active: 0, perDay: null, hoursStaffed: 0 },
      arrivalsByHour: Array.from({ length: 24 }, () => 0),
      busiestHours: [],
      days: 0,
    },
    ikm: { respondents: 0, ikm: null, grade: null },
    breakdown: { agencies: [], services: [], counters: [], officers: [] },
  };
  return {
    report,
    trend: { ...trend(unit, period, true), points: [] },
    staffing: { unit, period, targetWaitMinutes: 20, hours: [] },
    generatedAt: GENERATED,
    timeZone: 'Asia/Jakarta',
  };
}

async function pdfText(body: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    const result = await parser.getText();
    return { text: result.text.replace(/\s+/g, ' '), pages: result.total };
  } finally {
    await parser.destroy();
  }
}

const HEADINGS = [
  '1. Ringkasan',
  '2. Rincian',
  '3. Tren 12 bulan',
  '4. Jam sibuk',
  '5. Saran jumlah loket (Erlang C)',
  '6. Catatan',
];

// ---------------------------------------------------------------------------------------------

describe('formatNumberId and winAnsi', () => {
  it('writes numbers the Indonesian way', () => {
    expect(formatNumberId(12.4, 1)).toBe('12,4');
    expect(formatNumberId(1234567)).toBe('1.234.567');
    expect(formatNumberId(1234.56, 2)).toBe('1.234,56');
    expect(formatNumberId(-0.01, 1)).toBe('0,0');
    expect(formatNumberId(-1500, 1)).toBe('-1.500,0');
  });

  it('keeps what Helvetica prints and replaces the rest', () => {
    expect(winAnsi('Jl. Blora–Cepu “KM 5” • café')).toBe('Jl. Blora–Cepu “KM 5” • café');
    expect(winAnsi('tunggu ≤ 15 menit → loket')).toBe('tunggu <= 15 menit -> loket');
    expect(winAnsi('Şahin Łukasz')).toBe('Sahin ?ukasz');
    expect(winAnsi('中')).toBe('?');
  });
});

describe('renderPerformancePdf', () => {
  it('prints the mall report: title, unit, period, Indonesian figures, every section and the footer', async () => {
    const body = await renderPerformancePdf(mallExport());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.PERF_PDF_OUT) writeFileSync(process.env.PERF_PDF_OUT, body);
    const { text, pages } = await pdfText(body);
    expect(text).toContain('LAPORAN KINERJA PELAYANAN');
    expect(text).toContain('MPP KABUPATEN BLORA');
    expect(text).toContain('Periode Triwulan II 2026 (1 April 2026 - 30 Juni 2026)');
    expect(text).toContain('Disusun 1 Juli 2026 pukul 09.30 WIB');
    for (const h of HEADINGS) expect(text).toContain(h);
    // Ringkasan
    expect(text).toContain('Waktu tunggu rata-rata 12,4 menit');
    expect(text).toContain('Waktu tunggu persentil 90 25,5 menit');
    expect(text).toContain('Waktu layanan rata-rata 8,1 menit');
    expect(text).toContain('1.626');
    expect(text).toContain('92,0%');
    expect(text).toContain('87,42');
    expect(text).toContain('mutu B (Baik), 240 responden');
    // Rincian: every agency, nulls as the dash
    expect(text).toContain('2.1 Per instansi');
    expect(text).toContain('Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah');
    expect(text).toContain('Kantor Pertanahan Kabupaten Blora');
    expect(text).toContain('–');
    expect(text).toContain('Keseluruhan unit');
    // Tren, jam sibuk, staffing
    expect(text).toContain('Juli 2025');
    expect(text).toContain('Juni 2026');
    expect(text).toContain('Jam tersibuk: pukul 09.00-10.00 (380 kedatangan, rata-rata 6,1 per hari)');
    expect(text).toContain('Loket dibutuhkan (tunggu maks. 15 menit)');
    expect(text).toContain('PERCENTILE.INC');
    expect(text).toContain('Nomor 14 Tahun 2017');
    // Signature and footer
    expect(text).toContain('Blora, 1 Juli 2026');
    expect(text).toContain('Pengelola MPP Kabupaten Blora');
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Halaman ${n} dari ${pages}`);
  });

  it('prints the agency report with its services, counters and officers', async () => {
    const body = await renderPerformancePdf(agencyExport());
    if (process.env.PERF_PDF_OUT) writeFileSync(process.env.PERF_PDF_OUT.replace('.pdf', '-agency.pdf'), body);
    const { text } = await pdfText(body);
    expect(text).toContain('DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL');
    expect(text).toContain('Periode Juni 2026');
    expect(text).toContain('18,5 menit');
    expect(text).toContain('2.1 Per layanan');
    expect(text).toContain('2.2 Per loket');
    expect(text).toContain('2.3 Per petugas');
    expect(text).not.toContain('Per instansi');
    for (const name of [
      'Perekaman KTP-el',
      'Kartu Identitas Anak (KIA)',
      'Loket 2',
      'Siti Rahayu',
      'Bambang Sutrisno',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('Kepala Dinas Kependudukan dan Pencatatan Sipil');
    for (const h of HEADINGS) expect(text).toContain(h);
  });

  it('carries a long breakdown over pages, repeating its header, with a footer on each page', async () => {
    const input = agencyExport();
    input.report.breakdown.officers = Array.from({ length: 60 }, (_, i) =>
      summary(`of-${i}`, `Petugas Nomor ${i + 1}`, i % 2),
    );
    const { text, pages } = await pdfText(await renderPerformancePdf(input));
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(text).toContain('Petugas Nomor 60');
    // three tables (services, counters, officers), the officers header again on the next page
    expect(text.match(/Nama Kunjungan Dilayani/g)?.length).toBeGreaterThan(3);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Halaman ${n} dari ${pages}`);
  });

  it('renders a period without any visit, saying there is no data', async () => {
    const body = await renderPerformancePdf(emptyExport());
    if (process.env.PERF_PDF_OUT) writeFileSync(process.env.PERF_PDF_OUT.replace('.pdf', '-empty.pdf'), body);
    const { text, pages } = await pdfText(body);
    expect(text).toContain('LAPORAN KINERJA PELAYANAN');
    expect(text).toContain('Semester I 2026');
    // the characters Helvetica lacks are replaced, not printed as garbage
    expect(text).toContain('LAYANAN PENGESAHAN AKTA <= 1 HARI -> ?');
    expect(text).toContain('Tidak ada data kunjungan pada periode Semester I 2026.');
    expect(text).toContain('Tidak ada data rincian');
    expect(text).toContain('Tidak ada data kedatangan');
    expect(text.match(/Tidak ada data/g)?.length).toBeGreaterThanOrEqual(5);
    expect(text).toContain('belum ada responden');
    for (const h of ['1. Ringkasan', '2. Rincian', '4. Jam sibuk', '5. Saran jumlah loket (Erlang C)', '6. Catatan']) {
      expect(text).toContain(h);
    }
    expect(text).toContain(`Halaman 1 dari ${pages}`);
  });

  it('renders the trend without a chart when the 12 months had no visit', async () => {
    const input = emptyExport();
    input.trend = trend(input.report.unit, input.report.period, true);
    const { text } = await pdfText(await renderPerformancePdf(input));
    expect(text).toContain('3. Tren 12 bulan');
    expect(text).toContain('Tidak ada data kunjungan dalam rentang ini.');
    expect(text).toContain('Juli 2025');
  });
});

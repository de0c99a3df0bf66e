/**
 * The periodic performance report as the PDF for the leadership's desk (issue #5): the unit and
 * period, 1. a summary of the measures, 2. the breakdown into agencies / services / counters /
 * officers, 3. the 12-month trend (table and chart), 4. arrivals by hour, 5. the counters Erlang C
 * calls for, 6. definitions, and a signature block. Pure: figures in, bytes out.
 * A4 portrait in the built-in Helvetica, so every string goes through `winAnsi` first.
 */
import PDFDocument from 'pdfkit';
import type { UnitSummary } from '../../../api/performance.js';
import { zoneName } from '../../../domain/schedule.js';
import { GRADE_LABELS } from '../../../domain/skm.js';
import { formatDateId, MONTHS_ID } from '../../../domain/skm-report.js';
import { BREAKDOWN_KINDS, type PerformanceExport, unitLines, wallClock } from './export-types.js';

const MARGIN = 56; // about 2 cm
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const GREY = '#e8e8e8';
const INK = '#555555';
const GRID = '#d8d8d8';
const BAR = '#8fabd3';
const BAR_STRONG = '#2f5f9e';
const LINE = '#c0392b';
/** printed for a figure with no data */
const DASH = '–';

type Doc = PDFKit.PDFDocument;
type Point = PerformanceExport['trend']['points'][number];

// ---------------------------------------------------------------------------------------------
// Text: WinAnsi only, Indonesian numbers

/** Characters outside Latin-1 that WinAnsi (and so the built-in fonts) still has. */
const WIN_ANSI_EXTRA = new Set([
  0x192, 0x2c6, 0x2dc, 0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);
const REPLACEMENTS: Record<string, string> = {
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '→': '->',
  '←': '<-',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '✓': 'v',
};

const printable = (code: number) =>
  code === 10 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);

/** The text with every character Helvetica cannot print replaced: accents dropped, else '?'. */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0x3f;
    if (printable(code)) out += ch;
    else if (ch in REPLACEMENTS) out += REPLACEMENTS[ch];
    else {
      const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += bare && [...bare].every((c) => printable(c.codePointAt(0) ?? 0)) ? bare : '?';
    }
  }
  return out;
}

/** 1234.5 → "1.234,5": Indonesian grouping and decimal comma. */
export function formatNumberId(n: number, decimals = 0): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${frac ? `,${frac}` : ''}`;
}

const count = (n: number) => formatNumberId(n);
const finite = (n: number | null | undefined): n is number => n !== null && n !== undefined && Number.isFinite(n);
/** seconds as minutes to one decimal, "12,4"; the dash for none */
const minutes = (seconds: number | null) => (finite(seconds) ? formatNumberId(seconds / 60, 1) : DASH);
const minutesText = (seconds: number | null) => (finite(seconds) ? `${minutes(seconds)} menit` : DASH);
const percent = (share: number | null) => (finite(share) ? `${formatNumberId(share * 100, 1)}%` : DASH);
const ikmCell = (ikm: number | null, grade: string | null) =>
  finite(ikm) ? `${formatNumberId(ikm, 2)}${grade ? ` (${grade})` : ''}` : DASH;
const clock = (hour: number) => `${String(hour).padStart(2, '0')}.00`;
const hourSpan = (hour: number) => `${clock(hour)}-${clock((hour + 1) % 24 || 24)}`;

/** "Jul 2026" for a month key, "6 Jul 2026" for a week */
function pointLabel(p: Point): string {
  const [y, m, d] = p.from.split('-').map(Number) as [number, number, number];
  const month = (MONTHS_ID[m - 1] ?? '').slice(0, 3);
  return p.key.length === 7 ? `${month} ${y}` : `${d} ${month} ${y}`;
}

// ---------------------------------------------------------------------------------------------
// Layout helpers (as the SKM report's)

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** A section heading, kept on one page with the first `keep` points of what follows it. */
function heading(doc: Doc, text: string, keep = 80, size = 11): void {
  ensureSpace(doc, 30 + keep);
  doc.moveDown(size === 11 ? 0.8 : 0.5);
  doc.font(BOLD).fontSize(size).fillColor('black').text(winAnsi(text), doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
  doc.font(FONT).fontSize(10);
}

function paragraph(doc: Doc, text: string, options: { size?: number; indent?: number } = {}): void {
  const indent = options.indent ?? 0;
  doc
    .font(FONT)
    .fontSize(options.size ?? 10)
    .fillColor('black')
    .text(winAnsi(text), doc.page.margins.left + indent, doc.y, {
      width: contentWidth(doc) - indent,
      align: 'justify',
      lineGap: 2,
    });
  doc.x = doc.page.margins.left;
  doc.moveDown(0.4);
}

const noData = (doc: Doc, what = 'Tidak ada data.') => paragraph(doc, what);

/**
 * A bordered table; rows grow to fit wrapped text, and the header repeats on a new page.
 * `bold` rows (by index) are printed in bold on grey.
 */
function table(
  doc: Doc,
  columns: Column[],
  rows: string[][],
  options: { bold?: ReadonlySet<number>; size?: number } = {},
): void {
  const x0 = doc.page.margins.left;
  const pad = 3.5;
  const size = options.size ?? 9;
  const cellHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    let h = 0;
    for (const [i, col] of columns.entries()) {
      h = Math.max(h, doc.heightOfString(winAnsi(cells[i] ?? ''), { width: col.width - 2 * pad }));
    }
    return h + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, fill: string | null) => {
    const h = cellHeight(cells, font);
    const y = doc.y;
    let x = x0;
    for (const [i, col] of columns.entries()) {
      if (fill) doc.rect(x, y, col.width, h).fill(fill);
      doc.rect(x, y, col.width, h).lineWidth(0.5).stroke(INK);
      doc
        .fillColor('black')
        .font(font)
        .fontSize(size)
        .text(winAnsi(cells[i] ?? ''), x + pad, y + pad, { width: col.width - 2 * pad, align: col.align ?? 'left' });
      x += col.width;
    }
    doc.x = x0;
    doc.y = y + h;
  };
  const headers = columns.map((c) => c.header);
  ensureSpace(doc, cellHeight(headers, BOLD) + cellHeight(rows[0] ?? headers, FONT));
  drawRow(headers, BOLD, GREY);
  for (const [i, row] of rows.entries()) {
    const bold = options.bold?.has(i) ?? false;
    if (doc.y + cellHeight(row, bold ? BOLD : FONT) > bottom(doc)) {
      doc.addPage();
      drawRow(headers, BOLD, GREY);
    }
    drawRow(row, bold ? BOLD : FONT, bold ? GREY : null);
  }
  doc.x = x0;
}

/** `columns` scaled so they fill `width` */
function fitWidths(columns: Column[], width: number): Column[] {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  return columns.map((c) => ({ ...c, width: (c.width * width) / total }));
}

/**
 * The top of an axis with `ticks` gridlines at round steps (1, 2, 2.5 or 5 times a power of ten,
 * whole numbers only for counts) that reaches `max`.
 */
function axisTop(max: number, ticks: number, wholeNumbers: boolean): number {
  const raw = Math.max(max, wholeNumbers ? ticks : 0.1 * ticks) / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const steps = wholeNumbers && power < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = (steps.find((s) => s * power >= raw - 1e-9) ?? 10) * power;
  return step * ticks;
}

/** Small grey text at an exact place, never wrapping or breaking the page. */
function label(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'center' | 'right') {
  doc.font(FONT).fontSize(7).fillColor(INK).text(winAnsi(text), x, y, { width, align, lineBreak: false });
}

// ---------------------------------------------------------------------------------------------
// Charts

/** Bars of visits per month and a line of the mean wait, on their own axes. */
function trendChart(doc: Doc, points: readonly Point[]): void {
  const height = 190;
  ensureSpace(doc, height + 10);
  const x = doc.page.margins.left;
  const y = doc.y;
  const width = contentWidth(doc);
  const left = x + 36;
  const right = x + width - 36;
  const top = y + 24;
  const base = y + height - 16;
  const ticks = 4;
  const maxVisits = axisTop(Math.max(...points.map((p) => p.visits)), ticks, true);
  const waits = points.map((p) => (finite(p.waitMeanSeconds) ? p.waitMeanSeconds / 60 : null));
  const maxWait = axisTop(Math.max(0, ...waits.filter(finite)), ticks, false);

  // Legend
  doc.rect(x, y + 2, 9, 7).fill(BAR);
  label(doc, 'Kunjungan (sumbu kiri)', x + 12, y + 2, 120, 'left');
  doc
    .moveTo(x + 140, y + 5.5)
    .lineTo(x + 152, y + 5.5)
    .lineWidth(1.5)
    .stroke(LINE);
  label(doc, 'Waktu tunggu rata-rata, menit (sumbu kanan)', x + 156, y + 2, 220, 'left');

  // Grid and axes
  for (let i = 0; i <= ticks; i++) {
    const ty = base - ((base - top) * i) / ticks;
    doc
      .moveTo(left, ty)
      .lineTo(right, ty)
      .lineWidth(0.4)
      .stroke(i === 0 ? INK : GRID);
    const visits = (maxVisits * i) / ticks;
    label(doc, formatNumberId(visits, Number.isInteger(visits) ? 0 : 1), x, ty - 3, 32, 'right');
    label(doc, formatNumberId((maxWait * i) / ticks, 1), right + 4, ty - 3, 32, 'left');
  }

  const slot = (right - left) / Math.max(points.length, 1);
  const cx = (i: number) => left + slot * (i + 0.5);
  // Every label when they fit side by side, else every second, third … (weeks)
  doc.font(FONT).fontSize(7);
  const widest = Math.max(...points.map((p) => doc.widthOfString(winAnsi(pointLabel(p)))));
  const every = Math.max(1, Math.ceil((widest + 4) / slot));
  for (const [i, p] of points.entries()) {
    const h = ((base - top) * p.visits) / maxVisits;
    if (h > 0) doc.rect(cx(i) - slot * 0.3, base - h, slot * 0.6, h).fill(BAR);
    if (i % every === 0) label(doc, pointLabel(p), cx(i) - (slot * every) / 2, base + 4, slot * every, 'center');
  }

  // The wait line, broken where a month has no wait
  const wy = (w: number) => base - ((base - top) * w) / maxWait;
  let drawing = false;
  for (const [i, w] of waits.entries()) {
    if (w === null) {
      drawing = false;
      continue;
    }
    if (drawing) doc.lineTo(cx(i), wy(w));
    else doc.moveTo(cx(i), wy(w));
    drawing = true;
    const next = waits[i + 1];
    if (next === null || next === undefined) doc.lineWidth(1.5).stroke(LINE);
  }
  for (const [i, w] of waits.entries()) if (w !== null) doc.circle(cx(i), wy(w), 2).fill(LINE);

  doc.fillColor('black');
  doc.x = x;
  doc.y = y + height + 6;
}

/** Bars of arrivals for each hour from the first to the last with arrivals; the busiest darker. */
function hoursChart(doc: Doc, byHour: readonly number[], busiest: ReadonlySet<number>): void {
  const hours = byHour.map((n, hour) => ({ hour, n })).filter((h) => h.n > 0);
  const first = hours[0]?.hour ?? 0;
  const last = hours.at(-1)?.hour ?? 0;
  const height = 140;
  ensureSpace(doc, height + 10);
  const x = doc.page.margins.left;
  const y = doc.y;
  const width = contentWidth(doc);
  const left = x + 36;
  const right = x + width - 8;
  const top = y + 12;
  const base = y + height - 16;
  const ticks = 4;
  const max = axisTop(Math.max(...byHour), ticks, true);
  for (let i = 0; i <= ticks; i++) {
    const ty = base - ((base - top) * i) / ticks;
    doc
      .moveTo(left, ty)
      .lineTo(right, ty)
      .lineWidth(0.4)
      .stroke(i === 0 ? INK : GRID);
    const v = (max * i) / ticks;
    label(doc, formatNumberId(v, Number.isInteger(v) ? 0 : 1), x, ty - 3, 32, 'right');
  }
  const n = last - first + 1;
  const slot = (right - left) / n;
  for (let hour = first; hour <= last; hour++) {
    const value = byHour[hour] ?? 0;
    const cx = left + slot * (hour - first + 0.5);
    const h = ((base - top) * value) / max;
    if (h > 0) doc.rect(cx - slot * 0.35, base - h, slot * 0.7, h).fill(busiest.has(hour) ? BAR_STRONG : BAR);
    if (value > 0) label(doc, count(value), cx - slot / 2, base - h - 9, slot, 'center');
    label(doc, clock(hour), cx - slot / 2, base + 4, slot, 'center');
  }
  doc.fillColor('black');
  doc.x = x;
  doc.y = y + height + 6;
}

// ---------------------------------------------------------------------------------------------
// Sections

function summaryText(input: PerformanceExport): string {
  const { report } = input;
  const m = report.measures;
  if (m.visits === 0) return `Tidak ada data kunjungan pada periode ${report.period.label}.`;
  const parts = [
    `Selama ${report.period.label} tercatat ${count(m.visits)} kunjungan pada ${count(m.days)} hari layanan, ` +
      `${count(m.served)} di antaranya dilayani sampai selesai (${percent(m.served / m.visits)}).`,
  ];
  if (finite(m.waitSeconds.mean)) {
    parts.push(
      `Rata-rata waktu tunggu ${minutesText(m.waitSeconds.mean)}; 90% kunjungan dipanggil dalam ${minutesText(m.waitSeconds.p90)}.`,
    );
  }
  if (finite(m.serviceSeconds.mean)) parts.push(`Rata-rata waktu layanan ${minutesText(m.serviceSeconds.mean)}.`);
  if (finite(m.withinStandard.share)) {
    parts.push(`${percent(m.withinStandard.share)} layanan yang terukur selesai dalam standar waktu.`);
  }
  if (finite(report.ikm.ikm) && report.ikm.grade) {
    parts.push(
      `Nilai IKM ${formatNumberId(report.ikm.ikm, 2)} dengan mutu ${report.ikm.grade} (${GRADE_LABELS[report.ikm.grade].id}).`,
    );
  }
  return parts.join(' ');
}

function summaryTable(doc: Doc, input: PerformanceExport): void {
  const m = input.report.measures;
  const ikm = input.report.ikm;
  const ofVisits = (n: number) => (m.visits > 0 ? `${percent(n / m.visits)} dari kunjungan` : '');
  const rows: string[][] = [
    ['Tiket diterbitkan', count(m.issued), 'tiket baru'],
    ['Dialihkan masuk', count(m.transferredIn), 'diterima dari layanan lain'],
    ['Kunjungan', count(m.visits), 'tiket baru ditambah alihan masuk'],
    ['Dilayani sampai selesai', count(m.served), ofVisits(m.served)],
    ['Tidak hadir saat dipanggil', count(m.noShow), ofVisits(m.noShow)],
    ['Dibatalkan', count(m.cancelled), ofVisits(m.cancelled)],
    ['Dialihkan ke layanan lain', count(m.transferred), ofVisits(m.transferred)],
    ['Belum selesai', count(m.open), 'masih menunggu, dipanggil atau dilayani'],
    [
      'Waktu tunggu rata-rata',
      minutesText(m.waitSeconds.mean),
      m.waitSeconds.count ? `atas ${count(m.waitSeconds.count)} kunjungan yang dipanggil` : '',
    ],
    ['Waktu tunggu median', minutesText(m.waitSeconds.median), ''],
    [
      'Waktu tunggu persentil 90',
      minutesText(m.waitSeconds.p90),
      m.waitSeconds.count ? '90% kunjungan tidak lebih lama' : '',
    ],
    [
      'Waktu layanan rata-rata',
      minutesText(m.serviceSeconds.mean),
      m.serviceSeconds.count ? `atas ${count(m.serviceSeconds.count)} kunjungan yang selesai` : '',
    ],
    ['Waktu layanan median', minutesText(m.serviceSeconds.median), ''],
    [
      'Waktu layanan persentil 90',
      minutesText(m.serviceSeconds.p90),
      m.serviceSeconds.count ? '90% layanan tidak lebih lama' : '',
    ],
    [
      'Sesuai standar waktu',
      percent(m.withinStandard.share),
      m.withinStandard.measured
        ? `${count(m.withinStandard.within)} dari ${count(m.withinStandard.measured)} layanan terukur`
        : 'tidak ada layanan dengan standar waktu dalam menit',
    ],
    [
      'Loket aktif',
      count(m.counters.active),
      finite(m.counters.perDay) ? `rata-rata ${formatNumberId(m.counters.perDay, 1)} loket per hari` : '',
    ],
    ['Jam layanan petugas', `${count(m.counters.hoursStaffed)} jam`, 'jam aktif loket, dijumlah per loket per hari'],
    ['Hari layanan', `${count(m.days)} hari`, 'hari dengan kedatangan'],
    [
      'Indeks Kepuasan Masyarakat (IKM)',
      finite(ikm.ikm) ? formatNumberId(ikm.ikm, 2) : DASH,
      finite(ikm.ikm) && ikm.grade
        ? `mutu ${ikm.grade} (${GRADE_LABELS[ikm.grade].id}), ${count(ikm.respondents)} responden`
        : 'belum ada responden',
    ],
  ];
  table(
    doc,
    fitWidths(
      [
        { header: 'Ukuran', width: 2.4 },
        { header: 'Nilai', width: 1.3, align: 'right' },
        { header: 'Keterangan', width: 2.8 },
      ],
      contentWidth(doc),
    ),
    rows,
  );
}

const BREAKDOWN_COLUMNS: Column[] = [
  { header: 'Nama', width: 2.7 },
  { header: 'Kunjungan', width: 1.05, align: 'right' },
  { header: 'Dilayani', width: 0.95, align: 'right' },
  { header: 'Tunggu rata-rata (menit)', width: 1.05, align: 'right' },
  { header: 'Tunggu P90 (menit)', width: 1, align: 'right' },
  { header: 'Layanan rata-rata (menit)', width: 1.05, align: 'right' },
  { header: 'Sesuai standar', width: 1, align: 'right' },
  { header: 'IKM (mutu)', width: 1.05, align: 'right' },
];

function breakdownRow(u: UnitSummary): string[] {
  return [
    u.name,
    count(u.visits),
    count(u.served),
    minutes(u.waitMeanSeconds),
    minutes(u.waitP90Seconds),
    minutes(u.serviceMeanSeconds),
    percent(u.withinStandardShare),
    ikmCell(u.ikm, u.grade),
  ];
}

function breakdownSection(doc: Doc, input: PerformanceExport): void {
  const { report } = input;
  const m = report.measures;
  const lists = BREAKDOWN_KINDS.filter((k) => report.breakdown[k.key].length > 0);
  heading(doc, '2. Rincian', lists.length ? 110 : 20);
  if (lists.length === 0) {
    noData(doc, 'Tidak ada data rincian untuk unit ini.');
    return;
  }
  const total = [
    'Keseluruhan unit',
    count(m.visits),
    count(m.served),
    minutes(m.waitSeconds.mean),
    minutes(m.waitSeconds.p90),
    minutes(m.serviceSeconds.mean),
    percent(m.withinStandard.share),
    ikmCell(report.ikm.ikm, report.ikm.grade),
  ];
  for (const [i, kind] of lists.entries()) {
    const rows = report.breakdown[kind.key].map(breakdownRow);
    heading(doc, `2.${i + 1} Per ${kind.label.toLowerCase()}`, 70, 10);
    table(doc, fitWidths(BREAKDOWN_COLUMNS, contentWidth(doc)), [...rows, total], {
      size: 8,
      bold: new Set([rows.length]),
    });
  }
  doc.moveDown(0.4);
  paragraph(
    doc,
    'Baris "Keseluruhan unit" adalah angka unit ini sendiri, bukan jumlah baris di atasnya: kunjungan tanpa loket atau petugas tercatat hanya di sana.',
    { size: 8 },
  );
}

function trendSection(doc: Doc, input: PerformanceExport): void {
  const { trend, report } = input;
  const points = trend.points;
  const title = trend.granularity === 'week' ? '3. Tren mingguan' : `3. Tren ${points.length || 12} bulan`;
  heading(doc, title, points.some((p) => p.visits > 0) ? 200 : 40);
  if (points.length === 0) {
    noData(doc);
    return;
  }
  const first = points[0] as Point;
  const last = points.at(-1) as Point;
  const week = trend.granularity === 'week';
  const inPeriod = new Set<number>();
  for (const [i, p] of points.entries()) if (p.to >= report.period.from && p.from <= report.period.to) inPeriod.add(i);
  // Bold marks the report's own months among the others; when every row is in it, nothing stands out.
  if (inPeriod.size === points.length) inPeriod.clear();
  paragraph(
    doc,
    `Kunjungan dan waktu layanan ${week ? 'per minggu' : 'per bulan'} dari ${formatDateId(first.from)} sampai ${formatDateId(last.to)}.` +
      (inPeriod.size ? ` Baris tebal: ${week ? 'minggu' : 'bulan'} dalam periode laporan.` : ''),
  );
  if (points.every((p) => p.visits === 0)) noData(doc, 'Tidak ada data kunjungan dalam rentang ini.');
  else trendChart(doc, points);
  table(
    doc,
    fitWidths(
      [
        { header: week ? 'Minggu' : 'Bulan', width: 1.6 },
        { header: 'Tiket baru', width: 1, align: 'right' },
        { header: 'Kunjungan', width: 1, align: 'right' },
        { header: 'Dilayani', width: 1, align: 'right' },
        { header: 'Tunggu rata-rata (menit)', width: 1.1, align: 'right' },
        { header: 'Layanan rata-rata (menit)', width: 1.1, align: 'right' },
        { header: 'Sesuai standar', width: 1, align: 'right' },
        { header: 'IKM (mutu)', width: 1.1, align: 'right' },
      ],
      contentWidth(doc),
    ),
    points.map((p) => [
      week ? `Mulai ${formatDateId(p.from)}` : formatPeriodMonth(p),
      count(p.issued),
      count(p.visits),
      count(p.served),
      minutes(p.waitMeanSeconds),
      minutes(p.serviceMeanSeconds),
      percent(p.withinStandardShare),
      ikmCell(p.ikm, p.grade),
    ]),
    { size: 8, bold: inPeriod },
  );
}

/** "Juli 2026" */
function formatPeriodMonth(p: Point): string {
  const [y, m] = p.from.split('-').map(Number) as [number, number];
  return `${MONTHS_ID[m - 1]} ${y}`;
}

function hoursSection(doc: Doc, input: PerformanceExport): void {
  const m = input.report.measures;
  const total = m.arrivalsByHour.reduce((s, n) => s + n, 0);
  heading(doc, '4. Jam sibuk', total ? 180 : 20);
  if (total === 0) {
    noData(doc, 'Tidak ada data kedatangan pada periode ini.');
    return;
  }
  const perDay = (n: number) => (m.days > 0 ? `, rata-rata ${formatNumberId(n / m.days, 1)} per hari` : '');
  const busiest = m.busiestHours.map(
    (h) => `pukul ${hourSpan(h.hour)} (${count(h.arrivals)} kedatangan${perDay(h.arrivals)})`,
  );
  paragraph(
    doc,
    `Kedatangan menurut jam ambil tiket selama periode, dijumlah atas ${count(m.days)} hari layanan. ` +
      `Jam tersibuk: ${joinId(busiest)}.`,
  );
  hoursChart(doc, m.arrivalsByHour, new Set(m.busiestHours.map((h) => h.hour)));
}

function staffingSection(doc: Doc, input: PerformanceExport): void {
  const { staffing } = input;
  const target = staffing.targetWaitMinutes;
  heading(doc, '5. Saran jumlah loket (Erlang C)', staffing.hours.length ? 120 : 20);
  if (staffing.hours.length === 0) {
    noData(doc);
    return;
  }
  paragraph(
    doc,
    `Jumlah loket yang dibutuhkan tiap jam agar rata-rata waktu tunggu tidak lebih dari ${target} menit, dihitung dengan rumus Erlang C (antrean M/M/n) dari rata-rata kedatangan per jam pada hari layanan dan rata-rata waktu layanan. Baris tebal: loket yang buka kurang dari yang dibutuhkan.`,
  );
  const short = new Set<number>();
  const rows = staffing.hours.map((h, i) => {
    if (finite(h.countersNeeded) && h.countersOpen < h.countersNeeded) short.add(i);
    return [
      hourSpan(h.hour),
      formatNumberId(h.arrivalsPerHour, 1),
      finite(h.meanServiceMinutes) ? formatNumberId(h.meanServiceMinutes, 1) : DASH,
      finite(h.countersNeeded) ? count(h.countersNeeded) : DASH,
      finite(h.expectedWaitMinutes) ? formatNumberId(h.expectedWaitMinutes, 1) : DASH,
      formatNumberId(h.countersOpen, 1),
    ];
  });
  table(
    doc,
    fitWidths(
      [
        { header: 'Jam', width: 1.2 },
        { header: 'Kedatangan per jam', width: 1, align: 'right' },
        { header: 'Waktu layanan rata-rata (menit)', width: 1.1, align: 'right' },
        { header: `Loket dibutuhkan (tunggu maks. ${target} menit)`, width: 1.3, align: 'right' },
        { header: 'Perkiraan tunggu (menit)', width: 1, align: 'right' },
        { header: 'Loket buka rata-rata', width: 1, align: 'right' },
      ],
      contentWidth(doc),
    ),
    rows,
    { size: 8, bold: short },
  );
}

const NOTES = [
  'Kunjungan: setiap antrean pada satu layanan, yaitu tiket baru ditambah tiket yang dialihkan dari layanan lain.',
  'Waktu tunggu: dari ambil tiket (atau dialihkan) sampai panggilan pertama, atas kunjungan yang dipanggil.',
  'Waktu layanan: dari mulai dilayani sampai selesai, atas kunjungan yang selesai dilayani.',
  'Median dan persentil 90 (P90): nilai tengah dan nilai yang tidak dilampaui 90% kunjungan, dengan interpolasi seperti fungsi MEDIAN dan PERCENTILE.INC pada Excel.',
  'Sesuai standar waktu: waktu layanan tidak melebihi jangka waktu standar pelayanan, bila jangka waktu itu dinyatakan dalam menit; layanan lain tidak diukur.',
  'Loket aktif: loket yang memanggil sedikitnya satu tiket. Jam layanan petugas: jumlah jam, per loket per hari, saat loket memanggil, memulai atau menyelesaikan layanan.',
  'IKM: Indeks Kepuasan Masyarakat menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017 (skala 25-100). Mutu A (Sangat Baik) 88,31-100; B (Baik) 76,61-88,30; C (Kurang Baik) 65,00-76,60; D (Tidak Baik) 25,00-64,99.',
  'Data setiap kunjungan tersedia pada lampiran XLSX laporan ini.',
];

function notesSection(doc: Doc): void {
  heading(doc, '6. Catatan', 60);
  for (const note of NOTES) {
    ensureSpace(doc, 24);
    const y = doc.y;
    doc.font(FONT).fontSize(9).fillColor('black').text('•', doc.page.margins.left, y);
    doc.y = y;
    paragraph(doc, note, { size: 9, indent: 12 });
    doc.moveDown(-0.2);
  }
}

/** Where the report is signed: the regency or city in the mall's name, else the name. */
function placeOf(mallName: string): string {
  const m = /\b(?:Kabupaten|Kota|Kab\.)\s+(.+)$/i.exec(mallName);
  if (m?.[1]) return m[1].trim();
  return mallName.replace(/^(?:MPP|Mal Pelayanan Publik)\s+/i, '').trim() || mallName;
}

function signature(doc: Doc, input: PerformanceExport, today: string): void {
  const { unit } = input.report;
  const office = unit.level === 'mall' || !unit.agency ? `Pengelola ${unit.mall.name}` : `Kepala ${unit.agency.name}`;
  doc.moveDown(1.5);
  ensureSpace(doc, 130);
  const width = contentWidth(doc) * 0.45;
  const x = doc.page.margins.left + contentWidth(doc) - width;
  const line = (text: string, font = FONT) =>
    doc.font(font).fontSize(10).fillColor('black').text(winAnsi(text), x, doc.y, { width, align: 'center' });
  line(`${placeOf(unit.mall.name)}, ${formatDateId(today)}`);
  line(office);
  doc.moveDown(4);
  line('(..........................................)');
  line('NIP. ....................................');
  doc.x = doc.page.margins.left;
}

/** "A, B dan C" */
function joinId(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} dan ${parts[parts.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------

/** Renders the report; the date printed on it is `generatedAt` at the mall (`timeZone`). */
export function renderPerformancePdf(input: PerformanceExport): Promise<Buffer> {
  const { report } = input;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: winAnsi(`Laporan Kinerja Pelayanan - ${report.unit.name} - ${report.period.label}`),
      Author: winAnsi(report.unit.mall.name),
      Subject: 'Laporan kinerja pelayanan',
      Creator: 'Loket',
      CreationDate: new Date(input.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = contentWidth(doc);
  const left = doc.page.margins.left;
  const at = wallClock(input.generatedAt, input.timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const today = `${at.year}-${pad(at.month)}-${pad(at.day)}`;
  const stamp = `${formatDateId(today)} pukul ${pad(at.hour)}.${pad(at.minute)} ${zoneName(input.timeZone) ?? input.timeZone}`;

  // Title block
  doc.font(BOLD).fontSize(14).text('LAPORAN KINERJA PELAYANAN', { align: 'center' });
  doc.moveDown(0.3);
  for (const line of unitLines(report.unit)) {
    doc.font(BOLD).fontSize(12).text(winAnsi(line.toUpperCase()), { align: 'center' });
  }
  doc.moveDown(0.3);
  doc
    .font(FONT)
    .fontSize(10)
    .text(
      winAnsi(
        `Periode ${report.period.label} (${formatDateId(report.period.from)} - ${formatDateId(report.period.to)})`,
      ),
      { align: 'center' },
    );
  doc
    .font(FONT)
    .fontSize(9)
    .fillColor(INK)
    .text(winAnsi(`Disusun ${stamp}`), { align: 'center' });
  doc.fillColor('black');
  doc.moveDown(0.5);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(1)
    .stroke('black');

  heading(doc, '1. Ringkasan', 200);
  paragraph(doc, summaryText(input));
  summaryTable(doc, input);

  breakdownSection(doc, input);
  trendSection(doc, input);
  hoursSection(doc, input);
  staffingSection(doc, input);
  notesSection(doc);
  signature(doc, input, today);

  // Footer on every page
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: lift it for the footer, or pdfkit would start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 16;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(INK)
      .text(
        winAnsi(`Laporan Kinerja Pelayanan ${report.period.label} - dicetak dari Loket, ${formatDateId(today)}`),
        left,
        y,
        {
          width: width * 0.75,
          lineBreak: false,
        },
      )
      .text(`Halaman ${i + 1} dari ${range.count}`, left + width * 0.75, y, {
        width: width * 0.25,
        align: 'right',
        lineBreak: false,
      });
    doc.fillColor('black');
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

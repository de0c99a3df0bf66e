/**
 * The SKM report as the PDF a unit publishes: title, unit and period, method, NRR per element,
 * IKM and grade, respondent profile, analysis, suggestions and the follow-up plan table (empty rows
 * to fill in by hand when the unit has not entered one).
 * A4 portrait in the built-in Helvetica, so only WinAnsi characters are printed.
 */
import PDFDocument from 'pdfkit';
import type { SkmFullReport } from '../../../api/skm.js';
import { SKM_ELEMENT_KEYS, SKM_ELEMENTS } from '../../../domain/skm.js';
import { formatDateId } from '../../../domain/skm-report.js';

const MARGIN = 56; // about 2 cm
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const GREY = '#e8e8e8';
/** suggestions printed in the PDF; the rest are in the JSON report and the spreadsheet */
const PDF_SUGGESTIONS = 50;

const fix2 = (n: number) => n.toFixed(2);
const fix4 = (n: number) => n.toFixed(4);

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

type Doc = PDFKit.PDFDocument;

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Room for `height` more points on this page, or a new page. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** A section heading, kept on one page with the first `keep` points of what follows it. */
function heading(doc: Doc, text: string, keep = 80): void {
  ensureSpace(doc, 30 + keep);
  doc.moveDown(0.8);
  doc.font(BOLD).fontSize(11).text(text, doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
  doc.font(FONT).fontSize(10);
}

function paragraph(doc: Doc, text: string): void {
  doc
    .font(FONT)
    .fontSize(10)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc), align: 'justify', lineGap: 2 });
  doc.moveDown(0.4);
}

/**
 * A bordered table; rows grow to fit wrapped text, and the header repeats on a new page.
 * `bold` rows (by index) are printed in bold on grey, for totals.
 */
function table(
  doc: Doc,
  columns: Column[],
  rows: string[][],
  options: { x?: number; bold?: ReadonlySet<number>; minRowHeight?: number } = {},
): void {
  const x0 = options.x ?? doc.page.margins.left;
  const pad = 4;
  const size = 9;
  const cellHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    let h = 0;
    for (const [i, col] of columns.entries()) {
      h = Math.max(h, doc.heightOfString(cells[i] ?? '', { width: col.width - 2 * pad }));
    }
    return Math.max(h + 2 * pad, options.minRowHeight ?? 0);
  };
  const drawRow = (cells: string[], font: string, fill: string | null) => {
    const h = cellHeight(cells, font);
    const y = doc.y;
    let x = x0;
    for (const [i, col] of columns.entries()) {
      if (fill) doc.rect(x, y, col.width, h).fill(fill);
      doc.rect(x, y, col.width, h).lineWidth(0.5).stroke('#555555');
      doc
        .fillColor('black')
        .font(font)
        .fontSize(size)
        .text(cells[i] ?? '', x + pad, y + pad, { width: col.width - 2 * pad, align: col.align ?? 'left' });
      x += col.width;
    }
    doc.x = x0;
    doc.y = y + h;
  };
  const headers = columns.map((c) => c.header);
  const headerHeight = cellHeight(headers, BOLD);
  ensureSpace(doc, headerHeight + cellHeight(rows[0] ?? headers, FONT));
  drawRow(headers, BOLD, GREY);
  for (const [i, row] of rows.entries()) {
    const bold = options.bold?.has(i) ?? false;
    if (doc.y + cellHeight(row, bold ? BOLD : FONT) > bottom(doc)) {
      doc.addPage();
      drawRow(headers, BOLD, GREY);
    }
    drawRow(row, bold ? BOLD : FONT, bold ? GREY : null);
  }
  doc.x = doc.page.margins.left;
}

/** `columns` scaled so they fill `width` */
function fitWidths(columns: Column[], width: number): Column[] {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  return columns.map((c) => ({ ...c, width: (c.width * width) / total }));
}

/** "A, B dan C" */
function joinId(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} dan ${parts[parts.length - 1]}`;
}

function unitLines(report: SkmFullReport): string[] {
  const { unit } = report;
  if (unit.level === 'mall') return [unit.mall.name];
  if (unit.level === 'agency') return [unit.name, unit.mall.name];
  if (unit.level === 'counter' || unit.level === 'officer') {
    const label = unit.level === 'counter' ? unit.name : `Petugas ${unit.name}`;
    return [label, unit.service ? `Layanan ${unit.service.name}` : '', unit.agency?.name ?? '', unit.mall.name].filter(
      Boolean,
    );
  }
  return [`Layanan ${unit.name}`, unit.agency?.name ?? '', unit.mall.name].filter(Boolean);
}

function methodText(report: SkmFullReport): string {
  const sample =
    report.population === 0
      ? `Pada periode ini tidak tercatat tiket yang selesai dilayani, sehingga tidak ada populasi untuk menentukan jumlah sampel; diperoleh ${report.respondents} responden.`
      : `Populasi adalah ${report.population} penerima layanan yang selesai dilayani pada periode ini; menurut tabel Krejcie & Morgan jumlah sampel minimum adalah ${report.requiredSample} responden. Diperoleh ${report.respondents} responden, sehingga jumlah sampel ${report.sampleMet ? 'telah memenuhi' : 'belum memenuhi'} ketentuan.`;
  return (
    'Survei dilaksanakan berdasarkan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi ' +
    'Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik. ' +
    'Kuesioner memuat 9 unsur pelayanan yang masing-masing dinilai dengan skala 1 sampai 4. Nilai rata-rata (NRR) ' +
    'setiap unsur adalah jumlah nilai dibagi jumlah responden; NRR tertimbang adalah NRR x 1/9. Nilai IKM adalah ' +
    `jumlah NRR tertimbang dikali 25 (skala 25 - 100). Responden mengisi kuesioner melalui tautan pada tiket antrean ` +
    `atau formulir kertas. ${sample}`
  );
}

function comparisonText(report: SkmFullReport): string {
  const p = report.previous;
  if (p.ikm === null)
    return `Pada periode sebelumnya (${p.periodLabel}) belum ada responden, sehingga belum dapat dibandingkan.`;
  const before = `Pada periode sebelumnya (${p.periodLabel}) nilai IKM adalah ${fix2(p.ikm)} (mutu ${p.grade}) dari ${p.respondents} responden`;
  if (report.ikm === null || p.change === null) return `${before}.`;
  if (p.change === 0) return `${before}; nilai IKM periode ini tidak berubah.`;
  return `${before}; nilai IKM periode ini ${p.change > 0 ? 'naik' : 'turun'} ${fix2(Math.abs(p.change))} poin.`;
}

function analysisText(report: SkmFullReport): string {
  if (report.ikm === null || report.grade === null || report.label === null) {
    return 'Belum ada responden pada periode ini, sehingga nilai IKM dan unsur terendah belum dapat ditentukan.';
  }
  const weakest = report.weakest.map(
    (e) => `${e.name.id} (NRR ${fix2(e.nrr)}, nilai ${fix2(e.score)}, mutu ${e.grade})`,
  );
  const highest = [...report.elements].sort((a, b) => b.nrr - a.nrr)[0];
  return (
    `Nilai IKM ${report.unit.name} periode ${report.period.label} adalah ${fix2(report.ikm)} dengan mutu pelayanan ` +
    `${report.grade} (${report.label.id}). Unsur dengan nilai terendah adalah ${joinId(weakest)}. ` +
    'Unsur-unsur tersebut menjadi prioritas perbaikan dalam rencana tindak lanjut. ' +
    (highest ? `Unsur dengan nilai tertinggi adalah ${highest.name.id} (NRR ${fix2(highest.nrr)}).` : '')
  );
}

/** Renders the report; `printedOn` (YYYY-MM-DD) and `now` come from the server's clock. */
export function renderReportPdf(report: SkmFullReport, printedOn: string, now: number): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: `Laporan Hasil SKM - ${report.unit.name} - ${report.period.label}`,
      Author: report.unit.mall.name,
      Subject: 'Survei Kepuasan Masyarakat (PermenPANRB 14/2017)',
      Creator: 'Loket',
      CreationDate: new Date(now),
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

  // Title block
  doc.font(BOLD).fontSize(14).text('LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT', { align: 'center' });
  doc.moveDown(0.3);
  for (const line of unitLines(report)) doc.font(BOLD).fontSize(12).text(line.toUpperCase(), { align: 'center' });
  doc.moveDown(0.3);
  doc
    .font(FONT)
    .fontSize(10)
    .text(`Periode ${report.period.label} (${formatDateId(report.period.from)} - ${formatDateId(report.period.to)})`, {
      align: 'center',
    });
  doc.moveDown(0.5);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(1)
    .stroke('black');

  heading(doc, '1. Metode');
  paragraph(doc, methodText(report));
  table(
    doc,
    fitWidths(
      [
        { header: 'Populasi (dilayani)', width: 1, align: 'center' },
        { header: 'Sampel minimum (Krejcie & Morgan)', width: 1, align: 'center' },
        { header: 'Responden diperoleh', width: 1, align: 'center' },
        { header: 'Keterangan', width: 1, align: 'center' },
      ],
      width,
    ),
    [
      [
        String(report.population),
        String(report.requiredSample),
        String(report.respondents),
        report.respondents === 0 ? 'Belum ada responden' : report.sampleMet ? 'Memenuhi' : 'Belum memenuhi',
      ],
    ],
  );

  heading(doc, '2. Nilai per unsur pelayanan dan IKM', 200);
  const byKey = new Map(report.elements.map((e) => [e.key, e]));
  const rows = SKM_ELEMENT_KEYS.map((key, i) => {
    const e = byKey.get(key);
    return [
      `U${i + 1}`,
      SKM_ELEMENTS[key].name.id,
      e ? fix2(e.nrr) : '-',
      e ? fix4(e.nrrTertimbang) : '-',
      e ? fix2(e.score) : '-',
      e?.grade ?? '-',
    ];
  });
  const sumTertimbang = report.elements.reduce((s, e) => s + e.nrrTertimbang, 0);
  rows.push(['', 'Jumlah NRR tertimbang (nilai indeks)', '', report.ikm === null ? '-' : fix4(sumTertimbang), '', '']);
  rows.push([
    '',
    'Nilai IKM (jumlah NRR tertimbang x 25)',
    '',
    '',
    report.ikm === null ? '-' : fix2(report.ikm),
    report.grade ?? '-',
  ]);
  table(
    doc,
    fitWidths(
      [
        { header: 'No', width: 0.5, align: 'center' },
        { header: 'Unsur pelayanan', width: 3.6 },
        { header: 'NRR', width: 0.9, align: 'right' },
        { header: 'NRR tertimbang', width: 1.2, align: 'right' },
        { header: 'Nilai (NRR x 25)', width: 1.1, align: 'right' },
        { header: 'Mutu', width: 0.7, align: 'center' },
      ],
      width,
    ),
    rows,
    { bold: new Set([rows.length - 2, rows.length - 1]) },
  );
  if (report.ikm === null || report.grade === null || report.label === null) {
    doc.moveDown(0.6);
    paragraph(doc, 'Belum ada responden pada periode ini, sehingga nilai IKM belum dapat dihitung.');
  } else {
    // The result, boxed
    doc.moveDown(0.8);
    ensureSpace(doc, 70);
    const y = doc.y;
    doc.rect(left, y, width, 58).lineWidth(1).stroke('black');
    doc
      .font(BOLD)
      .fontSize(12)
      .text(`NILAI IKM: ${fix2(report.ikm)}`, left, y + 10, { width, align: 'center' });
    doc
      .font(FONT)
      .fontSize(11)
      .text(`Mutu pelayanan: ${report.grade}    Kinerja unit pelayanan: ${report.label.id}`, left, y + 32, {
        width,
        align: 'center',
      });
    doc.y = y + 58;
    doc.x = left;
    doc.moveDown(0.6);
  }
  paragraph(
    doc,
    'Mutu pelayanan: A (Sangat Baik) 88.31 - 100.00; B (Baik) 76.61 - 88.30; C (Kurang Baik) 65.00 - 76.60; D (Tidak Baik) 25.00 - 64.99.',
  );
  paragraph(doc, comparisonText(report));

  heading(doc, '3. Profil responden', 170);
  const half = (width - 16) / 2;
  const profileTable = (title: string, list: SkmFullReport['profile']['sex'], x: number) =>
    table(
      doc,
      [
        { header: title, width: half * 0.6 },
        { header: 'Jumlah', width: half * 0.2, align: 'right' },
        { header: '%', width: half * 0.2, align: 'right' },
      ],
      list.map((r) => [r.label.id, String(r.count), fix2(r.percent)]),
      { x },
    );
  const pair = (a: [string, SkmFullReport['profile']['sex']], b: [string, SkmFullReport['profile']['sex']]) => {
    ensureSpace(doc, 20 * (Math.max(a[1].length, b[1].length) + 1));
    const top = doc.y;
    profileTable(a[0], a[1], left);
    const afterA = doc.y;
    doc.y = top;
    profileTable(b[0], b[1], left + half + 16);
    doc.y = Math.max(afterA, doc.y);
    doc.x = left;
    doc.moveDown(0.8);
  };
  pair(['Jenis kelamin', report.profile.sex], ['Usia', report.profile.ageGroup]);
  pair(['Pendidikan', report.profile.education], ['Pekerjaan', report.profile.occupation]);

  heading(doc, '4. Analisis');
  paragraph(doc, analysisText(report));

  heading(doc, '5. Saran dan masukan responden');
  const { items, total } = report.suggestions;
  if (total === 0) paragraph(doc, 'Tidak ada saran tertulis pada periode ini.');
  else {
    const shown = items.slice(0, PDF_SUGGESTIONS);
    table(
      doc,
      fitWidths(
        [
          { header: 'No', width: 0.5, align: 'center' },
          { header: 'Tanggal', width: 1.8 },
          { header: 'Layanan', width: 2.4 },
          { header: 'Saran', width: 4.3 },
        ],
        width,
      ),
      shown.map((s, i) => [String(i + 1), formatDateId(s.date), s.serviceName, s.text]),
    );
    if (total > shown.length) {
      doc.moveDown(0.3);
      paragraph(
        doc,
        `Ditampilkan ${shown.length} saran terbaru dari ${total}; seluruhnya tersedia pada lampiran XLSX.`,
      );
    }
  }

  heading(doc, '6. Rencana tindak lanjut', 150);
  const plan = report.followups;
  paragraph(
    doc,
    plan.length === 0
      ? 'Rencana perbaikan atas unsur dengan nilai terendah, diisi oleh unit pelayanan.'
      : 'Rencana perbaikan atas unsur dengan nilai terendah yang ditetapkan unit pelayanan.',
  );
  table(
    doc,
    fitWidths(
      [
        { header: 'No', width: 0.5, align: 'center' },
        { header: 'Unsur', width: 2.0 },
        { header: 'Rencana', width: 3.2 },
        { header: 'Penanggung jawab', width: 1.6 },
        { header: 'Target waktu', width: 1.4 },
        { header: 'Status', width: 1.0, align: 'center' },
      ],
      width,
    ),
    plan.length === 0
      ? [1, 2, 3].map((n) => [String(n), '', '', '', '', ''])
      : plan.map((f, i) => [
          String(i + 1),
          f.elementName.id,
          f.action,
          f.owner,
          formatDateId(f.dueDate),
          f.done ? 'Selesai' : 'Belum',
        ]),
    { minRowHeight: plan.length === 0 ? 30 : 0 },
  );

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
      .fillColor('#555555')
      .text(`Dicetak dari Loket, ${formatDateId(printedOn)}`, left, y, { width: width / 2, lineBreak: false })
      .text(`Halaman ${i + 1} dari ${range.count}`, left + width / 2, y, {
        width: width / 2,
        align: 'right',
        lineBreak: false,
      });
    doc.fillColor('black');
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}

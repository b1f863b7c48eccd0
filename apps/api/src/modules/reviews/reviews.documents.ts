import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import { fonts } from '../transfers/documents.js';
import type { Report, ReportBlock } from './reviews.report.js';

// The review's PDF and DOCX. The PDF embeds the same OFL Chinese font as the transfer letters
// (Noto Sans SC from @embedpdf/fonts-sc), so it prints the same on a machine without Chinese
// fonts; the DOCX names common Chinese fonts.

const BODY_PT = 10.5;
const CELL_PT = 9;
const PAD = 3;

export function renderReviewPdf(report: Report): Promise<Buffer> {
  const f = fonts();
  const pdf = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 60, left: 56, right: 56 }, info: { Title: report.title, Subject: report.subject, Creator: 'Fengqiao 枫桥' }, bufferPages: true, compress: true });
  pdf.registerFont('regular', f.regular);
  pdf.registerFont('bold', f.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const bottomLimit = () => pdf.page.height - pdf.page.margins.bottom;

  function table(t: Extract<ReportBlock, { kind: 'table' }>): void {
    const total = t.widths.reduce((s, w) => s + w, 0);
    const cols = t.widths.map((w) => (w / total) * width);
    const drawRow = (cells: string[], bold: boolean) => {
      pdf.font(bold ? 'bold' : 'regular').fontSize(CELL_PT);
      const h = Math.max(...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: cols[i]! - 2 * PAD }))) + 2 * PAD;
      if (pdf.y + h > bottomLimit()) pdf.addPage();
      const y = pdf.y;
      let x = left;
      cells.forEach((c, i) => {
        pdf.rect(x, y, cols[i]!, h).lineWidth(0.5).strokeColor('#999999').stroke();
        pdf.fillColor('#000000').text(c || ' ', x + PAD, y + PAD, { width: cols[i]! - 2 * PAD });
        x += cols[i]!;
      });
      pdf.x = left;
      pdf.y = y + h;
    };
    drawRow(t.header, true);
    for (const r of t.rows) drawRow(r, false);
    pdf.moveDown(0.6);
  }

  for (const b of report.blocks) {
    switch (b.kind) {
      case 'title':
        pdf.font('bold').fontSize(18).text(b.text, left, pdf.y, { width, align: 'center' });
        pdf.moveDown(0.3);
        break;
      case 'center':
        pdf.font('regular').fontSize(BODY_PT).text(b.text, left, pdf.y, { width, align: 'center' });
        pdf.moveDown(0.5);
        break;
      case 'heading':
        if (pdf.y + 60 > bottomLimit()) pdf.addPage();
        pdf.font('bold').fontSize(12).text(b.text, left, pdf.y, { width });
        pdf.moveDown(0.3);
        break;
      case 'para':
        pdf.font('regular').fontSize(BODY_PT).text(b.text, left, pdf.y, { width, lineGap: 3 });
        pdf.moveDown(0.4);
        break;
      case 'table':
        table(b);
        break;
    }
  }
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('regular').fontSize(8).text(`${report.title}  第 ${i + 1} 页 共 ${range.count} 页`, left, pdf.page.height - 40, { width, align: 'center' });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

const DOCX_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', cs: 'Times New Roman' };
const DOCX_HEAD_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'Times New Roman' };

function docxBlock(b: ReportBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'title':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: b.text, bold: true, size: 40, font: { ...DOCX_HEAD_FONT, eastAsia: '宋体' } })] })];
    case 'center':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: b.text })] })];
    case 'heading':
      return [new Paragraph({ spacing: { before: 240, after: 120 }, children: [new TextRun({ text: b.text, bold: true, font: DOCX_HEAD_FONT, size: 28 })] })];
    case 'para':
      return [new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: b.text })] })];
    case 'table': {
      const total = b.widths.reduce((s, w) => s + w, 0);
      const cell = (text: string, i: number, bold: boolean) =>
        new TableCell({ width: { size: Math.round((b.widths[i]! / total) * 100), type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [new TableRow({ tableHeader: true, children: b.header.map((h, i) => cell(h, i, true)) }), ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) }))],
        }),
        new Paragraph({ children: [] }),
      ];
    }
  }
}

export function renderReviewDocx(report: Report): Promise<Buffer> {
  const document = new Document({
    creator: 'Fengqiao 枫桥',
    title: report.title,
    subject: report.subject,
    styles: { default: { document: { run: { font: DOCX_FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1440, bottom: 1440, left: 1300, right: 1300 } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'], size: 18 })] })] }) },
        children: report.blocks.flatMap(docxBlock),
      },
    ],
  });
  return Packer.toBuffer(document);
}

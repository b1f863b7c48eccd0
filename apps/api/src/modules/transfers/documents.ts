import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';

/**
 * Printable documents (两书一函, 调解协议书) as one neutral list of blocks, rendered to PDF and to
 * DOCX. The PDF embeds a subset of an OFL Chinese font shipped in an npm package, so it prints the
 * same on a fresh machine without network or system fonts; the DOCX names common Chinese fonts
 * and lets Word substitute.
 */
export type DocBlock =
  /** Centred, large and bold: the document's name. */
  | { kind: 'title'; text: string }
  /** Centred: the issuing unit above the title, the document number below it. */
  | { kind: 'center'; text: string }
  /** Flush left without indent: the addressee ("某某司法所："). */
  | { kind: 'left'; text: string }
  /** Bold, first-line indent: a section name inside the body. */
  | { kind: 'heading'; text: string }
  /** Body text with a two-character first-line indent; each line of `text` is its own paragraph. */
  | { kind: 'para'; text: string }
  /** Flush right: signature lines, the issuing unit and the date. */
  | { kind: 'right'; text: string }
  | { kind: 'gap' };

export interface PrintableDocument {
  title: string;
  subject: string;
  blocks: DocBlock[];
}

const require = createRequire(import.meta.url);
let fontCache: { regular: Buffer; bold: Buffer } | null = null;

/** Noto Sans SC (OFL-1.1) from @embedpdf/fonts-sc, for every printed document (transfer letters, the weekly review); its package exports only its index, so find the folder from there. */
export function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontCache) {
    const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
    fontCache = { regular: fs.readFileSync(path.join(dir, 'NotoSansHans-Regular.otf')), bold: fs.readFileSync(path.join(dir, 'NotoSansHans-Bold.otf')) };
  }
  return fontCache;
}

const BODY_PT = 13;
const LINE_GAP = 5;

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export function renderPdf(doc: PrintableDocument): Promise<Buffer> {
  const f = fonts();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 78, right: 72 },
    info: { Title: doc.title, Subject: doc.subject, Creator: 'Fengqiao 枫桥' },
    bufferPages: true,
    compress: true,
  });
  pdf.registerFont('regular', f.regular);
  pdf.registerFont('bold', f.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const body = { width, lineGap: LINE_GAP };
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'title':
        pdf.font('bold').fontSize(20).text(b.text, { ...body, align: 'center', characterSpacing: 2 });
        pdf.moveDown(0.6);
        break;
      case 'center':
        pdf.font('regular').fontSize(BODY_PT).text(b.text, { ...body, align: 'center' });
        pdf.moveDown(0.3);
        break;
      case 'left':
        pdf.font('regular').fontSize(BODY_PT).text(b.text, { ...body, align: 'left' });
        break;
      case 'heading':
        pdf.font('bold').fontSize(BODY_PT).text(b.text, { ...body, indent: BODY_PT * 2 });
        break;
      case 'para':
        for (const p of paragraphs(b.text)) pdf.font('regular').fontSize(BODY_PT).text(p, { ...body, indent: BODY_PT * 2, align: 'justify' });
        break;
      case 'right':
        pdf.font('regular').fontSize(BODY_PT).text(b.text, { ...body, align: 'right' });
        break;
      case 'gap':
        pdf.moveDown(1);
        break;
    }
  }
  // Page numbers once the page count is known.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(9)
      .text(`第 ${i + 1} 页 共 ${range.count} 页`, pdf.page.margins.left, pdf.page.height - 48, { width, align: 'center' });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

const DOCX_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', cs: 'Times New Roman' };
const DOCX_TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
/** Half-points: 三号 16 pt for the body, 二号 22 pt for the title (GB/T 9704 official-document sizes). */
const DOCX_BODY = 32;
const DOCX_TITLE = 44;

function docxParagraphs(b: DocBlock): Paragraph[] {
  const run = (text: string, bold = false) => new TextRun({ text, bold });
  switch (b.kind) {
    case 'title':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: b.text, bold: true, size: DOCX_TITLE, font: DOCX_TITLE_FONT })] })];
    case 'center':
      return [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(b.text)] })];
    case 'left':
      return [new Paragraph({ children: [run(b.text)] })];
    case 'heading':
      return [new Paragraph({ indent: { firstLine: DOCX_BODY * 20 }, children: [run(b.text, true)] })];
    case 'para':
      return paragraphs(b.text).map((p) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: DOCX_BODY * 20 }, children: [run(p)] }));
    case 'right':
      return [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(b.text)] })];
    case 'gap':
      return [new Paragraph({ children: [] })];
  }
}

export function renderDocx(doc: PrintableDocument): Promise<Buffer> {
  const document = new Document({
    creator: 'Fengqiao 枫桥',
    title: doc.title,
    subject: doc.subject,
    styles: { default: { document: { run: { font: DOCX_FONT, size: DOCX_BODY }, paragraph: { spacing: { line: 560, lineRule: 'exact' } } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'], size: 24 })] })],
          }),
        },
        children: doc.blocks.flatMap(docxParagraphs),
      },
    ],
  });
  return Packer.toBuffer(document);
}

export const PDF_TYPE = 'application/pdf';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Content-Disposition with a Chinese file name and an ASCII fallback: a PDF opens in the
 * browser's viewer (inline) for printing, a DOCX is saved.
 */
export function downloadName(filename: string, fallback: string, inline = false): string {
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

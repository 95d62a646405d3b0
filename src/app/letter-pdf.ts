import { existsSync } from 'node:fs';

/** What a letter consists of once its template is filled in; laid out as an A4 PDF by `renderLetterPdf`. */
export interface LetterContent {
  title: string;
  sender: { name: string; addressLines: string[] };
  addressee: string[];
  meta: [label: string, value: string][];
  subject: string;
  body: string;
  /** A section after the body with its own heading (the bezwaar clause of a beschikking). */
  extra: { heading: string; text: string } | null;
  signature: string;
  contact: string;
  createdAtIso: string;
}

// Debian's DejaVu (fonts-dejavu-core) covers every name; without it the PDF uses pdfkit's own Helvetica
// (the standard PDF fonts shipped with the package: Western European characters only). No network either way.
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const DEJAVU_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

type Block = { kind: 'p'; text: string } | { kind: 'h'; text: string } | { kind: 'li'; text: string };

/** Splits a filled-in text into headings (`## `), bullets (`- `) and paragraphs (blank line between). */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'p', text: para.join('\n') });
    para = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim()) flush();
    else if (line.startsWith('## ')) {
      flush();
      blocks.push({ kind: 'h', text: line.slice(3).trim() });
    } else if (/^\s*[-•] /.test(line)) {
      flush();
      blocks.push({ kind: 'li', text: line.replace(/^\s*[-•] /, '').trim() });
    } else para.push(line);
  }
  flush();
  return blocks;
}

/** Renders a letter as a PDF (A4, one column, 11 pt, headings in bold) and returns its bytes. */
export async function renderLetterPdf(c: LetterContent): Promise<Buffer> {
  // Loaded on the first letter, not at start: pdfkit and its font data hold about 25 MB resident.
  const { default: PDFDocument } = await import('pdfkit');
  const created = new Date(c.createdAtIso);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 70, right: 70 },
    info: { Title: c.title, Author: c.sender.name, Subject: c.subject, Creator: 'Koers', CreationDate: created, ModDate: created },
    lang: 'nl-NL',
    pdfVersion: '1.7',
    tagged: false,
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const hasDejaVu = existsSync(DEJAVU) && existsSync(DEJAVU_BOLD);
  doc.registerFont('body', hasDejaVu ? DEJAVU : 'Helvetica');
  doc.registerFont('bold', hasDejaVu ? DEJAVU_BOLD : 'Helvetica-Bold');
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  // Sender, top right.
  doc.font('bold').fontSize(14).text(c.sender.name, left, 56, { width, align: 'right' });
  doc.font('body').fontSize(9).fillColor('#333333');
  for (const l of c.sender.addressLines) doc.text(l, { width, align: 'right' });
  doc.fillColor('black');

  // Addressee (window envelope position).
  doc.font('body').fontSize(11).text('', left, 140);
  for (const l of c.addressee) doc.text(l, { width: width / 2 });

  // Date, client number, subject.
  doc.moveDown(2);
  doc.fontSize(10);
  for (const [label, value] of c.meta) {
    doc.font('bold').text(`${label}: `, { continued: true }).font('body').text(value);
  }
  doc.moveDown(1);
  doc.font('bold').fontSize(12).text(c.subject, { width });
  doc.moveDown(0.8);

  // Lines within a paragraph stay together (an address, "Datum: … / Tijd: …"); paragraphs, lists and
  // headings get space between them.
  const writeBlocks = (text: string) => {
    const blocks = blocksOf(text);
    blocks.forEach((b, i) => {
      const next = blocks[i + 1];
      if (b.kind === 'h') {
        doc.font('bold').fontSize(11).text(b.text, { width });
        doc.moveDown(0.15);
      } else if (b.kind === 'li') {
        doc.font('body').fontSize(11).text(`•  ${b.text}`, { width, indent: 0, lineGap: 1.5 });
        doc.moveDown(next?.kind === 'li' ? 0.1 : 0.6);
      } else {
        doc.font('body').fontSize(11).text(b.text, { width, lineGap: 1.5 });
        doc.moveDown(0.6);
      }
    });
  };
  writeBlocks(c.body);
  if (c.extra) {
    doc.moveDown(0.3).font('bold').fontSize(11).text(c.extra.heading, { width });
    doc.moveDown(0.15);
    writeBlocks(c.extra.text);
  }
  doc.moveDown(0.4);
  // The signature and the contact line stay together on one page.
  doc.font('body').fontSize(11);
  const closing = doc.heightOfString(c.signature, { width }) + doc.heightOfString(c.contact, { width }) + 40;
  if (doc.y + closing > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.text(c.signature, { width });
  doc.moveDown(1.2);
  doc.font('body').fontSize(9).fillColor('#333333').text(c.contact, { width });
  doc.end();
  return done;
}

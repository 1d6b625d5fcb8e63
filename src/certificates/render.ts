import PDFDocument from 'pdfkit';
import type { CertificateKind, Signatory } from './certificate.entity';
import { registerFonts, type Doc, type FontName } from './fonts';
import { INK, MUTED, PAGE, layoutCertificate, signatoryNamesTooLong, type Face, type Measure, type PageLayout } from './layout';
import { drawDivider, drawFrame, drawWreath } from './ornaments';
import { qrRuns } from './qr';
import { fillPlaceholders, roman } from './placeholders';

/**
 * Rendering a certificate: pure (record + template + images → PDF). Nothing random and no clock: the
 * document dates are the issue date and PDFKit derives the file ID from them, so the same record and
 * template version give the same bytes every time, and only the record needs storing.
 */

export interface PrintedRecord {
  kind: CertificateKind;
  number: string;
  code: string;
  holderName: string;
  place: number | null;
  printed: Record<string, string>;
  issuedAt: Date;
}

export interface PrintedTemplate {
  title: string;
  body: string;
  signatories: Signatory[];
  accentColor: string;
}

/** Decoded images of a template, opened once per document and reused on every page that needs them. */
export interface TemplateImages {
  emblem: unknown | null;
  background: unknown | null;
}

export interface TemplateAssets {
  emblem: Buffer | null;
  background: Buffer | null;
}

export const verifyUrlOf = (baseUrl: string, code: string) => `${baseUrl.replace(/\/+$/, '')}/verify/${code}`;

/** What the page shows: the template's texts with the record's frozen values. */
export function faceOf(record: PrintedRecord, template: PrintedTemplate, baseUrl: string): Face {
  const values: Record<string, string> = { ...record.printed };
  template.signatories.slice(0, 3).forEach((s, i) => {
    values[`signatory${i + 1}.name`] = s.name;
    values[`signatory${i + 1}.title`] = s.title;
  });
  const place = record.kind === 'winner' && record.place ? (record.printed['place.roman'] ?? roman(record.place)) : null;
  return {
    kind: record.kind,
    title: template.title,
    body: template.body,
    signatories: template.signatories.slice(0, 3),
    values,
    holderName: record.holderName,
    number: record.number,
    issuedOn: record.printed.issuedAt ?? '',
    place,
    verifyUrl: verifyUrlOf(baseUrl, record.code),
  };
}

/** A new PDF document for certificates; pages are added by drawCertificate(). */
export function certificateDocument(meta: { title: string; subject: string; date: Date; manyPages?: boolean }): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: 'ru-RU',
    displayTitle: true,
    info: { Title: meta.title, Subject: meta.subject, Creator: 'Laureate', Producer: 'Laureate', CreationDate: meta.date, ModDate: meta.date },
    // PDFKit remembers the shaping of every string it drew; over thousands of pages of different names
    // that memory only grows, so a long document goes without it
    fontLayoutCache: !meta.manyPages,
  } as PDFKit.PDFDocumentOptions);
  registerFonts(doc);
  return doc;
}

export function openImages(doc: Doc, assets: TemplateAssets): TemplateImages {
  const open = (b: Buffer | null) => (b ? (doc as unknown as { openImage(b: Buffer): unknown }).openImage(b) : null);
  return { emblem: open(assets.emblem), background: open(assets.background) };
}

/** Letter advances per font (size 1), the same for every document: kept for the life of the process. */
const advances = new Map<FontName, Map<string, number>>();

/**
 * Measures text with the document's own fonts (width at size 1). Exact widths are what PDFKit draws
 * (shaped, kerned) and are remembered per document, so drawing a measured line costs nothing more.
 */
export function measurer(doc: Doc): Measure {
  const cache = new Map<string, number>();
  const exact = (font: FontName, text: string) => {
    const key = `${font}\u0000${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      w = doc.font(font).fontSize(100).widthOfString(text) / 100;
      cache.set(key, w);
    }
    return w;
  };
  const fast = (font: FontName, text: string) => {
    let table = advances.get(font);
    if (!table) advances.set(font, (table = new Map()));
    let w = 0;
    for (const ch of text) {
      let a = table.get(ch);
      if (a === undefined) table.set(ch, (a = exact(font, ch)));
      w += a;
    }
    return w;
  };
  return { fast, exact };
}

/** The indexes of the signatories whose names would not fit on one line of a certificate (see layout.ts). */
export function unfitSignatoryNames(signatories: Signatory[]): number[] {
  return signatoryNamesTooLong(signatories, measurer(certificateDocument({ title: '', subject: '', date: new Date(0) })));
}

/** Adds one certificate page to `doc`; returns the plan it drew (tests look at it). */
export function drawCertificate(doc: Doc, face: Face, accent: string, images: TemplateImages, options: { sample?: boolean } = {}): PageLayout {
  const measure = measurer(doc);
  const plan = layoutCertificate(face, measure);
  doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
  if (images.background) doc.image(images.background as Buffer, 0, 0, { cover: [PAGE.width, PAGE.height], align: 'center', valign: 'center' });
  drawFrame(doc, accent, !images.background);
  if (images.emblem) doc.image(images.emblem as Buffer, plan.emblem.x, plan.emblem.y, { fit: [plan.emblem.width, plan.emblem.height], align: 'center', valign: 'center' });
  else drawWreath(doc, plan.emblem, accent);
  drawDivider(doc, plan.divider, accent);
  const colors = { ink: INK, muted: MUTED, accent };
  for (const t of plan.texts) {
    doc.font(t.font).fontSize(t.size).fillColor(colors[t.color]);
    for (const l of t.lines) doc.text(l.text, l.x, l.y, { lineBreak: false, characterSpacing: t.characterSpacing });
  }
  doc.save().strokeColor(MUTED).lineWidth(0.6);
  for (const s of plan.signatureLines) doc.moveTo(s.x, s.y).lineTo(s.x + s.width, s.y).stroke();
  doc.restore();
  drawQr(doc, plan.qr);
  if (options.sample) drawSampleMark(doc, accent);
  return plan;
}

/** «ОБРАЗЕЦ» across a preview, so a sample can never pass for a certificate. */
function drawSampleMark(doc: Doc, accent: string): void {
  doc.save().fillOpacity(0.1).fillColor(accent).font('serifBold').fontSize(120);
  doc.rotate(-24, { origin: [PAGE.width / 2, PAGE.height / 2] });
  const word = 'ОБРАЗЕЦ';
  doc.text(word, PAGE.width / 2 - doc.widthOfString(word) / 2, PAGE.height / 2 - 70, { lineBreak: false });
  doc.restore();
}

function drawQr(doc: Doc, qr: PageLayout['qr']): void {
  const cell = qr.width / qr.size;
  const quiet = cell * 2;
  doc.rect(qr.x - quiet, qr.y - quiet, qr.width + 2 * quiet, qr.height + 2 * quiet).fill('#ffffff');
  for (const [row, col, len] of qrRuns(qr)) doc.rect(qr.x + col * cell, qr.y + row * cell, len * cell, cell);
  doc.fill(INK);
  doc.link(qr.x, qr.y, qr.width, qr.height, qr.payload);
}

/** Collects a finished document into one Buffer. */
export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface RenderInput {
  record: PrintedRecord;
  template: PrintedTemplate;
  assets: TemplateAssets;
  baseUrl: string;
  /** a template preview: marked «ОБРАЗЕЦ» */
  sample?: boolean;
}

/** One certificate as a PDF file. */
export async function renderCertificate(input: RenderInput): Promise<{ pdf: Buffer; plan: PageLayout }> {
  const { record, template } = input;
  const face = faceOf(record, template, input.baseUrl);
  const doc = certificateDocument({ title: `${fillPlaceholders(template.title, face.values)} — ${record.holderName}`, subject: input.sample ? 'ОБРАЗЕЦ' : record.number, date: record.issuedAt });
  const plan = drawCertificate(doc, face, template.accentColor, openImages(doc, input.assets), { sample: input.sample });
  return { pdf: await toBuffer(doc), plan };
}

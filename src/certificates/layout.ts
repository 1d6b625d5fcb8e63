import type { CertificateKind, Signatory } from './certificate.entity';
import type { FontName } from './fonts';
import { fitText, type FitOptions } from './fit';
import { fillPlaceholders, NAME_PLACEHOLDERS } from './placeholders';
import { qrGrid, type QrGrid } from './qr';

/**
 * Where everything goes on an A4 landscape certificate, computed from the template and the printed
 * values only (no drawing here). render.ts paints this plan; tests read it (the QR payload and modules,
 * the sizes chosen for long names).
 */

export const PAGE = { width: 841.89, height: 595.28 } as const;
export const INK = '#1b2330';
export const MUTED = '#4a5260';

const MARGIN = 46;
const LEFT = MARGIN + 18;
const RIGHT = PAGE.width - MARGIN - 18;
const CONTENT_WIDTH = RIGHT - LEFT;
const BOTTOM = PAGE.height - MARGIN;
/** the area inside the frame that text may use */
export const CONTENT = { left: LEFT, right: RIGHT, top: MARGIN, bottom: BOTTOM } as const;
const QR_SIDE = 58;
const CORNER_WIDTH = 168;

export interface Face {
  kind: CertificateKind;
  title: string;
  body: string;
  signatories: Signatory[];
  /** the placeholder values frozen at issue (with the signatories' added) */
  values: Record<string, string>;
  holderName: string;
  number: string;
  issuedOn: string;
  /** «I», «II» for winners; null for other kinds */
  place: string | null;
  verifyUrl: string;
}

export interface Line {
  text: string;
  x: number;
  y: number;
  width: number;
}

export interface TextRun {
  role: 'title' | 'lead' | 'name' | 'body' | 'place' | 'signatoryTitle' | 'signatoryName' | 'footer' | 'caption';
  font: FontName;
  size: number;
  color: 'ink' | 'muted' | 'accent';
  /** extra space after each letter, in points */
  characterSpacing: number;
  lines: Line[];
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageLayout {
  texts: TextRun[];
  emblem: Box;
  /** the ornament under the title */
  divider: { x: number; y: number; width: number };
  signatureLines: Array<{ x: number; y: number; width: number }>;
  qr: QrGrid & Box;
}

/**
 * Text widths at font size 1. `fast` sums the letters' advances (no kerning): cheap enough to try many
 * sizes and breaks; `exact` is the width PDFKit will draw, used for the chosen lines only.
 */
export interface Measure {
  fast(font: FontName, text: string): number;
  exact(font: FontName, text: string): number;
}

/** Kerning can make a line up to about 1 % wider than its letters' sum: fitting keeps that in reserve. */
const FIT_RESERVE = 0.985;

interface Style {
  font: FontName;
  maxSize: number;
  minSize: number;
  maxLines: number;
  leading: number;
  letterSpacing?: number;
  upper?: boolean;
  color: TextRun['color'];
}

const STYLES = {
  title: { font: 'serifBold', maxSize: 25, minSize: 14, maxLines: 2, leading: 1.15, letterSpacing: 0.12, upper: true, color: 'accent' },
  lead: { font: 'serifItalic', maxSize: 15, minSize: 10, maxLines: 2, leading: 1.3, color: 'muted' },
  name: { font: 'serifBold', maxSize: 34, minSize: 20, maxLines: 2, leading: 1.12, color: 'ink' },
  body: { font: 'serif', maxSize: 15, minSize: 9.5, maxLines: 4, leading: 1.32, color: 'ink' },
  place: { font: 'serifBold', maxSize: 23, minSize: 14, maxLines: 1, leading: 1.2, letterSpacing: 0.05, upper: true, color: 'accent' },
  signatoryTitle: { font: 'sans', maxSize: 8.5, minSize: 6.5, maxLines: 3, leading: 1.2, color: 'muted' },
  // one line, so the signature lines stay level: a long name shrinks to the floor, and a template whose
  // name is still too long is refused when saved (signatoryNamesTooLong)
  signatoryName: { font: 'serifBold', maxSize: 11, minSize: 6, maxLines: 1, leading: 1.2, color: 'ink' },
} satisfies Record<string, Style>;

interface Block {
  role: TextRun['role'];
  style: Style;
  size: number;
  lines: string[];
  height: number;
  gapAfter: number;
}

/** The plan of one certificate page. Pure: the same face and fonts give the same plan. */
export function layoutCertificate(face: Face, measure: Measure): PageLayout {
  const texts: TextRun[] = [];
  const emblem: Box = { x: PAGE.width / 2 - 60, y: MARGIN, width: 120, height: 58 };

  const bottom = layoutBottom(face, measure, texts);
  const middleText = middleBlocks(face);
  let titleMax = STYLES.title.maxSize;
  let middle: { blocks: Block[]; top: number } | undefined;
  let title: Block | undefined;
  // The holder's name is the largest line: when a long name had to shrink, the title shrinks below it.
  for (let attempt = 0; attempt < 3; attempt++) {
    title = fitBlock('title', STYLES.title, fillPlaceholders(face.title, face.values), CONTENT_WIDTH - 60, measure, 1, titleMax);
    const regionTop = emblem.y + emblem.height + 10 + title.height + 26;
    middle = fitMiddle(middleText, measure, regionTop, bottom.top - 14);
    const name = middle.blocks.find((b) => b.role === 'name')!;
    if (title.size <= name.size - 4) break;
    titleMax = Math.max(STYLES.title.minSize, name.size - 4);
  }
  const titleTop = emblem.y + emblem.height + 10;
  texts.push(run(title!, titleTop, measure));
  const divider = { x: PAGE.width / 2 - 90, y: titleTop + title!.height + 9, width: 180 };
  let y = middle!.top;
  for (const b of middle!.blocks) {
    texts.push(run(b, y, measure));
    y += b.height + b.gapAfter;
  }
  return { texts, emblem, divider, signatureLines: bottom.signatureLines, qr: bottom.qr };
}

/** Lines of the body before the name line (lead), the name, the lines after it, and the place. */
function middleBlocks(face: Face): Array<{ role: Block['role']; style: Style; text: string; gapAfter: number }> {
  const lines = face.body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const at = lines.findIndex((l) => NAME_PLACEHOLDERS.includes(l));
  const lead = at >= 0 ? lines.slice(0, at) : [];
  const rest = at >= 0 ? lines.slice(at + 1) : lines;
  const fill = (l: string) => fillPlaceholders(l, face.values);
  const blocks = [
    ...lead.map((l) => ({ role: 'lead' as const, style: STYLES.lead, text: fill(l), gapAfter: 2 })),
    { role: 'name' as const, style: STYLES.name, text: face.holderName, gapAfter: 10 },
    ...rest.map((l) => ({ role: 'body' as const, style: STYLES.body, text: fill(l), gapAfter: 5 })),
    ...(face.place ? [{ role: 'place' as const, style: STYLES.place, text: `${face.place} место`, gapAfter: 0 }] : []),
  ];
  // more air before the place, none after the last block
  return blocks.map((b, i) => ({ ...b, gapAfter: i === blocks.length - 1 ? 0 : blocks[i + 1].role === 'place' ? 12 : b.gapAfter }));
}

/** Fits the middle group into its region, shrinking every size together until it fits, and centres it. */
function fitMiddle(items: ReturnType<typeof middleBlocks>, measure: Measure, top: number, bottom: number) {
  const available = bottom - top;
  let blocks: Block[] = [];
  for (let scale = 1; scale >= 0.5; scale -= 0.05) {
    blocks = items.map((it) => fitBlock(it.role, scaled(it.style, scale), it.text, CONTENT_WIDTH, measure, it.gapAfter));
    const height = blocks.reduce((h, b) => h + b.height + b.gapAfter, 0);
    if (height <= available) return { blocks, top: top + (available - height) * 0.42 };
  }
  // Still too tall at half size (a body of many long lines): keep what fits, never draw past the region.
  let y = top;
  blocks = blocks.map((b) => {
    const room = Math.max(0, Math.floor((bottom - y) / (b.size * b.style.leading)));
    const lines = b.lines.length > room ? b.lines.slice(0, room) : b.lines;
    if (lines.length < b.lines.length && lines.length) lines[lines.length - 1] = `${lines[lines.length - 1].replace(/\s*\S*$/, '')} …`;
    const height = lines.length * b.size * b.style.leading;
    y += height + b.gapAfter;
    return { ...b, lines, height };
  });
  return { blocks, top };
}

const scaled = (s: Style, k: number): Style => ({ ...s, maxSize: s.maxSize * k, minSize: Math.min(s.minSize, s.maxSize * k) });

function fitBlock(role: Block['role'], style: Style, text: string, width: number, measure: Measure, gapAfter: number, maxSize = style.maxSize): Block {
  const shown = style.upper ? text.toLocaleUpperCase('ru') : text;
  const opts: FitOptions = { width: width * FIT_RESERVE, maxSize, minSize: Math.min(style.minSize, maxSize), maxLines: style.maxLines, letterSpacing: style.letterSpacing };
  const { size, lines } = fitText(shown, (t) => measure.fast(style.font, t), opts);
  return { role, style, size, lines, height: lines.length * size * style.leading, gapAfter };
}

/** Centred lines of a block whose first line's top is `top`. */
function run(b: Block, top: number, measure: Measure, left = LEFT, width = CONTENT_WIDTH): TextRun {
  const spacing = (b.style.letterSpacing ?? 0) * b.size;
  const lines = b.lines.map((text, i) => {
    const w = measure.exact(b.style.font, text) * b.size + spacing * Math.max(0, [...text].length - 1);
    return { text, x: left + (width - w) / 2, y: top + i * b.size * b.style.leading, width: w };
  });
  return { role: b.role, font: b.style.font, size: b.size, color: b.style.color, characterSpacing: spacing, lines };
}

/** The bottom band: number and date (left corner), signatures (middle), QR code (right corner). */
function layoutBottom(face: Face, measure: Measure, texts: TextRun[]) {
  const qr = { ...qrGrid(face.verifyUrl), x: RIGHT - QR_SIDE, y: BOTTOM - QR_SIDE - 16, width: QR_SIDE, height: QR_SIDE };
  // the address on a line of its own, shrunk rather than broken: a person may type the code from it
  const small: Style = { font: 'sans', maxSize: 6.2, minSize: 3.8, maxLines: 1, leading: 1.25, color: 'muted' };
  const address = fitBlock('caption', small, face.verifyUrl.replace(/^https?:\/\//, ''), CORNER_WIDTH + 20, measure, 0);
  const lines = ['Проверка подлинности:', ...address.lines];
  const caption: Block = { ...address, lines, height: lines.length * address.size * small.leading };
  texts.push(rightAligned(caption, BOTTOM - caption.height + 1, measure));

  const footer: Style = { font: 'sans', maxSize: 10, minSize: 7, maxLines: 1, leading: 1.35, color: 'ink' };
  const number = fitBlock('footer', footer, `№ ${face.number}`, CORNER_WIDTH, measure, 0);
  const date = fitBlock('footer', { ...footer, color: 'muted' }, face.issuedOn, CORNER_WIDTH, measure, 0);
  texts.push(leftAligned(date, BOTTOM - date.height, measure), leftAligned(number, BOTTOM - date.height - number.height, measure));

  const signatureLines: PageLayout['signatureLines'] = [];
  const signatories = face.signatories.slice(0, 3);
  const { column, startX, width: w } = signatureColumns(signatories.length);
  let top = Math.min(qr.y, BOTTOM - date.height - number.height);
  signatories.forEach((s, i) => {
    const x = startX + i * column + 8;
    const name = fitBlock('signatoryName', STYLES.signatoryName, s.name, w, measure, 0);
    const title = fitBlock('signatoryTitle', STYLES.signatoryTitle, s.title, w, measure, 0);
    // at the height a full-size name needs: a name shrunk to fit keeps its line level with the others
    const lineY = BOTTOM - Math.max(name.height, STYLES.signatoryName.maxSize * STYLES.signatoryName.leading) - 3;
    signatureLines.push({ x: x + 6, y: lineY, width: w - 12 });
    texts.push(run(name, lineY + 4, measure, x, w), run(title, lineY - 26 - title.height, measure, x, w));
    top = Math.min(top, lineY - 26 - title.height);
  });
  return { qr, signatureLines, top };
}

/** The signatures share the band between the corners in equal columns (up to 190 pt), centred. */
function signatureColumns(count: number) {
  const bandLeft = LEFT + CORNER_WIDTH + 6;
  const bandWidth = RIGHT - CORNER_WIDTH - 6 - bandLeft;
  const column = Math.min(190, bandWidth / Math.max(1, count));
  return { column, startX: bandLeft + (bandWidth - column * count) / 2, width: column - 16 };
}

/**
 * Which signatories' names (their indexes) do not fit on one line of their column even at the smallest
 * size, with this many signatures side by side. The template editor refuses those names.
 */
export function signatoryNamesTooLong(signatories: Signatory[], measure: Measure): number[] {
  const shown = signatories.slice(0, 3);
  const { width } = signatureColumns(shown.length);
  return shown.flatMap((s, i) => (fitBlock('signatoryName', STYLES.signatoryName, s.name, width, measure, 0).lines.length > 1 ? [i] : []));
}

function leftAligned(b: Block, top: number, measure: Measure): TextRun {
  const r = run(b, top, measure);
  return { ...r, lines: r.lines.map((l) => ({ ...l, x: LEFT })) };
}

function rightAligned(b: Block, top: number, measure: Measure): TextRun {
  const r = run(b, top, measure);
  return { ...r, lines: r.lines.map((l) => ({ ...l, x: RIGHT - l.width })) };
}

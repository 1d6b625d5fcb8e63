import { fitText } from '../certificates/fit';
import type { FontName } from '../certificates/fonts';

/**
 * Where everything on a badge goes: pure (texts + a measure → boxes), so tests can look at the sizes. A badge
 * is 90×60 mm, landscape — the common insert of badge holders and of badge printers' cards — the same in
 * both layouts: one per page, or eight on an A4 sheet (2×4) with cut marks.
 */

export const MM = 72 / 25.4;
export const BADGE = { width: 90 * MM, height: 60 * MM };
export const A4 = { width: 210 * MM, height: 297 * MM };
export const SHEET = { columns: 2, rows: 4 };
/** the sheet's badges as one block, centred on the page */
export const SHEET_ORIGIN = { x: (A4.width - SHEET.columns * BADGE.width) / 2, y: (A4.height - SHEET.rows * BADGE.height) / 2 };

export const INK = '#1a1a1a';
export const MUTED = '#555555';

const PAD = 4 * MM;
const HEADER = 9 * MM;
const BAND = 9 * MM;
const QR = 21 * MM;
const GAP = 3 * MM;
/** the type's label is spaced out a little, in em (more and text extraction reads «В РАЧ») */
const LABEL_SPACING = 0.05;

/** What a badge prints. */
export interface BadgeFace {
  surname: string;
  /** name and patronymic */
  givenNames: string;
  organisation: string;
  eventName: string;
  dates: string;
  typeLabel: string;
  /** #rrggbb */
  colour: string;
  number: string;
  qrPayload: string;
}

export type Measure = (font: FontName, text: string) => number;

export interface PlacedText {
  font: FontName;
  size: number;
  color: string;
  /** extra space after each letter, in points */
  characterSpacing?: number;
  lines: Array<{ text: string; x: number; y: number }>;
}

export interface BadgePlan {
  texts: PlacedText[];
  surname: { size: number; lines: string[] };
  band: { x: number; y: number; width: number; height: number; colour: string; ink: string };
  qr: { x: number; y: number; size: number };
}

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function inkOn(colour: string): string {
  const hex = /^#?([0-9a-f]{6})$/i.exec(colour)?.[1] ?? 'ffffff';
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // contrast with black (l + 0.05) / 0.05 against white 1.05 / (l + 0.05): black wins above l ≈ 0.179
  return l > 0.179 ? '#000000' : '#ffffff';
}

/** The badge at (x, y): every text fitted into its box by shrinking, never cut. */
export function layoutBadge(face: BadgeFace, measure: Measure, x = 0, y = 0): BadgePlan {
  const texts: PlacedText[] = [];
  const left = x + PAD;
  const innerWidth = BADGE.width - 2 * PAD;
  const textWidth = innerWidth - QR - GAP;

  // the event, and its dates under it, small, across the top
  const title = fitText(face.eventName, (t) => measure('sans', t), { width: innerWidth, maxSize: 7.5, minSize: 4.5, maxLines: 1 });
  const headerSize = title.size;
  const headerLines = [...title.lines, face.dates];
  const headerLead = headerSize * 1.2;
  const headerTop = y + PAD * 0.75 + Math.max(0, (HEADER - PAD * 0.75 - headerLines.length * headerLead) / 2);
  texts.push({ font: 'sans', size: headerSize, color: MUTED, lines: headerLines.map((text, i) => ({ text, x: left, y: headerTop + i * headerLead })) });

  // the person: surname large on its own line(s), then name and patronymic, then the organisation
  const surname = fitText(face.surname, (t) => measure('serifBold', t), { width: textWidth, maxSize: 22, minSize: 7, maxLines: 2 });
  const given = fitText(face.givenNames, (t) => measure('serif', t), { width: textWidth, maxSize: 12, minSize: 6, maxLines: 2 });
  const org = fitText(face.organisation, (t) => measure('sans', t), { width: textWidth, maxSize: 8, minSize: 5, maxLines: 3 });
  const blocks = [
    { font: 'serifBold' as const, fitted: surname, lead: 1.08, color: INK, after: 2 },
    { font: 'serif' as const, fitted: given, lead: 1.12, color: INK, after: 4 },
    { font: 'sans' as const, fitted: org, lead: 1.15, color: MUTED, after: 0 },
  ].filter((b) => b.fitted.lines.length);
  const bodyTop = y + HEADER + 1 * MM;
  const bodyHeight = BADGE.height - HEADER - BAND - 2 * MM;
  const height = blocks.reduce((sum, b) => sum + b.fitted.lines.length * b.fitted.size * b.lead + b.after, 0);
  let cursor = bodyTop + Math.max(0, (bodyHeight - height) / 2);
  for (const b of blocks) {
    const lead = b.fitted.size * b.lead;
    texts.push({ font: b.font, size: b.fitted.size, color: b.color, lines: b.fitted.lines.map((text, i) => ({ text, x: left, y: cursor + i * lead })) });
    cursor += b.fitted.lines.length * lead + b.after;
  }

  // the QR code at the right, the number under it
  const qr = { x: x + BADGE.width - PAD - QR, y: y + HEADER + 0.5 * MM, size: QR };
  const numberSize = 8;
  texts.push({ font: 'sans', size: numberSize, color: INK, lines: [{ text: face.number, x: qr.x + (QR - measure('sans', face.number) * numberSize) / 2, y: qr.y + QR + 1 * MM }] });

  // the participant type on its colour band along the bottom edge
  const band = { x, y: y + BADGE.height - BAND, width: BADGE.width, height: BAND, colour: face.colour, ink: inkOn(face.colour) };
  const label = fitText(face.typeLabel.toLocaleUpperCase('ru'), (t) => measure('serifBold', t) + LABEL_SPACING * [...t].length, { width: innerWidth, maxSize: 13, minSize: 6, maxLines: 1 });
  const labelText = label.lines.join(' ');
  const labelWidth = measure('serifBold', labelText) * label.size + LABEL_SPACING * label.size * [...labelText].length;
  texts.push({ font: 'serifBold', size: label.size, color: band.ink, characterSpacing: LABEL_SPACING * label.size, lines: [{ text: labelText, x: x + (BADGE.width - labelWidth) / 2, y: band.y + (BAND - label.size * 1.3) / 2 }] });

  return { texts, surname: { size: surname.size, lines: surname.lines }, band, qr };
}

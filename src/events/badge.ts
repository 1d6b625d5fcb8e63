import PDFDocument from 'pdfkit';
import { registerFonts, type Doc, type FontName } from '../certificates/fonts';
import { qrGrid, qrRuns } from '../certificates/qr';
import { toBuffer } from '../certificates/render';
import { isLocale, translate, type Locale } from '../web/i18n';
import type { Event } from './event.entity';
import type { Registration } from './registration.entity';
import { A4, BADGE, INK, MM, SHEET, SHEET_ORIGIN, layoutBadge, type BadgeFace, type BadgePlan, type Measure } from './badge-layout';

/**
 * Badges (issue 13) as PDF, drawn like the certificates: PT fonts embedded and subset, the QR code as vector
 * squares. `single`: one badge per page, the page the badge's size (a badge printer's card); `sheet`: A4 pages
 * of eight with cut marks, for printing in bulk on an office printer.
 */

export type BadgeLayout = 'single' | 'sheet';
export type BadgeRegistration = Pick<Registration, 'lastName' | 'firstName' | 'patronymic' | 'organisation' | 'participantType' | 'number' | 'badgeCode' | 'language'>;
export type BadgeEvent = Pick<Event, 'name' | 'startsAt' | 'endsAt' | 'participantTypes'>;

/** What the badge's QR code carries: the scanner at the door reads it back (public/js/checkin.js). */
export const BADGE_QR_PREFIX = 'LAUREATE-EVENT:';
export const badgeQrPayload = (badgeCode: string) => `${BADGE_QR_PREFIX}${badgeCode}`;

/** «№ 0042»: four digits at least, so numbers line up on a list and read the same on every badge. */
export const badgeNumber = (n: number | null) => (n === null ? '' : `№ ${String(n).padStart(4, '0')}`);

const FALLBACK_COLOUR = '#6b7280';

/** «10–12 декабря 2026 г.»: one date, or the range as the language writes it. */
function dateRange(from: Date, to: Date, locale: Locale, timeZone: string): string {
  const f = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  // ICU puts narrow and thin spaces in ranges («2026 г.»); PT fonts have no glyph for them
  return f.formatRange(new Date(from), new Date(to)).replace(/[\u2009\u202f]/g, '\u00a0');
}

export function badgeFace(r: BadgeRegistration, event: BadgeEvent, timeZone: string): BadgeFace {
  const locale: Locale = isLocale(r.language) ? r.language : 'ru';
  return {
    surname: r.lastName,
    givenNames: [r.firstName, r.patronymic].filter(Boolean).join(' '),
    organisation: r.organisation,
    eventName: event.name,
    dates: dateRange(event.startsAt, event.endsAt, locale, timeZone),
    typeLabel: translate(locale, `checkin.types.${r.participantType}`),
    colour: event.participantTypes.find((t) => t.type === r.participantType)?.colour ?? FALLBACK_COLOUR,
    number: badgeNumber(r.number),
    qrPayload: badgeQrPayload(r.badgeCode ?? ''),
  };
}

function measureWith(doc: Doc): Measure {
  const cache = new Map<string, number>();
  return (font: FontName, text: string) => {
    const key = `${font}\u0000${text}`;
    let w = cache.get(key);
    if (w === undefined) cache.set(key, (w = doc.font(font).fontSize(100).widthOfString(text) / 100));
    return w;
  };
}

function badgeDocument(title: string, layout: BadgeLayout): Doc {
  const doc = new PDFDocument({
    margin: 0,
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: 'ru-RU',
    displayTitle: true,
    info: { Title: title, Creator: 'Laureate', Producer: 'Laureate' },
    fontLayoutCache: layout === 'single',
  } as PDFKit.PDFDocumentOptions);
  registerFonts(doc);
  return doc;
}

/** Draws one badge at (x, y); returns its plan (tests look at the sizes). */
export function drawBadge(doc: Doc, face: BadgeFace, x: number, y: number): BadgePlan {
  const plan = layoutBadge(face, measureWith(doc), x, y);
  doc.rect(plan.band.x, plan.band.y, plan.band.width, plan.band.height).fill(plan.band.colour);
  for (const t of plan.texts) {
    doc.font(t.font).fontSize(t.size).fillColor(t.color);
    for (const l of t.lines) doc.text(l.text, l.x, l.y, { lineBreak: false, characterSpacing: t.characterSpacing ?? 0 });
  }
  const grid = qrGrid(face.qrPayload);
  const cell = plan.qr.size / grid.size;
  for (const [row, col, len] of qrRuns(grid)) doc.rect(plan.qr.x + col * cell, plan.qr.y + row * cell, len * cell, cell);
  doc.fill(INK);
  return plan;
}

/** Short marks outside the block of badges at every cut line: the sheet is cut along them, the badges abut. */
function drawCutMarks(doc: Doc): void {
  const { x: x0, y: y0 } = SHEET_ORIGIN;
  const x1 = x0 + SHEET.columns * BADGE.width;
  const y1 = y0 + SHEET.rows * BADGE.height;
  const len = 6 * MM;
  const off = 1.5 * MM;
  doc.save().lineWidth(0.4).strokeColor('#000000');
  for (let c = 0; c <= SHEET.columns; c++) {
    const x = x0 + c * BADGE.width;
    doc.moveTo(x, y0 - off).lineTo(x, y0 - off - len).stroke();
    doc.moveTo(x, y1 + off).lineTo(x, y1 + off + len).stroke();
  }
  for (let r = 0; r <= SHEET.rows; r++) {
    const y = y0 + r * BADGE.height;
    doc.moveTo(x0 - off, y).lineTo(x0 - off - len, y).stroke();
    doc.moveTo(x1 + off, y).lineTo(x1 + off + len, y).stroke();
  }
  // a hairline frame of each badge, light enough to vanish under a slightly inaccurate cut
  doc.lineWidth(0.25).strokeColor('#c8c8c8');
  for (let c = 0; c < SHEET.columns; c++) for (let r = 0; r < SHEET.rows; r++) doc.rect(x0 + c * BADGE.width, y0 + r * BADGE.height, BADGE.width, BADGE.height).stroke();
  doc.restore();
}

export interface RenderedBadges {
  pdf: Buffer;
  plans: BadgePlan[];
}

/** The badges of these registrations as one PDF in the chosen layout (a sheet of none is one empty page). */
export async function renderBadges(registrations: BadgeRegistration[], event: BadgeEvent, layout: BadgeLayout, timeZone: string): Promise<RenderedBadges> {
  const doc = badgeDocument(event.name, layout);
  const plans: BadgePlan[] = [];
  const perPage = SHEET.columns * SHEET.rows;
  if (layout === 'single') {
    for (const r of registrations) {
      doc.addPage({ size: [BADGE.width, BADGE.height], margin: 0 });
      plans.push(drawBadge(doc, badgeFace(r, event, timeZone), 0, 0));
    }
  } else {
    for (let i = 0; i < Math.max(1, registrations.length); i += perPage) {
      doc.addPage({ size: [A4.width, A4.height], margin: 0 });
      drawCutMarks(doc);
      registrations.slice(i, i + perPage).forEach((r, k) => {
        const x = SHEET_ORIGIN.x + (k % SHEET.columns) * BADGE.width;
        const y = SHEET_ORIGIN.y + Math.floor(k / SHEET.columns) * BADGE.height;
        plans.push(drawBadge(doc, badgeFace(r, event, timeZone), x, y));
      });
    }
  }
  if (!registrations.length && layout === 'single') doc.addPage({ size: [BADGE.width, BADGE.height], margin: 0 });
  return { pdf: await toBuffer(doc), plans };
}

/** One person's badge (the contract of issue 13's helpers): alone on a badge-sized page, or on an A4 sheet. */
export async function renderBadge(registration: BadgeRegistration, event: BadgeEvent, layout: BadgeLayout, timeZone: string): Promise<Buffer> {
  return (await renderBadges([registration], event, layout, timeZone)).pdf;
}

import type { Box, PageLayout } from './layout';
import { PAGE } from './layout';
import type { Doc } from './fonts';

/**
 * The fixed decoration of every certificate, drawn in the template's accent colour: a double frame with
 * a tinted band and corner diamonds, the ornament under the title, and a laurel wreath where no emblem
 * was uploaded. Vector only, so it costs a few hundred bytes and prints sharp.
 */
export function drawFrame(doc: Doc, accent: string, tinted: boolean): void {
  const outer = 20;
  const inner = 29;
  if (tinted) {
    doc.save().fillOpacity(0.07).rect(outer, outer, PAGE.width - 2 * outer, PAGE.height - 2 * outer).fill(accent).restore();
    doc.rect(inner, inner, PAGE.width - 2 * inner, PAGE.height - 2 * inner).fill('#ffffff');
  }
  doc.save().lineWidth(2.4).strokeColor(accent);
  doc.rect(outer, outer, PAGE.width - 2 * outer, PAGE.height - 2 * outer).stroke();
  doc.lineWidth(0.7).rect(inner, inner, PAGE.width - 2 * inner, PAGE.height - 2 * inner).stroke();
  doc.lineWidth(0.5).rect(inner + 4, inner + 4, PAGE.width - 2 * inner - 8, PAGE.height - 2 * inner - 8).stroke();
  doc.restore();
  for (const [x, y] of [[inner, inner], [PAGE.width - inner, inner], [inner, PAGE.height - inner], [PAGE.width - inner, PAGE.height - inner]]) {
    diamond(doc, x, y, 7, accent);
  }
}

export function drawDivider(doc: Doc, d: PageLayout['divider'], accent: string): void {
  const mid = d.x + d.width / 2;
  doc.save().lineWidth(0.8).strokeColor(accent);
  doc.moveTo(d.x, d.y).lineTo(mid - 9, d.y).stroke();
  doc.moveTo(mid + 9, d.y).lineTo(d.x + d.width, d.y).stroke();
  doc.restore();
  diamond(doc, mid, d.y, 4, accent);
  diamond(doc, mid - 12, d.y, 1.6, accent);
  diamond(doc, mid + 12, d.y, 1.6, accent);
}

function diamond(doc: Doc, x: number, y: number, r: number, color: string): void {
  doc.polygon([x, y - r], [x + r, y], [x, y + r], [x - r, y]).fill(color);
}

/** Two laurel branches meeting at the bottom (one drawn, the other its mirror image), a star between them. */
export function drawWreath(doc: Doc, box: Box, accent: string): void {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height * 0.52;
  const r = box.height * 0.44;
  branch(doc, cx, cy, r, accent);
  doc.save().transform(-1, 0, 0, 1, 2 * cx, 0);
  branch(doc, cx, cy, r, accent);
  doc.restore();
  star(doc, cx, box.y + box.height * 0.5, 7, accent);
}

/** The left branch: a stem along an arc from the bottom up, with pairs of leaves, smaller towards the tip. */
function branch(doc: Doc, cx: number, cy: number, r: number, accent: string): void {
  const at = (t: number) => {
    const a = Math.PI / 2 + t;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a), (a + Math.PI / 2) * (180 / Math.PI)] as const;
  };
  doc.save().lineWidth(1.1).strokeColor(accent);
  for (let i = 0; i <= 24; i++) {
    const [x, y] = at(0.18 + (i / 24) * 2.2);
    if (i === 0) doc.moveTo(x, y);
    else doc.lineTo(x, y);
  }
  doc.stroke().restore();
  for (let i = 0; i < 8; i++) {
    const [x, y, tangent] = at(0.3 + i * 0.27);
    const size = 1 - i * 0.06;
    for (const out of [-1, 1]) {
      doc.save().translate(x, y).rotate(tangent + out * 38).ellipse(0, -5.5 * size * out, 2.3 * size, 5.6 * size).fill(accent).restore();
    }
  }
}

function star(doc: Doc, cx: number, cy: number, r: number, color: string): void {
  const points: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const k = i % 2 ? r * 0.42 : r;
    points.push([cx + k * Math.cos(a), cy + k * Math.sin(a)]);
  }
  doc.polygon(...points).fill(color);
}

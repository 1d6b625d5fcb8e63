/**
 * Two small charts of a category's results, drawn on the server as inline SVG: no script, no `style=`
 * attribute (the CSP forbids inline styles); shapes carry classes styled from app.css, and presentation
 * attributes only where a class cannot say it. Every piece of text goes through `escapeXml`, so a nominee
 * called `<script>` is drawn as text.
 */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Attrs = Record<string, string | number>;
const attrs = (a: Attrs) => Object.entries(a).map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? round(v) : v)}"`).join('');
const round = (v: number) => String(Math.round(v * 10) / 10);
const el = (name: string, a: Attrs, children = '') => `<${name}${attrs(a)}>${children}</${name}>`;
const text = (a: Attrs, content: string) => el('text', a, escapeXml(content));

/** A long name cut to fit its column (by characters: the charts use a fixed-size font). */
export function clip(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

function svg(width: number, height: number, title: string, className: string, body: string): string {
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${width} ${height}`, class: `chart ${className}`, role: 'img', 'aria-label': title }, el('title', {}, escapeXml(title)) + body);
}

/**
 * Each chart comes in two layouts, both in the page, one shown by the screen's width (app.css): `wide` puts the
 * label, the plot and the value side by side on a 760-unit line; `narrow` (for a phone) puts the label and
 * the value on one line and the plot under it, 400 units wide, so the text keeps about its size on a 390 px
 * screen instead of shrinking to 5 px with the whole wide drawing.
 */
export type ChartLayout = 'wide' | 'narrow';

interface Frame {
  width: number;
  /** the plot's left and right ends */
  left: number;
  right: number;
  row: number;
  /** characters of a label that fit */
  chars: number;
  /** the baseline of row i's label and value, and the y of its marks */
  textY(i: number): number;
  markY(i: number): number;
}

const TOP = 40;

function frame(layout: ChartLayout, wide: { left: number; right: number; chars: number }): Frame {
  if (layout === 'wide') {
    const row = 22;
    return { width: 760, left: wide.left, right: 760 - wide.right, row, chars: wide.chars, textY: (i) => TOP + i * row + row / 2 + 4, markY: (i) => TOP + i * row + row / 2 };
  }
  const row = 34;
  return { width: 400, left: 12, right: 388, row, chars: 48, textY: (i) => TOP + i * row + 12, markY: (i) => TOP + i * row + 24 };
}

/** The vertical grid line and label of each tick, from the top of the plot to its bottom. */
function grid(height: number, x: (v: number) => number, from: number, to: number): string[] {
  return ticks(from, to).flatMap((tick) => [
    el('line', { x1: x(tick), x2: x(tick), y1: TOP - 8, y2: height - 12, class: 'grid' }),
    text({ x: x(tick), y: TOP - 12, class: 'tick', 'text-anchor': 'middle' }, String(tick)),
  ]);
}

export interface RankRow {
  label: string;
  rank: number;
  /** bootstrap [2.5 %, 97.5 %] of the rank; null when nobody scored the nomination */
  interval: [number, number] | null;
  /** the score as the page prints it */
  score: string;
  winner: boolean;
}

/**
 * Each nomination on a line, in ranking order: its rank (a dot) and its bootstrap rank interval (a bar) on a
 * rank axis 1…n, with the score at the right. A dashed line marks the winners' cut.
 */
export function rankIntervalChart(rows: RankRow[], o: { title: string; axis: string; ranks: number; places: number }, layout: ChartLayout = 'wide'): string {
  const f = frame(layout, { left: 270, right: 90, chars: 40 });
  const n = Math.max(o.ranks, 2);
  const x = (rank: number) => f.left + ((rank - 1) / (n - 1)) * (f.right - f.left);
  const height = TOP + rows.length * f.row + 16;
  const parts: string[] = [text({ x: f.left, y: 12, class: 'axis-label' }, o.axis), ...grid(height, x, 1, n)];
  if (o.places < n) parts.push(el('line', { x1: x(o.places + 0.5), x2: x(o.places + 0.5), y1: TOP - 8, y2: height - 12, class: 'cut' }));
  rows.forEach((r, i) => {
    // the full name as the row's tooltip: the visible label may be cut
    const row: string[] = [el('title', {}, escapeXml(`${r.rank}. ${r.label}`)), text({ x: 4, y: f.textY(i), class: 'label' }, clip(`${r.rank}. ${r.label}`, f.chars))];
    if (r.interval) {
      row.push(el('line', { x1: x(r.interval[0]), x2: x(r.interval[1]), y1: f.markY(i), y2: f.markY(i), class: 'interval' }));
      row.push(el('circle', { cx: x(r.rank), cy: f.markY(i), r: 4.5, class: 'point' }));
    }
    row.push(text({ x: f.width - 4, y: f.textY(i), class: 'value', 'text-anchor': 'end' }, r.score));
    parts.push(el('g', { class: r.winner ? 'row winner' : 'row' }, row.join('')));
  });
  return svg(f.width, height, o.title, `chart-ranks chart-${layout}`, parts.join(''));
}

export interface LeniencyRow {
  label: string;
  mean: number;
  sd: number;
  /** printed at the right, e.g. «7,4 ± 1,1» */
  value: string;
  flagged: boolean;
}

/**
 * Each juror's leniency: the mean of their weighted totals (a dot) and mean ± SD (a bar), against the band of
 * the whole panel (mean ± SD of every counted scorecard, and its mean as a line), on the scale of the
 * weighted total.
 */
export function leniencyChart(rows: LeniencyRow[], o: { title: string; axis: string; min: number; max: number; panelMean: number; panelSd: number }, layout: ChartLayout = 'wide'): string {
  const f = frame(layout, { left: 230, right: 110, chars: 34 });
  const span = o.max - o.min || 1;
  const x = (v: number) => f.left + ((Math.min(Math.max(v, o.min), o.max) - o.min) / span) * (f.right - f.left);
  const height = TOP + rows.length * f.row + 16;
  const parts: string[] = [text({ x: f.left, y: 12, class: 'axis-label' }, o.axis)];
  parts.push(el('rect', { x: x(o.panelMean - o.panelSd), y: TOP - 8, width: x(o.panelMean + o.panelSd) - x(o.panelMean - o.panelSd), height: height - TOP - 4, class: 'panel-band' }));
  parts.push(...grid(height, x, o.min, o.max));
  parts.push(el('line', { x1: x(o.panelMean), x2: x(o.panelMean), y1: TOP - 8, y2: height - 12, class: 'panel-mean' }));
  rows.forEach((r, i) => {
    parts.push(el('g', { class: r.flagged ? 'row flagged' : 'row' }, [
      el('title', {}, escapeXml(r.label)),
      text({ x: 4, y: f.textY(i), class: 'label' }, clip(r.label, f.chars)),
      el('line', { x1: x(r.mean - r.sd), x2: x(r.mean + r.sd), y1: f.markY(i), y2: f.markY(i), class: 'interval' }),
      el('circle', { cx: x(r.mean), cy: f.markY(i), r: 4.5, class: 'point' }),
      text({ x: f.width - 4, y: f.textY(i), class: 'value', 'text-anchor': 'end' }, r.value),
    ].join('')));
  });
  return svg(f.width, height, o.title, `chart-leniency chart-${layout}`, parts.join(''));
}

/** At most about seven evenly spaced integer ticks from `from` (the last one may fall short of `to`). */
export function ticks(from: number, to: number): number[] {
  const lo = Math.ceil(from);
  const hi = Math.floor(to);
  if (hi <= lo) return [lo];
  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  const out: number[] = [];
  for (let v = lo; v <= hi; v += step) out.push(v);
  return out;
}

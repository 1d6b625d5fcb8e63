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

export interface RankRow {
  label: string;
  rank: number;
  /** bootstrap [2.5 %, 97.5 %] of the rank; null when nobody scored the nomination */
  interval: [number, number] | null;
  /** the score as the page prints it */
  score: string;
  winner: boolean;
}

const WIDTH = 760;
const ROW = 22;
const TOP = 40;

/**
 * Each nomination on a line, in ranking order: its rank (a dot) and its bootstrap rank interval (a bar) on a
 * rank axis 1…n, with the score at the right. A dashed line marks the winners' cut.
 */
export function rankIntervalChart(rows: RankRow[], o: { title: string; axis: string; ranks: number; places: number }): string {
  const left = 270;
  const right = 90;
  const plot = WIDTH - left - right;
  const n = Math.max(o.ranks, 2);
  const x = (rank: number) => left + ((rank - 1) / (n - 1)) * plot;
  const height = TOP + rows.length * ROW + 16;
  const parts: string[] = [text({ x: left, y: 12, class: 'axis-label' }, o.axis)];
  for (const tick of ticks(1, n)) {
    parts.push(el('line', { x1: x(tick), x2: x(tick), y1: TOP - 8, y2: height - 12, class: 'grid' }));
    parts.push(text({ x: x(tick), y: TOP - 12, class: 'tick', 'text-anchor': 'middle' }, String(tick)));
  }
  if (o.places < n) parts.push(el('line', { x1: x(o.places + 0.5), x2: x(o.places + 0.5), y1: TOP - 8, y2: height - 12, class: 'cut' }));
  rows.forEach((r, i) => {
    const y = TOP + i * ROW + ROW / 2;
    // the full name as the row's tooltip: the visible label may be cut
    const row: string[] = [el('title', {}, escapeXml(`${r.rank}. ${r.label}`)), text({ x: 4, y: y + 4, class: 'label' }, clip(`${r.rank}. ${r.label}`, 40))];
    if (r.interval) {
      row.push(el('line', { x1: x(r.interval[0]), x2: x(r.interval[1]), y1: y, y2: y, class: 'interval' }));
      row.push(el('circle', { cx: x(r.rank), cy: y, r: 4.5, class: 'point' }));
    }
    row.push(text({ x: WIDTH - 4, y: y + 4, class: 'value', 'text-anchor': 'end' }, r.score));
    parts.push(el('g', { class: r.winner ? 'row winner' : 'row' }, row.join('')));
  });
  return svg(WIDTH, height, o.title, 'chart-ranks', parts.join(''));
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
export function leniencyChart(rows: LeniencyRow[], o: { title: string; axis: string; min: number; max: number; panelMean: number; panelSd: number }): string {
  const left = 230;
  const right = 110;
  const plot = WIDTH - left - right;
  const span = o.max - o.min || 1;
  const x = (v: number) => left + ((Math.min(Math.max(v, o.min), o.max) - o.min) / span) * plot;
  const height = TOP + rows.length * ROW + 16;
  const parts: string[] = [text({ x: left, y: 12, class: 'axis-label' }, o.axis)];
  parts.push(el('rect', { x: x(o.panelMean - o.panelSd), y: TOP - 8, width: x(o.panelMean + o.panelSd) - x(o.panelMean - o.panelSd), height: height - TOP - 4, class: 'panel-band' }));
  for (const tick of ticks(o.min, o.max)) {
    parts.push(el('line', { x1: x(tick), x2: x(tick), y1: TOP - 8, y2: height - 12, class: 'grid' }));
    parts.push(text({ x: x(tick), y: TOP - 12, class: 'tick', 'text-anchor': 'middle' }, String(tick)));
  }
  parts.push(el('line', { x1: x(o.panelMean), x2: x(o.panelMean), y1: TOP - 8, y2: height - 12, class: 'panel-mean' }));
  rows.forEach((r, i) => {
    const y = TOP + i * ROW + ROW / 2;
    parts.push(el('g', { class: r.flagged ? 'row flagged' : 'row' }, [
      el('title', {}, escapeXml(r.label)),
      text({ x: 4, y: y + 4, class: 'label' }, clip(r.label, 34)),
      el('line', { x1: x(r.mean - r.sd), x2: x(r.mean + r.sd), y1: y, y2: y, class: 'interval' }),
      el('circle', { cx: x(r.mean), cy: y, r: 4.5, class: 'point' }),
      text({ x: WIDTH - 4, y: y + 4, class: 'value', 'text-anchor': 'end' }, r.value),
    ].join('')));
  });
  return svg(WIDTH, height, o.title, 'chart-leniency', parts.join(''));
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

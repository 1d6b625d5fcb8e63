/**
 * Fitting a line of text into a box: the largest size (down to a minimum) at which it needs no more than
 * `maxLines` lines, with the lines balanced (similar lengths, as a typesetter would break a centred
 * heading). Widths are measured once at size 1 and scale linearly, so trying sizes is cheap.
 */

/** Width of `text` at font size 1, without letter spacing. */
export type Measure = (text: string) => number;

export interface FitOptions {
  width: number;
  maxSize: number;
  minSize: number;
  maxLines: number;
  /** extra space after each letter, in em */
  letterSpacing?: number;
}

export interface Fitted {
  size: number;
  lines: string[];
}

interface Token {
  text: string;
  /** width at size 1, letter spacing included */
  w: number;
  /** a space precedes it (else it continues a hyphenated word) */
  space: boolean;
}

const SIZE_STEP = 0.5;

export function fitText(text: string, measure: Measure, o: FitOptions): Fitted {
  const ls = o.letterSpacing ?? 0;
  const unit = (s: string) => measure(s) + ls * [...s].length;
  const tokens = tokenize(text, unit);
  if (!tokens.length) return { size: o.maxSize, lines: [] };
  const spaceW = unit(' ');
  for (let size = o.maxSize; size >= o.minSize - 1e-9; size -= SIZE_STEP) {
    const room = o.width / size;
    if (tokens.some((t) => t.w > room)) continue;
    const lines = wrap(tokens, spaceW, room);
    if (lines.length > o.maxLines) continue;
    // A quoted name («Педиатрия как искусство — 2025») that fits on a line stays on one, the break going
    // before its «, as long as that costs no extra line: keeping it whole never makes the text smaller.
    const kept = keepQuotesTogether(tokens, spaceW, room);
    const whole = kept.length < tokens.length && wrap(kept, spaceW, room).length <= lines.length;
    return { size, lines: balance(whole ? kept : tokens, spaceW, room, lines.length) };
  }
  // Too long even at the smallest size: more lines, and words wider than the box are cut.
  const room = o.width / o.minSize;
  return { size: o.minSize, lines: wrap(splitWide(tokens, unit, room), spaceW, room).map(join) };
}

/**
 * The tokens with each «quoted» run that fits in `room` joined into one token, so no line breaks inside it.
 * Quotes are counted, so a run that starts glued to a short word (в «Лучший …») or nests quotes is whole too.
 */
function keepQuotesTogether(tokens: Token[], spaceW: number, room: number): Token[] {
  const out: Token[] = [];
  let depth = 0;
  let run: Token[] = [];
  const flush = (closed: boolean) => {
    const w = run.reduce((sum, t, i) => sum + t.w + (i > 0 && t.space ? spaceW : 0), 0);
    if (closed && run.length > 1 && w <= room + 1e-9) out.push({ text: join(run), w, space: run[0].space });
    else out.push(...run);
    run = [];
  };
  for (const t of tokens) {
    const before = depth;
    for (const ch of t.text) depth = Math.max(0, depth + (ch === '«' ? 1 : ch === '»' ? -1 : 0));
    if (before > 0 || depth > 0) run.push(t);
    else out.push(t);
    if (before + depth > 0 && depth === 0) flush(true);
  }
  if (run.length) flush(false);
  return out;
}

/**
 * Words split at spaces, and hyphenated words also after each hyphen («Константинопольская-|Задунайская»).
 * Russian typesetting rules keep some neighbours on one line: a dash stays with the word before it
 * («Подмосковья —», and «— 2026»), and a short preposition, conjunction, «№» or an initial with the
 * word after it («в номинации», «№ 2», «Н. Н. Дружининой»).
 */
function tokenize(text: string, unit: (s: string) => number): Token[] {
  const tokens: Token[] = [];
  const spaceW = unit(' ');
  for (const word of text.split(/\s+/).filter(Boolean)) {
    word.split(/(?<=[-‐])(?=.)/).forEach((part, i) => {
      const prev = tokens[tokens.length - 1];
      const space = i === 0 && tokens.length > 0;
      const last = prev?.text.split(' ').pop() ?? '';
      if (prev && space && (DASH.test(part) || GLUES_NEXT.test(last) || (DASH.test(last) && [...part].length <= 5))) {
        prev.text += ` ${part}`;
        prev.w += spaceW + unit(part);
      } else tokens.push({ text: part, w: unit(part), space });
    });
  }
  return tokens;
}

const DASH = /^[—–]$/;
const GLUES_NEXT = /^(?:[«(„"]?[А-Яа-яЁёA-Za-z]{1,2}|№|[А-ЯЁA-Z]\.)$/;

function wrap(tokens: Token[], spaceW: number, room: number): Token[][] {
  const lines: Token[][] = [];
  let line: Token[] = [];
  let width = 0;
  for (const t of tokens) {
    const add = (line.length && t.space ? spaceW : 0) + t.w;
    if (line.length && width + add > room + 1e-9) {
      lines.push(line);
      line = [t];
      width = t.w;
    } else {
      line.push(t);
      width += add;
    }
  }
  if (line.length) lines.push(line);
  return lines;
}

/** The narrowest measure that still gives `count` lines: the same break count, evener lines. */
function balance(tokens: Token[], spaceW: number, room: number, count: number): string[] {
  if (count <= 1) return wrap(tokens, spaceW, room).map(join);
  let lo = Math.max(...tokens.map((t) => t.w));
  let hi = room;
  for (let i = 0; i < 14; i++) {
    const mid = (lo + hi) / 2;
    if (wrap(tokens, spaceW, mid).length <= count) hi = mid;
    else lo = mid;
  }
  return wrap(tokens, spaceW, hi).map(join);
}

function splitWide(tokens: Token[], unit: (s: string) => number, room: number): Token[] {
  return tokens.flatMap((t) => {
    if (t.w <= room) return [t];
    const parts: Token[] = [];
    let chunk = '';
    for (const ch of t.text) {
      if (chunk && unit(chunk + ch) > room) {
        parts.push({ text: chunk, w: unit(chunk), space: parts.length === 0 && t.space });
        chunk = '';
      }
      chunk += ch;
    }
    parts.push({ text: chunk, w: unit(chunk), space: parts.length === 0 && t.space });
    return parts;
  });
}

const join = (line: Token[]) => line.map((t, i) => (i > 0 && t.space ? ` ${t.text}` : t.text)).join('');

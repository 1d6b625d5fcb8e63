import type { RubricBand } from './criterion.entity';

/** A problem with one line of a rubric, as a catalog key with its parameters. */
export interface RubricProblem {
  key: string;
  params: Record<string, string | number>;
}

export type RubricResult = { ok: true; bands: RubricBand[] } | { ok: false; problem: RubricProblem };

// «8–10: выдающиеся достижения», «5: средне», «-2..-1: плохо»: a score or a range, a colon, the meaning.
const LINE = /^(-?\d{1,6})(?:\s*(?:–|—|-|\.\.)\s*(-?\d{1,6}))?\s*:\s*(.*)$/;
const TEXT_MAX = 500;

/**
 * Reads a rubric typed one band per line («8–10: выдающиеся достижения»). Each band must lie inside
 * the scale, run from low to high, carry a text, and not overlap another band; bands come out sorted
 * from the lowest score. Blank lines are skipped; at least one band is required.
 */
export function parseRubric(text: string, scaleMin: number, scaleMax: number): RubricResult {
  const bands: Array<RubricBand & { line: number }> = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const n = i + 1;
    const m = LINE.exec(line);
    if (!m) return fail('juryAdmin.rubric.unreadable', { line: n });
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    const meaning = m[3].trim();
    if (!meaning) return fail('juryAdmin.rubric.noText', { line: n });
    if (meaning.length > TEXT_MAX) return fail('juryAdmin.rubric.tooLong', { line: n, max: TEXT_MAX });
    if (from > to) return fail('juryAdmin.rubric.reversed', { line: n });
    if (from < scaleMin || to > scaleMax) return fail('juryAdmin.rubric.outsideScale', { line: n, min: scaleMin, max: scaleMax });
    const clash = bands.find((b) => from <= b.to && b.from <= to);
    if (clash) return fail('juryAdmin.rubric.overlap', { line: n, other: clash.line });
    bands.push({ from, to, text: meaning, line: n });
  }
  if (!bands.length) return fail('juryAdmin.rubric.empty', {});
  return { ok: true, bands: bands.sort((a, b) => a.from - b.from).map(({ from, to, text: t }) => ({ from, to, text: t })) };
}

/** The rubric as the admin typed it, for the edit form. */
export function formatRubric(bands: readonly RubricBand[]): string {
  return bands.map((b) => `${bandLabel(b)}: ${b.text}`).join('\n');
}

/** «8–10» or «5». */
export function bandLabel(b: Pick<RubricBand, 'from' | 'to'>): string {
  return b.from === b.to ? String(b.from) : `${b.from}–${b.to}`;
}

function fail(key: string, params: Record<string, string | number>): RubricResult {
  return { ok: false, problem: { key, params } };
}

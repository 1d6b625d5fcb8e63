import type { Criterion } from './criterion.entity';

export type ScoreProblem = { criterionId: number; key: 'jury.scores.notInteger' | 'jury.scores.outOfRange' | 'jury.scores.missing'; min: number; max: number };

/**
 * Reads the submitted values of a scorecard form: each must be an integer inside its criterion's
 * scale. An empty value is allowed in a draft and refused on submission.
 */
export function checkScores(criteria: Criterion[], raw: Record<string, unknown>, submitting: boolean): { values: Map<number, number>; problems: ScoreProblem[] } {
  const values = new Map<number, number>();
  const problems: ScoreProblem[] = [];
  for (const c of criteria) {
    const text = String(raw[String(c.id)] ?? '').trim();
    const bounds = { min: c.scaleMin, max: c.scaleMax };
    if (text === '') {
      if (submitting) problems.push({ criterionId: c.id, key: 'jury.scores.missing', ...bounds });
      continue;
    }
    if (!/^-?\d{1,6}$/.test(text)) {
      problems.push({ criterionId: c.id, key: 'jury.scores.notInteger', ...bounds });
      continue;
    }
    const v = Number(text);
    if (v < c.scaleMin || v > c.scaleMax) problems.push({ criterionId: c.id, key: 'jury.scores.outOfRange', ...bounds });
    else values.set(c.id, v);
  }
  return { values, problems };
}

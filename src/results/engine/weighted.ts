import type { CriterionInput } from './types';

/**
 * A juror's weighted total for one nomination: s = Σ w_c · x_c / Σ w_c.
 * The one place this is computed; every method, statistic and the app's stored value go through it.
 * Summed in criteria order so the result is bit-for-bit reproducible.
 */
export function weightedTotal(criteria: readonly CriterionInput[], scores: Readonly<Record<string, number>>): number {
  let num = 0;
  let den = 0;
  for (const c of criteria) {
    num += c.weight * scores[c.id];
    den += c.weight;
  }
  return num / den;
}

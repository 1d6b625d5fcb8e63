import type { JurorFlag } from '../types';
import type { MethodContext, MethodModel } from './method';
import { meanOfValues } from './linear';

/** Below this SD a juror's totals count as all equal (floating-point noise from the mean is ~1e-15). */
const ZERO_SD = 1e-9;
/** Fewer scorecards than this: an SD from one or two cards says nothing about the juror's use of the scale. */
const MIN_CARDS_FOR_SCALING = 3;

/**
 * z-score: per juror, over everything that juror submitted in the category, z = (s − mean_j) / sd_j
 * (population SD); the nomination's score is the mean of its jurors' z. Centring removes a juror's
 * leniency or harshness; dividing by sd_j evens out jurors who use more or less of the scale.
 * Guard: a juror with sd = 0 or fewer than 3 cards cannot be scaled, so is only centred (s − mean_j) and flagged.
 */
export function zscoreMethod({ design, moments }: MethodContext): MethodModel {
  const J = design.jurorIds.length;
  const values = new Float64Array(design.cardS.length);
  const flags: JurorFlag[] = [];
  for (let j = 0; j < J; j++) {
    const from = design.jurorStart[j];
    const to = design.jurorStart[j + 1];
    const centredOnly = to - from > 0 && (to - from < MIN_CARDS_FOR_SCALING || moments.sd[j] <= ZERO_SD);
    flags.push(centredOnly ? 'centred' : null);
    const scale = centredOnly ? 1 : moments.sd[j];
    for (let c = from; c < to; c++) values[c] = (design.cardS[c] - moments.mean[j]) / scale;
  }
  return { values, flags, score: meanOfValues(design, values) };
}

import type { Design } from '../design';
import type { OffsetFit } from './offset';
import type { JurorMoments } from '../jurors';
import type { JurorFlag } from '../types';
import type { JurorLinks } from '../graph';

/**
 * What each method provides. The bootstrap resamples jurors with replacement: m[j] is how many times juror j
 * was drawn (a juror drawn twice counts twice). The real data is the case m = all ones, and the scores shown
 * are computed through the same `score` function, so the intervals describe exactly the shown numbers.
 */
export interface MethodModel {
  /** per card: the value this method aggregates (Krippendorff's α is computed on these) */
  values: Float64Array;
  /** per juror: "centred" when the z-score guard applied (zscore only) */
  flags: JurorFlag[];
  /** fills out[i] with nomination i's score under multiplicities m; NaN when no drawn juror scored it */
  score(m: Int32Array, out: Float64Array): void;
}

export interface MethodContext {
  design: Design;
  moments: JurorMoments;
  /** the full-data additive fit, always computed (it gives every juror's offset) */
  fit: OffsetFit;
  links: JurorLinks;
}

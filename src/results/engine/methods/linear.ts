import type { Design } from '../design';

/**
 * score_i = Σ m_j · v_c / Σ m_j over the cards c of nomination i by drawn jurors j: a mean of fixed per-card
 * values. Raw (v = s) and z-score (v = z, whose juror mean and SD do not change when a juror is drawn twice,
 * since they are over the juror's own cards) are both this. Runs over each drawn juror's contiguous cards,
 * so a resample costs one pass over the drawn cards and no allocation.
 */
export function meanOfValues(d: Design, values: Float64Array): (m: Int32Array, out: Float64Array) => void {
  const N = d.nominationIds.length;
  const sums = new Float64Array(N);
  const weights = new Float64Array(N);
  const { activeJurors, jurorStart, cardNom } = d;
  return (m, out) => {
    sums.fill(0);
    weights.fill(0);
    for (let a = 0; a < activeJurors.length; a++) {
      const j = activeJurors[a];
      const w = m[j];
      if (w === 0) continue;
      for (let c = jurorStart[j]; c < jurorStart[j + 1]; c++) {
        const i = cardNom[c];
        sums[i] += w * values[c];
        weights[i] += w;
      }
    }
    for (let i = 0; i < N; i++) out[i] = weights[i] > 0 ? sums[i] / weights[i] : NaN;
  };
}

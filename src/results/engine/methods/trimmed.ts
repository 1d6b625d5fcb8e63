import type { MethodContext, MethodModel } from './method';

/** From this many cards on, the single highest and single lowest s are dropped. */
const TRIM_FROM = 5;

/**
 * Trimmed mean: the mean of s after dropping the single highest and the single lowest when the nomination has
 * at least 5 cards (the plain mean otherwise); one outlying juror cannot then move the score much.
 * Dropping one highest and one lowest is (Σ s − max − min) / (n − 2), so only sum, count, min and max are
 * kept; in a resample a juror drawn twice contributes two cards, and only one copy of an extreme is dropped.
 */
export function trimmedMethod({ design }: MethodContext): MethodModel {
  const N = design.nominationIds.length;
  const sums = new Float64Array(N);
  const counts = new Float64Array(N);
  const lows = new Float64Array(N);
  const highs = new Float64Array(N);
  const { activeJurors, jurorStart, cardNom, cardS } = design;
  const score = (m: Int32Array, out: Float64Array) => {
    sums.fill(0);
    counts.fill(0);
    lows.fill(Infinity);
    highs.fill(-Infinity);
    for (let a = 0; a < activeJurors.length; a++) {
      const j = activeJurors[a];
      const w = m[j];
      if (w === 0) continue;
      for (let c = jurorStart[j]; c < jurorStart[j + 1]; c++) {
        const i = cardNom[c];
        const s = cardS[c];
        sums[i] += w * s;
        counts[i] += w;
        lows[i] = Math.min(lows[i], s);
        highs[i] = Math.max(highs[i], s);
      }
    }
    for (let i = 0; i < N; i++) {
      const n = counts[i];
      out[i] = n === 0 ? NaN : n >= TRIM_FROM ? (sums[i] - highs[i] - lows[i]) / (n - 2) : sums[i] / n;
    }
  };
  return { values: cardS, flags: design.jurorIds.map(() => null), score };
}

import type { Design } from './design';
import type { JurorFlag, JurorStats } from './types';

/** A juror's mean and population SD of their weighted totals s (NaN without scorecards). */
export interface JurorMoments {
  mean: Float64Array;
  sd: Float64Array;
}

/** Two passes (mean, then squared deviations) so that identical totals give an SD of exactly or nearly 0. */
export function jurorMoments(d: Design): JurorMoments {
  const J = d.jurorIds.length;
  const mean = new Float64Array(J).fill(NaN);
  const sd = new Float64Array(J).fill(NaN);
  for (let j = 0; j < J; j++) {
    const from = d.jurorStart[j];
    const to = d.jurorStart[j + 1];
    const n = to - from;
    if (n === 0) continue;
    let sum = 0;
    for (let c = from; c < to; c++) sum += d.cardS[c];
    const m = sum / n;
    let ss = 0;
    for (let c = from; c < to; c++) ss += (d.cardS[c] - m) ** 2;
    mean[j] = m;
    sd[j] = Math.sqrt(ss / n);
  }
  return { mean, sd };
}

export function jurorStats(d: Design, moments: JurorMoments, offsets: Float64Array, flags: JurorFlag[]): JurorStats[] {
  return d.jurorIds.map((juror, j) => {
    const n = d.jurorStart[j + 1] - d.jurorStart[j];
    return {
      juror,
      scorecards: n,
      recused: d.recused[j],
      mean: n ? moments.mean[j] : null,
      sd: n ? moments.sd[j] : null,
      offset: n ? offsets[j] : null,
      flag: flags[j],
    };
  });
}

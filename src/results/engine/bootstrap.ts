import type { Design } from './design';
import { xoshiro128ss } from './random';
import { Ranker, selectKth, type TieKeys } from './order';

export interface BootstrapSummary {
  /** per nomination: 2.5th and 97.5th percentile of its rank over the resamples (nearest-rank method) */
  lower: Int32Array;
  upper: Int32Array;
  /** per nomination: share of resamples in which its rank is within the top `places` */
  pWinner: Float64Array;
}

/**
 * Bootstrap over jurors: each resample draws as many jurors as have scorecards, uniformly with replacement
 * (a juror drawn twice counts twice; the method's score function takes the multiplicities), recomputes every
 * nomination's score and rank. The jurors, not the cards, are resampled because a juror's cards are not
 * independent (leniency), and the question is "would another panel like this one rank them the same?".
 *
 * Rank in a resample: as the real ranking ranks (ranking.ts), with the tie-break rules replayed on the resample's
 * own values: equal scores (to 1e-9) are ordered by the higher mean normalised score on the highest-weighted
 * criterion, then by the higher raw mean, each over the drawn jurors' cards; what still ties shares the better
 * rank. Otherwise two nominations that always tie, split by a rule in the real ranking, would both rank first in
 * every resample: the second's interval would miss its own rank and its P(winner) would be 1.
 * A nomination no drawn juror scored ranks last (after all scored).
 * pWinner counts rank ≤ places and ignores the municipality quota: it measures the ranking's uncertainty, and
 * the quota is a rule applied afterwards to the one real ranking. An unscored nomination never counts as a winner.
 *
 * Percentiles use the nearest-rank method (the ⌈p·B⌉-th smallest value), so the interval holds actual ranks.
 * Cost: typed arrays only, nothing allocated per resample; ranks come from a bucket sort (order.ts), and the
 * percentiles from selection rather than sorting each nomination's ranks.
 */
export function bootstrapRanks(
  d: Design,
  score: (m: Int32Array, out: Float64Array) => void,
  places: number,
  seed: Uint8Array,
  resamples: number,
): BootstrapSummary {
  const N = d.nominationIds.length;
  const active = d.activeJurors;
  const A = active.length;
  const lower = new Int32Array(N);
  const upper = new Int32Array(N);
  const pWinner = new Float64Array(N);
  if (A === 0 || N === 0) return { lower, upper, pWinner };

  const random = xoshiro128ss(seed);
  const m = new Int32Array(d.jurorIds.length);
  const scores = new Float64Array(N);
  const rank = new Int32Array(N);
  const ranker = new Ranker(N);
  const keys = new ResampleTieKeys(d, m);
  const wins = new Int32Array(N);
  // ranks[i * B + r]: nomination i's rank in resample r (contiguous per nomination for the percentile selection)
  const ranks = N < 0xffff ? new Uint16Array(N * resamples) : new Uint32Array(N * resamples);

  for (let r = 0; r < resamples; r++) {
    m.fill(0);
    for (let k = 0; k < A; k++) m[active[Math.floor(random() * A)]]++;
    score(m, scores);
    const present = ranker.rank(scores, rank, keys);
    for (let i = 0; i < N; i++) {
      ranks[i * resamples + r] = rank[i];
      if (rank[i] <= places && rank[i] <= present) wins[i]++;
    }
  }

  const lo = Math.ceil(0.025 * resamples) - 1;
  const hi = Math.ceil(0.975 * resamples) - 1;
  for (let i = 0; i < N; i++) {
    const from = i * resamples;
    lower[i] = selectKth(ranks, from, from + resamples, lo);
    // selection left the range split at lo, so the upper percentile lies in the part above it
    upper[i] = selectKth(ranks, from + lo + 1, from + resamples, hi - lo - 1);
    pWinner[i] = wins[i] / resamples;
  }
  return { lower, upper, pWinner };
}

/**
 * The tie-break values under the multiplicities m (a juror drawn twice counts twice). A class, not a closure:
 * the engine runs many times in one process, and a closure's captured arrays were read markedly slower from the
 * second design on.
 */
export class ResampleTieKeys implements TieKeys {
  readonly top: Float64Array;
  readonly raw: Float64Array;

  constructor(private readonly d: Design, private readonly m: Int32Array) {
    this.top = new Float64Array(d.nominationIds.length);
    this.raw = new Float64Array(d.nominationIds.length);
  }

  prepare(tied: Uint8Array): void {
    const { m, top, raw } = this;
    const { nomStart, nomJuror, nomS, nomTop } = this.d;
    for (let i = 0; i < tied.length; i++) {
      if (!tied[i]) continue;
      tied[i] = 0;
      let weight = 0;
      let sumTop = 0;
      let sumS = 0;
      for (let k = nomStart[i]; k < nomStart[i + 1]; k++) {
        const w = m[nomJuror[k]];
        weight += w;
        sumTop += w * nomTop[k];
        sumS += w * nomS[k];
      }
      top[i] = sumTop / weight;
      raw[i] = sumS / weight;
    }
  }
}

import { TIE_EPSILON } from './types';

/**
 * Ranks many scores many times (the bootstrap ranks 10,000 nominations 1,000 times), without objects and
 * faster than a comparison sort: a bucket sort on the value range (expected linear time), exact insertion sort
 * inside each bucket, then one sweep that gives every score its competition rank
 * 1 + #{scores more than 1e-9 above it}.
 */
export class Ranker {
  private readonly present: Int32Array;
  private readonly sorted: Int32Array;
  private readonly bucketStart: Int32Array;

  constructor(private readonly size: number) {
    this.present = new Int32Array(size);
    this.sorted = new Int32Array(size);
    this.bucketStart = new Int32Array(size + 2);
  }

  /** Writes into rank[i] the rank of scores[i]; NaN (unscored) ranks after all scores. Returns how many had a score. */
  rank(scores: Float64Array, rank: Int32Array): number {
    const { present, sorted, bucketStart } = this;
    let n = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < this.size; i++) {
      const s = scores[i];
      if (Number.isNaN(s)) {
        rank[i] = -1;
        continue;
      }
      present[n++] = i;
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
    // Bucket by value (as many buckets as scores), then an exact sort inside each bucket.
    const buckets = Math.max(n, 1);
    // A range so small that buckets / range overflows (denormal scores) goes into one bucket.
    const span = buckets / (hi - lo);
    const scale = hi > lo && Number.isFinite(span) ? span : 0;
    bucketStart.fill(0, 0, buckets + 1);
    for (let k = 0; k < n; k++) bucketStart[bucketOf(scores[present[k]], lo, scale, buckets) + 1]++;
    for (let b = 0; b < buckets; b++) bucketStart[b + 1] += bucketStart[b];
    for (let k = 0; k < n; k++) {
      const i = present[k];
      const b = bucketOf(scores[i], lo, scale, buckets);
      sorted[bucketStart[b]++] = i; // bucketStart[b] ends as the start of bucket b + 1
    }
    let from = 0;
    for (let b = 0; b < buckets; b++) {
      const to = bucketStart[b];
      if (to - from > 1) sortRange(sorted, from, to, scores);
      from = to;
    }
    // sorted is ascending; for position p, `above` is the first position whose score is more than 1e-9 higher.
    let above = 0;
    for (let p = 0; p < n; p++) {
      const limit = scores[sorted[p]] + TIE_EPSILON;
      if (above < p) above = p;
      while (above < n && scores[sorted[above]] <= limit) above++;
      rank[sorted[p]] = 1 + n - above;
    }
    for (let i = 0; i < this.size; i++) if (rank[i] === -1) rank[i] = n + 1;
    return n;
  }
}

function bucketOf(s: number, lo: number, scale: number, buckets: number): number {
  const b = Math.floor((s - lo) * scale);
  return b >= buckets ? buckets - 1 : b > 0 ? b : 0;
}

/** Ascending by score: insertion sort for the usual handful, a comparison sort for a crowded bucket. */
function sortRange(order: Int32Array, from: number, to: number, scores: Float64Array): void {
  if (to - from > 32) {
    order.subarray(from, to).sort((a, b) => scores[a] - scores[b]);
    return;
  }
  for (let k = from + 1; k < to; k++) {
    const i = order[k];
    const s = scores[i];
    let p = k - 1;
    while (p >= from && scores[order[p]] > s) {
      order[p + 1] = order[p];
      p--;
    }
    order[p + 1] = i;
  }
}

/**
 * The k-th smallest (0-based) of values[from … to) by selection (Hoare partitioning, expected linear time);
 * reorders that range. Used for the bootstrap percentiles instead of sorting each nomination's 1,000 ranks.
 */
export function selectKth(values: Uint16Array | Uint32Array, from: number, to: number, k: number): number {
  let l = from;
  let r = to - 1;
  const target = from + k;
  while (l < r) {
    const pivot = values[target];
    let i = l;
    let j = r;
    do {
      while (values[i] < pivot) i++;
      while (pivot < values[j]) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < target) l = i;
    if (target < i) r = j;
  }
  return values[target];
}

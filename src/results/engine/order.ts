import { TIE_EPSILON } from './types';

/**
 * The tie-break values of the nominations, for the Ranker: the mean normalised score on the highest-weighted
 * criterion and the raw mean, both under the resample being ranked. `prepare(tied)` fills top[i] and raw[i]
 * for every nomination marked tied[i] = 1 (and clears the marks); the Ranker marks only those whose scores
 * tie, so a resample without ties costs nothing. One call per resample, not one per nomination: a loop
 * over the marks in index order reads the cards in memory order, with the arrays in local variables.
 */
export interface TieKeys {
  top: Float64Array;
  raw: Float64Array;
  prepare(tied: Uint8Array): void;
}

/**
 * Ranks many scores many times (the bootstrap ranks 10,000 nominations 1,000 times), without objects and
 * faster than a comparison sort: a bucket sort on the value range (expected linear time), exact insertion sort
 * inside each bucket, then one sweep that ranks as ranking.ts does. Scores within 1e-9 of the next one are a
 * tie (chained); with TieKeys a tie is broken by the higher top-criterion value, then the higher raw mean (the
 * same tolerance, chained), and what still ties shares the best rank (competition ranking: 1, 2, 2, 4).
 * Without TieKeys every tie shares its best rank.
 */
export class Ranker {
  private readonly present: Int32Array;
  private readonly sorted: Int32Array;
  private readonly bucketStart: Int32Array;
  private readonly runStart: Int32Array;
  private readonly runEnd: Int32Array;
  private readonly tied: Uint8Array;

  constructor(private readonly size: number) {
    this.present = new Int32Array(size);
    this.sorted = new Int32Array(size);
    this.bucketStart = new Int32Array(size + 2);
    this.runStart = new Int32Array(size);
    this.runEnd = new Int32Array(size);
    this.tied = new Uint8Array(size);
  }

  /** Writes into rank[i] the rank of scores[i]; NaN (unscored) ranks after all scores. Returns how many had a score. */
  rank(scores: Float64Array, rank: Int32Array, keys?: TieKeys): number {
    const { sorted, runStart, runEnd, tied } = this;
    const n = this.sortAscending(scores, rank);
    // sorted is ascending; walk it from the top in runs of chained equal scores. A run at positions
    // [start, end) has the n − end higher scores after it: its best rank is 1 + n − end.
    let runs = 0;
    let end = n;
    while (end > 0) {
      let start = end - 1;
      while (start > 0 && scores[sorted[start]] - scores[sorted[start - 1]] <= TIE_EPSILON) start--;
      if (end - start > 1 && keys) {
        runStart[runs] = start;
        runEnd[runs++] = end;
        for (let p = start; p < end; p++) tied[sorted[p]] = 1;
      } else {
        for (let p = start; p < end; p++) rank[sorted[p]] = 1 + n - end;
      }
      end = start;
    }
    if (keys && runs) {
      keys.prepare(tied);
      for (let r = 0; r < runs; r++) this.breakTie(runStart[r], runEnd[r], 1 + n - runEnd[r], rank, keys);
    }
    for (let i = 0; i < this.size; i++) if (rank[i] === -1) rank[i] = n + 1;
    return n;
  }

  /** Sorts the scored nominations ascending into `sorted` (returns how many), marking the unscored with rank −1. */
  private sortAscending(scores: Float64Array, rank: Int32Array): number {
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
    return n;
  }

  /**
   * The tie rules of ranking.ts on the run sorted[from … to): by top criterion, then by raw mean, descending.
   * Reorders the run in place: `sorted` is not read again in this ranking.
   */
  private breakTie(from: number, to: number, best: number, rank: Int32Array, keys: TieKeys): void {
    const { sorted } = this;
    sortDescending(sorted, from, to, keys.top);
    for (let a = from; a < to; ) {
      const b = endOfRun(sorted, a, to, keys.top);
      if (b - a > 1) sortDescending(sorted, a, b, keys.raw);
      for (let c = a; c < b; ) {
        const d = endOfRun(sorted, c, b, keys.raw);
        for (let k = c; k < d; k++) rank[sorted[k]] = best + c - from;
        c = d;
      }
      a = b;
    }
  }
}

/** The end of the run of chained equal keys (within 1e-9 of the previous one) that starts at `from`. */
function endOfRun(order: Int32Array, from: number, to: number, key: Float64Array): number {
  let end = from + 1;
  while (end < to && Math.abs(key[order[end - 1]] - key[order[end]]) <= TIE_EPSILON) end++;
  return end;
}

/** Insertion sort, descending by key: the runs of a tie are a handful of nominations. */
function sortDescending(order: Int32Array, from: number, to: number, key: Float64Array): void {
  if (to - from > 32) {
    order.subarray(from, to).sort((a, b) => key[b] - key[a] || a - b);
    return;
  }
  for (let k = from + 1; k < to; k++) {
    const i = order[k];
    const v = key[i];
    let p = k - 1;
    while (p >= from && key[order[p]] < v) {
      order[p + 1] = order[p];
      p--;
    }
    order[p + 1] = i;
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

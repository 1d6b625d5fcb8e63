import type { Design } from '../design';
import { JurorLinks } from '../graph';
import type { MethodContext, MethodModel } from './method';

/** Backfitting stops when no q_i or b_j moved by this much in a sweep. */
export const FIT_TOLERANCE = 1e-9;
/** A safety cap; a well-linked design converges in tens of sweeps. */
export const FIT_MAX_SWEEPS = 10_000;
/**
 * In the bootstrap each resample starts from the full fit (its answer is close to that) and is capped at this
 * many sweeps (still stopping early at 1e-9), followed by the centring and a last q update: 1,000 fits run
 * to 1e-9 (~25 sweeps of ~0.3 ms each on 10,000 nominations) do not fit the time budget. Each sweep shrinks
 * the remaining error by a constant factor. Measured on the bench design (10,000 nominations, 7 of 100 jurors
 * each) against resamples run to convergence (`node dist/bench/results-engine.js offset-accuracy`): with 3
 * sweeps the rank-interval ends move by 0 places (median), 2 (99th percentile), 9 (max) and P(winner) by
 * ≤ 0.001, while the Monte Carlo noise of B = 1000 itself (another seed) is 24, 178 and 364 places and 0.03.
 */
export const BOOTSTRAP_MAX_SWEEPS = 3;

/** q: per nomination (NaN when unscored); b: per juror (0 for jurors without cards). */
export interface OffsetFit {
  q: Float64Array;
  b: Float64Array;
  sweeps: number;
  converged: boolean;
}

/**
 * Additive juror offset: least squares for s_ij = q_i + b_j, by backfitting: alternately the exact
 * least-squares update of every q_i given b (the mean of s − b over its jurors), then of every b_j given q
 * (the mean of s − q over its cards), until nothing moves by 1e-9; this converges to the least-squares solution.
 * The solution is unique only up to q + k, b − k within each connected component of the juror–nomination
 * graph; it is pinned by Σ b_j = 0 in each component (then q is updated once more, so q stays the exact mean
 * of s − b). With one component this is the usual constraint; with several, nominations of different
 * components are compared as if each component's jurors were on average equally lenient (connected: false).
 */
export function fitOffsets(d: Design, links = new JurorLinks(d)): OffsetFit {
  const q = new Float64Array(d.nominationIds.length);
  const b = new Float64Array(d.jurorIds.length);
  const ones = new Int32Array(d.jurorIds.length).fill(1);
  const result = backfit(d, links, ones, q, b, FIT_MAX_SWEEPS, new Int32Array(d.jurorIds.length));
  return { q, b, ...result };
}

/**
 * Backfits in place from the given q and b (a warm start). m[j] = how often juror j was drawn: copies of a
 * juror are separate jurors with equal data, so they weigh m_j in each q_i and count m_j times in Σ b_j = 0.
 */
function backfit(d: Design, links: JurorLinks, m: Int32Array, q: Float64Array, b: Float64Array, maxSweeps: number, component: Int32Array): { sweeps: number; converged: boolean } {
  const { cardNom, cardS, jurorStart, activeJurors } = d;
  let sweeps = 0;
  let converged = false;
  while (sweeps < maxSweeps && !converged) {
    sweeps++;
    let change = updateQ(d, m, q, b);
    for (let a = 0; a < activeJurors.length; a++) {
      const j = activeJurors[a];
      if (m[j] === 0) continue;
      let sum = 0;
      for (let c = jurorStart[j]; c < jurorStart[j + 1]; c++) sum += cardS[c] - q[cardNom[c]];
      const next = sum / (jurorStart[j + 1] - jurorStart[j]);
      const delta = Math.abs(next - b[j]);
      if (delta > change) change = delta;
      b[j] = next;
    }
    converged = change < FIT_TOLERANCE;
  }
  centreOffsets(d, links, m, b, component);
  updateQ(d, m, q, b);
  return { sweeps, converged };
}

/** q_i = Σ m_j (s_ij − b_j) / Σ m_j over the drawn jurors of nomination i (NaN when none); returns the largest change. */
function updateQ(d: Design, m: Int32Array, q: Float64Array, b: Float64Array): number {
  const { nomStart, nomJuror, nomS } = d;
  let change = 0;
  for (let i = 0; i < q.length; i++) {
    let num = 0;
    let den = 0;
    for (let k = nomStart[i]; k < nomStart[i + 1]; k++) {
      // no branch on w = 0 (an undrawn juror adds nothing): in a resample about a third of the jurors are
      // undrawn at random, and a mispredicted branch per card cost more than the arithmetic
      const j = nomJuror[k];
      const w = m[j];
      num += w * (nomS[k] - b[j]);
      den += w;
    }
    if (den === 0) {
      q[i] = NaN;
      continue;
    }
    const next = num / den;
    const delta = Math.abs(next - q[i]);
    if (!(delta <= change)) change = delta; // a NaN (no previous value) counts as a change
    q[i] = next;
  }
  return change;
}

/** Σ m_j b_j = 0 within each component of the drawn jurors. */
function centreOffsets(d: Design, links: JurorLinks, m: Int32Array, b: Float64Array, component: Int32Array): void {
  const count = links.components(d, m, component);
  const sum = new Float64Array(count);
  const weight = new Float64Array(count);
  for (let j = 0; j < b.length; j++) {
    if (component[j] < 0) continue;
    sum[component[j]] += m[j] * b[j];
    weight[component[j]] += m[j];
  }
  for (let j = 0; j < b.length; j++) if (component[j] >= 0) b[j] -= sum[component[j]] / weight[component[j]];
}

export function offsetMethod({ design, fit, links }: MethodContext, bootstrapSweeps = BOOTSTRAP_MAX_SWEEPS): MethodModel {
  const values = new Float64Array(design.cardS.length);
  for (let c = 0; c < values.length; c++) values[c] = design.cardS[c] - fit.b[design.cardJuror[c]];
  const component = new Int32Array(design.jurorIds.length);
  const q = new Float64Array(fit.q.length);
  const b = new Float64Array(fit.b.length);
  const score = (m: Int32Array, out: Float64Array) => {
    // The real data (every active juror once) is the full fit itself; a resample starts from it.
    if (isEveryActiveJurorOnce(design, m)) {
      out.set(fit.q);
      return;
    }
    q.set(fit.q);
    b.set(fit.b);
    backfit(design, links, m, q, b, bootstrapSweeps, component);
    out.set(q);
  };
  return { values, flags: design.jurorIds.map(() => null), score };
}

function isEveryActiveJurorOnce(d: Design, m: Int32Array): boolean {
  for (let a = 0; a < d.activeJurors.length; a++) if (m[d.activeJurors[a]] !== 1) return false;
  return true;
}

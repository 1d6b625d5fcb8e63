import type { Design } from '../design';
import { JurorLinks } from '../graph';
import type { OffsetFitReport } from '../types';
import type { MethodContext, MethodModel } from './method';
import { solveOffsets, type SolveOptions } from './offset-solve';

/**
 * In the bootstrap each resample starts from the full (exact) fit, whose answer is close to the resample's,
 * and backfits at most this many sweeps (stopping early when nothing moves by 1e-9), followed by the centring
 * and a last q update: 1,000 exact fits do not fit the time budget. Each sweep shrinks the remaining error by
 * a constant factor. Measured on the bench design (10,000 nominations, 7 of 100 jurors each) against resamples
 * run to convergence (`node dist/bench/results-engine.js offset-accuracy`): with 3 sweeps the rank-interval
 * ends move by 0 places (median), 2 (99th percentile), 9 (max) and P(winner) by ≤ 0.001, while the Monte
 * Carlo noise of B = 1000 itself (another seed) is 24, 178 and 364 places and 0.03.
 */
export const BOOTSTRAP_MAX_SWEEPS = 3;
const SWEEP_TOLERANCE = 1e-9;

/** q: per nomination (NaN when unscored); b: per juror (0 for jurors without cards). */
export interface OffsetFit {
  q: Float64Array;
  b: Float64Array;
  report: OffsetFitReport;
}

/**
 * Additive juror offset: least squares for s_ij = q_i + b_j, solved exactly (offset-solve.ts), then q_i = the
 * mean of s − b over its jurors. The solution is unique only up to q + k, b − k within each connected component
 * of the juror–nomination graph; it is pinned by Σ b_j = 0 in each component. With one component this is the
 * usual constraint; with several, nominations of different components are compared as if each component's
 * jurors were on average equally lenient (connected: false). The report's residual is the largest
 * |Σ (s − q − b)| over a juror's cards: 0 at the least-squares solution (the q equations hold by construction).
 */
export function fitOffsets(d: Design, links = new JurorLinks(d), options: SolveOptions = {}): OffsetFit {
  const J = d.jurorIds.length;
  const q = new Float64Array(d.nominationIds.length);
  const solved = solveOffsets(d, links, options);
  const b = solved.b;
  const ones = new Int32Array(J).fill(1);
  centreOffsets(d, links, ones, b, new Int32Array(J));
  updateQ(d, ones, q, b);
  const sums = new Float64Array(J);
  for (let c = 0; c < d.cardS.length; c++) sums[d.cardJuror[c]] += d.cardS[c] - q[d.cardNom[c]] - b[d.cardJuror[c]];
  const residual = sums.reduce((worst, v) => Math.max(worst, Math.abs(v)), 0);
  return { q, b, report: { solver: solved.solver, exact: solved.exact, iterations: solved.iterations, residual } };
}

/**
 * Backfits in place from the given q and b (a warm start). m[j] = how often juror j was drawn: copies of a
 * juror are separate jurors with equal data, so they weigh m_j in each q_i and count m_j times in Σ b_j = 0.
 */
function backfit(d: Design, links: JurorLinks, m: Int32Array, q: Float64Array, b: Float64Array, maxSweeps: number, component: Int32Array): void {
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
    converged = change < SWEEP_TOLERANCE;
  }
  centreOffsets(d, links, m, b, component);
  updateQ(d, m, q, b);
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

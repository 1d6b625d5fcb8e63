import type { Design } from '../design';
import type { JurorLinks } from '../graph';

/**
 * The exact least-squares solution of s_ij = q_i + b_j on the real data. Eliminating the nominations
 * (q_i = the mean of s − b over its jurors) leaves the jurors' normal equations A b = r, where
 *   A_jk = δ_jk n_j − Σ_{i scored by both j and k} 1 / n_i,   r_j = Σ_{i scored by j} (s_ij − s̄_i)
 * (n_j: the juror's cards, n_i: the nomination's cards, s̄_i: its raw mean). A is a weighted Laplacian of the
 * jurors who share nominations: singular, with one constant direction per connected component, which the
 * constraint Σ b_j = 0 per component fixes. So one juror per component is grounded (b = 0), the rest solved by
 * Cholesky, and b centred afterwards: exact to rounding, whatever the design. Backfitting, by contrast, needs
 * thousands of sweeps on a chain-like design (each juror linking two neighbouring nominations) and stopped
 * there with scores off by 0.006.
 *
 * A is J × J: beyond DIRECT_MAX_JURORS (8 MB, a fifth of a second) the same equations are solved by conjugate
 * gradients, matrix-free (each step one pass over the cards), to a relative residual of 1e-12; whether that
 * was reached is reported, and the page warns when it was not.
 */
export const DIRECT_MAX_JURORS = 1000;
export const CG_TOLERANCE = 1e-12;
export const CG_MAX_ITERATIONS = 20_000;

export interface OffsetSolve {
  b: Float64Array;
  solver: 'direct' | 'conjugateGradient';
  iterations: number;
  /** whether b solves the normal equations to rounding (direct) or to the tolerance (conjugate gradients) */
  exact: boolean;
}

export interface SolveOptions {
  directMaxJurors?: number;
  maxIterations?: number;
}

export function solveOffsets(d: Design, links: JurorLinks, options: SolveOptions = {}): OffsetSolve {
  const J = d.jurorIds.length;
  const rhs = new Float64Array(J);
  for (let c = 0; c < d.cardS.length; c++) rhs[d.cardJuror[c]] += d.cardS[c] - d.rawMean[d.cardNom[c]];
  if (d.activeJurors.length <= (options.directMaxJurors ?? DIRECT_MAX_JURORS)) {
    return { b: solveDirect(d, links, rhs), solver: 'direct', iterations: 0, exact: true };
  }
  return solveIteratively(d, rhs, options.maxIterations ?? CG_MAX_ITERATIONS);
}

function solveDirect(d: Design, links: JurorLinks, rhs: Float64Array): Float64Array {
  const J = d.jurorIds.length;
  const a = new Float64Array(J * J);
  for (let i = 0; i + 1 < d.nomStart.length; i++) {
    const from = d.nomStart[i];
    const to = d.nomStart[i + 1];
    const share = 1 / (to - from);
    for (let x = from; x < to; x++) {
      const j = d.nomJuror[x];
      a[j * J + j] += 1;
      for (let y = from; y < to; y++) a[j * J + d.nomJuror[y]] -= share;
    }
  }
  // Ground the first juror of each component, and give jurors without cards the equation b = 0.
  const component = new Int32Array(J);
  const grounded = new Uint8Array(links.components(d, new Int32Array(J).fill(1), component));
  for (let j = 0; j < J; j++) {
    if (component[j] >= 0 && grounded[component[j]]++ > 0) continue;
    for (let k = 0; k < J; k++) a[j * J + k] = a[k * J + j] = 0;
    a[j * J + j] = 1;
    rhs[j] = 0;
  }
  choleskySolve(a, J, rhs);
  return rhs;
}

/** Solves a x = v in place for a symmetric positive definite a (J × J, row-major): x overwrites v. */
function choleskySolve(a: Float64Array, n: number, v: Float64Array): void {
  for (let j = 0; j < n; j++) {
    let diag = a[j * n + j];
    for (let k = 0; k < j; k++) diag -= a[j * n + k] ** 2;
    const root = Math.sqrt(diag);
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = sum / root;
    }
  }
  for (let i = 0; i < n; i++) {
    let sum = v[i];
    for (let k = 0; k < i; k++) sum -= a[i * n + k] * v[k];
    v[i] = sum / a[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = v[i];
    for (let k = i + 1; k < n; k++) sum -= a[k * n + i] * v[k];
    v[i] = sum / a[i * n + i];
  }
}

/**
 * Preconditioned (Jacobi) conjugate gradients on A b = r from b = 0. The system is singular but consistent
 * (r sums to 0 in each component), so the residual stays in A's range and the method converges; the constant
 * per component it leaves is removed by the centring that follows.
 */
function solveIteratively(d: Design, rhs: Float64Array, maxIterations: number): OffsetSolve {
  const J = d.jurorIds.length;
  const b = new Float64Array(J);
  const r = Float64Array.from(rhs);
  const z = new Float64Array(J);
  const p = new Float64Array(J);
  const ap = new Float64Array(J);
  const diag = new Float64Array(J);
  const nomMean = new Float64Array(d.nominationIds.length);
  for (let c = 0; c < d.cardS.length; c++) diag[d.cardJuror[c]] += 1 - 1 / d.count[d.cardNom[c]];
  for (let j = 0; j < J; j++) if (!(diag[j] > 1e-12)) diag[j] = 1;
  const limit = CG_TOLERANCE * Math.sqrt(dot(rhs, rhs));
  // (A v)_j = Σ over j's cards of (v_j − the mean of v over the nomination's jurors)
  const multiply = (v: Float64Array, out: Float64Array) => {
    nomMean.fill(0);
    for (let c = 0; c < d.cardS.length; c++) nomMean[d.cardNom[c]] += v[d.cardJuror[c]];
    for (let i = 0; i < nomMean.length; i++) nomMean[i] /= d.count[i] || 1;
    out.fill(0);
    for (let c = 0; c < d.cardS.length; c++) out[d.cardJuror[c]] += v[d.cardJuror[c]] - nomMean[d.cardNom[c]];
  };
  for (let j = 0; j < J; j++) p[j] = z[j] = r[j] / diag[j];
  let rz = dot(r, z);
  let iterations = 0;
  let converged = Math.sqrt(dot(r, r)) <= limit;
  while (!converged && iterations < maxIterations) {
    iterations++;
    multiply(p, ap);
    const curvature = dot(p, ap);
    if (!(curvature > 0)) break;
    const step = rz / curvature;
    for (let j = 0; j < J; j++) {
      b[j] += step * p[j];
      r[j] -= step * ap[j];
    }
    converged = Math.sqrt(dot(r, r)) <= limit;
    for (let j = 0; j < J; j++) z[j] = r[j] / diag[j];
    const next = dot(r, z);
    const beta = next / rz;
    rz = next;
    for (let j = 0; j < J; j++) p[j] = z[j] + beta * p[j];
  }
  return { b, solver: 'conjugateGradient', iterations, exact: converged };
}

function dot(x: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < x.length; k++) sum += x[k] * y[k];
  return sum;
}

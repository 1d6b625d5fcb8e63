import { computeResults, type ResultInput } from '../../../src/results/engine';
import { canonicalize } from '../../../src/results/engine/canonical';
import { buildDesign } from '../../../src/results/engine/design';
import { fitOffsets } from '../../../src/results/engine/methods/offset';
import { card, oneCriterion } from './inputs';

/**
 * A chain-like design, where backfitting crawls: 60 nominations in a row, and for each neighbouring pair two
 * jurors who score just those two (so every juror links two neighbours, and the chain is the only link from
 * one end to the other). Scores from a fixed pseudo-random sequence.
 */
function chain(): ResultInput {
  let state = 7;
  const next = () => 1 + ((state = (state * 1103515245 + 12345) % 2147483648) % 10);
  const id = (i: number) => `N${String(i).padStart(2, '0')}`;
  const scorecards = [];
  for (let i = 0; i + 1 < 60; i++) {
    for (const copy of ['a', 'b']) {
      const juror = `J${String(i).padStart(2, '0')}${copy}`;
      scorecards.push(card(juror, id(i), next()), card(juror, id(i + 1), next()));
    }
  }
  return { method: 'offset', winners: 3, criteria: oneCriterion, nominations: Array.from({ length: 60 }, (_, i) => ({ id: id(i), municipality: `M${i}` })), scorecards };
}

/**
 * The least-squares solution written out independently of the engine: the full normal equations of
 * min Σ (s − q_i − b_j)² in all unknowns (q, b) plus a Lagrange multiplier for Σ b = 0, solved by
 * Gauss–Jordan elimination with partial pivoting.
 */
function leastSquares(input: ResultInput): { q: Map<string, number>; b: Map<string, number> } {
  const noms = input.nominations.map((n) => n.id);
  const jurors = [...new Set(input.scorecards.map((c) => c.juror))].sort();
  const N = noms.length;
  const size = N + jurors.length + 1;
  const rows = Array.from({ length: size }, () => new Array<number>(size + 1).fill(0));
  for (const c of input.scorecards) {
    const i = noms.indexOf(c.nomination);
    const j = N + jurors.indexOf(c.juror);
    const s = c.scores.c1;
    // ∂/∂q_i and ∂/∂b_j of (s − q_i − b_j)²
    rows[i][i] += 1;
    rows[i][j] += 1;
    rows[j][i] += 1;
    rows[j][j] += 1;
    rows[i][size] += s;
    rows[j][size] += s;
  }
  for (let j = N; j < size - 1; j++) rows[j][size - 1] = rows[size - 1][j] = 1;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(rows[r][col]) > Math.abs(rows[pivot][col])) pivot = r;
    [rows[col], rows[pivot]] = [rows[pivot], rows[col]];
    for (let r = 0; r < size; r++) {
      const factor = rows[r][col] / rows[col][col];
      if (r === col || factor === 0) continue;
      for (let k = col; k <= size; k++) rows[r][k] -= factor * rows[col][k];
    }
  }
  const x = rows.map((row, r) => row[size] / row[r]);
  return { q: new Map(noms.map((n, i) => [n, x[i]])), b: new Map(jurors.map((j, k) => [j, x[N + k]])) };
}

describe('the additive offset fit on a chain-like design', () => {
  const input = chain();
  const exact = leastSquares(input);

  it('gives the exact least-squares scores, offsets and ranking', () => {
    const result = computeResults(input);
    for (const r of result.ranking) expect(Math.abs(r.score! - exact.q.get(r.nomination)!)).toBeLessThan(1e-9);
    for (const j of result.jurors) expect(Math.abs(j.offset! - exact.b.get(j.juror)!)).toBeLessThan(1e-9);
    // in the order of the exact scores (the scores tie often: the tie rules order those)
    const exactInOrder = result.ranking.map((r) => exact.q.get(r.nomination)!);
    for (let k = 1; k < exactInOrder.length; k++) expect(exactInOrder[k]).toBeLessThanOrEqual(exactInOrder[k - 1] + 1e-9);
    expect(result.offsetFit).toEqual({ solver: 'direct', exact: true, iterations: 0, residual: expect.any(Number) });
    expect(result.offsetFit.residual).toBeLessThan(1e-9);
  });

  it('gets there by conjugate gradients too, the solver for more than 1,000 jurors, and says so', () => {
    const design = buildDesign(canonicalize(input));
    const fit = fitOffsets(design, undefined, { directMaxJurors: 0 });
    design.nominationIds.forEach((id, i) => expect(Math.abs(fit.q[i] - exact.q.get(id)!)).toBeLessThan(1e-9));
    expect(fit.report).toMatchObject({ solver: 'conjugateGradient', exact: true });
    expect(fit.report.iterations).toBeGreaterThan(0);
    expect(fit.report.residual).toBeLessThan(1e-9);
  });

  it('reports an iterative fit that stopped short as not exact, with its residual', () => {
    const design = buildDesign(canonicalize(input));
    const fit = fitOffsets(design, undefined, { directMaxJurors: 0, maxIterations: 3 });
    expect(fit.report).toMatchObject({ solver: 'conjugateGradient', exact: false, iterations: 3 });
    expect(fit.report.residual).toBeGreaterThan(1e-3);
  });
});

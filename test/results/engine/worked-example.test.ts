import { computeResults, type ResultInput } from '../../../src/results/engine';
import { alphaByPairs, mean, near, popSd } from './inputs';

/**
 * DESIGN.md's worked example: weights 0.5/0.3/0.2, scale 1–10; juror C is recused from P.
 * Every expected number below is worked out by hand from the raw scores, not taken from the engine.
 */
const criteria = [
  { id: 'c1', weight: 0.5, min: 1, max: 10 },
  { id: 'c2', weight: 0.3, min: 1, max: 10 },
  { id: 'c3', weight: 0.2, min: 1, max: 10 },
];
const raw: Record<string, Record<string, [number, number, number]>> = {
  A: { P: [9, 9, 8], Q: [7, 7, 7], R: [6, 5, 6], S: [5, 5, 4] },
  B: { P: [10, 10, 10], Q: [9, 9, 9], R: [9, 8, 9], S: [8, 8, 8] },
  C: { Q: [5, 4, 5], R: [3, 3, 3], S: [2, 3, 2] },
};

function example(method: ResultInput['method']): ResultInput {
  return {
    method,
    winners: 2,
    quotaPerMunicipality: null,
    criteria,
    nominations: ['P', 'Q', 'R', 'S'].map((id, k) => ({ id, municipality: `M${k}` })),
    scorecards: Object.entries(raw).flatMap(([juror, row]) =>
      Object.entries(row).map(([nomination, [x1, x2, x3]]) => ({ juror, nomination, scores: { c1: x1, c2: x2, c3: x3 } })),
    ),
    recusals: [{ juror: 'C', nomination: 'P' }],
  };
}

// Weighted totals s = (0.5·x1 + 0.3·x2 + 0.2·x3) / 1.0, by hand:
const s = {
  A: { P: 0.5 * 9 + 0.3 * 9 + 0.2 * 8 /* 8.8 */, Q: 7, R: 0.5 * 6 + 0.3 * 5 + 0.2 * 6 /* 5.7 */, S: 0.5 * 5 + 0.3 * 5 + 0.2 * 4 /* 4.8 */ },
  B: { P: 10, Q: 9, R: 0.5 * 9 + 0.3 * 8 + 0.2 * 9 /* 8.7 */, S: 8 },
  C: { Q: 0.5 * 5 + 0.3 * 4 + 0.2 * 5 /* 4.7 */, R: 3, S: 0.5 * 2 + 0.3 * 3 + 0.2 * 2 /* 2.3 */ },
};

/** The additive fit s = q_i + b_j by least squares with Σ b = 0, solved by hand. */
const additive = (() => {
  // Q, R and S were scored by all three jurors, so with Σ b = 0 their q is the plain mean of s
  const Q = (7 + 9 + 4.7) / 3; // 6.9
  const R = (5.7 + 8.7 + 3) / 3; // 5.8
  const S = (4.8 + 8 + 2.3) / 3; // 5.0333
  // C scored only those three: b_C = the mean of C's s − q
  const C = ((4.7 - Q) + (3 - R) + (2.3 - S)) / 3; // (−2.2 − 2.8 − 2.7333) / 3 = −2.57778
  // P was scored by A and B: q_P = (8.8 − b_A + 10 − b_B) / 2, and b_A + b_B = −b_C
  const P = (8.8 + 10 + C) / 2; // 8.11111
  const A = ((8.8 - P) + (7 - Q) + (5.7 - R) + (4.8 - S)) / 4; // (0.68889 + 0.1 − 0.1 − 0.23333) / 4 = 0.11389
  return { q: { P, Q, R, S }, b: { A, B: -A - C, C } }; // b_B = 2.46389
})();

/** The values of the example per nomination (P without C), for a per-card value v(juror, nomination). */
const byNomination = (v: (juror: 'A' | 'B' | 'C', nomination: 'P' | 'Q' | 'R' | 'S') => number) => [
  [v('A', 'P'), v('B', 'P')],
  [v('A', 'Q'), v('B', 'Q'), v('C', 'Q')],
  [v('A', 'R'), v('B', 'R'), v('C', 'R')],
  [v('A', 'S'), v('B', 'S'), v('C', 'S')],
];

describe('the worked example of DESIGN.md', () => {
  it('has the weighted totals written out by hand', () => {
    expect(s.A.P).toBeCloseTo(8.8, 10);
    expect(s.A.R).toBeCloseTo(5.7, 10);
    expect(s.A.S).toBeCloseTo(4.8, 10);
    expect(s.B.R).toBeCloseTo(8.7, 10);
    expect(s.C.Q).toBeCloseTo(4.7, 10);
    expect(s.C.S).toBeCloseTo(2.3, 10);
  });

  it('ranks P, Q, R, S by the raw weighted mean, with C left out of P', () => {
    const result = computeResults(example('raw'));
    expect(result.ranking.map((r) => r.nomination)).toEqual(['P', 'Q', 'R', 'S']);
    const byId = Object.fromEntries(result.ranking.map((r) => [r.nomination, r]));
    near(byId.P.score, (8.8 + 10) / 2); // 9.4
    near(byId.Q.score, (7 + 9 + 4.7) / 3); // 6.9
    near(byId.R.score, (5.7 + 8.7 + 3) / 3); // 5.8
    near(byId.S.score, (4.8 + 8 + 2.3) / 3); // 5.0333
    expect(byId.P.scorecards).toBe(2);
    expect(byId.Q.scorecards).toBe(3);
    near(byId.P.spread, 10 - 8.8);
    near(byId.Q.spread, 9 - 4.7);
    near(byId.R.spread, 8.7 - 3);
    near(byId.S.spread, 8 - 2.3);
    expect(result.ranking.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(result.winners).toEqual(['P', 'Q']);
  });

  it('ranks P, Q, R, S by the mean z-score, z = (s − mean_j) / sd_j per juror', () => {
    const sA = [8.8, 7, 5.7, 4.8];
    const sB = [10, 9, 8.7, 8];
    const sC = [4.7, 3, 2.3];
    const meanA = (8.8 + 7 + 5.7 + 4.8) / 4; // 6.575
    const meanB = (10 + 9 + 8.7 + 8) / 4; // 8.925
    const meanC = (4.7 + 3 + 2.3) / 3; // 3.3333
    // population SDs: sqrt of the mean squared deviation
    const sdA = Math.sqrt((2.225 ** 2 + 0.425 ** 2 + 0.875 ** 2 + 1.775 ** 2) / 4); // 1.50395
    const sdB = Math.sqrt((1.075 ** 2 + 0.075 ** 2 + 0.225 ** 2 + 0.925 ** 2) / 4); // 0.71894
    const sdC = Math.sqrt(((4.7 - 10 / 3) ** 2 + (3 - 10 / 3) ** 2 + (2.3 - 10 / 3) ** 2) / 3); // 1.00775
    expect(sdA).toBeCloseTo(popSd(sA), 12);
    expect(sdB).toBeCloseTo(popSd(sB), 12);
    expect(sdC).toBeCloseTo(popSd(sC), 12);
    const z = (x: number, m: number, sd: number) => (x - m) / sd;
    const expected = {
      P: (z(8.8, meanA, sdA) + z(10, meanB, sdB)) / 2, // 1.48735
      Q: (z(7, meanA, sdA) + z(9, meanB, sdB) + z(4.7, meanC, sdC)) / 3, // 0.58102
      R: (z(5.7, meanA, sdA) + z(8.7, meanB, sdB) + z(3, meanC, sdC)) / 3, // −0.40851
      S: (z(4.8, meanA, sdA) + z(8, meanB, sdB) + z(2.3, meanC, sdC)) / 3, // −1.16408
    };
    near(expected.P, 1.48735);
    near(expected.S, -1.16408);

    const result = computeResults(example(undefined)); // zscore is the default
    expect(result.method).toBe('zscore');
    expect(result.ranking.map((r) => r.nomination)).toEqual(['P', 'Q', 'R', 'S']);
    for (const r of result.ranking) near(r.score, expected[r.nomination as keyof typeof expected]);
    const byId = Object.fromEntries(result.ranking.map((r) => [r.nomination, r]));
    near(byId.P.rawMean, 9.4);
    near(byId.Q.rawMean, 6.9);
    near(byId.R.rawMean, 5.8);
    near(byId.S.rawMean, 15.1 / 3);

    const jurors = Object.fromEntries(result.jurors.map((j) => [j.juror, j]));
    expect(result.jurors.map((j) => j.juror)).toEqual(['A', 'B', 'C']);
    near(jurors.A.mean, meanA);
    near(jurors.B.mean, meanB);
    near(jurors.C.mean, meanC);
    near(jurors.A.sd, sdA);
    near(jurors.B.sd, sdB);
    near(jurors.C.sd, sdC);
    expect([jurors.A.scorecards, jurors.B.scorecards, jurors.C.scorecards]).toEqual([4, 4, 3]);
    expect([jurors.A.recused, jurors.B.recused, jurors.C.recused]).toEqual([0, 0, 1]);
    expect(result.jurors.map((j) => j.flag)).toEqual([null, null, null]);
    expect(result.connected).toBe(true);
    expect(result.winners).toEqual(['P', 'Q']);
  });

  it('fits the additive offsets by least squares: q = the mean of s − b over a nomination’s jurors, b = the mean of s − q over a juror’s cards, Σ b = 0', () => {
    const { q, b } = additive;
    // B's own equation holds too: b_B is the mean of B's s − q
    near(((10 - q.P) + (9 - q.Q) + (8.7 - q.R) + (8 - q.S)) / 4, b.B, 1e-12);
    near(q.P, 8.1111);
    near(b.A, 0.11389);
    near(b.B, 2.46389);
    near(b.C, -2.57778);

    const result = computeResults(example('offset'));
    expect(result.ranking.map((r) => r.nomination)).toEqual(['P', 'Q', 'R', 'S']);
    const byId = Object.fromEntries(result.ranking.map((r) => [r.nomination, r]));
    for (const id of ['P', 'Q', 'R', 'S'] as const) near(byId[id].score, q[id]);
    expect(result.jurors.map((j) => j.juror)).toEqual(['A', 'B', 'C']);
    near(result.jurors[0].offset, b.A);
    near(result.jurors[1].offset, b.B);
    near(result.jurors[2].offset, b.C);
    expect(result.offsetFit).toMatchObject({ solver: 'direct', exact: true });
    expect(result.winners).toEqual(['P', 'Q']);
  });

  it('gives Krippendorff’s α on the values each method aggregates: s for raw and trimmed, z for z-score, s − b for offset', () => {
    const mean = { A: (8.8 + 7 + 5.7 + 4.8) / 4, B: (10 + 9 + 8.7 + 8) / 4, C: (4.7 + 3 + 2.3) / 3 };
    const sd = {
      A: Math.sqrt((2.225 ** 2 + 0.425 ** 2 + 0.875 ** 2 + 1.775 ** 2) / 4),
      B: Math.sqrt((1.075 ** 2 + 0.075 ** 2 + 0.225 ** 2 + 0.925 ** 2) / 4),
      C: Math.sqrt(((4.7 - 10 / 3) ** 2 + (3 - 10 / 3) ** 2 + (2.3 - 10 / 3) ** 2) / 3),
    };
    const total = (j: 'A' | 'B' | 'C', i: 'P' | 'Q' | 'R' | 'S') => (s[j] as Record<string, number>)[i];

    const alphaRaw = alphaByPairs(byNomination(total));
    const alphaZ = alphaByPairs(byNomination((j, i) => (total(j, i) - mean[j]) / sd[j]));
    const alphaOffset = alphaByPairs(byNomination((j, i) => total(j, i) - additive.b[j]));
    // B is lenient and C harsh: on raw totals jurors disagree more than nominations differ; corrected, they agree
    near(alphaRaw, 0.13863);
    near(alphaZ, 0.876402);
    near(alphaOffset, 0.830727);

    near(computeResults(example('raw')).alpha, alphaRaw);
    near(computeResults(example('trimmed')).alpha, alphaRaw); // no nomination has 5 cards: nothing is trimmed
    near(computeResults(example('zscore')).alpha, alphaZ);
    near(computeResults(example('offset')).alpha, alphaOffset);
  });

  it('reports each juror’s additive offset, the same for every method, summing to 0', () => {
    const offsets = (method: ResultInput['method']) => computeResults(example(method)).jurors.map((j) => j.offset as number);
    const zscore = offsets('zscore');
    expect(zscore.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    // B scores everything higher than A (by 1.2, 2, 3, 3.2), C lowest: the offsets say so
    expect(zscore[1]).toBeGreaterThan(zscore[0]);
    expect(zscore[0]).toBeGreaterThan(zscore[2]);
    for (const method of ['raw', 'offset', 'trimmed'] as const) expect(offsets(method)).toEqual(zscore);
  });

  it('gives P the widest rank interval: with B only resampled jurors, C alone leaves P unscored', () => {
    const result = computeResults(example('zscore'));
    for (const r of result.ranking) {
      expect(r.rankInterval![0]).toBeLessThanOrEqual(r.rank);
      expect(r.rankInterval![1]).toBeGreaterThanOrEqual(r.rank);
      expect(r.pWinner).toBeGreaterThanOrEqual(0);
      expect(r.pWinner).toBeLessThanOrEqual(1);
    }
    // P(only C drawn, three times) = 1/27 > 2.5 %: then P has no cards and ranks last
    expect(result.ranking[0].rankInterval).toEqual([1, 4]);
    expect(mean(result.ranking.map((r) => r.pWinner))).toBeCloseTo(2 / 4, 1); // two places among four
  });
});

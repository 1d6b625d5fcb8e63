import type { Method, ResultInput, ScorecardInput } from '../../../src/results/engine';

/** One criterion, weight 1, scale 1–10: then s = x, so expected values are easy to write by hand. */
export const oneCriterion = [{ id: 'c1', weight: 1, min: 1, max: 10 }];

/** A card on the one criterion. */
export const card = (juror: string, nomination: string, x: number): ScorecardInput => ({ juror, nomination, scores: { c1: x } });

/** A one-criterion input from "juror: nomination score, …" rows. */
export function simpleInput(
  method: Method,
  scores: Record<string, Record<string, number>>,
  opts: Partial<ResultInput> & { municipalities?: Record<string, string> } = {},
): ResultInput {
  const { municipalities = {}, ...rest } = opts;
  const nominationIds = [...new Set(Object.values(scores).flatMap((row) => Object.keys(row)))].sort();
  return {
    method,
    winners: 1,
    quotaPerMunicipality: null,
    criteria: oneCriterion,
    nominations: nominationIds.map((id) => ({ id, municipality: municipalities[id] ?? `M-${id}` })),
    scorecards: Object.entries(scores).flatMap(([juror, row]) => Object.entries(row).map(([nom, x]) => card(juror, nom, x))),
    recusals: [],
    ...rest,
  };
}

/** Population standard deviation, written out for the hand computations. */
export function popSd(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Closeness to 1e-4, as the design asks for the worked example. */
export function near(actual: number | null | undefined, expected: number, tolerance = 1e-4): void {
  expect(actual).not.toBeNull();
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
}

/**
 * Krippendorff's α (interval metric) straight from its definition, pair by pair: units are the nominations,
 * each value one juror's; D_o = (1/n) Σ_u 1/(m_u − 1) Σ_{i≠k in u} (v_i − v_k)², D_e = 1/(n(n − 1)) Σ_{i≠k} (v_i − v_k)²
 * over all n values, α = 1 − D_o / D_e. (Pairs i = k add 0, so the sums may run over all ordered pairs.)
 */
export function alphaByPairs(units: number[][]): number {
  const pairSum = (values: number[]) => values.reduce((sum, x) => sum + values.reduce((inner, y) => inner + (x - y) ** 2, 0), 0);
  const all = units.flat();
  const n = all.length;
  const observed = units.reduce((sum, u) => sum + pairSum(u) / (u.length - 1), 0) / n;
  const expected = pairSum(all) / (n * (n - 1));
  return 1 - observed / expected;
}

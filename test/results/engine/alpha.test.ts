import { computeResults, type ResultInput } from '../../../src/results/engine';
import { intervalAlpha } from '../../../src/results/engine/alpha';
import { card, oneCriterion } from './inputs';

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the reliability data with missing values:
 * 4 observers × 12 units, values 1–5; α(interval) = 0.849. Unit 12 has one value and is not pairable.
 */
const observers: Record<string, Array<number | null>> = {
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
};

describe("Krippendorff's alpha, interval metric", () => {
  it('gives 0.849 on Krippendorff’s own example', () => {
    const units = Array.from({ length: 12 }, (_, u) => Object.values(observers).map((row) => row[u]).filter((v): v is number => v !== null));
    expect(intervalAlpha(units)).toBeCloseTo(0.849, 3);
  });

  it('gives 0.849 through computeResults with the raw method (units = nominations, coders = jurors)', () => {
    const input: ResultInput = {
      method: 'raw',
      winners: 1,
      criteria: oneCriterion,
      nominations: Array.from({ length: 12 }, (_, u) => ({ id: `U${String(u + 1).padStart(2, '0')}`, municipality: 'M' })),
      scorecards: Object.entries(observers).flatMap(([juror, row]) =>
        row.flatMap((x, u) => (x === null ? [] : [card(juror, `U${String(u + 1).padStart(2, '0')}`, x)])),
      ),
    };
    expect(computeResults(input).alpha).toBeCloseTo(0.849, 3);
  });

  it('is 1 under perfect agreement, and 0-ish when jurors disagree as much within as between nominations', () => {
    expect(intervalAlpha([[1, 1, 1], [5, 5], [3, 3, 3]])).toBe(1);
    expect(intervalAlpha([[1, 5], [1, 5], [1, 5]])).toBeLessThan(0);
  });

  it('is null without pairable values or without any disagreement to expect', () => {
    expect(intervalAlpha([[1], [2], []])).toBeNull();
    expect(intervalAlpha([[4, 4], [4, 4, 4]])).toBeNull();
  });

  it('is computed on the values the method aggregates: the z of zscore, s − b of offset', () => {
    // Two jurors in perfect agreement up to a shift of 2 points: raw values disagree, z and s − b agree
    const scores = [
      card('J1', 'N1', 9), card('J1', 'N2', 6), card('J1', 'N3', 3),
      card('J2', 'N1', 7), card('J2', 'N2', 4), card('J2', 'N3', 1),
    ];
    const input = (method: ResultInput['method']): ResultInput => ({
      method, winners: 1, criteria: oneCriterion, scorecards: scores,
      nominations: ['N1', 'N2', 'N3'].map((id) => ({ id, municipality: 'M' })),
    });
    expect(computeResults(input('zscore')).alpha).toBeCloseTo(1, 9);
    expect(computeResults(input('offset')).alpha).toBeCloseTo(1, 9);
    expect(computeResults(input('raw')).alpha).toBeLessThan(1);
  });
});

import type { Matrix, MatrixNomination } from './matrix';

/** What the jury does not cover yet in a category, read off the progress matrix as it is now. */
export interface CoverageGaps {
  /** fewer jurors able to score it than the panel needs: k in k mode, one otherwise */
  lacking: Array<{ nomination: MatrixNomination; have: number; need: number }>;
  /** no submitted scorecard yet */
  unscored: MatrixNomination[];
}

/**
 * Accepted nominations that lack jurors or scores. Computed from the matrix, not kept from the last
 * assignment run, so a recusal, a hand change or a juror's data change shows at once. A juror counts
 * only while they can score the nomination (assigned, not recused, not in conflict).
 */
export function coverageGaps(matrix: Matrix): CoverageGaps {
  const need = matrix.panel?.mode === 'k' ? (matrix.panel.k ?? 1) : 1;
  return {
    lacking: matrix.columns.filter((c) => c.progress.assigned < need).map((c) => ({ nomination: c.nomination, have: c.progress.assigned, need })),
    unscored: matrix.columns.filter((c) => c.progress.submitted === 0).map((c) => c.nomination),
  };
}

/**
 * The results engine's input and output. The input is one category of one cycle: its criteria, the
 * nominations in it, every submitted scorecard and every recusal. The engine is pure: no database, no
 * clock, no global randomness (the bootstrap is seeded from the input itself).
 */

export const METHODS = ['zscore', 'raw', 'offset', 'trimmed'] as const;
export type Method = (typeof METHODS)[number];

export interface CriterionInput {
  id: string;
  /** > 0; only ratios between weights matter */
  weight: number;
  /** integer scale bounds, min < max */
  min: number;
  max: number;
}

export interface NominationInput {
  id: string;
  municipality: string;
}

export interface ScorecardInput {
  juror: string;
  nomination: string;
  /** one integer score per criterion id, every criterion scored */
  scores: Record<string, number>;
}

export interface RecusalInput {
  juror: string;
  nomination: string;
}

export interface ResultInput {
  /** default zscore */
  method?: Method;
  /** how many places are awarded (≥ 1) */
  winners: number;
  /** at most this many winners per municipality; null or absent = no quota */
  quotaPerMunicipality?: number | null;
  criteria: CriterionInput[];
  nominations: NominationInput[];
  scorecards: ScorecardInput[];
  /** absent = none */
  recusals?: RecusalInput[];
}

export interface RankingEntry {
  nomination: string;
  /** competition ranking (1, 2, 2, 4): nominations in an unresolved tie share a rank */
  rank: number;
  /** the method's score; null when nobody scored the nomination */
  score: number | null;
  /** mean of the weighted totals s; null when nobody scored it */
  rawMean: number | null;
  scorecards: number;
  /** max s − min s (0 with one scorecard); null when nobody scored it */
  spread: number | null;
  /** bootstrap [2.5th, 97.5th] percentile of the rank (nearest-rank); null when nobody scored it */
  rankInterval: [number, number] | null;
  /** share of bootstrap resamples in which it is among the top `winners` (quota ignored) */
  pWinner: number;
}

export type TieRule = 'topCriterion' | 'rawMean' | 'unresolved';

export interface TieEntry {
  /** in ranking order; for "unresolved", by id (they share the rank) */
  nominations: string[];
  rule: TieRule;
  /** the best rank the tied nominations occupy */
  rank: number;
}

export interface SkippedEntry {
  nomination: string;
  reason: 'quota';
}

export type JurorFlag = 'centred' | null;

export interface JurorStats {
  juror: string;
  scorecards: number;
  recused: number;
  /** mean and population SD of the juror's weighted totals s; null without scorecards */
  mean: number | null;
  sd: number | null;
  /** b_j of the additive fit s_ij = q_i + b_j (Σ b_j = 0 per connected component); null without scorecards */
  offset: number | null;
  /** "centred": zscore only, the juror had sd = 0 or fewer than 3 scorecards and was only centred */
  flag: JurorFlag;
}

/**
 * How the juror offsets b_j (every method reports them; the offset method ranks by them) were fitted: solved
 * directly (exact to rounding), or, with more than 1,000 jurors, by conjugate gradients; `exact` is false when
 * those stopped before a relative residual of 1e-12. `residual`: the largest |Σ (s − q − b)| over one juror's
 * cards, 0 at the least-squares solution.
 */
export interface OffsetFitReport {
  solver: 'direct' | 'conjugateGradient';
  exact: boolean;
  iterations: number;
  residual: number;
}

export interface ResultOutput {
  method: Method;
  ranking: RankingEntry[];
  /** places that are certain, in order of place */
  winners: string[];
  /** eligible nominations of an unresolved tie that straddles the winners' cut (or whose members would break
   *  the quota together); the admin picks among them, for the remaining winners − winners.length places */
  undecided: string[];
  skipped: SkippedEntry[];
  ties: TieEntry[];
  jurors: JurorStats[];
  /** Krippendorff's α (interval) on the values the method aggregates; null when not computable */
  alpha: number | null;
  /** whether the juror–nomination graph (scored nominations, jurors with scorecards) is connected; true when nothing was scored */
  connected: boolean;
  offsetFit: OffsetFitReport;
}

/** Scores closer than this are equal (ties); the same tolerance is used for the tie-break values. */
export const TIE_EPSILON = 1e-9;

/** Bootstrap resamples. */
export const BOOTSTRAP_RESAMPLES = 1000;

export class InvalidInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid results input:\n${problems.join('\n')}`);
    this.name = 'InvalidInputError';
  }
}

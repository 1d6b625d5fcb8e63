import { alphaOverNominations } from './alpha';
import { bootstrapRanks } from './bootstrap';
import { canonicalDigest, canonicalize } from './canonical';
import { buildDesign } from './design';
import { isConnected, JurorLinks } from './graph';
import { jurorMoments, jurorStats } from './jurors';
import { methodModel } from './methods';
import { fitOffsets } from './methods/offset';
import { rankNominations } from './ranking';
import { BOOTSTRAP_RESAMPLES, InvalidInputError, type RankingEntry, type ResultInput, type ResultOutput } from './types';
import { validateInput } from './validate';
import { chooseWinners } from './winners';

export { validateInput } from './validate';
export { weightedTotal } from './weighted';
export * from './types';

/**
 * Computes the results of one category: the chosen method's scores and ranking with tie-breaks, the winners
 * under the quota, bootstrap rank intervals and P(winner), per-juror statistics, Krippendorff's α and whether
 * the juror–nomination graph is connected. Pure and deterministic: it works on the canonical form of the input
 * (so the order of scorecards does not matter) and seeds the bootstrap with that form's sha256.
 * Throws InvalidInputError (with one line per problem) when validateInput finds anything.
 */
export function computeResults(input: ResultInput): ResultOutput {
  const problems = validateInput(input);
  if (problems.length) throw new InvalidInputError(problems);

  const canonical = canonicalize(input);
  const design = buildDesign(canonical);
  const moments = jurorMoments(design);
  // The offset fit is always made: every method reports each juror's offset b_j.
  const links = new JurorLinks(design);
  const fit = fitOffsets(design, links);
  const model = methodModel(canonical.method, { design, moments, fit, links });

  const N = design.nominationIds.length;
  const scores = new Float64Array(N);
  model.score(new Int32Array(design.jurorIds.length).fill(1), scores);
  const ranking = rankNominations(design, scores);
  const choice = chooseWinners(design, ranking, canonical.winners, canonical.quotaPerMunicipality);
  const boot = bootstrapRanks(design, model.score, canonical.winners, canonicalDigest(canonical), BOOTSTRAP_RESAMPLES);

  const entries: RankingEntry[] = ranking.slots.flat().map((i) => {
    const scored = design.count[i] > 0;
    return {
      nomination: design.nominationIds[i],
      rank: ranking.rank[i],
      score: scored ? scores[i] : null,
      rawMean: scored ? design.rawMean[i] : null,
      scorecards: design.count[i],
      spread: scored ? design.spread[i] : null,
      rankInterval: scored ? [boot.lower[i], boot.upper[i]] : null,
      pWinner: boot.pWinner[i],
    };
  });

  return {
    method: canonical.method,
    ranking: entries,
    winners: choice.winners,
    undecided: choice.undecided,
    skipped: choice.skipped,
    ties: ranking.ties,
    jurors: jurorStats(design, moments, fit.b, model.flags),
    alpha: alphaOverNominations(design.nomStart, design.nomCards, model.values),
    connected: isConnected(design),
    offsetFit: fit.report,
  };
}

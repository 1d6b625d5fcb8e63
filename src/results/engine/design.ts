import { byCodeUnits, type CanonicalInput } from './canonical';
import { weightedTotal } from './weighted';

/**
 * The canonical input turned into integer ids and typed arrays, built once: every method, the bootstrap
 * and the statistics read these arrays and never the input objects (10,000 nominations × 7 cards must
 * resample 1,000 times in well under a second).
 *
 * Cards are ordered by juror, then nomination (the canonical order), so a juror's cards are the contiguous
 * range jurorStart[j] … jurorStart[j+1]; nomCards lists the card indexes of each nomination, grouped by
 * nomStart, for the per-nomination passes.
 */
export interface Design {
  nominationIds: string[];
  municipalities: string[];
  jurorIds: string[];
  /** recusals per juror */
  recused: Int32Array;
  cardJuror: Int32Array;
  cardNom: Int32Array;
  /** the weighted total s of each card */
  cardS: Float64Array;
  jurorStart: Int32Array;
  nomStart: Int32Array;
  nomCards: Int32Array;
  /** the juror and s of each card in nomCards order, so per-nomination passes read contiguous memory */
  nomJuror: Int32Array;
  nomS: Float64Array;
  /** the normalised score (x − min)/(max − min) on the tie-break criterion of each card, in nomCards order */
  nomTop: Float64Array;
  /** per nomination: number of cards, mean s, max s − min s, mean normalised score on the top criterion (NaN without cards) */
  count: Int32Array;
  rawMean: Float64Array;
  spread: Float64Array;
  topCriterion: Float64Array;
  /** jurors with at least one scorecard: the units the bootstrap resamples */
  activeJurors: Int32Array;
}

export function buildDesign(input: CanonicalInput): Design {
  const nominationIds = input.nominations.map((n) => n.id);
  const municipalities = input.nominations.map((n) => n.municipality);
  const nomIndex = new Map(nominationIds.map((id, i) => [id, i]));
  const jurorIds = [...new Set([...input.scorecards.map((s) => s.juror), ...input.recusals.map((r) => r.juror)])].sort(byCodeUnits);
  const jurorIndex = new Map(jurorIds.map((id, j) => [id, j]));
  const N = nominationIds.length;
  const J = jurorIds.length;
  const C = input.scorecards.length;

  const recused = new Int32Array(J);
  for (const r of input.recusals) recused[jurorIndex.get(r.juror)!]++;

  // The tie-break criterion: the highest weight; the first in input order among equals.
  let top = input.criteria[0];
  for (const c of input.criteria) if (c.weight > top.weight) top = c;

  const cardJuror = new Int32Array(C);
  const cardNom = new Int32Array(C);
  const cardS = new Float64Array(C);
  const cardTop = new Float64Array(C);
  const jurorStart = new Int32Array(J + 1);
  const count = new Int32Array(N);
  input.scorecards.forEach((card, c) => {
    const j = jurorIndex.get(card.juror)!;
    const i = nomIndex.get(card.nomination)!;
    cardJuror[c] = j;
    cardNom[c] = i;
    cardS[c] = weightedTotal(input.criteria, card.scores);
    cardTop[c] = (card.scores[top.id] - top.min) / (top.max - top.min);
    jurorStart[j + 1]++;
    count[i]++;
  });
  for (let j = 0; j < J; j++) jurorStart[j + 1] += jurorStart[j];

  const nomStart = new Int32Array(N + 1);
  for (let i = 0; i < N; i++) nomStart[i + 1] = nomStart[i] + count[i];
  const nomCards = new Int32Array(C);
  const fill = nomStart.slice(0, N);
  for (let c = 0; c < C; c++) nomCards[fill[cardNom[c]]++] = c;
  const nomJuror = new Int32Array(C);
  const nomS = new Float64Array(C);
  const nomTop = new Float64Array(C);
  for (let k = 0; k < C; k++) {
    nomJuror[k] = cardJuror[nomCards[k]];
    nomS[k] = cardS[nomCards[k]];
    nomTop[k] = cardTop[nomCards[k]];
  }

  const rawMean = new Float64Array(N).fill(NaN);
  const spread = new Float64Array(N).fill(NaN);
  const topCriterion = new Float64Array(N).fill(NaN);
  for (let i = 0; i < N; i++) {
    const n = count[i];
    if (n === 0) continue;
    let sum = 0;
    let sumTop = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = nomStart[i]; k < nomStart[i + 1]; k++) {
      sum += nomS[k];
      sumTop += nomTop[k];
      if (nomS[k] < lo) lo = nomS[k];
      if (nomS[k] > hi) hi = nomS[k];
    }
    rawMean[i] = sum / n;
    spread[i] = hi - lo;
    topCriterion[i] = sumTop / n;
  }

  const active: number[] = [];
  for (let j = 0; j < J; j++) if (jurorStart[j + 1] > jurorStart[j]) active.push(j);

  return {
    nominationIds, municipalities, jurorIds, recused, cardJuror, cardNom, cardS, jurorStart, nomStart, nomCards, nomJuror, nomS, nomTop,
    count, rawMean, spread, topCriterion, activeJurors: Int32Array.from(active),
  };
}

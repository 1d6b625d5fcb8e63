import type { Design } from './design';
import { TIE_EPSILON, type TieEntry, type TieRule } from './types';

/**
 * The ranking: by score, descending. Scores within 1e-9 of each other are tied (chained: each within 1e-9 of
 * the next one down). A tie is broken by the higher normalised score on the highest-weighted criterion (mean
 * over the nomination's cards of (x − min)/(max − min)), then by the higher raw mean, both compared with the
 * same 1e-9 tolerance; what still ties is reported as unresolved and shares one rank (competition ranking:
 * 1, 2, 2, 4). Nominations nobody scored come last, share the rank after the scored ones, and are not a "tie".
 */
export interface Ranking {
  /** groups of nominations sharing a rank, in ranking order; the unscored group (if any) last */
  slots: number[][];
  /** rank per nomination */
  rank: Int32Array;
  /** how many nominations have a score */
  scored: number;
  ties: TieEntry[];
}

export function rankNominations(d: Design, scores: Float64Array): Ranking {
  const N = scores.length;
  const scored: number[] = [];
  const unscored: number[] = [];
  for (let i = 0; i < N; i++) (Number.isNaN(scores[i]) ? unscored : scored).push(i);

  const slots: number[][] = [];
  const broken: BrokenTie[] = [];
  for (const group of partition(scored, scores)) {
    if (group.length === 1) slots.push(group);
    else breakTie(d, group, slots, broken);
  }
  if (unscored.length) slots.push(unscored);

  const rank = new Int32Array(N);
  let position = 1;
  for (const slot of slots) {
    for (const i of slot) rank[i] = position;
    position += slot.length;
  }
  const ties = broken.map(({ members, rule }) => ({ nominations: members.map((i) => d.nominationIds[i]), rule, rank: rank[members[0]] }));
  return { slots, rank, scored: scored.length, ties };
}

type BrokenTie = { members: number[]; rule: TieRule };

/**
 * Tie-breaking of one group of equal scores: appends its slots in order and reports each rule used, with the
 * nominations it ordered (a rule that split the group lists the whole group, in the resulting order).
 */
function breakTie(d: Design, group: number[], slots: number[][], broken: BrokenTie[]): void {
  const byTop = partition(group, d.topCriterion);
  const groupSlots: number[][] = [];
  const after: BrokenTie[] = [];
  for (const part of byTop) {
    if (part.length === 1) {
      groupSlots.push(part);
      continue;
    }
    const byRaw = partition(part, d.rawMean);
    if (byRaw.length > 1) after.push({ members: byRaw.flat(), rule: 'rawMean' });
    for (const sub of byRaw) {
      if (sub.length === 1) {
        groupSlots.push(sub);
        continue;
      }
      const byId = [...sub].sort((a, b) => a - b);
      groupSlots.push(byId);
      after.push({ members: byId, rule: 'unresolved' });
    }
  }
  if (byTop.length > 1) broken.push({ members: groupSlots.flat(), rule: 'topCriterion' });
  broken.push(...after);
  slots.push(...groupSlots);
}

/**
 * Sorts by key descending (ties in key by index, i.e. by id, since nominations are indexed in id order) and
 * splits where consecutive keys differ by more than the tolerance.
 */
function partition(members: number[], key: Float64Array): number[][] {
  const sorted = [...members].sort((a, b) => key[b] - key[a] || a - b);
  const groups: number[][] = [];
  for (const i of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(key[last[last.length - 1]] - key[i]) <= TIE_EPSILON) last.push(i);
    else groups.push([i]);
  }
  return groups;
}

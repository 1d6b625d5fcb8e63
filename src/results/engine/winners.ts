import type { Design } from './design';
import type { Ranking } from './ranking';
import type { SkippedEntry } from './types';

export interface WinnersChoice {
  winners: string[];
  undecided: string[];
  skipped: SkippedEntry[];
}

/**
 * Winners: walk down the ranking and take nominations until `places` are filled, skipping (and logging) one
 * whose municipality already has `quota` winners among those chosen so far. Nominations nobody scored are never
 * awarded, even when places remain.
 *
 * An unresolved tie (nominations sharing a rank) is taken whole when all its eligible members fit: within the
 * places left and within their municipalities' quotas. Otherwise the engine does not pick: `winners` keeps the
 * places that are certain, `undecided` lists the tie's eligible members, and the walk stops there, because who
 * fills any later place depends on the admin's choice (which municipality's quota gets used). The admin decides
 * with a written reason; the app enforces that.
 */
export function chooseWinners(d: Design, ranking: Ranking, places: number, quota: number | null): WinnersChoice {
  const winners: string[] = [];
  const skipped: SkippedEntry[] = [];
  const used = new Map<string, number>();
  const quotaLeft = (muni: string) => (quota === null ? Infinity : quota - (used.get(muni) ?? 0));
  const take = (i: number) => {
    winners.push(d.nominationIds[i]);
    used.set(d.municipalities[i], (used.get(d.municipalities[i]) ?? 0) + 1);
  };

  let seen = 0;
  for (const slot of ranking.slots) {
    if (winners.length >= places || seen >= ranking.scored) break;
    seen += slot.length;
    const eligible: number[] = [];
    for (const i of slot) {
      if (quotaLeft(d.municipalities[i]) <= 0) skipped.push({ nomination: d.nominationIds[i], reason: 'quota' });
      else eligible.push(i);
    }
    if (eligible.length === 0) continue;
    if (eligible.length <= places - winners.length && withinQuota(d, eligible, quotaLeft)) {
      eligible.forEach(take);
      continue;
    }
    return { winners, undecided: eligible.map((i) => d.nominationIds[i]), skipped };
  }
  return { winners, undecided: [], skipped };
}

function withinQuota(d: Design, members: number[], quotaLeft: (muni: string) => number): boolean {
  const wanted = new Map<string, number>();
  for (const i of members) wanted.set(d.municipalities[i], (wanted.get(d.municipalities[i]) ?? 0) + 1);
  return [...wanted].every(([muni, n]) => n <= quotaLeft(muni));
}

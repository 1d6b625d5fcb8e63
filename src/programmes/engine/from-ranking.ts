import type { RankingEntry } from '../../results/engine';
import type { ApplicantInput } from './types';

export interface Application {
  id: string;
  municipality: string;
  preferences: string[];
}

/**
 * The applicants of an allocation from the results engine's ranking of the programme: each scored application
 * with the rank the engine gave it (its tie rules applied; a shared rank is a tie they could not break). An
 * application nobody scored takes no part, as it wins nothing in an award; nor does one the ranking lacks.
 */
export function applicantsFromRanking(ranking: readonly RankingEntry[], applications: readonly Application[]): ApplicantInput[] {
  const byId = new Map(applications.map((a) => [a.id, a]));
  return ranking.flatMap((entry) => {
    const a = byId.get(entry.nomination);
    if (!a || entry.scorecards === 0) return [];
    return [{ id: a.id, municipality: a.municipality, preferences: [...a.preferences], rank: entry.rank }];
  });
}

import type { CategoryResults } from './category-results';
import { isIn } from '../nominations/statuses';

/**
 * Accepted nominations without a single counted scorecard: nobody scored them, or every juror who did recused
 * or is in a conflict of interest with them. The engine ranks them last with no score, and approval makes them
 * «без награды» like any other non-winner, so the admin must see them before approving, and confirm.
 */
export interface UnscoredNomination {
  id: number;
  fullName: string;
  municipality: string;
}

export interface UnscoredInCategory {
  categoryId: number;
  category: string;
  nominations: UnscoredNomination[];
}

/** The category's unscored accepted nominations, in ranking order (by id); none once approved or when not computable. */
export function unscoredIn(r: CategoryResults): UnscoredNomination[] {
  if (r.snapshot || !r.computed?.ok) return [];
  const byKey = new Map(r.nominations.map((n) => [n.key, n]));
  return r.computed.output.ranking
    .filter((e) => e.scorecards === 0 && isIn('underJudging', byKey.get(e.nomination)?.status))
    .map((e) => byKey.get(e.nomination)!)
    .map((n) => ({ id: n.id, fullName: n.fullName, municipality: n.municipality }));
}

/** Every category of a cycle that has some. */
export function unscoredOf(results: CategoryResults[]): UnscoredInCategory[] {
  return results
    .map((r) => ({ categoryId: r.category.id, category: r.category.name, nominations: unscoredIn(r) }))
    .filter((c) => c.nominations.length > 0);
}

import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import type { AllocationState, ForcedPlace } from './engine';
import { ProgrammeAllocation } from './allocation.entity';
import { allocationOf, rankingInput } from './allocation-compute';
import { rankingsOf, type SelectionRanking } from './selection';
import { Track } from './track.entity';

/** One ranking's allocation as the page and the exports show it. */
export interface RankingAllocation {
  ranking: SelectionRanking;
  /** the version a change must name (a ranking nobody changed yet has no row: version 1, as a new row starts) */
  version: number;
  forced: ForcedPlace[];
  approvedAt: Date | null;
  state: AllocationState;
}

/**
 * Every ranking's allocation of a programme. An approved one is its stored state (frozen, then moved only by the
 * reserve); any other is computed afresh from the ranking and the fixed places, so the page always shows what
 * approving would freeze. Reading stores nothing: a GET changes no data (the stored state is written by the
 * changes and the approval).
 */
export async function allocationsOf(m: EntityManager, cycle: Pick<Cycle, 'id' | 'rankingScope'>): Promise<{ allocations: RankingAllocation[]; tracks: Track[] }> {
  const rankings = await rankingsOf(m, cycle.id);
  const tracks = await m.find(Track, { where: { cycleId: cycle.id }, order: { sortOrder: 'ASC', id: 'ASC' } });
  const rows = await m.find(ProgrammeAllocation, { where: { cycleId: cycle.id } });
  const allocations: RankingAllocation[] = [];
  for (const ranking of rankings) {
    const row = rows.find((r) => r.categoryId === ranking.categoryId);
    const forced = row?.forced ?? [];
    const frozen = row?.approvedAt && row.state ? row.state : null;
    const state = frozen ?? allocationOf(await rankingInput(m, cycle, ranking, tracks), forced);
    allocations.push({ ranking, version: row?.version ?? 1, forced, approvedAt: row?.approvedAt ?? null, state });
  }
  return { allocations, tracks };
}

/** The names of a programme's rankings whose allocation is not approved yet (the phase rule allocationApproved). */
export async function unapprovedRankingsOf(m: EntityManager, cycleId: number): Promise<string[]> {
  const rows: Array<{ name: string }> = await m.query(
    `SELECT k.name FROM category k
      WHERE k.cycle_id = $1 AND EXISTS (SELECT 1 FROM track t WHERE t.category_id = k.id)
        AND NOT EXISTS (SELECT 1 FROM programme_allocation a WHERE a.category_id = k.id AND a.approved_at IS NOT NULL)
      ORDER BY k.sort_order, k.id`,
    [cycleId],
  );
  return rows.map((r) => r.name);
}

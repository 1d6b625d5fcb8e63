import type { EntityManager } from 'typeorm';
import { Cycle, type CycleStatus } from '../cycles/cycle.entity';

/**
 * The cycle row, locked for the rest of the transaction. Every change of results (an override, the method,
 * approval, publication) takes this lock first, so they happen one after another, and each bumps the
 * version: a page that offered "approve" for what the admin saw is refused when something changed since.
 */
export async function lockCycle(m: EntityManager, cycleId: number): Promise<Cycle | null> {
  return m.findOne(Cycle, { where: { id: cycleId }, lock: { mode: 'pessimistic_write' } });
}

export async function cycleIdOfCategory(m: EntityManager, categoryId: number): Promise<number | null> {
  const rows: Array<{ cycle_id: number }> = await m.query(`SELECT cycle_id FROM category WHERE id = $1`, [categoryId]);
  return rows[0]?.cycle_id ?? null;
}

export async function bumpCycle(m: EntityManager, cycleId: number, changes: Partial<Pick<Cycle, 'status' | 'approvedAt' | 'publishedAt' | 'resultsMethod' | 'publicScores'>> = {}): Promise<void> {
  await m.update(Cycle, { id: cycleId }, { ...changes, version: () => 'version + 1' });
}

/** The phases in which results exist (judging has closed). */
export const RESULTS_STATUSES: readonly CycleStatus[] = ['deliberation', 'approved', 'published', 'archived'];

/** A programme's ranking (issue 12) exists once selection has closed: it feeds the allocation, never approved or published. */
export const PROGRAMME_RESULTS_STATUSES: readonly CycleStatus[] = ['allocation', 'confirmation', 'training', 'completion', 'closed'];
export const resultsAvailable = (cycle: Pick<Cycle, 'kind' | 'status'>) =>
  (cycle.kind === 'programme' ? PROGRAMME_RESULTS_STATUSES : RESULTS_STATUSES).includes(cycle.status);

/** The phases in which the results are public. */
export const PUBLIC_STATUSES: readonly CycleStatus[] = ['published', 'archived'];

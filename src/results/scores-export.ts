import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import type { ResultInput } from './engine';
import { buildCategoryInput, categoryIdsOf } from './engine-input';
import { liveSnapshot } from './category-results';
import { inputHash } from './computed';
import { validateInput } from './engine';

/**
 * The anonymised scores of a category, in the engine's input format (jurors J1, J2, …; nominations by id), so
 * `npm run results -- FILE.json` recomputes the ranking. Once approved, it is the frozen snapshot's input:
 * exactly what the published ranking was computed from, with the same SHA-256.
 *
 * A cycle's export: { cycle: { slug, name, year, method }, categories: [{ category: { id, name, inputHash }, input }] }.
 */

export interface CategoryScores {
  category: { id: number; name: string; inputHash: string | null };
  input: ResultInput;
}

export interface CycleScores {
  cycle: { slug: string; name: string; year: number; method: string };
  categories: CategoryScores[];
}

/** A category's input: the approved snapshot's, else the live one (null: no such category). */
export async function categoryScores(m: EntityManager, categoryId: number, frozenOnly = false): Promise<CategoryScores | null> {
  const snapshot = await liveSnapshot(m, categoryId);
  const [head]: Array<{ id: number; name: string }> = await m.query(`SELECT id, name FROM category WHERE id = $1`, [categoryId]);
  if (!head) return null;
  if (snapshot) return { category: { ...head, inputHash: snapshot.inputHash }, input: snapshot.input };
  if (frozenOnly) return null;
  const built = await buildCategoryInput(m, categoryId);
  if (!built) return null;
  const valid = validateInput(built.input).length === 0;
  return { category: { ...head, inputHash: valid ? inputHash(built.input) : null }, input: built.input };
}

/** Every category of a cycle; `frozenOnly` (the public export) keeps only approved snapshots. */
export async function cycleScores(m: EntityManager, cycle: Cycle, frozenOnly = false): Promise<CycleScores> {
  const categories: CategoryScores[] = [];
  for (const id of await categoryIdsOf(m, cycle.id)) {
    const scores = await categoryScores(m, id, frozenOnly);
    if (scores) categories.push(scores);
  }
  return { cycle: { slug: cycle.slug, name: cycle.name, year: cycle.year, method: cycle.resultsMethod }, categories };
}

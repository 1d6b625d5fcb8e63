import type { EntityManager } from 'typeorm';
import type { Cycle } from '../cycles/cycle.entity';
import type { ResultInput } from './engine';
import { buildCategoryInput, categoryIdsOf } from './engine-input';
import { liveSnapshot } from './category-results';
import { inputHash } from './computed';
import { validateInput } from './engine';
import { publicFieldsOf } from '../consent/public-fields';

/**
 * The anonymised scores of a category, in the engine's input format (jurors J1, J2, …; nominations by id), so
 * `npm run results -- FILE.json` recomputes the ranking. Once approved, it is the frozen snapshot's input:
 * exactly what the published ranking was computed from, with the same SHA-256.
 *
 * A cycle's export: { cycle: { slug, name, year, method }, categories: [{ category: { id, name, inputHash }, input }] }.
 */

export interface CategoryScores {
  /** municipalitiesWithheld: set in the public export when some nominations' municipalities are labels (below) */
  category: { id: number; name: string; inputHash: string | null; municipalitiesWithheld?: boolean };
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

/** What a nomination whose municipality may not be public is given instead, numbered per category. */
export const WITHHELD_MUNICIPALITY = (n: number) => `withheld-${n}`;

/**
 * The public scores.json: the approved snapshots, with each nomination's municipality only where its publication
 * consent allows it (consent/public-fields.ts); the engine's quota needs municipalities only to compare them, so
 * the others get labels (`withheld-1`, …) that are equal exactly where the municipalities are, numbered afresh in
 * each category so nothing links across them. A label never stands for a municipality shown by name, so a
 * nomination with a public municipality tells nothing about one without. The ranking recomputes exactly; the
 * winners too, unless the quota bound between a nomination with a public municipality and one without. The
 * hash is then the published input's: the frozen one's would let anyone test guesses of the hidden names.
 */
export async function publicCycleScores(m: EntityManager, cycle: Cycle): Promise<CycleScores> {
  const scores = await cycleScores(m, cycle, true);
  const allowed = await publicFieldsOf(m, scores.categories.flatMap((c) => c.input.nominations.map((n) => Number(n.id))));
  return { ...scores, categories: scores.categories.map((c) => withheldMunicipalities(c, (id) => allowed.get(Number(id))?.has('municipality') ?? false)) };
}

function withheldMunicipalities(scores: CategoryScores, isPublic: (nominationId: string) => boolean): CategoryScores {
  const { input } = scores;
  if (input.nominations.every((n) => isPublic(n.id))) return scores;
  const labels = new Map<string, string>();
  const nominations = input.nominations.map((n) => {
    if (isPublic(n.id)) return n;
    let label = labels.get(n.municipality);
    if (!label) labels.set(n.municipality, (label = WITHHELD_MUNICIPALITY(labels.size + 1)));
    return { ...n, municipality: label };
  });
  const published = { ...input, nominations };
  return { category: { ...scores.category, inputHash: inputHash(published), municipalitiesWithheld: true }, input: published };
}

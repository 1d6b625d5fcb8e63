import type { EntityManager } from 'typeorm';
import type { ResultInput, ResultOutput } from './engine';
import type { WinnerOverride } from './result.entity';
import { buildCategoryInput, categoryIdsOf, type CategoryInput } from './engine-input';
import { computeCached, type Computed } from './computed';
import { decide, type Decision } from './decisions';

/**
 * Where a category stands in results: its engine input and output, the deliberation on it and the decision.
 * Before approval the results are computed from the live data; once approved, the frozen snapshot is the
 * truth (its input and output are shown, never recomputed), and its winners are the final list.
 */

export interface SnapshotRow {
  id: number;
  method: string;
  inputHash: string;
  input: ResultInput;
  output: ResultOutput;
  winners: number[];
  approvedAt: Date;
  approvedById: number;
}

export interface CategoryResults extends CategoryInput {
  /** null: no nomination was judged in the category, so there is nothing to compute or approve */
  computed: Computed | null;
  snapshot: SnapshotRow | null;
  overrides: WinnerOverride[];
  decision: Decision | null;
}

export async function liveSnapshot(m: EntityManager, categoryId: number): Promise<SnapshotRow | null> {
  const rows: SnapshotRow[] = await m.query(
    `SELECT id, method, input_hash AS "inputHash", input, output, winners, approved_at AS "approvedAt", approved_by_id AS "approvedById"
       FROM result_snapshot WHERE category_id = $1 AND superseded_at IS NULL ORDER BY id DESC LIMIT 1`,
    [categoryId],
  );
  return rows[0] ?? null;
}

export async function deliberationOf(m: EntityManager, categoryId: number): Promise<{ winners: number[] | null; overrides: WinnerOverride[] }> {
  const rows: Array<{ winners: number[] | null; overrides: WinnerOverride[] }> = await m.query(`SELECT winners, overrides FROM deliberation WHERE category_id = $1`, [categoryId]);
  return rows[0] ?? { winners: null, overrides: [] };
}

export async function categoryResults(m: EntityManager, categoryId: number): Promise<CategoryResults | null> {
  const data = await buildCategoryInput(m, categoryId);
  if (!data) return null;
  const snapshot = await liveSnapshot(m, categoryId);
  const deliberation = await deliberationOf(m, categoryId);
  if (snapshot) {
    const computed: Computed = { ok: true, hash: snapshot.inputHash, output: snapshot.output };
    const decision = { ...decide(snapshot.output, deliberation.winners), final: snapshot.winners };
    return { ...data, input: snapshot.input, computed, snapshot, overrides: deliberation.overrides, decision };
  }
  if (!data.nominations.length) return { ...data, computed: null, snapshot: null, overrides: deliberation.overrides, decision: null };
  const computed = computeCached(data.input);
  const decision = computed.ok ? decide(computed.output, deliberation.winners) : null;
  return { ...data, computed, snapshot: null, overrides: deliberation.overrides, decision };
}

/** Every category of a cycle, in page order (each computed once). */
export async function cycleResults(m: EntityManager, cycleId: number): Promise<CategoryResults[]> {
  const out: CategoryResults[] = [];
  for (const id of await categoryIdsOf(m, cycleId)) {
    const r = await categoryResults(m, id);
    if (r) out.push(r);
  }
  return out;
}

/** nomination key → municipality, for the quota check of an override. */
export const municipalitiesOf = (r: CategoryInput) => new Map(r.input.nominations.map((n) => [n.id, n.municipality]));

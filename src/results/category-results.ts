import type { EntityManager } from 'typeorm';
import type { ResultInput, ResultOutput } from './engine';
import type { WinnerOverride } from './result.entity';
import { buildCategoryInput, type CategoryInput } from './engine-input';
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

/** Builds a category's results from the database: its engine input (validated, hashed, computed), snapshot and deliberation. */
export async function buildCategoryResults(m: EntityManager, categoryId: number): Promise<CategoryResults | null> {
  resultsCacheStats.builds++;
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

/**
 * The results of each category as last built, per database (a DataSource) and category, with the data version
 * they were built at (migrations/1796500090000-CategoryDataVersion.ts: triggers give a category a new version,
 * from a sequence, whenever anything its results depend on changes). The version is read before the build, so
 * what is kept is never older than its version; another process's change gives a new version in the database, so
 * no process serves stale results. The entries are shared between requests: nobody may change them in place.
 */
const cached = new WeakMap<object, Map<number, { version: string; results: CategoryResults | null }>>();
const MAX_CATEGORIES = 500;

/** How many times results were built from the database, for the tests that prove a cache hit builds nothing. */
export const resultsCacheStats = { builds: 0 };

async function cachedResults(m: EntityManager, categoryId: number, version: string): Promise<CategoryResults | null> {
  let entries = cached.get(m.connection);
  if (!entries) cached.set(m.connection, (entries = new Map()));
  const hit = entries.get(categoryId);
  if (hit && hit.version === version) return hit.results;
  const results = await buildCategoryResults(m, categoryId);
  entries.delete(categoryId);
  entries.set(categoryId, { version, results });
  if (entries.size > MAX_CATEGORIES) entries.delete(entries.keys().next().value!);
  return results;
}

/** A category's data version: '0' until something in it changes after the migration. */
const VERSION_SQL = `SELECT k.id, coalesce(v.version, 0)::text AS version FROM category k LEFT JOIN category_data_version v ON v.category_id = k.id`;

export async function categoryResults(m: EntityManager, categoryId: number): Promise<CategoryResults | null> {
  const [row]: Array<{ id: number; version: string }> = await m.query(`${VERSION_SQL} WHERE k.id = $1`, [categoryId]);
  return row ? cachedResults(m, categoryId, row.version) : null;
}

/** Every category of a cycle, in page order (each computed once): one small query when nothing changed. */
export async function cycleResults(m: EntityManager, cycleId: number): Promise<CategoryResults[]> {
  const rows: Array<{ id: number; version: string }> = await m.query(`${VERSION_SQL} WHERE k.cycle_id = $1 ORDER BY k.sort_order, k.id`, [cycleId]);
  const out: CategoryResults[] = [];
  for (const { id, version } of rows) {
    const r = await cachedResults(m, id, version);
    if (r) out.push(r);
  }
  return out;
}

/** nomination key → municipality, for the quota check of an override. */
export const municipalitiesOf = (r: CategoryInput) => new Map(r.input.nominations.map((n) => [n.id, n.municipality]));

import type { EntityManager } from 'typeorm';
import { Category, type DocumentKind } from './category.entity';
import { recordAudit } from '../audit/record';
import type { CycleStatus } from './cycle.entity';
import { forbiddenChanges, mayChangeCategory, mayEditCategory } from './category-rules';

export interface CategoryInput {
  name: string;
  description: string;
  maxWinners: number;
  quotaPerMunicipality: number | null;
  minYearsPractice: number;
  pastWinnersExcludedYears: number;
  requiredDocuments: DocumentKind[];
}

export type CategoryProblems = Partial<Record<keyof CategoryInput, 'nameTaken'>>;
export type SaveCategoryResult =
  | { ok: true; id: number; cycleId: number }
  | { ok: false; notFound: true }
  | { ok: false; problems: CategoryProblems }
  /** the cycle's phase does not allow this (category-rules.ts): adding at all, or changing these fields */
  | { ok: false; phase: CycleStatus; fields: Array<keyof CategoryInput> };

/**
 * Locks the cycle's row, so that concurrent changes to its list of categories (order, deletion) queue up,
 * and a phase move (which locks it too) cannot slip between the phase check and the change. Its phase, or
 * null if there is no such cycle.
 */
async function lockCycle(m: EntityManager, cycleId: number): Promise<CycleStatus | null> {
  const rows: Array<{ status: CycleStatus }> = await m.query(`SELECT status FROM cycle WHERE id = $1 FOR UPDATE`, [cycleId]);
  return rows[0]?.status ?? null;
}

async function nameTaken(m: EntityManager, cycleId: number, name: string, exceptId: number): Promise<boolean> {
  // Case-insensitive: «Педиатр года» and «педиатр года» would read as one category to an officer.
  const rows: unknown[] = await m.query(`SELECT 1 FROM category WHERE cycle_id = $1 AND lower(name) = lower($2) AND id <> $3`, [cycleId, name, exceptId]);
  return rows.length > 0;
}

const auditData = (input: CategoryInput) => ({
  name: input.name,
  maxWinners: input.maxWinners,
  quotaPerMunicipality: input.quotaPerMunicipality,
  minYearsPractice: input.minYearsPractice,
  pastWinnersExcludedYears: input.pastWinnersExcludedYears,
  requiredDocuments: input.requiredDocuments,
});

/** Adds a category at the end of the cycle's list. */
export async function createCategory(m: EntityManager, cycleId: number, input: CategoryInput, actorId: number): Promise<SaveCategoryResult> {
  const status = await lockCycle(m, cycleId);
  if (!status) return { ok: false, notFound: true };
  if (!mayChangeCategory(status, 'add')) return { ok: false, phase: status, fields: [] };
  if (await nameTaken(m, cycleId, input.name, 0)) return { ok: false, problems: { name: 'nameTaken' } };
  const [{ next }]: Array<{ next: number }> = await m.query(`SELECT coalesce(max(sort_order), 0) + 1 AS next FROM category WHERE cycle_id = $1`, [cycleId]);
  const inserted = await m.insert(Category, { ...input, cycleId, sortOrder: next });
  const id = inserted.identifiers[0].id as number;
  await recordAudit(m, { actorId, entity: 'category', entityId: id, cycleId, action: 'category.created', data: auditData(input) });
  return { ok: true, id, cycleId };
}

export async function updateCategory(m: EntityManager, id: number, input: CategoryInput, actorId: number): Promise<SaveCategoryResult> {
  const category = await m.findOne(Category, { where: { id } });
  if (!category) return { ok: false, notFound: true };
  const status = await lockCycle(m, category.cycleId);
  if (!status) return { ok: false, notFound: true };
  if (!mayEditCategory(status)) return { ok: false, phase: status, fields: [] };
  const forbidden = forbiddenChanges(status, category, input);
  if (forbidden.length) return { ok: false, phase: status, fields: forbidden };
  if (await nameTaken(m, category.cycleId, input.name, id)) return { ok: false, problems: { name: 'nameTaken' } };
  await m.update(Category, { id }, input);
  await recordAudit(m, { actorId, entity: 'category', entityId: id, cycleId: category.cycleId, action: 'category.updated', data: auditData(input) });
  return { ok: true, id, cycleId: category.cycleId };
}

/** Swaps a category with its neighbour above or below; at the edge of the list nothing changes. */
export async function moveCategory(m: EntityManager, id: number, direction: 'up' | 'down', actorId: number): Promise<{ cycleId: number } | null> {
  const category = await m.findOne(Category, { where: { id } });
  if (!category || !(await lockCycle(m, category.cycleId))) return null;
  const rows: Array<{ id: number }> = await m.query(`SELECT id FROM category WHERE cycle_id = $1 ORDER BY sort_order, id`, [category.cycleId]);
  const order = rows.map((r) => r.id);
  const at = order.indexOf(id);
  const other = direction === 'up' ? at - 1 : at + 1;
  if (at < 0 || other < 0 || other >= order.length) return { cycleId: category.cycleId };
  [order[at], order[other]] = [order[other], order[at]];
  // Renumber the whole list 1..n: older rows may share a sort_order, and a swap of equals moves nothing.
  await m.query(
    `UPDATE category SET sort_order = o.n FROM unnest($1::int[]) WITH ORDINALITY AS o(id, n) WHERE category.id = o.id`,
    [order],
  );
  await recordAudit(m, { actorId, entity: 'category', entityId: id, cycleId: category.cycleId, action: 'category.moved', data: { direction } });
  return { cycleId: category.cycleId };
}

export type DeleteCategoryResult = { ok: true; cycleId: number } | { ok: false; notFound: true } | { ok: false; cycleId: number; nominations: number };

/** Deletes a category that holds no nominations (not even drafts): nominations and their history stay whole. */
export async function deleteCategory(m: EntityManager, id: number, actorId: number): Promise<DeleteCategoryResult> {
  // FOR UPDATE waits for any transaction that is adding a nomination to this category (it holds a key-share lock).
  const rows: Array<{ cycle_id: number; name: string }> = await m.query(`SELECT cycle_id, name FROM category WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows.length) return { ok: false, notFound: true };
  const cycleId = rows[0].cycle_id;
  const [{ n }]: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM nomination WHERE category_id = $1`, [id]);
  if (n > 0) return { ok: false, cycleId, nominations: n };
  await m.delete(Category, { id });
  await recordAudit(m, { actorId, entity: 'category', entityId: id, cycleId, action: 'category.deleted', data: { name: rows[0].name } });
  return { ok: true, cycleId };
}

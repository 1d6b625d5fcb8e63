import type { EntityManager } from 'typeorm';
import { Criterion, type RubricBand } from './criterion.entity';
import { recordAudit } from '../audit/record';
import type { AuditData } from '../audit/audit-event.entity';
import { bandLabel } from './rubric';

export interface CriterionInput {
  name: string;
  description: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  rubric: RubricBand[];
}

export type CriterionResult =
  | { ok: true; id: number }
  | { ok: false; problem: 'notFound' | 'nameTaken' }
  | { ok: false; problem: 'locked'; submitted: number };

/** How many scorecards of the category are submitted; criteria are frozen from the first one on. */
export async function submittedScorecards(m: EntityManager, categoryId: number): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await m.query(
    `SELECT count(*)::int AS n FROM scorecard s JOIN nomination n ON n.id = s.nomination_id WHERE n.category_id = $1 AND s.status = 'submitted'`,
    [categoryId],
  );
  return n;
}

/**
 * Criteria cannot change once any scorecard in the category is submitted: a changed scale, weight or
 * rubric would make the scores already given incomparable with the ones still to come.
 */
export async function criteriaLocked(m: EntityManager, categoryId: number): Promise<boolean> {
  return (await submittedScorecards(m, categoryId)) > 0;
}

/**
 * Locks the category and every assignment in it, then checks the freeze. A juror's submission locks
 * its assignment first (saveScorecard), so either it commits before us and we see it, or it waits and
 * then reads the criteria as we leave them: a scorecard is never submitted against half-changed criteria.
 */
async function lockForChange(m: EntityManager, categoryId: number): Promise<CriterionResult | null> {
  const rows: unknown[] = await m.query(`SELECT id FROM category WHERE id = $1 FOR UPDATE`, [categoryId]);
  if (!rows.length) return { ok: false, problem: 'notFound' };
  await m.query(
    `SELECT a.id FROM assignment a JOIN nomination n ON n.id = a.nomination_id WHERE n.category_id = $1 ORDER BY a.id FOR UPDATE OF a`,
    [categoryId],
  );
  const submitted = await submittedScorecards(m, categoryId);
  return submitted ? { ok: false, problem: 'locked', submitted } : null;
}

async function nameTaken(m: EntityManager, categoryId: number, name: string, exceptId: number): Promise<boolean> {
  const rows: unknown[] = await m.query(`SELECT 1 FROM criterion WHERE category_id = $1 AND lower(name) = lower($2) AND id <> $3`, [categoryId, name, exceptId]);
  return rows.length > 0;
}

const audit = (m: EntityManager, actorId: number, categoryId: number, action: string, data: AuditData) =>
  recordAudit(m, { actorId, entity: 'category', entityId: categoryId, action, data });

/** A criterion as the audit log keeps it (flat values; the rubric as the admin typed it). */
const auditOf = (id: number, c: CriterionInput): AuditData => ({
  criterionId: id, name: c.name, description: c.description, weight: c.weight, scaleMin: c.scaleMin, scaleMax: c.scaleMax,
  rubric: c.rubric.map((b) => `${bandLabel(b)}: ${b.text}`),
});

/** Adds a criterion at the end of the category's list. */
export async function createCriterion(m: EntityManager, actorId: number, categoryId: number, input: CriterionInput): Promise<CriterionResult> {
  const refused = await lockForChange(m, categoryId);
  if (refused) return refused;
  if (await nameTaken(m, categoryId, input.name, 0)) return { ok: false, problem: 'nameTaken' };
  const [{ next }]: Array<{ next: number }> = await m.query(`SELECT coalesce(max(sort_order), -1) + 1 AS next FROM criterion WHERE category_id = $1`, [categoryId]);
  const inserted = await m.insert(Criterion, { ...input, categoryId, sortOrder: next });
  const id = inserted.identifiers[0].id as number;
  await audit(m, actorId, categoryId, 'criterion.created', auditOf(id, input));
  return { ok: true, id };
}

/**
 * Changes a criterion. Drafts may hold values for it: those outside a narrowed scale are dropped (the
 * juror sees the field empty again) rather than left where the database would refuse them later.
 */
export async function updateCriterion(m: EntityManager, actorId: number, categoryId: number, id: number, input: CriterionInput): Promise<CriterionResult> {
  const refused = await lockForChange(m, categoryId);
  if (refused) return refused;
  if (!(await m.exists(Criterion, { where: { id, categoryId } }))) return { ok: false, problem: 'notFound' };
  if (await nameTaken(m, categoryId, input.name, id)) return { ok: false, problem: 'nameTaken' };
  await m.query(`DELETE FROM score WHERE criterion_id = $1 AND (value < $2 OR value > $3)`, [id, input.scaleMin, input.scaleMax]);
  await m.update(Criterion, { id }, input);
  await audit(m, actorId, categoryId, 'criterion.updated', auditOf(id, input));
  return { ok: true, id };
}

/** Swaps a criterion with its neighbour; at the edge of the list nothing changes. */
export async function moveCriterion(m: EntityManager, actorId: number, categoryId: number, id: number, direction: 'up' | 'down'): Promise<CriterionResult> {
  const refused = await lockForChange(m, categoryId);
  if (refused) return refused;
  const rows: Array<{ id: number }> = await m.query(`SELECT id FROM criterion WHERE category_id = $1 ORDER BY sort_order, id`, [categoryId]);
  const order = rows.map((r) => r.id);
  const at = order.indexOf(id);
  if (at < 0) return { ok: false, problem: 'notFound' };
  const other = direction === 'up' ? at - 1 : at + 1;
  if (other < 0 || other >= order.length) return { ok: true, id };
  [order[at], order[other]] = [order[other], order[at]];
  // Renumber the whole list: rows sharing a sort_order would otherwise not move.
  await m.query(`UPDATE criterion SET sort_order = o.n FROM unnest($1::int[]) WITH ORDINALITY AS o(id, n) WHERE criterion.id = o.id`, [order]);
  await audit(m, actorId, categoryId, 'criterion.moved', { criterionId: id, direction });
  return { ok: true, id };
}

/** Deletes a criterion; values drafts held for it go with it (nothing submitted can exist here). */
export async function deleteCriterion(m: EntityManager, actorId: number, categoryId: number, id: number): Promise<CriterionResult> {
  const refused = await lockForChange(m, categoryId);
  if (refused) return refused;
  const criterion = await m.findOne(Criterion, { where: { id, categoryId } });
  if (!criterion) return { ok: false, problem: 'notFound' };
  await m.query(`DELETE FROM score WHERE criterion_id = $1`, [id]);
  await m.delete(Criterion, { id });
  await audit(m, actorId, categoryId, 'criterion.deleted', { criterionId: id, name: criterion.name });
  return { ok: true, id };
}

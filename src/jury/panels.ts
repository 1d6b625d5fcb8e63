import type { EntityManager } from 'typeorm';
import { Panel, PanelMember, type AssignmentMode } from './panel.entity';
import { runAssignment, type RunResult } from './assignments';
import { assignByHand, moveByHand, unassignByHand, type ManualResult } from './hand-assignments';
import { recordAudit } from '../audit/record';

export interface PanelInput {
  jurorIds: number[];
  chairId: number | null;
  mode: AssignmentMode;
  k: number | null;
}

export type PanelProblem = 'notJuror' | 'chairRequired' | 'chairNotMember' | 'kRequired';

export type PanelResult =
  | { ok: true }
  | { ok: false; problem: 'notFound' }
  | { ok: false; problem: PanelProblem }
  | { ok: false; problem: 'hasScores'; names: string[] };

/** Locks the category row: panel changes and assignment runs of one category queue up behind each other. */
export async function lockCategory(m: EntityManager, categoryId: number): Promise<boolean> {
  const rows: unknown[] = await m.query(`SELECT id FROM category WHERE id = $1 FOR UPDATE`, [categoryId]);
  return rows.length > 0;
}

/**
 * Sets a category's jury: its members (jurors), a chair among them, and how nominations are given out.
 * A juror leaving the panel loses the assignments of this category that are not yet submitted; one
 * with a submitted scorecard cannot leave (their scores would count without a panel seat).
 */
export async function savePanel(m: EntityManager, actorId: number, categoryId: number, input: PanelInput): Promise<PanelResult> {
  if (!(await lockCategory(m, categoryId))) return { ok: false, problem: 'notFound' };
  const jurorIds = [...new Set(input.jurorIds)];
  if (input.mode === 'k' && !(input.k && input.k >= 1)) return { ok: false, problem: 'kRequired' };
  if (jurorIds.length && input.chairId === null) return { ok: false, problem: 'chairRequired' };
  if (input.chairId !== null && !jurorIds.includes(input.chairId)) return { ok: false, problem: 'chairNotMember' };
  const panel = await m.findOne(Panel, { where: { categoryId } });
  const current = panel ? (await m.find(PanelMember, { where: { panelId: panel.id } })).map((p) => p.jurorId) : [];
  const added = jurorIds.filter((id) => !current.includes(id));
  if (added.length) {
    // Newcomers must be active jurors; members already seated may stay even if deactivated since.
    const [{ n }]: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM app_user WHERE id = ANY($1) AND role = 'juror' AND active`, [added]);
    if (n !== added.length) return { ok: false, problem: 'notJuror' };
  }
  const leaving = current.filter((id) => !jurorIds.includes(id));
  if (leaving.length) {
    const scored: Array<{ name: string }> = await m.query(
      `SELECT DISTINCT u.full_name AS name FROM scorecard s JOIN nomination n ON n.id = s.nomination_id JOIN app_user u ON u.id = s.juror_id
        WHERE n.category_id = $1 AND s.status = 'submitted' AND s.juror_id = ANY($2) ORDER BY 1`,
      [categoryId, leaving],
    );
    if (scored.length) return { ok: false, problem: 'hasScores', names: scored.map((r) => r.name) };
    await m.query(`DELETE FROM assignment a USING nomination n WHERE n.id = a.nomination_id AND n.category_id = $1 AND a.juror_id = ANY($2)`, [categoryId, leaving]);
  }
  const fields = { chairId: input.chairId, assignmentMode: input.mode, jurorsPerNomination: input.mode === 'k' ? input.k : null };
  let panelId = panel?.id;
  if (panelId) await m.update(Panel, { id: panelId }, fields);
  else panelId = (await m.insert(Panel, { categoryId, ...fields })).identifiers[0].id as number;
  if (leaving.length) await m.query(`DELETE FROM panel_member WHERE panel_id = $1 AND juror_id = ANY($2)`, [panelId, leaving]);
  if (added.length) await m.insert(PanelMember, added.map((jurorId) => ({ panelId, jurorId })));
  await recordAudit(m, { actorId, entity: 'category', entityId: categoryId, action: 'panel.saved', data: { jurorIds, chairId: input.chairId, mode: input.mode, k: fields.jurorsPerNomination, added, removed: leaving } });
  return { ok: true };
}

/** Runs the assignment of a category with the category locked, so two clicks never plan the same pairs twice. */
export async function assignCategory(m: EntityManager, actorId: number, categoryId: number): Promise<RunResult | { ok: false; problem: 'notFound' }> {
  if (!(await lockCategory(m, categoryId))) return { ok: false, problem: 'notFound' };
  return runAssignment(m, actorId, categoryId);
}

/** A re-assignment by hand from the matrix, inside the category's lock and only for its own nominations. */
export async function changeAssignmentByHand(m: EntityManager, actorId: number, categoryId: number, jurorId: number, nominationId: number, add: boolean): Promise<ManualResult> {
  if (!(await lockCategory(m, categoryId))) return { ok: false, problem: 'notFound' };
  const rows: unknown[] = await m.query(`SELECT 1 FROM nomination WHERE id = $1 AND category_id = $2`, [nominationId, categoryId]);
  if (!rows.length) return { ok: false, problem: 'notFound' };
  return add ? assignByHand(m, actorId, jurorId, nominationId) : unassignByHand(m, actorId, jurorId, nominationId);
}

/** A move of an assignment from one juror to another, from the matrix: inside the category's lock, only for its own nominations. */
export async function moveAssignmentByHand(m: EntityManager, actorId: number, categoryId: number, nominationId: number, fromJurorId: number, toJurorId: number): Promise<ManualResult> {
  if (!(await lockCategory(m, categoryId))) return { ok: false, problem: 'notFound' };
  const rows: unknown[] = await m.query(`SELECT 1 FROM nomination WHERE id = $1 AND category_id = $2`, [nominationId, categoryId]);
  if (!rows.length) return { ok: false, problem: 'notFound' };
  return moveByHand(m, actorId, nominationId, fromJurorId, toJurorId);
}

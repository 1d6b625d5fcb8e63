import type { EntityManager } from 'typeorm';
import { Assignment, Conflict } from './assignment.entity';
import { automaticConflict } from './conflict-rules';
import { categoryMatrix } from './matrix-queries';
import { handChangeProblem, type HandChange, type HandProblem } from './hand-rules';
import { recordAudit } from '../audit/record';
import { statusIn } from '../nominations/statuses';
import { announceAssigned } from './assignments';
import { publish } from '../domain-events';

export type ManualResult =
  | { ok: true }
  | { ok: false; problem: 'notFound' | 'notMember' | 'conflict' | 'exists' | 'scored' | 'notHeld' | 'same' }
  | ({ ok: false } & HandProblem);

type Target = { ok: true; categoryId: number } | { ok: false; problem: 'notFound' | 'notMember' | 'conflict' | 'exists' };

/**
 * Whether a juror may be given an accepted nomination by hand: an active member of its category's panel,
 * in no conflict with it (automatic by the data as it is now, or declared), and not holding it already.
 * Callers hold the category's lock (panels.ts lockCategory).
 */
export async function handTarget(m: EntityManager, jurorId: number, nominationId: number, opts: { ignoreDeclared?: boolean } = {}): Promise<Target> {
  const [n] = await m.query(
    `SELECT n.id, n.municipality_id AS "municipalityId", p.institution, n.category_id AS "categoryId" FROM nomination n JOIN nominee p ON p.id = n.nominee_id
      WHERE n.id = $1 AND ${statusIn('underJudging')} AND n.category_id IS NOT NULL`,
    [nominationId],
  );
  if (!n) return { ok: false, problem: 'notFound' };
  const [j] = await m.query(
    `SELECT u.id, u.municipality_id AS "municipalityId", u.institution FROM app_user u JOIN panel_member pm ON pm.juror_id = u.id JOIN panel pa ON pa.id = pm.panel_id
      WHERE u.id = $1 AND pa.category_id = $2 AND u.active`,
    [jurorId, n.categoryId],
  );
  if (!j) return { ok: false, problem: 'notMember' };
  if (automaticConflict(j, n)) return { ok: false, problem: 'conflict' };
  if (!opts.ignoreDeclared && (await m.exists(Conflict, { where: { jurorId, nominationId, kind: 'declared' } }))) return { ok: false, problem: 'conflict' };
  if (await m.exists(Assignment, { where: { jurorId, nominationId } })) return { ok: false, problem: 'exists' };
  return { ok: true, categoryId: n.categoryId };
}

/** The panel's rules for a hand change (k jurors at most, loads within one), judged on the category's matrix now. */
export async function handRulesRefuse(m: EntityManager, categoryId: number, change: HandChange): Promise<HandProblem | null> {
  const matrix = await categoryMatrix(m, categoryId);
  return matrix ? handChangeProblem(matrix, change) : null;
}

/** Gives a juror a nomination by hand, within the same rules as the planner: never a conflict, never beyond k, loads kept even. */
export async function assignByHand(m: EntityManager, adminId: number, jurorId: number, nominationId: number): Promise<ManualResult> {
  const target = await handTarget(m, jurorId, nominationId);
  if (!target.ok) return target;
  const refused = await handRulesRefuse(m, target.categoryId, { nominationId, to: jurorId });
  if (refused) return { ok: false, ...refused };
  await m.insert(Assignment, { jurorId, nominationId, assignedById: adminId });
  await recordAudit(m, { actorId: adminId, entity: 'nomination', entityId: nominationId, action: 'assignment.added', data: { jurorId } });
  await announceAssigned(m, target.categoryId, adminId, [{ jurorId, nominationId }]);
  return { ok: true };
}

/** The juror's assignment, locked, if it may be taken away: never one whose scorecard is submitted (its scores count). */
async function removable(m: EntityManager, jurorId: number, nominationId: number): Promise<{ ok: true; assignment: Assignment } | { ok: false; problem: 'notHeld' | 'scored' }> {
  const assignment = await m.findOne(Assignment, { where: { jurorId, nominationId }, lock: { mode: 'pessimistic_write' } });
  if (!assignment) return { ok: false, problem: 'notHeld' };
  const [card] = await m.query(`SELECT status FROM scorecard WHERE juror_id = $1 AND nomination_id = $2`, [jurorId, nominationId]);
  if (card?.status === 'submitted') return { ok: false, problem: 'scored' };
  return { ok: true, assignment };
}

export async function unassignByHand(m: EntityManager, adminId: number, jurorId: number, nominationId: number): Promise<ManualResult> {
  const held = await removable(m, jurorId, nominationId);
  if (!held.ok) return held.problem === 'notHeld' ? { ok: false, problem: 'notFound' } : held;
  await m.delete(Assignment, { id: held.assignment.id });
  await recordAudit(m, { actorId: adminId, entity: 'nomination', entityId: nominationId, action: 'assignment.removed', data: { jurorId } });
  await announceUnassigned(m, adminId, held.assignment, false);
  return { ok: true };
}

/** Announces an assignment taken from its juror (jury.unassigned): a later module tells the juror. */
async function announceUnassigned(m: EntityManager, adminId: number, taken: Assignment, moved: boolean): Promise<void> {
  const [n]: Array<{ categoryId: number; cycleId: number }> = await m.query(`SELECT category_id AS "categoryId", cycle_id AS "cycleId" FROM nomination WHERE id = $1`, [taken.nominationId]);
  await publish(m, 'jury.unassigned', { ...n, actorId: adminId, jurorId: taken.jurorId, nominationId: taken.nominationId, assignmentId: taken.id, moved, at: new Date() });
}

/**
 * Re-assigns a nomination from one juror to another in one step: the nomination keeps its number of
 * jurors, so this is how the admin evens out loads or replaces a juror when "assign" would break k mode's rules.
 */
export async function moveByHand(m: EntityManager, adminId: number, nominationId: number, fromJurorId: number, toJurorId: number): Promise<ManualResult> {
  if (fromJurorId === toJurorId) return { ok: false, problem: 'same' };
  const target = await handTarget(m, toJurorId, nominationId);
  if (!target.ok) return target;
  const held = await removable(m, fromJurorId, nominationId);
  if (!held.ok) return held;
  const refused = await handRulesRefuse(m, target.categoryId, { nominationId, to: toJurorId, from: fromJurorId });
  if (refused) return { ok: false, ...refused };
  await m.delete(Assignment, { id: held.assignment.id });
  await m.insert(Assignment, { jurorId: toJurorId, nominationId, assignedById: adminId });
  await recordAudit(m, { actorId: adminId, entity: 'nomination', entityId: nominationId, action: 'assignment.moved', data: { fromJurorId, toJurorId } });
  await announceUnassigned(m, adminId, held.assignment, true);
  await announceAssigned(m, target.categoryId, adminId, [{ jurorId: toJurorId, nominationId }]);
  return { ok: true };
}

import type { EntityManager } from 'typeorm';
import { Assignment, Conflict } from './assignment.entity';
import { lockAssignment } from './scorecards';
import { closedBy, judgingOpen, type JudgingWindow } from './judging-window';
import { recordAudit } from '../audit/record';

export type RecusalResult = { ok: true } | { ok: false; problem: 'notFound' | 'reasonRequired' } | { ok: false; problem: 'closed'; window: JudgingWindow };

/** The juror confirms having no conflict of interest; only then do the nomination's documents open. */
export async function confirmNoConflict(m: EntityManager, jurorId: number, nominationId: number, now = new Date()): Promise<RecusalResult> {
  const found = await lockAssignment(m, jurorId, nominationId);
  if (!found) return { ok: false, problem: 'notFound' };
  if (!judgingOpen(found.cycle, now)) return closedBy(found.cycle);
  if (!found.assignment.confirmedNoConflictAt) {
    await m.update(Assignment, { id: found.assignment.id }, { confirmedNoConflictAt: now });
    await recordAudit(m, { actorId: jurorId, entity: 'assignment', entityId: found.assignment.id, cycleId: found.cycle.id, action: 'conflict.none', data: { nominationId } });
  }
  return { ok: true };
}

/**
 * A recusal (самоотвод): the juror steps away from a nomination with a reason. The assignment goes,
 * a declared conflict stays (the admin sees it and the planner never assigns the pair again), and any
 * scores this juror gave the nomination never count.
 */
export async function recuse(m: EntityManager, jurorId: number, nominationId: number, reason: string, now = new Date()): Promise<RecusalResult> {
  const why = reason.trim();
  if (!why) return { ok: false, problem: 'reasonRequired' };
  const found = await lockAssignment(m, jurorId, nominationId);
  if (!found) return { ok: false, problem: 'notFound' };
  if (!judgingOpen(found.cycle, now)) return closedBy(found.cycle);
  await m.query(
    `INSERT INTO conflict (juror_id, nomination_id, kind, reason) VALUES ($1, $2, 'declared', $3) ON CONFLICT (juror_id, nomination_id, kind) DO NOTHING`,
    [jurorId, nominationId, why],
  );
  await m.delete(Assignment, { id: found.assignment.id });
  await recordAudit(m, { actorId: jurorId, entity: 'nomination', entityId: nominationId, cycleId: found.cycle.id, action: 'juror.recused', reason: why, data: { jurorId } });
  return { ok: true };
}

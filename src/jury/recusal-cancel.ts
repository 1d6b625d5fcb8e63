import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Assignment, Conflict } from './assignment.entity';
import { Scorecard, Score, ScoreHistory } from './scorecard.entity';
import { closedBy, judgingOpen, type JudgingWindow } from './judging-window';
import { handRulesRefuse, handTarget } from './hand-assignments';
import type { HandProblem } from './hand-rules';
import { lockCategory } from './panels';
import { recordAudit } from '../audit/record';
import { statusIn } from '../nominations/statuses';
import { publish } from '../domain-events';

export type CancelRecusalResult =
  | { ok: true; reopened: boolean }
  | { ok: false; problem: 'notFound' | 'notRecused' | 'reasonRequired' | 'notMember' | 'conflict' }
  | { ok: false; problem: 'closed'; window: JudgingWindow }
  | ({ ok: false } & HandProblem);

/**
 * The organising committee undoes a juror's recusal (самоотвод), with its own written reason, while
 * judging is open. The assignment comes back under the same rules as any hand assignment (an active panel
 * member, no automatic conflict, k mode's limits), unconfirmed: the juror must again confirm having no
 * conflict before the file opens. A scorecard the juror had submitted before recusing goes back to draft
 * (its values kept, the submitted version in the score history), so it counts only once they submit it
 * again after that confirmation.
 */
export async function cancelRecusal(m: EntityManager, adminId: number, categoryId: number, jurorId: number, nominationId: number, reason: string, now = new Date()): Promise<CancelRecusalResult> {
  const why = reason.trim();
  if (!why) return { ok: false, problem: 'reasonRequired' };
  if (!(await lockCategory(m, categoryId))) return { ok: false, problem: 'notFound' };
  const [n]: Array<{ cycleId: number }> = await m.query(
    `SELECT n.cycle_id AS "cycleId" FROM nomination n WHERE n.id = $1 AND n.category_id = $2 AND ${statusIn('underJudging')}`,
    [nominationId, categoryId],
  );
  if (!n) return { ok: false, problem: 'notFound' };
  const recusal = await m.findOne(Conflict, { where: { jurorId, nominationId, kind: 'declared' }, lock: { mode: 'pessimistic_write' } });
  // No recusal, but the juror holds the nomination: most likely a second click that waited for the first behind the lock.
  if (!recusal) return { ok: false, problem: (await m.exists(Assignment, { where: { jurorId, nominationId } })) ? 'notRecused' : 'notFound' };
  const cycle = await m.findOneOrFail(Cycle, { where: { id: n.cycleId } });
  if (!judgingOpen(cycle, now)) return closedBy(cycle);
  const target = await handTarget(m, jurorId, nominationId, { ignoreDeclared: true });
  if (!target.ok && target.problem !== 'exists') return { ok: false, problem: target.problem };
  if (target.ok) {
    const refused = await handRulesRefuse(m, categoryId, { nominationId, to: jurorId });
    if (refused) return { ok: false, ...refused };
  }

  await m.delete(Conflict, { id: recusal.id });
  if (target.ok) await m.insert(Assignment, { jurorId, nominationId, assignedById: adminId });
  const reopened = await reopenScorecard(m, adminId, jurorId, nominationId, now);
  await recordAudit(m, {
    actorId: adminId, entity: 'nomination', entityId: nominationId, cycleId: cycle.id, action: 'juror.recusalCancelled', reason: why,
    data: { jurorId, recusalReason: recusal.reason, scorecardReopened: reopened },
  });
  await publish(m, 'jury.recusalCancelled', { cycleId: cycle.id, categoryId, actorId: adminId, jurorId, nominationId, recusalId: recusal.id, reason: why, scorecardReopened: reopened, at: now });
  return { ok: true, reopened };
}

/** A submitted scorecard from before the recusal, back to draft with its values; the submitted version kept in the history. */
async function reopenScorecard(m: EntityManager, adminId: number, jurorId: number, nominationId: number, now: Date): Promise<boolean> {
  const card = await m.findOne(Scorecard, { where: { jurorId, nominationId }, lock: { mode: 'pessimistic_write' } });
  if (card?.status !== 'submitted') return false;
  const scores = await m.find(Score, { where: { scorecardId: card.id } });
  await m.insert(ScoreHistory, {
    scorecardId: card.id, changedById: adminId, changedAt: now, previousStatus: card.status,
    previousScores: Object.fromEntries(scores.map((s) => [String(s.criterionId), s.value])), previousComment: card.comment,
  });
  await m.update(Scorecard, { id: card.id }, { status: 'draft', weightedTotal: null, submittedAt: null, version: card.version + 1 });
  return true;
}

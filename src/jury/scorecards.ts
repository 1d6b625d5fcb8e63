import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { Nomination } from '../nominations/nomination.entity';
import { Assignment, Conflict } from './assignment.entity';
import { Criterion } from './criterion.entity';
import { Scorecard, Score, ScoreHistory } from './scorecard.entity';
import { checkScores, type ScoreProblem } from './score-values';
import { closedBy, judgingOpen, type JudgingWindow } from './judging-window';
import { weightedTotal } from '../results/engine/weighted';
import { recordAudit } from '../audit/record';
import { isIn } from '../nominations/statuses';

export interface ScorecardInput {
  scores: Record<string, unknown>;
  comment: string;
}

export type ScorecardResult =
  | { ok: true; scorecardId: number; status: 'draft' | 'submitted' }
  | { ok: false; problem: 'notFound' | 'notConfirmed' }
  | { ok: false; problem: 'closed'; window: JudgingWindow }
  | { ok: false; problem: 'scores'; problems: ScoreProblem[] };

/** The juror's assignment to an accepted nomination without a declared conflict, locked; null when there is none. */
export async function lockAssignment(m: EntityManager, jurorId: number, nominationId: number): Promise<{ assignment: Assignment; nomination: Nomination; cycle: Cycle } | null> {
  const assignment = await m.findOne(Assignment, { where: { jurorId, nominationId }, lock: { mode: 'pessimistic_write' } });
  if (!assignment) return null;
  if (await m.exists(Conflict, { where: { jurorId, nominationId, kind: 'declared' } })) return null;
  const nomination = await m.findOne(Nomination, { where: { id: nominationId } });
  if (!nomination || !nomination.categoryId || !isIn('underJudging', nomination.status)) return null;
  const cycle = await m.findOneOrFail(Cycle, { where: { id: nomination.cycleId } });
  return { assignment, nomination, cycle };
}

/**
 * Saves or submits a juror's scorecard. Only an assigned, non-recused juror who confirmed having no
 * conflict, only inside judging, only integers inside each scale; one scorecard per juror and nomination
 * (a repeated POST updates the same one). Changing a submitted scorecard keeps the previous values in
 * the score history, and it stays submitted (so it must stay complete).
 */
export async function saveScorecard(m: EntityManager, jurorId: number, nominationId: number, input: ScorecardInput, action: 'save' | 'submit', now = new Date()): Promise<ScorecardResult> {
  const found = await lockAssignment(m, jurorId, nominationId);
  if (!found) return { ok: false, problem: 'notFound' };
  if (!found.assignment.confirmedNoConflictAt) return { ok: false, problem: 'notConfirmed' };
  if (!judgingOpen(found.cycle, now)) return closedBy(found.cycle);
  const criteria = await m.find(Criterion, { where: { categoryId: found.nomination.categoryId! }, order: { sortOrder: 'ASC', id: 'ASC' } });
  const existing = await m.findOne(Scorecard, { where: { jurorId, nominationId } });
  const submitting = action === 'submit' || existing?.status === 'submitted';
  const { values, problems } = checkScores(criteria, input.scores, submitting);
  if (problems.length) return { ok: false, problem: 'scores', problems };

  await m.query(`INSERT INTO scorecard (juror_id, nomination_id) VALUES ($1, $2) ON CONFLICT (juror_id, nomination_id) DO NOTHING`, [jurorId, nominationId]);
  const card = await m.findOneOrFail(Scorecard, { where: { jurorId, nominationId }, lock: { mode: 'pessimistic_write' } });
  const before = await m.find(Score, { where: { scorecardId: card.id } });
  const previous = Object.fromEntries(before.map((s) => [String(s.criterionId), s.value]));
  const changed = card.comment !== input.comment || before.length !== values.size || before.some((s) => values.get(s.criterionId) !== s.value);
  if (card.status === 'submitted' && changed) {
    await m.insert(ScoreHistory, { scorecardId: card.id, changedById: jurorId, changedAt: now, previousStatus: card.status, previousScores: previous, previousComment: card.comment });
  }
  await m.delete(Score, { scorecardId: card.id });
  if (values.size) await m.insert(Score, [...values].map(([criterionId, value]) => ({ scorecardId: card.id, criterionId, value })));
  const status = submitting ? 'submitted' : 'draft';
  await m.update(Scorecard, { id: card.id }, {
    status,
    comment: input.comment,
    weightedTotal: submitting ? weightedTotal(criteria.map((c) => ({ id: String(c.id), weight: c.weight, min: c.scaleMin, max: c.scaleMax })), Object.fromEntries([...values].map(([k, v]) => [String(k), v]))) : null,
    submittedAt: submitting ? now : null,
    version: card.version + 1,
  });
  if (submitting && (card.status !== 'submitted' || changed)) {
    await recordAudit(m, { actorId: jurorId, entity: 'scorecard', entityId: card.id, cycleId: found.cycle.id, action: card.status === 'submitted' ? 'scorecard.changed' : 'scorecard.submitted', from: card.status, to: 'submitted', data: { nominationId } });
  }
  return { ok: true, scorecardId: card.id, status };
}

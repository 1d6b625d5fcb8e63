import type { EntityManager } from 'typeorm';
import { publish } from '../domain-events';
import type { CycleStatus } from '../cycles/cycle.entity';
import { Participant } from './participant.entity';
import type { Track } from './track.entity';
import { moveParticipant } from './participant-lifecycle';
import { isInParticipantGroup, PARTICIPANT_MOVES, type ParticipantStatus } from './participant-statuses';
import { completionWindow, type CompletionWindow } from './completion-rules';

/** An outcome as the completion page gives it: the move that marks it, with the hours attended or the reason. */
export type OutcomeMove = 'complete' | 'fail';
export const OUTCOME_MOVES: readonly OutcomeMove[] = ['complete', 'fail'];

export interface OutcomeMark {
  participantId: number;
  move: OutcomeMove;
  /** hours attended: required to complete (1..the track's hours); none when not completed */
  hours: number | null;
  /** why not completed (required), or a note on a completion (optional) */
  reason: string | null;
}

export type MarkOutcomesResult =
  | { ok: true; completed: number; notCompleted: number; corrected: number; unchanged: number }
  | { ok: false; refused: Exclude<CompletionWindow, { open: true }> }
  /** a participant who cannot be marked (not on the track, or released their place): the page was stale */
  | { ok: false; stale: number[] };

/**
 * Marks the outcomes of a track's participants, the admin's or the host coordinator's (the caller scoped the
 * track): a confirmed participant is completed with the hours attended or not completed with a reason; one
 * already marked is corrected — reopened and marked again, both moves audited — when anything of the outcome
 * changed. Refused outside the completion window (completion-rules.ts). Publishes 'participant.outcomeChanged'
 * for the corrected (their certificates are revoked) and then 'participant.completed' for everyone marked
 * completed now (their certificates are issued), inside the transaction.
 */
export async function markOutcomes(
  m: EntityManager,
  input: { track: Track; marks: OutcomeMark[]; actorId: number; today: string; now?: Date },
): Promise<MarkOutcomesResult> {
  const { track, marks, actorId } = input;
  const now = input.now ?? new Date();
  // the phase is read under a share lock, so no phase move (to closed, say) slips between the check and the marks
  const [cycle]: Array<{ id: number; status: CycleStatus }> = await m.query(`SELECT id, status FROM cycle WHERE id = $1 FOR SHARE`, [track.cycleId]);
  const window = completionWindow(cycle.status, track.endDate, input.today);
  if (!window.open) return { ok: false, refused: window };
  if (!marks.length) return { ok: true, completed: 0, notCompleted: 0, corrected: 0, unchanged: 0 };

  const ids = marks.map((k) => k.participantId);
  const locked = await m
    .createQueryBuilder(Participant, 'p')
    .select(['p.id', 'p.trackId', 'p.status', 'p.hoursAttended', 'p.outcomeReason'])
    .where('p.trackId = :trackId AND p.id IN (:...ids)', { trackId: track.id, ids })
    .orderBy('p.id')
    .setLock('pessimistic_write')
    .getMany();
  const byId = new Map(locked.map((p) => [p.id, p]));
  const stale = ids.filter((id) => {
    const p = byId.get(id);
    return !p || !(isInParticipantGroup('awaitingOutcome', p.status) || isInParticipantGroup('marked', p.status));
  });
  if (stale.length) return { ok: false, stale };

  const completedIds: number[] = [];
  const changedIds: number[] = [];
  let correctionReason: string | null = null;
  const counts = { completed: 0, notCompleted: 0, corrected: 0, unchanged: 0 };
  for (const mark of marks) {
    if (mark.move === 'complete' && (mark.hours === null || mark.hours < 1 || mark.hours > track.academicHours)) throw new Error(`participant ${mark.participantId}: hours out of 1..${track.academicHours}`);
    if (mark.move === 'fail' && !mark.reason) throw new Error(`participant ${mark.participantId}: not completed without a reason`);
    const p = byId.get(mark.participantId)!;
    const hours = mark.move === 'complete' ? mark.hours : null;
    const reason = mark.reason || null;
    let status: ParticipantStatus = p.status;
    if (isInParticipantGroup('marked', status)) {
      if (status === PARTICIPANT_MOVES[mark.move].to && p.hoursAttended === hours && (p.outcomeReason ?? null) === reason) {
        counts.unchanged++;
        continue;
      }
      status = await moveParticipant(m, p, 'reopen', { actorId, cycleId: track.cycleId, reason, now });
      correctionReason = reason;
      changedIds.push(p.id);
      counts.corrected++;
    }
    await moveParticipant(m, { ...p, status }, mark.move, { actorId, cycleId: track.cycleId, reason: mark.move === 'fail' ? reason : null, now });
    await m.update(Participant, { id: p.id }, { hoursAttended: hours, outcomeReason: reason, outcomeById: actorId });
    if (mark.move === 'complete') {
      completedIds.push(p.id);
      counts.completed++;
    } else counts.notCompleted++;
  }
  if (changedIds.length) await publish(m, 'participant.outcomeChanged', { cycleId: track.cycleId, trackId: track.id, participantIds: changedIds, reason: changedIds.length === 1 ? correctionReason : null, actorId, at: now });
  if (completedIds.length) await publish(m, 'participant.completed', { cycleId: track.cycleId, trackId: track.id, participantIds: completedIds, actorId, at: now });
  return { ok: true, ...counts };
}

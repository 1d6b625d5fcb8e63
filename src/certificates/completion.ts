import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { participantStatusIn } from '../programmes/participant-statuses';
import { Certificate } from './certificate.entity';
import { issueCertificates, type IssueResult } from './issue';
import { lockCounter } from './numbering';

/**
 * Certificates of completion follow the participants' outcomes: issued when a participant is marked completed,
 * revoked when the outcome is changed afterwards (no longer completed, or other hours), and issued again,
 * pointing from the old one, when the corrected outcome still earns one.
 */

/** Why a certificate of completion was revoked when its outcome was changed without a reason of its own. */
export const OUTCOME_CHANGED = 'Итоги стажировки изменены';

/** Certificates of completion for these participants of the programme (those completed without a valid one). */
export function issueCompletionCertificates(m: EntityManager, cycleId: number, participantIds: number[], actorId: number | null, now?: Date): Promise<IssueResult> {
  return issueCertificates(m, cycleId, 'completion', actorId, { only: { participantIds }, now });
}

/**
 * After a change of these participants' outcomes: revokes each valid certificate of completion that no longer
 * matches (the participant is not completed now, or attended other hours than printed), then issues what the
 * outcome now earns, if the programme is in a phase that issues. Returns the numbers revoked.
 */
export async function settleCompletionCertificates(
  m: EntityManager,
  e: { cycleId: number; participantIds: number[]; reason: string | null; actorId: number | null; at?: Date },
): Promise<{ revoked: string[]; issued: IssueResult }> {
  const now = e.at ?? new Date();
  const reason = e.reason?.trim() || OUTCOME_CHANGED;
  await lockCounter(m, e.cycleId);
  const outdated: Array<{ id: number; number: string; participant_id: number }> = await m.query(
    `SELECT x.id, x.number, x.participant_id
       FROM certificate x JOIN participant p ON p.id = x.participant_id
      WHERE x.cycle_id = $1 AND x.kind = 'completion' AND x.revoked_at IS NULL AND x.participant_id = ANY($2::int[])
        AND (NOT ${participantStatusIn('certified', 'p')} OR p.hours_attended IS DISTINCT FROM (x.printed->>'hours')::int)
      ORDER BY x.seq FOR UPDATE OF x`,
    [e.cycleId, e.participantIds],
  );
  for (const x of outdated) {
    await m.update(Certificate, { id: x.id }, { revokedAt: now, revokedReason: reason });
    await recordAudit(m, { actorId: e.actorId, entity: 'certificate', entityId: x.id, cycleId: e.cycleId, action: 'certificate.revoked', from: 'valid', to: 'revoked', reason, data: { number: x.number, participantId: x.participant_id } });
  }
  const issued = await issueCompletionCertificates(m, e.cycleId, e.participantIds, e.actorId, now);
  return { revoked: outdated.map((x) => x.number), issued };
}

import type { EntityManager } from 'typeorm';
import { Nomination } from './nomination.entity';
import { Nominee } from './nominee.entity';
import { Attachment } from './attachment.entity';
import { officerEditWindow } from './rules';
import { isIn } from './statuses';
import { lockOfficerNomination, lockOfficerNominee, type Officer } from './scope';
import { recordAudit } from '../audit/record';
import { fullName } from '../text/normalise';

export type DeleteDraftResult =
  | { ok: true }
  | { ok: false; problem: 'notFound' | 'conflict' | 'notDraft' }
  | { ok: false; problem: 'closed'; deadline: Date | null };

/**
 * A draft that was never submitted may be deleted by an officer of its municipality while the cycle
 * takes nominations. Anything submitted once has a history the committee may need (returned,
 * withdrawn), so it is withdrawn instead, never deleted.
 */
export function deletable(n: Pick<Nomination, 'status' | 'submittedAt'>): boolean {
  return isIn('unsent', n.status) && n.submittedAt === null;
}

/**
 * Deletes a draft with its documents, in the caller's transaction, and the nominee record with it
 * when no other nomination names that person (a person typed into an abandoned draft would otherwise
 * linger in the nominee search). The audit log keeps what was deleted and by whom.
 */
export async function deleteDraft(m: EntityManager, officer: Officer, id: number, version: number, now = new Date()): Promise<DeleteDraftResult> {
  const own = await lockOfficerNomination(m, officer, id);
  if (!own) return { ok: false, problem: 'notFound' };
  const { nomination, cycle } = own;
  if (!deletable(nomination)) return { ok: false, problem: 'notDraft' };
  if (nomination.version !== version) return { ok: false, problem: 'conflict' };
  const window = officerEditWindow(cycle, nomination.status, now);
  if (!window.open) return { ok: false, problem: 'closed', deadline: window.deadline };

  // Locked before the check, so a save picking this person in parallel either lands first (and keeps the record) or waits.
  const nominee = await lockOfficerNominee(m, officer, nomination.nomineeId);
  const documents = await m.count(Attachment, { where: { nominationId: id } });
  await m.delete(Attachment, { nominationId: id });
  await m.delete(Nomination, { id });
  await m.query(`DELETE FROM nominee WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM nomination WHERE nominee_id = $1)`, [nomination.nomineeId]);
  await recordAudit(m, {
    actorId: officer.id, entity: 'nomination', entityId: id, cycleId: cycle.id, action: 'nomination.deleted',
    data: { nominee: nominee ? fullName(nominee) : '', documents },
  });
  return { ok: true };
}

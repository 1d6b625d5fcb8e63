import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { settleWinnerDiplomas } from '../certificates/issue';
import { publish } from '../domain-events';
import { bumpCycle, lockCycle } from './cycle-lock';
import type { ResultsMoveResult } from './approval';

/**
 * Publishing makes the approved winners public and issues the winners' diplomas in the same transaction
 * (either both happen or neither). Unpublishing, for a correction, needs a reason and hides every public
 * page of the cycle again: the certificates' PDFs are not served, and their verify pages say only that the
 * results are being corrected. Publishing again settles the diplomas with the corrected results.
 *
 * Both announce themselves (results.published, results.unpublished): the public pages' in-process cache
 * is dropped by their subscribers, inside the transaction and again after the commit (events/subscribers.ts).
 */

export async function publishResults(m: EntityManager, cycleId: number, version: number, actorId: number, now = new Date()): Promise<ResultsMoveResult> {
  const cycle = await lockCycle(m, cycleId);
  if (!cycle) return { ok: false, problem: 'notFound' };
  if (cycle.version !== version) return { ok: false, problem: 'stale' };
  if (cycle.status !== 'approved') return { ok: false, problem: 'notAvailable' };
  await bumpCycle(m, cycleId, { status: 'published', publishedAt: now });
  await recordAudit(m, { actorId, entity: 'cycle', entityId: cycleId, cycleId, action: 'results.published', from: 'approved', to: 'published' });
  // after the status change: certificates are issued only for published cycles. After a correction this
  // also revokes the diplomas the new results no longer bear out, so no two valid diplomas claim one place.
  await settleWinnerDiplomas(m, cycleId, actorId, now);
  await publish(m, 'results.published', { cycleId, actorId, at: now });
  return { ok: true };
}

export async function unpublishResults(m: EntityManager, cycleId: number, version: number, reason: string, actorId: number, now = new Date()): Promise<ResultsMoveResult> {
  const why = reason.trim();
  const cycle = await lockCycle(m, cycleId);
  if (!cycle) return { ok: false, problem: 'notFound' };
  if (cycle.version !== version) return { ok: false, problem: 'stale' };
  if (cycle.status !== 'published') return { ok: false, problem: 'notAvailable' };
  if (!why) return { ok: false, problem: 'reasonRequired' };
  await bumpCycle(m, cycleId, { status: 'approved', publishedAt: null });
  await recordAudit(m, { actorId, entity: 'cycle', entityId: cycleId, cycleId, action: 'results.unpublished', from: 'published', to: 'approved', reason: why });
  await publish(m, 'results.unpublished', { cycleId, actorId, reason: why, at: now });
  return { ok: true };
}

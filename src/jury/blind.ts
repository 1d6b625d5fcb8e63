import type { EntityManager } from 'typeorm';
import { Cycle } from '../cycles/cycle.entity';
import { recordAudit } from '../audit/record';

/**
 * Blind judging for a cycle: jurors then see neither the nominating municipality nor the officer.
 * Returns false for an unknown cycle.
 */
export async function setBlindJudging(m: EntityManager, actorId: number, cycleId: number, blind: boolean): Promise<boolean> {
  const cycle = await m.findOne(Cycle, { where: { id: cycleId }, lock: { mode: 'pessimistic_write' } });
  if (!cycle) return false;
  if (cycle.blindJudging === blind) return true;
  // Through SQL, not save(): the cycle's optimistic version belongs to its edit form and phase moves.
  await m.query(`UPDATE cycle SET blind_judging = $2, updated_at = now() WHERE id = $1`, [cycleId, blind]);
  await recordAudit(m, { actorId, entity: 'cycle', entityId: cycleId, cycleId, action: blind ? 'cycle.blindOn' : 'cycle.blindOff' });
  return true;
}

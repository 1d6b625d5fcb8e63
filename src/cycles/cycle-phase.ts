import type { EntityManager } from 'typeorm';
import { Cycle, type CycleStatus } from './cycle.entity';
import { recordAudit } from '../audit/record';
import { gatherPhaseFacts } from './phase-facts';
import { checkMove, type PhaseProblem } from './phases';

export type MovePhaseResult =
  | { ok: true; from: CycleStatus; to: CycleStatus }
  | { ok: false; notFound: true }
  | { ok: false; stale: true }
  | { ok: false; notAvailable: true }
  | { ok: false; problems: PhaseProblem[] };

/**
 * Moves a cycle to the next phase by hand, in the caller's transaction: locks the cycle, refuses a
 * version the admin did not see, re-checks the preconditions on fresh facts, then updates and audits.
 */
export async function moveCyclePhase(m: EntityManager, id: number, to: string, version: number, actorId: number, now: Date = new Date()): Promise<MovePhaseResult> {
  // The row lock makes a concurrent move (another admin, the phase clock) wait and then see our version.
  const cycle = await m.findOne(Cycle, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!cycle) return { ok: false, notFound: true };
  if (cycle.version !== version) return { ok: false, stale: true };
  const check = checkMove(await gatherPhaseFacts(m, cycle, now), to);
  if (!check.ok) return check.reason === 'notAvailable' ? { ok: false, notAvailable: true } : { ok: false, problems: check.problems };
  const { from, to: next } = check.transition;
  const result = await m.update(Cycle, { id, version, status: from }, { status: next, version: () => 'version + 1' });
  if (!result.affected) return { ok: false, stale: true };
  await recordAudit(m, { actorId, entity: 'cycle', entityId: id, cycleId: id, action: 'cycle.phase', from, to: next });
  return { ok: true, from, to: next };
}

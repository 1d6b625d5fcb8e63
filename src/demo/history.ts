import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/record';
import { NOMINATION_MOVES, pathTo, type NominationStatus } from '../nominations/statuses';

const BY_OFFICER = new Set(['submit', 'withdraw']);

/**
 * The audit history of a nomination the demo creates directly in its state: the lifecycle's moves from
 * a draft to that state, each as the lifecycle would have written it (the officer's own, the admin's decisions).
 */
export async function seedHistory(
  m: EntityManager,
  n: { id: number; cycleId: number; status: NominationStatus },
  who: { officerId: number; adminId: number; reason?: string | null },
): Promise<void> {
  for (const step of pathTo(n.status)) {
    const byOfficer = BY_OFFICER.has(step.move);
    await recordAudit(m, {
      actorId: byOfficer ? who.officerId : who.adminId, entity: 'nomination', entityId: n.id, cycleId: n.cycleId,
      action: NOMINATION_MOVES[step.move].audit, from: step.from, to: step.to, reason: byOfficer ? null : (who.reason ?? null),
    });
  }
}

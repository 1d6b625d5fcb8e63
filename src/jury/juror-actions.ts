import type { EntityManager } from 'typeorm';
import type { JurorProfile } from './conflict-rules';
import { jurorNominationInScope } from '../nominations/scope';
import { saveScorecard, type ScorecardInput, type ScorecardResult } from './scorecards';
import { confirmNoConflict, recuse, type RecusalResult } from './recusal';

/**
 * The juror's three actions, each only on a nomination in the juror's scope (nominations/scope.ts: the same
 * rule as the pages they read), which also refuses a pair in conflict by the juror's and nominee's data as
 * they are now: the planner never assigns such a pair, but a juror's municipality or institution may have
 * changed since the assignment was made; then the nomination is simply not theirs.
 */
const conflictedNow = async (m: EntityManager, juror: JurorProfile, nominationId: number) => !(await jurorNominationInScope(m, juror, nominationId, { lock: true }));

export async function scoreAsJuror(m: EntityManager, juror: JurorProfile, nominationId: number, input: ScorecardInput, action: 'save' | 'submit', now = new Date()): Promise<ScorecardResult> {
  if (await conflictedNow(m, juror, nominationId)) return { ok: false, problem: 'notFound' };
  return saveScorecard(m, juror.id, nominationId, input, action, now);
}

export async function confirmAsJuror(m: EntityManager, juror: JurorProfile, nominationId: number, now = new Date()): Promise<RecusalResult> {
  if (await conflictedNow(m, juror, nominationId)) return { ok: false, problem: 'notFound' };
  return confirmNoConflict(m, juror.id, nominationId, now);
}

export async function recuseAsJuror(m: EntityManager, juror: JurorProfile, nominationId: number, reason: string, now = new Date()): Promise<RecusalResult> {
  if (await conflictedNow(m, juror, nominationId)) return { ok: false, problem: 'notFound' };
  return recuse(m, juror.id, nominationId, reason, now);
}

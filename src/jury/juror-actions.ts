import type { EntityManager } from 'typeorm';
import { automaticConflict, type JurorProfile } from './conflict-rules';
import { saveScorecard, type ScorecardInput, type ScorecardResult } from './scorecards';
import { confirmNoConflict, recuse, type RecusalResult } from './recusal';

/**
 * The juror's three actions, each refusing a pair that is in conflict by the juror's and nominee's data
 * as they are now. The planner never assigns such a pair, but a juror's municipality or institution (or a
 * nominee's) may have changed since the assignment was made; then the nomination is simply not theirs.
 */
async function conflictedNow(m: EntityManager, juror: JurorProfile, nominationId: number): Promise<boolean> {
  const [n] = await m.query(
    `SELECT n.id, n.municipality_id AS "municipalityId", ne.institution FROM nomination n JOIN nominee ne ON ne.id = n.nominee_id WHERE n.id = $1`,
    [nominationId],
  );
  return !n || automaticConflict(juror, n) !== null;
}

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

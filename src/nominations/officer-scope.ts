import type { EntityManager } from 'typeorm';
import { Nomination } from './nomination.entity';
import { Cycle } from '../cycles/cycle.entity';

/** The person acting for a municipality: every lookup below is scoped by it (foreign ids are "not found"). */
export interface Officer {
  id: number;
  municipalityId: number;
}

/** A nomination of the officer's municipality, locked for the rest of the transaction; null when not theirs. */
export async function lockOwnNomination(m: EntityManager, officer: Officer, id: number): Promise<{ nomination: Nomination; cycle: Cycle } | null> {
  const nomination = await m.findOne(Nomination, { where: { id, municipalityId: officer.municipalityId }, lock: { mode: 'pessimistic_write' } });
  if (!nomination) return null;
  const cycle = await m.findOneOrFail(Cycle, { where: { id: nomination.cycleId } });
  return { nomination, cycle };
}

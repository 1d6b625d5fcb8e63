import type { Cycle } from '../cycles/cycle.entity';

/** Jurors score only while the cycle is in judging and inside its judging dates. */
export function judgingOpen(cycle: Pick<Cycle, 'status' | 'judgingStart' | 'judgingEnd'>, now: Date): boolean {
  return cycle.status === 'judging' && (!cycle.judgingStart || now >= cycle.judgingStart) && (!cycle.judgingEnd || now < cycle.judgingEnd);
}

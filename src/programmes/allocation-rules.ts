import type { CycleStatus } from '../cycles/cycle.entity';
import { PHASES_OF } from '../cycles/phases';

/**
 * When a programme's allocation may be changed and read. Places are fixed and the allocation approved only in
 * the phase «распределение мест»: before it the ranking is still being scored, after it the offers are out and
 * only the reserve (release.ts) moves people. From that phase on the page stays readable, so the admin can
 * explain any place afterwards. Pure.
 */
export const mayChangeAllocation = (status: CycleStatus): boolean => status === 'allocation';

export const mayReadAllocation = (status: CycleStatus): boolean => {
  const phases = PHASES_OF.programme;
  return phases.indexOf(status) >= phases.indexOf('allocation');
};

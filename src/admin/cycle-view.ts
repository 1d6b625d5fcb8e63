import type { Cycle } from '../cycles/cycle.entity';
import type { CategoryRow } from '../cycles/cycles-query';
import { PHASE_WINDOWS } from '../cycles/phase-dates';
import { manualTransitionFrom } from '../cycles/phases';

/** What the cycle page shows: the dates per phase, the categories with their rules, the next move. */
export function cyclePageView(cycle: Cycle, categories: CategoryRow[]) {
  const next = manualTransitionFrom(cycle.status);
  return {
    cycle,
    statusKey: `phases.${cycle.status}`,
    windows: PHASE_WINDOWS.map((w) => ({ legendKey: `phases.window.${w.phase}`, start: cycle[w.start], end: cycle[w.end] })),
    next: next ? { to: next.to, actionKey: `cycles.phase.action.${next.to}` } : null,
    categories: categories.map((c, i) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      maxWinners: c.maxWinners,
      quota: c.quotaPerMunicipality,
      minYearsPractice: c.minYearsPractice,
      pastWinnersExcludedYears: c.pastWinnersExcludedYears,
      documentKeys: c.requiredDocuments.map((k) => `cycles.documentKinds.${k}`),
      nominations: c.nominations,
      canMoveUp: i > 0,
      canMoveDown: i < categories.length - 1,
    })),
  };
}

import type { Cycle } from './cycle.entity';
import type { CategoryRow } from './cycles-query';
import { PHASE_WINDOWS } from './phase-dates';
import { manualTransitionFrom } from './phases';
import { mayChangeCategory, mayEditCategory } from './category-rules';
import { formatReminderDays } from '../mail/reminders/schedule';

/** What the cycle page shows: the dates per phase, the categories with their rules, the next move. */
export function cyclePageView(cycle: Cycle, categories: CategoryRow[]) {
  const next = manualTransitionFrom(cycle.status);
  return {
    cycle,
    statusKey: `phases.${cycle.status}`,
    windows: PHASE_WINDOWS.map((w) => ({ legendKey: `phases.window.${w.phase}`, start: cycle[w.start], end: cycle[w.end] })),
    // blank when the admin switched a reminder off
    reminderDays: { nominations: formatReminderDays(cycle.nominationsReminderDays), judging: formatReminderDays(cycle.judgingReminderDays) },
    next: next ? { to: next.to, actionKey: `cycles.phase.action.${next.to}` } : null,
    // offered only where the phase allows it (category-rules.ts); the server refuses the rest as well
    canAddCategory: mayChangeCategory(cycle.status, 'add'),
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
      canEdit: mayEditCategory(cycle.status),
      canMoveUp: i > 0,
      canMoveDown: i < categories.length - 1,
    })),
  };
}

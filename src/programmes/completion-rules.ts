import type { CycleStatus } from '../cycles/cycle.entity';

/**
 * When a track's outcomes may be marked (and corrected): once the track has ended — its last day has come in
 * the region's zone, since the host's dates are calendar days — and while the programme is in training or
 * completion. A closed programme keeps its outcomes as they are (its certificates rest on them). Pure.
 */

export const COMPLETION_PHASES: readonly CycleStatus[] = ['training', 'completion'];

export type CompletionWindow = { open: true } | { open: false; refused: 'phase'; phase: CycleStatus } | { open: false; refused: 'notEnded'; from: string };

export function completionWindow(cycleStatus: CycleStatus, trackEndDate: string, today: string): CompletionWindow {
  if (!COMPLETION_PHASES.includes(cycleStatus)) return { open: false, refused: 'phase', phase: cycleStatus };
  if (today < trackEndDate) return { open: false, refused: 'notEnded', from: trackEndDate };
  return { open: true };
}

/** Today's calendar day (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

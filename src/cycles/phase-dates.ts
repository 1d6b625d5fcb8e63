/**
 * The phase windows of a cycle and the rule that keeps them in order:
 * nominations → screening → judging → deliberation, each start before its end, and no phase starting
 * before the previous one ends (it may start at the very moment the previous one ends).
 */

export const PHASE_WINDOWS = [
  { phase: 'nominations', start: 'nominationsStart', end: 'nominationsEnd' },
  { phase: 'screening', start: 'screeningStart', end: 'screeningEnd' },
  { phase: 'judging', start: 'judgingStart', end: 'judgingEnd' },
  { phase: 'deliberation', start: 'deliberationStart', end: 'deliberationEnd' },
] as const;

export type PhaseDateField = (typeof PHASE_WINDOWS)[number]['start' | 'end'];
export type PhaseDates = Record<PhaseDateField, Date | null>;

export const PHASE_DATE_FIELDS: PhaseDateField[] = PHASE_WINDOWS.flatMap((w) => [w.start, w.end]);

export type PhaseDateProblem =
  | { key: 'cycles.problem.endBeforeStart' }
  /** `previous` is the field this one must not precede; the page names it by its label */
  | { key: 'cycles.problem.beforePrevious' | 'cycles.problem.notAfterPrevious'; previous: PhaseDateField };

/**
 * Checks each date against the nearest earlier date that is filled in (blank dates are allowed and
 * skipped). A problem is reported on the later field, the one that is out of order.
 */
export function phaseDateProblems(dates: PhaseDates): Partial<Record<PhaseDateField, PhaseDateProblem>> {
  const problems: Partial<Record<PhaseDateField, PhaseDateProblem>> = {};
  let previous: { field: PhaseDateField; at: number } | null = null;
  for (const window of PHASE_WINDOWS) {
    for (const field of [window.start, window.end] as const) {
      const value = dates[field];
      if (!value) continue;
      const at = value.getTime();
      if (previous) {
        const isEnd = field === window.end;
        const inOrder = isEnd ? previous.at < at : previous.at <= at;
        if (!inOrder) {
          problems[field] = isEnd && previous.field === window.start
            ? { key: 'cycles.problem.endBeforeStart' }
            : { key: isEnd ? 'cycles.problem.notAfterPrevious' : 'cycles.problem.beforePrevious', previous: previous.field };
        }
      }
      // An out-of-order date still becomes the reference, so one mistake is reported once, not twice.
      previous = { field, at };
    }
  }
  return problems;
}

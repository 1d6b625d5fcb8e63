import type { CycleStatus } from './cycle.entity';
import { PHASE_DATE_FIELDS, PHASE_WINDOWS, type PhaseDateField, type PhaseDates } from './phase-dates';

/**
 * The dates a phase button writes. The pages that let people act read the dates as well as the phase
 * (an officer nominates only inside the nominations window, a juror scores only inside the judging
 * window), so a phase moved by hand must move the dates with it, or a phase started early would open
 * nothing until its planned start. Pure: moveCyclePhase() applies the result, the confirmation page
 * shows it first.
 */

type Window = (typeof PHASE_WINDOWS)[number];

/** The window each phase runs in; approved, published and archived have none. */
const WINDOW_OF: Partial<Record<CycleStatus, Window>> = {
  nominations_open: PHASE_WINDOWS[0],
  screening: PHASE_WINDOWS[1],
  judging: PHASE_WINDOWS[2],
  deliberation: PHASE_WINDOWS[3],
};

export type DateChangeReason =
  /** the phase being left was planned to run longer: it ends now */
  | 'closesEarly'
  /** the phase being left had no end: it is recorded as ending now */
  | 'closesNow'
  /** the phase being left was closed before its planned start: it is recorded as having run for a moment */
  | 'neverOpened'
  /** the new phase was planned to start later: it starts now */
  | 'startsEarly'
  /** the new phase had no start: it is recorded as starting now */
  | 'startsNow'
  /** a planned date of the new phase or a later one has already passed: cleared, so the phase is not over the moment it opens */
  | 'passed';

export interface DateChange {
  field: PhaseDateField;
  from: Date | null;
  to: Date | null;
  reason: DateChangeReason;
}

export interface MoveDates {
  dates: PhaseDates;
  changes: DateChange[];
}

export interface MoveDateOptions {
  /**
   * Keep a planned start that is still ahead (the new phase then opens by the calendar). Only for
   * announcing nominations ahead of their start: every other phase started by hand starts now.
   */
  keepPlannedStart?: boolean;
}

export const windowOfPhase = (status: CycleStatus): Window | undefined => WINDOW_OF[status];

/**
 * The dates after moving from `from` to `to` at `now`, and what changed. With dates in order (the cycle
 * form allows no other), the result is in order too: the phase left ends now (never later), the new one
 * starts now (never later) and keeps its planned end, so every later date stays after it. Opening a
 * phase whose end has passed is refused for the phases the clock closes (phases.ts), because the clock
 * would close them again at once; for the others the passed end (and any later passed date) is cleared
 * and the admin sets a new one.
 */
export function datesForMove(dates: PhaseDates, from: CycleStatus, to: CycleStatus, now: Date, options: MoveDateOptions = {}): MoveDates {
  const next: PhaseDates = { ...dates };
  const changes: DateChange[] = [];
  const set = (field: PhaseDateField, value: Date | null, reason: DateChangeReason) => {
    changes.push({ field, from: dates[field], to: value, reason });
    next[field] = value;
  };

  const leaving = WINDOW_OF[from];
  const entering = WINDOW_OF[to];
  // Every window before the new one is over by now: walking back from now, no date may lie ahead of the
  // one after it. Usually only the window being left changes; earlier ones do when a cycle was moved
  // ahead of its dates before buttons moved dates.
  const firstAhead = entering ? PHASE_WINDOWS.indexOf(entering) : leaving ? PHASE_WINDOWS.indexOf(leaving) + 1 : 0;
  let limit = now;
  for (let i = firstAhead - 1; i >= 0; i--) {
    const w = PHASE_WINDOWS[i];
    const end = next[w.end];
    if (w === leaving && !end) set(w.end, limit, 'closesNow');
    else if (end && end > limit) set(w.end, limit, 'closesEarly');
    // A window closed before it opened by the calendar: a start after its end would break the order every
    // later save checks (and the database's check on the nominations window), so it becomes a moment before.
    const bound = next[w.end] ?? limit;
    const start = next[w.start];
    if (start && start >= bound) set(w.start, new Date(bound.getTime() - 1000), 'neverOpened');
    limit = next[w.start] ?? next[w.end] ?? limit;
  }

  if (entering) {
    const start = next[entering.start];
    const previous = firstAhead > 0 ? next[PHASE_WINDOWS[firstAhead - 1].end] : null;
    const keep = options.keepPlannedStart && start && start > now;
    if (!keep && (!start || start > now)) set(entering.start, now, start ? 'startsEarly' : 'startsNow');
    // planned to start before the previous phase, which has only just ended (it ran late): it starts now
    else if (!keep && previous && start < previous) set(entering.start, now, 'startsNow');
    // Dates of this phase and later ones that have passed belong to a plan overtaken by events: the new
    // phase must not be over the moment it opens, nor a later phase planned in the past. They are cleared
    // (and shown) for the admin to set anew, rather than moved by a guess.
    for (const field of PHASE_DATE_FIELDS.slice(PHASE_DATE_FIELDS.indexOf(entering.end))) {
      const at = next[field];
      if (at && at <= now) set(field, null, 'passed');
    }
  }
  const position = (c: DateChange) => PHASE_DATE_FIELDS.indexOf(c.field);
  return { dates: next, changes: changes.sort((a, b) => position(a) - position(b)) };
}

/** May the admin choose to announce the phase now and open it on its planned start (nominations only)? */
export function mayKeepPlannedStart(dates: PhaseDates, to: CycleStatus, now: Date): boolean {
  return to === 'nominations_open' && !!dates.nominationsStart && dates.nominationsStart > now;
}

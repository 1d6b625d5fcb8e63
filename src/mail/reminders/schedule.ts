import type { Cycle } from '../../cycles/cycle.entity';
import type { MailKind } from '../kinds';
import { officerEditWindow } from '../../nominations/rules';
import { theStatus } from '../../nominations/statuses';
import { judgingOpen } from '../../jury/judging-window';
import { fromLocalInput, toLocalInput } from '../../web/zoned-time';

/**
 * When reminders fall due, and to whom they go: pure, no database (test/mail/reminder-engine.test.ts works
 * examples by hand). The sweep (sweep.ts) gathers the facts and enqueues what this decides.
 *
 * Deadlines are stored as instants (timestamptz) and entered and read on the region's clocks, so «N days
 * before» is counted on the region's calendar: a reminder falls due at 09:00 region time on the day N days
 * before the deadline's day. People get it at the start of a working day — not at 23:59, which the usual
 * deadline of 23:59 minus whole days would give — and neither daylight saving nor the server's zone moves it.
 */

/** The days a cycle form accepts: whole days 1–30, up to three of them; 3 and 1 unless the admin says otherwise. */
export const REMINDER_DAYS = { min: 1, max: 30, most: 3, defaults: [3, 1] } as const;

/**
 * Reminder days as the admin types them («3, 1», «7 3 1»): whole days within the bounds, at most three, listed
 * from the earliest reminder to the last; null when the text is not that. Blank is no reminders at all.
 */
export function parseReminderDays(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.every((p) => /^\d{1,2}$/.test(p))) return null;
  const days = [...new Set(parts.map(Number))];
  if (days.length > REMINDER_DAYS.most || days.some((d) => d < REMINDER_DAYS.min || d > REMINDER_DAYS.max)) return null;
  return days.sort((x, y) => y - x);
}

/** Reminder days as the form shows them: «3, 1». */
export const formatReminderDays = (days: readonly number[]): string => days.join(', ');

/** The hour of the region's clock at which a reminder falls due on its day. */
export const REMINDER_HOUR = 9;

export type ReminderKind = Extract<MailKind, 'reminder_officer_drafts' | 'reminder_juror_scorecards'>;
export const REMINDER_KINDS: readonly ReminderKind[] = ['reminder_officer_drafts', 'reminder_juror_scorecards'];

type CycleDates = Pick<Cycle, 'status' | 'nominationsStart' | 'nominationsEnd' | 'screeningEnd' | 'judgingStart' | 'judgingEnd' | 'nominationsReminderDays' | 'judgingReminderDays'>;

/** What each reminder counts down to, the cycle's days for it, and whether people can still act on it. */
const DEADLINES: Record<ReminderKind, { deadline: (c: CycleDates) => Date | null; days: (c: CycleDates) => readonly number[]; open: (c: CycleDates, now: Date) => boolean }> = {
  // officers with drafts, before nominations close: a draft may be finished and submitted only while they are open
  reminder_officer_drafts: {
    deadline: (c) => c.nominationsEnd,
    days: (c) => c.nominationsReminderDays,
    open: (c, now) => officerEditWindow(c, theStatus('unsent'), now).open,
  },
  // jurors with unsubmitted scorecards, before judging closes: they score only while it is open
  reminder_juror_scorecards: {
    deadline: (c) => c.judgingEnd,
    days: (c) => c.judgingReminderDays,
    open: (c, now) => judgingOpen(c, now),
  },
};

/** The instant the reminder `daysBefore` days ahead of `deadline` falls due (09:00 region time, that many calendar days earlier). */
export function reminderDueAt(deadline: Date, daysBefore: number, timeZone: string): Date {
  const [year, month, day] = toLocalInput(deadline, timeZone).slice(0, 10).split('-').map(Number);
  // calendar arithmetic on a date of its own (UTC is only a neutral calendar here): 1 March − 1 day = 28 or 29 February
  const date = new Date(Date.UTC(year, month - 1, day - daysBefore)).toISOString().slice(0, 10);
  return fromLocalInput(`${date}T${String(REMINDER_HOUR).padStart(2, '0')}:00`, timeZone)!;
}

export interface DueReminder {
  kind: ReminderKind;
  deadline: Date;
  daysBefore: number;
  dueAt: Date;
}

/**
 * The reminder of a cycle that should have gone by `now`, if any: of the thresholds already reached, only the
 * nearest to the deadline (a sweep that runs late sends one reminder, not a burst of stale ones); none while
 * people cannot act (the phase closed or not yet open) and none from the deadline on.
 */
export function dueReminder(kind: ReminderKind, cycle: CycleDates, now: Date, timeZone: string): DueReminder | null {
  const rule = DEADLINES[kind];
  const deadline = rule.deadline(cycle);
  if (!deadline || now >= deadline || !rule.open(cycle, now)) return null;
  let nearest: DueReminder | null = null;
  for (const daysBefore of rule.days(cycle)) {
    const dueAt = reminderDueAt(deadline, daysBefore, timeZone);
    if (dueAt <= now && (!nearest || dueAt > nearest.dueAt)) nearest = { kind, deadline, daysBefore, dueAt };
  }
  return nearest;
}

/** Someone the reminder may concern, with how much they have left to do (drafts, unscored nominations). */
export interface Outstanding {
  userId: number;
  left: number;
}

export interface PlannedReminder extends DueReminder {
  userId: number;
  left: number;
  /** one per cycle, deadline, threshold and person: a second sweep finds it sent and sends nothing */
  idempotencyKey: string;
}

export function reminderKey(kind: ReminderKind, cycleId: number, deadline: Date, daysBefore: number, userId: number): string {
  return `${kind}:cycle:${cycleId}:deadline:${deadline.toISOString()}:days:${daysBefore}:user:${userId}`;
}

/** The reminders to enqueue: the due one, to each person who still has something left to do. */
export function plannedReminders(cycleId: number, due: DueReminder | null, people: readonly Outstanding[]): PlannedReminder[] {
  if (!due) return [];
  return people
    .filter((p) => p.left > 0)
    .map((p) => ({ ...due, userId: p.userId, left: p.left, idempotencyKey: reminderKey(due.kind, cycleId, due.deadline, due.daysBefore, p.userId) }));
}

import { dueReminder, formatReminderDays, parseReminderDays, plannedReminders, reminderDueAt, reminderKey } from '../../src/mail/reminders/schedule';
import type { Cycle } from '../../src/cycles/cycle.entity';

/**
 * The reminder engine, worked by hand. The region is Moscow (UTC+3 all year): nominations close on
 * 1 March 2026 at 23:59 Moscow time = 20:59 UTC. «3 days before» is 26 February, «1 day before» is
 * 28 February, each at 09:00 Moscow time = 06:00 UTC.
 */
const MSK = 'Europe/Moscow';
const at = (iso: string) => new Date(iso);

type Dates = Parameters<typeof dueReminder>[1];
const nominating = (over: Partial<Cycle> = {}): Dates => ({
  status: 'nominations_open',
  nominationsStart: at('2026-02-01T06:00:00Z'),
  nominationsEnd: at('2026-03-01T20:59:00Z'),
  screeningEnd: at('2026-03-15T20:59:00Z'),
  judgingStart: null,
  judgingEnd: null,
  nominationsReminderDays: [3, 1],
  judgingReminderDays: [3, 1],
  ...over,
});
const judging = (over: Partial<Cycle> = {}): Dates => ({
  ...nominating({ status: 'judging' }),
  judgingStart: at('2026-04-01T06:00:00Z'),
  judgingEnd: at('2026-04-20T20:59:00Z'),
  ...over,
});

describe('the day a reminder falls due', () => {
  it('is 09:00 region time, the given number of calendar days before the deadline', () => {
    expect(reminderDueAt(at('2026-03-01T20:59:00Z'), 3, MSK)).toEqual(at('2026-02-26T06:00:00Z'));
    expect(reminderDueAt(at('2026-03-01T20:59:00Z'), 1, MSK)).toEqual(at('2026-02-28T06:00:00Z'));
  });

  it('counts a leap year’s 29 February', () => {
    expect(reminderDueAt(at('2028-03-01T20:59:00Z'), 1, MSK)).toEqual(at('2028-02-29T06:00:00Z'));
  });

  it('counts from the deadline’s day on the region’s calendar, not the UTC one', () => {
    // 02:00 on 1 March in Moscow is still 28 February in UTC; the day before it is 28 February in Moscow
    expect(reminderDueAt(at('2026-02-28T23:00:00Z'), 1, MSK)).toEqual(at('2026-02-28T06:00:00Z'));
  });

  it('keeps 09:00 on the wall clock across a daylight-saving change', () => {
    // Berlin moves to summer time on 29 March 2026: the deadline is 23:59 CEST on 30 March, three days before is 27 March, 09:00 CET = 08:00 UTC
    expect(reminderDueAt(at('2026-03-30T21:59:00Z'), 3, 'Europe/Berlin')).toEqual(at('2026-03-27T08:00:00Z'));
    expect(reminderDueAt(at('2026-03-30T21:59:00Z'), 1, 'Europe/Berlin')).toEqual(at('2026-03-29T07:00:00Z'));
  });
});

describe('the reminder to officers with drafts', () => {
  const due = (now: string, cycle = nominating()) => dueReminder('reminder_officer_drafts', cycle, at(now), MSK);

  it('is not due a minute before the first threshold', () => {
    expect(due('2026-02-26T05:59:00Z')).toBeNull();
  });

  it('is the 3-day one from 26 February 09:00 until the 1-day one is reached', () => {
    expect(due('2026-02-26T06:00:00Z')).toEqual({ kind: 'reminder_officer_drafts', deadline: at('2026-03-01T20:59:00Z'), daysBefore: 3, dueAt: at('2026-02-26T06:00:00Z') });
    expect(due('2026-02-28T05:59:00Z')?.daysBefore).toBe(3);
  });

  it('is the 1-day one from 28 February 09:00 until the deadline', () => {
    expect(due('2026-02-28T06:00:00Z')?.daysBefore).toBe(1);
    expect(due('2026-03-01T20:58:59Z')?.daysBefore).toBe(1);
  });

  it('is only the nearest threshold when the sweep runs late: the 3-day one never goes once the 1-day one is due', () => {
    expect(due('2026-03-01T10:00:00Z')).toEqual({ kind: 'reminder_officer_drafts', deadline: at('2026-03-01T20:59:00Z'), daysBefore: 1, dueAt: at('2026-02-28T06:00:00Z') });
  });

  it('does not depend on the order the days were typed in', () => {
    expect(due('2026-02-28T06:00:00Z', nominating({ nominationsReminderDays: [1, 3] }))?.daysBefore).toBe(1);
  });

  it('is never due from the deadline on', () => {
    expect(due('2026-03-01T20:59:00Z')).toBeNull();
    expect(due('2026-03-05T06:00:00Z')).toBeNull();
  });

  it('is not due while nominations are shut: closed early by the admin, or announced but not open yet', () => {
    expect(due('2026-02-28T06:00:00Z', nominating({ status: 'screening' }))).toBeNull();
    expect(due('2026-02-28T06:00:00Z', nominating({ nominationsStart: at('2026-02-28T12:00:00Z') }))).toBeNull();
    expect(due('2026-02-28T06:00:00Z', nominating({ status: 'draft' }))).toBeNull();
  });

  it('is never due when the cycle sets no reminder days or no deadline', () => {
    expect(due('2026-02-28T06:00:00Z', nominating({ nominationsReminderDays: [] }))).toBeNull();
    expect(due('2026-02-28T06:00:00Z', nominating({ nominationsEnd: null }))).toBeNull();
  });

  it('counts from the deadline as it is now: a deadline moved later moves the thresholds with it', () => {
    expect(due('2026-02-28T06:00:00Z', nominating({ nominationsEnd: at('2026-03-10T20:59:00Z') }))).toBeNull();
    expect(due('2026-03-07T06:00:00Z', nominating({ nominationsEnd: at('2026-03-10T20:59:00Z') }))?.deadline).toEqual(at('2026-03-10T20:59:00Z'));
  });
});

describe('the reminder to jurors with unsubmitted scorecards', () => {
  const due = (now: string, cycle = judging()) => dueReminder('reminder_juror_scorecards', cycle, at(now), MSK);

  it('follows the judging deadline and the cycle’s own judging days', () => {
    // judging closes 20 April 23:59 Moscow time; with days 5 and 2 the thresholds are 15 and 18 April, 09:00
    const cycle = judging({ judgingReminderDays: [5, 2] });
    expect(due('2026-04-15T05:59:00Z', cycle)).toBeNull();
    expect(due('2026-04-15T06:00:00Z', cycle)?.daysBefore).toBe(5);
    expect(due('2026-04-18T06:00:00Z', cycle)?.daysBefore).toBe(2);
    expect(due('2026-04-20T20:59:00Z', cycle)).toBeNull();
  });

  it('is not due once judging is closed, nor before it starts, nor in another phase', () => {
    expect(due('2026-04-19T06:00:00Z', judging({ status: 'deliberation' }))).toBeNull();
    expect(due('2026-04-19T06:00:00Z', judging({ judgingStart: at('2026-04-19T12:00:00Z') }))).toBeNull();
    expect(due('2026-04-19T06:00:00Z', judging({ status: 'screening' }))).toBeNull();
  });
});

describe('the reminders planned for people', () => {
  const due = dueReminder('reminder_officer_drafts', nominating(), at('2026-02-28T06:00:00Z'), MSK);

  it('go to each person with something left, with how much, under a key naming cycle, deadline, threshold and person', () => {
    const planned = plannedReminders(7, due, [{ userId: 12, left: 2 }, { userId: 13, left: 0 }, { userId: 14, left: 1 }]);
    expect(planned.map((p) => [p.userId, p.left, p.idempotencyKey])).toEqual([
      [12, 2, 'reminder_officer_drafts:cycle:7:deadline:2026-03-01T20:59:00.000Z:days:1:user:12'],
      [14, 1, 'reminder_officer_drafts:cycle:7:deadline:2026-03-01T20:59:00.000Z:days:1:user:14'],
    ]);
  });

  it('are none when no reminder is due', () => {
    expect(plannedReminders(7, null, [{ userId: 12, left: 2 }])).toEqual([]);
  });

  it('get another key for another threshold or a moved deadline, so each goes once', () => {
    const key = reminderKey('reminder_juror_scorecards', 7, at('2026-04-20T20:59:00Z'), 3, 12);
    expect(key).not.toBe(reminderKey('reminder_juror_scorecards', 7, at('2026-04-20T20:59:00Z'), 1, 12));
    expect(key).not.toBe(reminderKey('reminder_juror_scorecards', 7, at('2026-04-22T20:59:00Z'), 3, 12));
    expect(key).not.toBe(reminderKey('reminder_officer_drafts', 7, at('2026-04-20T20:59:00Z'), 3, 12));
  });
});

describe('reminder days as the admin types them', () => {
  it('are whole days from 1 to 30, up to three, in any order and separation, kept from the earliest reminder to the last', () => {
    expect(parseReminderDays('3, 1')).toEqual([3, 1]);
    expect(parseReminderDays('1 7;3')).toEqual([7, 3, 1]);
    expect(parseReminderDays('30,1,1')).toEqual([30, 1]);
    expect(formatReminderDays([7, 3, 1])).toBe('7, 3, 1');
  });

  it('are none when the field is blank', () => {
    expect(parseReminderDays('  ')).toEqual([]);
  });

  it('refuse zero, more than 30, fractions, words and a fourth day', () => {
    for (const text of ['0', '31', '2.5', 'три', '-1', '7, 5, 3, 1', '100']) expect(parseReminderDays(text)).toBeNull();
  });
});

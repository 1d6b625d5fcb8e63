import type { DataSource, EntityManager } from 'typeorm';
import { Cycle } from '../../cycles/cycle.entity';
import { mailUser } from '../outbox';
import { dueReminder, plannedReminders, REMINDER_KINDS, type PlannedReminder, type ReminderKind } from './schedule';
import { jurorsWithUnscored, officersWithDrafts, type Person } from './outstanding';

/** Who each reminder may concern, and the page its mail links to. */
const AUDIENCE: Record<ReminderKind, { people: (m: EntityManager, cycleId: number) => Promise<Person[]>; link: string }> = {
  reminder_officer_drafts: { people: officersWithDrafts, link: '/officer' },
  reminder_juror_scorecards: { people: jurorsWithUnscored, link: '/jury' },
};

/**
 * Enqueues the reminders due at `now` (see schedule.ts) and returns how many it enqueued. Runs every few minutes
 * from the periodic tasks (src/jobs/periodic.ts), one process at a time; tests call it with a `now` of their
 * choosing. Each cycle's reminder is enqueued in a transaction of its own, and the idempotency key makes every
 * later sweep, or a second process, find it there and send nothing.
 */
export async function sendDueReminders(ds: DataSource, now: Date, timeZone: string): Promise<number> {
  // only cycles with a deadline still ahead can owe a reminder; the engine decides the rest
  const cycles = await ds.getRepository(Cycle).createQueryBuilder('c').where('c.nominations_end > :now OR c.judging_end > :now', { now }).orderBy('c.id').getMany();
  let enqueued = 0;
  for (const cycle of cycles) {
    for (const kind of REMINDER_KINDS) {
      const due = dueReminder(kind, cycle, now, timeZone);
      if (!due) continue;
      enqueued += await ds.transaction(async (m) => {
        const planned = await notYetEnqueued(m, plannedReminders(cycle.id, due, await AUDIENCE[kind].people(m, cycle.id)));
        let created = 0;
        for (const reminder of planned) {
          const data = { cycleName: cycle.name, count: reminder.left, deadline: reminder.deadline, daysBefore: reminder.daysBefore, link: AUDIENCE[kind].link };
          const result = await mailUser(m, reminder.userId, { kind, idempotencyKey: reminder.idempotencyKey, data, cycleId: cycle.id });
          if (result?.created) created += 1;
        }
        return created;
      });
    }
  }
  return enqueued;
}

/** Leaves out the reminders already in the outbox, so a sweep between a threshold and the deadline composes nothing twice. */
async function notYetEnqueued(m: EntityManager, planned: PlannedReminder[]): Promise<PlannedReminder[]> {
  if (!planned.length) return planned;
  const rows: Array<{ key: string }> = await m.query(`SELECT idempotency_key AS key FROM mail_message WHERE idempotency_key = ANY($1)`, [planned.map((r) => r.idempotencyKey)]);
  const sent = new Set(rows.map((r) => r.key));
  return planned.filter((r) => !sent.has(r.idempotencyKey));
}

import type { DataSource } from 'typeorm';
import { loadConfig } from '../config';
import { sendDueReminders } from '../mail/reminders/sweep';
import { sweepRetention } from '../consent/retention';
import { sendDueJoinLinks } from '../events/join-links';
import { expireDueOffers } from '../programmes/offer-expiry';

/**
 * Work that runs by the clock (src/jobs/scheduler.ts runs it). Each task runs on one process at a time,
 * however many processes share the database; a run that fails is logged and the next one comes at its time.
 */
export interface PeriodicTask {
  /** unique, `domain.what` (it names the task's schedule in the job queue) */
  name: string;
  /** five-field cron in the region's time zone, e.g. `*\/15 * * * *` */
  cron: string;
  run(ds: DataSource, now: Date): Promise<void>;
}

/** Every periodic task of Laureate; a domain adds its entry here. */
export const PERIODIC_TASKS: PeriodicTask[] = [
  // offers of programme places past their deadline (src/programmes/offer-expiry.ts): each place goes to the reserve
  {
    name: 'programmes.offers',
    cron: '*/5 * * * *',
    run: async (ds, now) => {
      await expireDueOffers(ds, now);
    },
  },
  // deadline reminders (src/mail/reminders): due at 09:00 region time, so every 5 minutes is on time enough
  {
    name: 'mail.reminders',
    cron: '*/5 * * * *',
    run: async (ds, now) => {
      await sendDueReminders(ds, now, loadConfig().regionTz);
    },
  },
  // personal data past retention (src/consent/retention.ts): a night's run, in batches
  {
    name: 'consent.retention',
    cron: '30 3 * * *',
    run: async (ds, now) => {
      await sweepRetention(ds, now, loadConfig().retentionYears);
    },
  },
  // joining links of online events (src/events/join-links.ts): a day before the start, once each
  {
    name: 'events.join-links',
    cron: '*/15 * * * *',
    run: async (ds, now) => {
      await sendDueJoinLinks(ds, now);
    },
  },
];

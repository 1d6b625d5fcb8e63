import type { PgBoss } from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { createBoss } from './boss';
import { PERIODIC_TASKS, type PeriodicTask } from './periodic';

export interface Jobs {
  boss: PgBoss;
  /** asks for a run of `name` now (as its schedule would); false when one is already waiting or running */
  runNow(name: string): Promise<boolean>;
  /** stops taking jobs and waits (up to `timeoutMs`) for running ones */
  stop(timeoutMs?: number): Promise<void>;
}

export interface JobsOptions {
  dataSource: DataSource;
  /** the region's time zone: cron expressions are read in it */
  timeZone: string;
  logger?: Pick<Logger, 'warn' | 'error'>;
  /** the registry by default; tests pass their own */
  tasks?: PeriodicTask[];
  /** how often a worker looks for a due run, in seconds (pg-boss polls; at least 0.5) */
  pollingIntervalSeconds?: number;
}

/**
 * Runs the periodic tasks through pg-boss: each task is a queue with the `exclusive` policy (at most one run
 * waiting or running, in the whole database) and a cron schedule; pg-boss's clock, one process at a time,
 * sends a run when one is due, and whichever process fetches it runs it. A run that fails is logged and not
 * retried: the next one comes at its time. Schedules of tasks no longer in the registry are removed.
 */
export async function startJobs(options: JobsOptions): Promise<Jobs> {
  const tasks = options.tasks ?? PERIODIC_TASKS;
  const log = options.logger;
  const boss = await createBoss(options.dataSource, { schedule: true });
  boss.on('error', (err) => log?.warn({ err }, 'job queue error'));
  await boss.start();
  const names = new Set(tasks.map((t) => t.name));
  for (const s of await boss.getSchedules()) if (!names.has(s.name)) await boss.unschedule(s.name, s.key);
  for (const task of tasks) {
    await boss.createQueue(task.name, { policy: 'exclusive', retryLimit: 0, expireInSeconds: 15 * 60 });
    await boss.schedule(task.name, task.cron, null, { tz: options.timeZone });
    await boss.work(task.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async () => {
      try {
        await task.run(options.dataSource, new Date());
      } catch (err) {
        log?.error({ err, task: task.name }, 'periodic task failed');
        throw err; // pg-boss records the run as failed
      }
    });
  }
  return {
    boss,
    async runNow(name) {
      if (!names.has(name)) throw new Error(`no periodic task named ${name}`);
      return (await boss.send(name, null)) !== null;
    },
    async stop(timeoutMs = 8_000) {
      await boss.stop({ graceful: true, timeout: timeoutMs, close: false });
    },
  };
}

import 'reflect-metadata';
import { dataSource } from '../../ormconfig';
import { startJobs, type Jobs } from '../../src/jobs/scheduler';
import type { PeriodicTask } from '../../src/jobs/periodic';

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('periodic tasks run through the job queue', () => {
  const runs: Array<{ at: Date; process: string }> = [];
  let release: () => void = () => undefined;
  const task = (process: string): PeriodicTask => ({
    name: 'test.sweep',
    cron: '*/5 * * * *',
    async run(_ds, now) {
      runs.push({ at: now, process });
      await new Promise<void>((r) => (release = r));
    },
  });
  let a: Jobs;
  let b: Jobs;

  beforeAll(async () => {
    if (!dataSource.isInitialized) await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    // two app processes on one database: two queues' workers, each with its own copy of the task
    a = await startJobs({ dataSource, timeZone: 'Europe/Moscow', tasks: [task('a')], pollingIntervalSeconds: 0.5 });
    b = await startJobs({ dataSource, timeZone: 'Europe/Moscow', tasks: [task('b')], pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    release();
    await a?.stop(2_000);
    await b?.stop(2_000);
    if (dataSource.isInitialized) await dataSource.destroy();
  });

  it('keeps each task on its cron schedule, in the region’s time zone', async () => {
    const schedules = await a.boss.getSchedules('test.sweep');
    expect(schedules.map((s) => [s.name, s.cron, s.timezone])).toEqual([['test.sweep', '*/5 * * * *', 'Europe/Moscow']]);
  });

  it('runs a task on one process at a time: a second run is refused while one is running', async () => {
    expect(await a.runNow('test.sweep')).toBe(true);
    await until(() => runs.length === 1);
    expect(await b.runNow('test.sweep')).toBe(false);
    await new Promise((r) => setTimeout(r, 1_500)); // both workers polled meanwhile
    expect(runs).toHaveLength(1);
    release();
    // once it has finished, the next run is accepted and taken (by either process)
    await until(() => b.runNow('test.sweep'));
    await until(() => runs.length === 2);
    release();
  });
});

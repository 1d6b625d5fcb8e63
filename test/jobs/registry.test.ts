import 'reflect-metadata';
import { dataSource } from '../../ormconfig';
import { startJobs } from '../../src/jobs/scheduler';
import { PERIODIC_TASKS } from '../../src/jobs/periodic';

describe('the registry of periodic tasks', () => {
  beforeAll(async () => {
    if (!dataSource.isInitialized) await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
  });

  it('names each task once', () => {
    expect(new Set(PERIODIC_TASKS.map((t) => t.name)).size).toBe(PERIODIC_TASKS.length);
  });

  it('is accepted by the job queue as it is: every task gets its schedule, and nothing else stays scheduled', async () => {
    const jobs = await startJobs({ dataSource, timeZone: 'Europe/Moscow' });
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(schedules.map((s) => [s.name, s.cron]).sort()).toEqual(PERIODIC_TASKS.map((t) => [t.name, t.cron]).sort());
    } finally {
      await jobs.stop(2_000);
    }
  });
});

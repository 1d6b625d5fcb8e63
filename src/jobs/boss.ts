import type { PgBoss } from 'pg-boss';
import { loadPgBoss } from './load-boss';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** pg-boss keeps its tables in a schema of its own, beside the app's (public) one. */
export const BOSS_SCHEMA = 'pgboss';

/**
 * The job queue (pg-boss) on the app's own connection pool: no second pool, which the embedded database
 * (a socket server with a fixed number of connections) could not give. pg-boss installs and migrates its
 * schema itself at start, under its own lock, so several processes may start at once.
 */
export async function createBoss(dataSource: DataSource, options: { schedule: boolean }): Promise<PgBoss> {
  const { PgBoss } = await loadPgBoss();
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) },
    schema: BOSS_SCHEMA,
    schedule: options.schedule,
    // the periodic tasks are few and coarse: a minute of lateness matters to none of them
    cronWorkerIntervalSeconds: 30,
    superviseIntervalSeconds: 60,
  });
}

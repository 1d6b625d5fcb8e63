import { MigrationExecutor, type DataSource, type Migration } from 'typeorm';
import type { Config } from '../config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';

export interface OpenDatabase {
  dataSource: DataSource;
  /** set when this process serves the embedded database */
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/** Starts the embedded database when DATABASE_URL is unset, then connects the one DataSource. */
export async function openDatabase(dataSource: DataSource, config: Config): Promise<OpenDatabase> {
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase(config.dataDir, config.poolSize + 2);
  try {
    await dataSource.initialize();
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  return {
    dataSource,
    embedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/**
 * Applies pending migrations, each in its own transaction. On PostgreSQL several app processes may start at
 * the same moment (a deploy behind a load balancer): a session advisory lock lets one migrate while the others
 * wait and then find nothing pending. Without it the second process fails on the schema the first is making
 * ("relation typeorm_migrations already exists") and exits. The embedded database has one process only.
 */
export async function runMigrationsOneAtATime(dataSource: DataSource, serialised: boolean): Promise<Migration[]> {
  if (!serialised) return dataSource.runMigrations({ transaction: 'each' });
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('laureate:migrations'))`);
    // the migrations run on the connection holding the lock, so a pool of one connection is enough
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    return await executor.executePendingMigrations();
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('laureate:migrations'))`).catch(() => undefined);
    await runner.release();
  }
}

import type { DataSource } from 'typeorm';
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

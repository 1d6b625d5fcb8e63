import 'reflect-metadata';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions as PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { loadConfig, type Config } from './src/config';
import { entities } from './src/db/entities';
import { SnakeNamingStrategy } from './src/db/naming';
import { embeddedSocketDir, EMBEDDED_PORT } from './src/db/embedded-paths';

/**
 * The one DataSource of Laureate, used by the app, the tests and the TypeORM CLI.
 * DATABASE_URL set → PostgreSQL; unset → the embedded PGlite, which the app (or a CLI wrapper)
 * serves on a Unix socket inside DATA_DIR, so both paths go through the same `pg` driver.
 */
export function dataSourceOptions(config: Config): PostgresConnectionOptions {
  const connection = config.databaseUrl
    ? { url: config.databaseUrl }
    : { host: embeddedSocketDir(config.dataDir), port: EMBEDDED_PORT, username: 'postgres', database: 'postgres' };
  return {
    type: 'postgres',
    ...connection,
    entities,
    migrations: [path.join(__dirname, 'migrations', '*.{js,ts}')],
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: config.env === 'test' ? false : ['error'],
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: config.poolSize,
    extra: { connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 },
  };
}

export const dataSource = new DataSource(dataSourceOptions(loadConfig()));
export default dataSource;

import path from 'node:path';

/** Where the embedded database keeps its files and its socket inside DATA_DIR. */
export const EMBEDDED_PORT = 5432;
export const embeddedSocketDir = (dataDir: string) => dataDir;
export const embeddedSocketPath = (dataDir: string) => path.join(dataDir, `.s.PGSQL.${EMBEDDED_PORT}`);
export const embeddedPgDataDir = (dataDir: string) => path.join(dataDir, 'pgdata');
export const embeddedLockFile = (dataDir: string) => path.join(dataDir, 'laureate.lock');

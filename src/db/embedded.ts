import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { embeddedLockFile, embeddedPgDataDir, embeddedSocketPath } from './embedded-paths';
import { keepExtendedQueriesTogether } from './pglite-protocol-queue';
import { createCluster } from './embedded-template';

export interface EmbeddedDatabase {
  /** true when this start created the data folder (a first start). */
  created: boolean;
  stop(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`DATA_DIR ${dataDir} is already in use by another Laureate process (pid ${pid}). ` +
      'Stop it first, or set DATA_DIR to another folder. Two processes on one embedded database would corrupt it; ' +
      'to run several processes, use PostgreSQL (DATABASE_URL).');
  }
}

/**
 * Starts PGlite (PostgreSQL compiled to WASM) on DATA_DIR and serves it on a Unix socket, so the app
 * reaches it with the ordinary `pg` driver. PGlite is single-session: the socket server multiplexes
 * `maxConnections` clients and keeps a transaction on the connection that opened it.
 */
export async function startEmbeddedDatabase(dataDir: string, maxConnections: number): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  acquireLock(dataDir);
  try {
    const pgdata = embeddedPgDataDir(dataDir);
    const created = !fs.existsSync(pgdata) || fs.readdirSync(pgdata).length === 0;
    const socketPath = embeddedSocketPath(dataDir);
    fs.rmSync(socketPath, { force: true }); // a stale socket of a crashed process; the lock proved it dead
    const db = created ? await createCluster(pgdata) : await PGlite.create(pgdata);
    const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
    keepExtendedQueriesTogether(server);
    await server.start();
    let stopped = false;
    return {
      created,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await db.close();
        fs.rmSync(socketPath, { force: true });
        releaseLock(dataDir);
      },
    };
  } catch (err) {
    releaseLock(dataDir);
    throw err;
  }
}

function acquireLock(dataDir: string): void {
  const file = embeddedLockFile(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dataDir, pid);
      fs.rmSync(file, { force: true }); // left by a process that no longer runs
    }
  }
  throw new Error(`Could not lock ${file}`);
}

function releaseLock(dataDir: string): void {
  const file = embeddedLockFile(dataDir);
  try {
    if (Number(fs.readFileSync(file, 'utf8').trim()) === process.pid) fs.rmSync(file, { force: true });
  } catch {
    /* already gone */
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

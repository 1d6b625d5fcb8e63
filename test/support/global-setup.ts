import fs from 'node:fs';
import { Client } from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded';
import { WORKERS, embeddedDirFor, embeddedRoot, workerDatabaseUrl } from './databases';

/**
 * One database per Jest worker, created once per run: on PostgreSQL (DATABASE_URL) a fresh database per
 * worker; otherwise one embedded PGlite per worker, served from this process on a Unix socket.
 * Test files reset the tables, not the database, so the suite stays fast.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${process.pid}`;
  process.env.LAUREATE_TEST_RUN = runId;
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    process.env.LAUREATE_TEST_BASE_URL = baseUrl;
    const admin = new Client({ connectionString: baseUrl });
    await admin.connect();
    try {
      for (let w = 1; w <= WORKERS; w++) {
        const name = new URL(workerDatabaseUrl(baseUrl, w, runId)).pathname.slice(1);
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.query(`CREATE DATABASE "${name}"`);
      }
    } finally {
      await admin.end();
    }
    return;
  }
  const root = embeddedRoot(runId);
  fs.rmSync(root, { recursive: true, force: true });
  // initdb once, then copy the fresh cluster for the other workers: starting from a copy is much faster.
  // connections per worker's database: a test file may run two apps (two pools of DB_POOL_SIZE 8), and the
  // previous file's pool may still be closing while the next one's opens
  const connections = 24;
  const first = await startEmbeddedDatabase(embeddedDirFor(root, 1), connections);
  await first.stop();
  for (let w = 2; w <= WORKERS; w++) fs.cpSync(embeddedDirFor(root, 1), embeddedDirFor(root, w), { recursive: true });
  const servers: EmbeddedDatabase[] = [];
  for (let w = 1; w <= WORKERS; w++) servers.push(await startEmbeddedDatabase(embeddedDirFor(root, w), connections));
  (globalThis as { __laureateDatabases?: EmbeddedDatabase[] }).__laureateDatabases = servers;
}

import fs from 'node:fs';
import { Client } from 'pg';
import type { EmbeddedDatabase } from '../../src/db/embedded';
import { WORKERS, embeddedRoot, workerDatabaseUrl } from './databases';

export default async function globalTeardown(): Promise<void> {
  const runId = process.env.LAUREATE_TEST_RUN!;
  const baseUrl = process.env.LAUREATE_TEST_BASE_URL;
  if (baseUrl) {
    const admin = new Client({ connectionString: baseUrl });
    await admin.connect();
    try {
      for (let w = 1; w <= WORKERS; w++) {
        const name = new URL(workerDatabaseUrl(baseUrl, w, runId)).pathname.slice(1);
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
    return;
  }
  const servers = (globalThis as { __laureateDatabases?: EmbeddedDatabase[] }).__laureateDatabases ?? [];
  for (const s of servers) await s.stop();
  fs.rmSync(embeddedRoot(runId), { recursive: true, force: true });
}

import { embeddedDirFor, embeddedRoot, workerDatabaseUrl } from './databases';

// Runs in each worker before any test module: points the one DataSource at this worker's database.
const worker = Number(process.env.JEST_WORKER_ID ?? '1');
const runId = process.env.LAUREATE_TEST_RUN!;
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.SESSION_SECRET = 'test-session-secret-0123456789';
process.env.DB_POOL_SIZE = '8';
if (process.env.LAUREATE_TEST_BASE_URL) process.env.DATABASE_URL = workerDatabaseUrl(process.env.LAUREATE_TEST_BASE_URL, worker, runId);
else {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = embeddedDirFor(embeddedRoot(runId), worker);
}

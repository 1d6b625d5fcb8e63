import os from 'node:os';
import path from 'node:path';

/** How many Jest workers can run at once; each gets its own database. Keep in step with jest.config.js. */
export const WORKERS = 2;

export const embeddedDirFor = (root: string, worker: number) => path.join(root, `w${worker}`);

export function workerDatabaseUrl(baseUrl: string, worker: number, runId: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${url.pathname.replace(/^\//, '') || 'postgres'}_w${worker}_${runId}`;
  return url.toString();
}

export const embeddedRoot = (runId: string) => path.join(os.tmpdir(), `laureate-test-${runId}`);

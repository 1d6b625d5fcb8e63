import http from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { dataSource } from '../../ormconfig';
import { loadConfig } from '../../src/config';
import { buildApp } from '../../src/app';
import { seedPeople } from '../../src/demo/seed';
import { resetDatabase } from '../support/harness';

export interface E2eServer {
  /** where the browser finds the app, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  regionTz: string;
  /** the app itself, for tests that walk its router */
  app: Express;
}

/**
 * The real app over real HTTP, in this Jest worker, on the worker's test database (embedded or
 * PostgreSQL, as for every other test): emptied, then holding only the demo people. The port is
 * picked by the system before the app is built, so links the app writes with BASE_URL (certificate
 * QR codes and verification links) point at this very server. Call at the top of a describe block.
 */
export function useE2eServer(): E2eServer {
  const ctx = {} as E2eServer;
  let server: http.Server | undefined;
  let closeApp: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!dataSource.isInitialized) await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await resetDatabase(dataSource);
    await dataSource.transaction((m) => seedPeople(m));
    server = http.createServer();
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = { ...loadConfig(), baseUrl };
    const built = buildApp({ dataSource, config });
    server.on('request', built.app);
    closeApp = built.close;
    Object.assign(ctx, { baseUrl, regionTz: config.regionTz, app: built.app });
  });
  afterAll(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    await closeApp?.();
    if (dataSource.isInitialized) await dataSource.destroy();
  });
  return ctx;
}

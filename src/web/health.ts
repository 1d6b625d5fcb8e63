import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from './routing';

/** GET /healthz: 200 when the database answers within two seconds, else 503. */
export function registerHealthRoutes(app: Express, dataSource: DataSource): void {
  route(app, { method: 'get', path: '/healthz', policy: 'public' }, async (_req, res) => {
    const ok = await Promise.race([
      dataSource.query('SELECT 1').then(() => true, () => false),
      new Promise<boolean>((resolve) => setTimeout(resolve, 2000, false).unref()),
    ]);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', db: ok ? 'ok' : 'down' });
  });
}

import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { listCycles } from '../cycles/cycles-query';

/** The admin's start page: the state of the award at a glance, with the next things to do. */
export function registerAdminDashboard(app: Express, dataSource: DataSource): void {
  route(app, { method: 'get', path: '/admin', policy: 'admin' }, async (req, res) => {
    const rows: Array<{ role: string; active: string; pending: string }> = await dataSource.query(
      `SELECT role, count(*) FILTER (WHERE active) AS active, count(*) FILTER (WHERE active AND password_hash IS NULL) AS pending
         FROM app_user GROUP BY role ORDER BY role`,
    );
    const counts = rows.map((r) => ({ roleKey: `roles.${r.role}`, active: Number(r.active), pending: Number(r.pending) }));
    const cycles = await listCycles(dataSource.manager, 5);
    res.render('admin/dashboard', { title: req.t('admin.dashboard.title'), counts, cycles });
  });
}

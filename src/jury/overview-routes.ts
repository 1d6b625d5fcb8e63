import type { Express } from 'express';
import { phaseKeys } from '../cycles/phases';
import type { DataSource } from 'typeorm';
import { route } from '../web/routing';
import { flash } from '../web/flash';
import { notFound } from '../web/http-error';
import { cycleOr404 as cycleOfParam } from '../cycles/cycles-query';
import { cycleCoverage, cycleJurySummary } from './overview-queries';
import { setBlindJudging } from './blind';
import { formatPercent } from './admin-pages';

/** A cycle's jury at a glance: per category criteria, panel, assignments and completion; and blind judging. */
export function registerJuryOverviewRoutes(app: Express, dataSource: DataSource): void {
  const m = dataSource.manager;
  const cycleOr404 = (raw: unknown) => cycleOfParam(m, raw);

  route(app, { method: 'get', path: '/admin/cycles/:id/jury', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const categories = await cycleJurySummary(m, cycle.id);
    // Before judging closes, what is still missing: nominations short of jurors or without a submitted scorecard.
    const beforeClose = cycle.status === 'screening' || cycle.status === 'judging';
    const coverage = beforeClose ? await cycleCoverage(m, cycle, categories) : new Map();
    const missing = categories.reduce((s, c) => s + c.assignments - c.submitted, 0);
    res.render('admin/jury/overview', {
      title: req.t('juryAdmin.overview.title', { cycle: cycle.name }),
      cycle,
      statusKey: phaseKeys(cycle.kind, cycle.status).label,
      judgingWarning: cycle.status === 'judging' && missing > 0 ? { missing } : null,
      categories: categories.map((c) => ({
        ...c,
        modeText: c.mode === 'k' ? req.t('juryAdmin.overview.modeK', { k: c.k ?? 1 }) : c.mode === 'all' ? req.t('juryAdmin.overview.modeAll') : null,
        completion: c.assignments ? formatPercent(c.submitted / c.assignments) : '—',
        ready: c.accepted === 0 || (c.criteria > 0 && c.jurors > 0 && c.assignments > 0),
        lacking: coverage.get(c.id)?.lacking.length ?? 0,
        unscored: cycle.status === 'judging' ? (coverage.get(c.id)?.unscored.length ?? 0) : 0,
      })),
    });
  });

  route(app, { method: 'post', path: '/admin/cycles/:id/blind', policy: 'admin' }, async (req, res) => {
    const cycle = await cycleOr404(req.params.id);
    const blind = req.body?.blind === 'on' || req.body?.blind === '1';
    if (!(await dataSource.transaction((tx) => setBlindJudging(tx, req.user!.id, cycle.id, blind)))) throw notFound();
    flash(req, 'success', blind ? 'juryAdmin.blind.on' : 'juryAdmin.blind.off');
    res.redirect(303, `/admin/cycles/${cycle.id}/jury`);
  });
}
